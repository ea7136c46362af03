"""`batch` says what summarize says, and can stay in each article's language.

A paragraph kept untranslated for want of a model is a warning on stderr in every command, batch
included (named by its path, as batch names failures); `batch --no-translate` needs no model and
writes outputs labelled in the article's own language.

Through the CLI app in this process (invoke_cli): nothing here needs a process of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_cli import ENGLISH, RUSSIAN, assert_clean_stderr, invoke_cli

QUOTE = "Губернатор области заявил, что дорогу откроют в четверг, если погода улучшится."


@pytest.fixture
def in_dir(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "mixed.txt").write_text(ENGLISH + QUOTE + "\n", encoding="utf-8")
    (folder / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    return folder


def test_batch_warns_about_a_paragraph_left_untranslated(tmp_path, in_dir, no_models):
    out_dir = tmp_path / "out"
    batch = invoke_cli(["batch", in_dir, "-o", out_dir, "-n", "20"], env=no_models)
    assert_clean_stderr(batch.stderr)
    summary = invoke_cli(["summarize", "-n", "20", in_dir / "mixed.txt"], env=no_models)
    (expected,) = [line for line in summary.stderr.splitlines() if "warning" in line]
    (warning,) = [line for line in batch.stderr.splitlines() if "left in Russian" in line]
    assert warning == expected  # the same words, the same path
    assert "newsbrief models install ru" in warning
    # The Russian article needs the missing model: it fails, saying what needs none; the mixed
    # one is written.
    assert batch.returncode == 1
    (error,) = [line for line in batch.stderr.splitlines() if "error" in line]
    assert "ru.txt: no Russian→English model installed" in error and "--no-translate" in error
    md = (out_dir / "mixed.md").read_text(encoding="utf-8")
    assert f"| *\\[Russian, untranslated\\]* {QUOTE} |" in md


def test_batch_no_translate_needs_no_model_and_labels_the_languages(tmp_path, in_dir, no_models):
    out_dir = tmp_path / "out"
    result = invoke_cli(
        ["batch", in_dir, "-o", out_dir, "--no-translate", "--format", "html", "--format",
         "markdown"], env=no_models)
    assert result.returncode == 0, result.stderr
    assert_clean_stderr(result.stderr)
    assert "warning" not in result.stderr  # nothing is left untranslated: nothing is translated
    md = (out_dir / "ru.md").read_text(encoding="utf-8")
    assert "Russian (as written)" in md and "English" not in md
    assert "Городской совет Казани" in md
    page = (out_dir / "ru.html").read_text(encoding="utf-8")
    assert 'lang="ru"' in page and 'class="text" lang="en"' not in page
    index = (out_dir / "index.html").read_text(encoding="utf-8")
    assert '<ul lang="ru">' in index


def test_batch_help_documents_no_translate():
    result = invoke_cli(["batch", "--help"], env={"COLUMNS": "200"})
    assert "--no-translate" in result.stdout
