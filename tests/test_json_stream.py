"""JSON output written in pieces: the same bytes as json.dumps, never one string for the whole
document, whole or not at all on standard output and in `-o FILE`."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest

from newsbrief import runner
from newsbrief.console import Reporter
from newsbrief.exit_status import ExitStatus
from newsbrief.records import Article, Detection, ParagraphLanguage
from newsbrief.render import render_articles, to_record, write_articles, write_record
from newsbrief.render.jsonout import CHUNK_CHARS, Items, dumps, write_json
from newsbrief.settings import RunSettings
from tests.helpers_cli import run_cli
from tests.test_render import articles

COMMANDS = ("detect", "translate", "summarize")

VALUES = [
    {},
    [],
    {"a": [], "b": {}, "c": [[]], "d": [{}]},
    ["Привет, «мир»", "quote \" back\\slash \n tab\t", "\u2028", "", "\x00\x1f"],
    [0, -1, 10**30, 0.1, 1e-7, 1e16, -0.0, 3.0, math.nan, math.inf, -math.inf],
    [True, False, None, {"nested": {"deeper": [1, {"x": None}]}}],
    {7: "int key", 2.5: "float key", False: "bool key", None: "null key", "ключ": "str"},
]


@pytest.mark.parametrize("indent", [2, None, 0, 4])
@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_the_writer_writes_what_json_dumps_writes(value, indent):
    parts: list[str] = []
    write_json(value, parts.append, indent=indent)
    assert "".join(parts) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_the_writer_refuses_what_json_refuses():
    with pytest.raises(TypeError):
        write_json({"a": {1, 2}}, lambda text: None)
    with pytest.raises(TypeError):
        write_json({(1, 2): "tuple key"}, lambda text: None)


def test_items_are_written_as_lists_even_when_empty():
    value = {"some": Items(lambda: iter([1, {"a": 2}])), "none": Items(lambda: iter([]))}
    assert dumps(value) == json.dumps(
        {"some": [1, {"a": 2}], "none": []}, ensure_ascii=False, indent=2
    ) + "\n"


def _long_article(paragraphs: int) -> Article:
    langs = ["en", "ru", "uk"]
    detection = Detection(
        language="en",
        confidence=0.91234567,
        paragraphs=[
            ParagraphLanguage(i, langs[i % 3], 1 / (i + 3)) for i in range(paragraphs)
        ],
    )
    return Article(id="long.txt", language="en", detection=detection, extra={"outlet": "Тест"})


def test_a_long_document_reaches_the_sink_in_many_bounded_writes():
    """The document of a long input never exists as one string: the sink sees it in pieces of
    about CHUNK_CHARS, and together they are exactly json.dumps of the records."""
    article = _long_article(20_000)
    sizes: list[int] = []
    parts: list[str] = []

    def sink(text: str) -> None:
        sizes.append(len(text))
        parts.append(text)

    write_articles("detect", [article], "json", sink)
    expected = json.dumps([to_record("detect", article)], ensure_ascii=False, indent=2) + "\n"
    assert "".join(parts) == expected
    assert len(sizes) >= len(expected) // CHUNK_CHARS > 10
    assert max(sizes) <= CHUNK_CHARS + 200  # a chunk, plus at most one paragraph record


@pytest.mark.parametrize("command", COMMANDS)
def test_json_and_jsonl_are_byte_for_byte_json_dumps_of_the_records(command):
    arts = articles()
    arts[1].extra = {"outlet": "ТАСС", "tags": ["a", {"b": None}], "id": "not this one"}
    records = [to_record(command, a) for a in arts]
    assert render_articles(command, arts, "json") == (
        json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    )
    for article, record in zip(arts, records, strict=True):
        parts: list[str] = []
        write_record(command, article, parts.append)
        assert "".join(parts) == json.dumps(record, ensure_ascii=False)


def test_to_record_still_gives_plain_lists():
    record = to_record("detect", _long_article(3))
    assert record["paragraphs"] == [
        {"index": 0, "language": "en", "confidence": round(1 / 3, 4)},
        {"index": 1, "language": "ru", "confidence": 0.25},
        {"index": 2, "language": "uk", "confidence": 0.2},
    ]


# --- the runner: whole or not at all ---------------------------------------------------------


def _run_with(monkeypatch, items, fmt: str, output: str | None = None):
    monkeypatch.setattr(runner, "_results", lambda *args: iter(items))
    out, err = io.StringIO(), io.StringIO()
    status = runner.run_documents(
        "detect",
        RunSettings(inputs=["x"], fmt=fmt, output=output),
        stdout=out,
        reporter=Reporter(stream=err),
        engine_factory=lambda: None,
    )
    return status, out.getvalue(), err.getvalue()


def _with_bad_tail() -> tuple[list[Article], list[Article]]:
    """Three articles; the middle one fails only after its paragraphs were written (its extra
    holds what JSON cannot write), so a writer that streamed it would leave half a record."""
    good = [_long_article(5000), _long_article(7)]
    good[1].id = "short.txt"
    bad = _long_article(5000)
    bad.id = "bad.txt"
    bad.extra = {"oops": {1, 2}}
    return [good[0], bad, good[1]], good


@pytest.mark.parametrize("to_file", [False, True])
def test_an_article_that_fails_half_written_is_left_out_whole(tmp_path, monkeypatch, to_file):
    items, good = _with_bad_tail()
    target = tmp_path / "out.json"
    status, out, err = _run_with(monkeypatch, items, "json", str(target) if to_file else None)
    written = target.read_text(encoding="utf-8") if to_file else out
    assert written == render_articles("detect", good, "json")
    assert status is ExitStatus.FAILED
    assert "bad.txt" in err and "long.txt" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == (["out.json"] if to_file else [])


def test_ctrl_c_while_writing_a_file_leaves_the_old_one_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")

    def interrupted():
        yield _long_article(3000)  # jsonl: already written to the temporary file
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _run_with(monkeypatch, interrupted(), "jsonl", str(target))
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


@pytest.mark.usefixtures("warm_langid_cache")  # the stored tables: a user's later run
def test_cli_json_on_stdout_and_in_a_file_are_the_same_document(tmp_path: Path):
    """The real executable, stdout (spooled) and -o FILE (its temporary file) alike."""
    text = tmp_path / "many.txt"
    text.write_text("Ok.\n" * 3000, encoding="utf-8")
    out = tmp_path / "out.json"
    piped = run_cli(["detect", "--format", "json", text])
    filed = run_cli(["detect", "--format", "json", "-o", out, text])
    assert piped.returncode == 0 and filed.returncode == 0, piped.stderr + filed.stderr
    assert out.read_text(encoding="utf-8") == piped.stdout
    (record,) = json.loads(piped.stdout)
    assert len(record["paragraphs"]) == 3000
    assert piped.stdout == json.dumps([record], ensure_ascii=False, indent=2) + "\n"


# --- the language of each paragraph (markdown and html translate output) ----------------------


def test_paragraph_languages_one_per_paragraph_in_order_or_not():
    """Each paragraph is in its sentences' language, the text language where they disagree;
    whatever order the sentences come in."""
    import random

    from newsbrief.records import SentencePair, Translation
    from newsbrief.render.languages import paragraph_languages, text_language

    rng = random.Random(5)
    for trial in range(200):
        pairs = [
            SentencePair("s", "t", paragraph=p, language=rng.choice(["en", "ru", "uk"]),
                         translated=rng.random() < 0.5)
            for p in sorted(rng.choices(range(8), k=rng.randint(0, 20)))
        ]
        if trial % 2:
            rng.shuffle(pairs)
        article = Article(id="a", language="ru", translation=Translation("ru", "", pairs))
        spoken: dict[int, set[str]] = {}
        for pair in pairs:
            spoken.setdefault(pair.paragraph, set()).add(text_language(pair, "en"))
        expected = [
            next(iter(langs)) if len(langs) == 1 else "en" for _, langs in sorted(spoken.items())
        ]
        assert paragraph_languages(article, len(spoken)) == expected
        assert paragraph_languages(article, len(spoken) + 1) == ["en"] * (len(spoken) + 1)
