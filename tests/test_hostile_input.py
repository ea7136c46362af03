"""Hostile and everyday input through the real executable (issues 13 and 14, read stage).

Each test runs `newsbrief` the way a shell does: a bad line, a damaged character or a file in the
wrong encoding fails that one item with a line on stderr, and every other record is still written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers_cli import ENGLISH, assert_clean_stderr, english_variant, run_cli
from tests.test_pipes import pipe

REPO = Path(__file__).resolve().parents[1]
GOOD = '{"id":"a","text":"The council met on Monday."}\n'


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.mark.parametrize(
    "bad", ['{"id":1' + "0" * 4300 + "}", "[" * 100_000, '{"id":"b","text":'],
)
def test_one_bad_jsonl_line_fails_alone_and_the_rest_is_written(bad: str) -> None:
    result = run_cli(["summarize", "--format", "jsonl", "-n", "1"], input=GOOD + bad + "\n")
    assert result.returncode == 1
    assert_clean_stderr(result.stderr)
    assert "internal error" not in result.stderr
    good, failed = records(result.stdout)
    assert good["id"] == "a" and good["key_points"][0]["text"] == "The council met on Monday."
    assert failed["id"] == "-:2" and "error" in failed
    assert "newsbrief: error: -:2: line 2" in result.stderr


def test_lone_surrogate_is_replaced_with_a_warning(tmp_path: Path) -> None:
    src = tmp_path / "s.jsonl"
    src.write_text('{"id":"a","text":"\\ud800 The council met."}\n', encoding="utf-8")
    result = run_cli(["translate", src])
    assert result.returncode == 0, result.stderr
    assert_clean_stderr(result.stderr)
    assert result.stdout == "\ufffd The council met.\n"
    assert "U+FFFD" in result.stderr and "s.jsonl:1" in result.stderr


def test_jsonl_on_stdin_needs_no_option() -> None:
    lines = [
        '{"id":"a","text":"The council met on Monday. It approved the plan."}',
        '{"id":"b","text":"The ferry resumed on Wednesday. Tickets cost the same."}',
    ]
    result = run_cli(["summarize", "-n", "1", "--format", "jsonl"], input="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in records(result.stdout)] == ["a", "b"]


@pytest.fixture
def models_env(synthetic_models_dir, monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_MODELS_DIR", str(synthetic_models_dir))
    return synthetic_models_dir


def test_readme_jsonl_pipeline_keeps_the_three_records(models_env) -> None:
    samples = REPO / "samples" / "articles.jsonl"
    rc1, rc2, out, err = pipe(
        ["translate", "--format", "jsonl", samples], ["summarize", "--format", "jsonl"]
    )
    assert (rc1, rc2) == (0, 0), err
    got = records(out)
    ids = [json.loads(line)["id"] for line in samples.read_text("utf-8").splitlines()]
    assert [r["id"] for r in got] == ids
    assert all(r["key_points"] and "url" in r for r in got)


def test_text_of_several_documents_piped_on_stays_several_documents(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ENGLISH, encoding="utf-8")
    b.write_text(english_variant(4).replace("Storm closes", "Flood closes"), encoding="utf-8")
    rc1, rc2, out, err = pipe(["translate", a, b], ["summarize", "-n", "2", "--format", "jsonl"])
    assert (rc1, rc2) == (0, 0), err
    assert_clean_stderr(err)
    got = records(out)
    assert [r["id"] for r in got] == [str(a), str(b)]
    points = [kp["text"] for r in got for kp in r["key_points"]]
    assert not any("==>" in p for p in points)


def test_folder_names_what_it_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "more.jsonl").write_text('{"id":"x","text":"Other."}\n', encoding="utf-8")
    result = run_cli(["detect", tmp_path])
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert "skipped 1 other file: more.jsonl" in result.stderr


@pytest.mark.parametrize(
    ("argument", "says"),
    [
        ("https://example.org/news.html", "looks like a web address"),
        ("The council met on Monday", "looks like article text"),
    ],
)
def test_inline_text_or_url_argument_gets_a_hint(argument: str, says: str) -> None:
    result = run_cli(["summarize", argument])
    assert result.returncode == 1
    assert_clean_stderr(result.stderr)
    assert says in result.stderr
