"""A sentence kept as written upstream stays so marked downstream.

`newsbrief translate --format jsonl x | newsbrief summarize --format jsonl` must not turn a
paragraph left in Russian (no model) into an "English" key point: the reader carries each
sentence's `"translated": false` and its own language into the SentencePair.
"""

from __future__ import annotations

import io
import json

from helpers_cli import ENGLISH, assert_clean_stderr, invoke_cli

from newsbrief.reading import read_inputs
from newsbrief.records import Document, DocumentError

QUOTE = "Губернатор области заявил, что дорогу откроют в четверг, если погода улучшится."


def read_line(record: dict) -> Document | DocumentError:
    data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    (doc,) = read_inputs(["-"], "jsonl", stdin=io.BytesIO(data))
    return doc


def test_an_upstream_sentence_kept_as_written_keeps_its_flag_and_language():
    doc = read_line({
        "id": "a", "language": "ru", "text": "x",
        "sentences": [
            {"source": "Заголовок", "text": "Заголовок", "translated": False, "language": "uk"},
            {"source": "Мэр сказал.", "text": "The mayor said."},
        ],
    })
    assert isinstance(doc, Document)
    kept, translated = doc.sentences
    assert (kept.translated, kept.language) == (False, "uk")
    assert (translated.translated, translated.language) == (True, "ru")


def test_a_translated_flag_that_is_not_a_boolean_is_a_format_error():
    doc = read_line({"id": "a", "text": "x",
                     "sentences": [{"source": "a", "text": "a", "translated": "no"}]})
    assert isinstance(doc, DocumentError) and doc.kind == "format"
    assert "sentences" in doc.message


def test_cli_translate_then_summarize_keeps_the_untranslated_paragraph_marked(tmp_path):
    empty = tmp_path / "no-models"
    empty.mkdir()
    env = {"NEWSBRIEF_MODELS_DIR": str(empty)}
    article = tmp_path / "mixed.txt"
    article.write_text(ENGLISH + QUOTE + "\n", encoding="utf-8")
    translated = invoke_cli(["translate", "--format", "jsonl", article], env=env)
    assert translated.returncode == 0, translated.stderr
    summary = invoke_cli(["summarize", "-n", "20", "--format", "jsonl"], input=translated.stdout,
                         env=env)
    assert summary.returncode == 0, summary.stderr
    assert_clean_stderr(summary.stderr)
    (record,) = [json.loads(line) for line in summary.stdout.splitlines()]
    assert record["id"] == str(article)
    (quote,) = [kp for kp in record["key_points"] if kp["text"] == QUOTE]
    assert quote["translated"] is False and quote["language"] == "ru"
    assert all("translated" not in kp for kp in record["key_points"] if kp is not quote)
    # and read back as text, the bullet still says what it is
    text = invoke_cli(["summarize", "-n", "20"], input=translated.stdout, env=env)
    assert f"• [Russian, untranslated] {QUOTE}" in text.stdout
