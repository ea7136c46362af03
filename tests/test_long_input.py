"""Texts of hundreds of thousands of one-line paragraphs (well inside the 5 MB input limit): the
commands finish without an internal error, and the compact structures the pipeline keeps for
them give the same results as the plain ones (peak memory is measured by
`benchmarks/bench_summarize.py --cli`, not here)."""

from __future__ import annotations

import json
import random

from helpers_cli import assert_clean_stderr, invoke_cli

from newsbrief.packed import PairView
from newsbrief.pipeline import Options, _route, _summarize_first, process
from newsbrief.records import Document, iter_paragraphs, paragraphs_of

LINES = 200_000
# The JSON test's lines are distinct, so each is detected and split on its own (about 0.2 ms a
# line): 12,000 of them pass every bound the code batches or remembers by, as 50,000 did (4,096
# paragraphs in the split and language memos; 64 KiB JSON writes; 1 Mi characters per encoder
# piece: the output is 1.7 MB, under the 8 MB spool either way).
JSON_LINES = 12_000


def test_summarize_many_one_line_paragraphs_through_the_command(tmp_path) -> None:
    path = tmp_path / "hi.txt"
    path.write_text("\n".join(["Hi."] * LINES) + "\n", encoding="utf-8")
    result = invoke_cli(["summarize", path], main=True)
    assert result.returncode == 0, result.stderr
    assert_clean_stderr(result.stderr)
    assert "internal error" not in result.stderr
    assert result.stdout.strip() == "• Hi."


def test_translate_json_of_many_paragraphs_keeps_every_sentence(tmp_path) -> None:
    # Varied lines, blank lines between some, list markers on others: every sentence and the
    # layout come back.
    rng = random.Random(7)
    lines = []
    for k in range(JSON_LINES):
        lines.append(f"• Item {k} was logged." if k % 5 == 0 else f"Report {k} was filed today.")
        if rng.random() < 0.3:
            lines.append("")
    path = tmp_path / "many.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = invoke_cli(["translate", "--format", "json", path], main=True)
    assert result.returncode == 0, result.stderr
    assert_clean_stderr(result.stderr)
    [record] = json.loads(result.stdout)
    assert record["text"] == "\n".join(lines).strip("\n")
    sources = [s["source"] for s in record["sentences"]]
    assert sources == [line.removeprefix("• ") for line in lines if line]


def _english_text_by_lines(text: str, replacements: dict[int, str]) -> str:
    """What the translated text must be: each paragraph line replaced, blank lines emptied."""
    out = ["" if not line.strip() else line for line in text.split("\n")]
    for line_no, new in replacements.items():
        out[line_no] = new
    return "\n".join(line.rstrip() for line in out).strip("\n")


def test_english_text_keeps_the_layout_of_any_text() -> None:
    rng = random.Random(3)
    pieces = ["", " ", "\t", "Hi.", "  Spaced line.  ", "• Marked item here.", "A. B. C."]
    for _ in range(200):
        text = "\n".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        if not text.strip():
            continue
        [article] = process([Document(id="d", text=text)], "translate", Options(translate=False))
        expected = _english_text_by_lines(
            text, {line_no: paragraph for line_no, paragraph in paragraphs_of(text)}
        )
        assert article.translation.text == expected, repr(text)


def test_paragraphs_one_at_a_time_are_the_list() -> None:
    text = "\n \nFirst line.\n\n\t\n  Second  \nThird\n"
    assert list(iter_paragraphs(text)) == paragraphs_of(text)
    assert paragraphs_of(text) == [(2, "First line."), (5, "Second"), (6, "Third")]
    assert paragraphs_of("") == [] and paragraphs_of("x") == [(0, "x")]


def test_pair_view_indexing_matches_its_list() -> None:
    # Paragraphs emptied by --translate-only key-points (no sentences left) sit between others.
    subjects = ["The council", "A farmer", "The new bridge", "Rain", "The mayor", "Our school"]
    verbs = ["opened", "closed", "delayed", "praised", "moved", "funded"]
    text = "\n".join(
        f"{subjects[k % 6]} {verbs[k * 5 % 6]} the {k}th plan on Monday. Then it rained." * 1
        for k in range(30)
    )
    work = _route(Document(id="d", text=text), "auto")
    options = Options(count=3, translate_only="key-points")
    _summarize_first([work], options)
    view = PairView(work.paragraphs, work.untranslated, {}, True)
    pairs = list(view)
    assert len(view) == len(pairs) >= 2
    assert any(not work.paragraphs.sentences_of(i) for i in range(len(work.paragraphs)))
    assert [view[i] for i in range(len(view))] == pairs
    assert view[-1] == pairs[-1] and view[1:3] == pairs[1:3]


def test_a_far_outlier_among_many_repeats_raises_no_numpy_warning() -> None:
    # One sentence sharing no word with 150,000 repeats has z-scores near -sqrt(n): exp()
    # overflows, which is a probability of 0, not a RuntimeWarning on the user's terminal.
    import warnings

    from summarizer import summarize

    sentences = ["The cat sat on the mat today."] * 150_000
    sentences.append("A completely different closing sentence with many other words here.")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        picks = summarize(sentences, count=5)
    # Two points: the repeated sentence once, and the outlier.
    assert sorted({sentences[p.position] for p in picks}) == sorted(set(sentences))


def test_a_text_of_furniture_lines_has_no_headline_judged_once_a_line(monkeypatch) -> None:
    # Every "Hi." is page furniture: no headline, and a repeated line is not judged again (nor
    # is every paragraph walked a second time), so a 5 MB text of them costs one pass.
    import summarizer.boilerplate as boilerplate
    from newsbrief.titles import display_title

    text = "\n".join(["Hi.", "Subscribe now!"] * 10_000)
    [article] = process([Document(id="d", text=text)], "translate", Options(translate=False))
    judged: list[str] = []
    real = boilerplate.is_boilerplate
    monkeypatch.setattr(boilerplate, "is_boilerplate", lambda s: judged.append(s) or real(s))
    assert display_title(article) is None
    assert sorted(set(judged)) == ["Hi.", "Subscribe now!"] and len(judged) <= 4


def test_paragraph_languages_read_as_the_records_they_stand_for() -> None:
    """Detection keeps each paragraph's language in two columns; read back, they are the same
    records a list would hold (equality, slices, negative indices, the JSON record)."""
    import pytest

    from newsbrief.records import (
        Article,
        Detection,
        ParagraphLanguage,
        ParagraphLanguages,
        article_from_dict,
        article_to_dict,
    )
    from translator.langid import detect_paragraphs

    found = detect_paragraphs(["Москва заявила об этом в понедельник.", "The mayor said so."])
    assert isinstance(found.paragraphs, ParagraphLanguages)
    as_list = list(found.paragraphs)
    assert [p.index for p in as_list] == [0, 1]
    assert [p.language for p in as_list] == ["ru", "en"]
    assert found.paragraphs == as_list and found.paragraphs[-1] == as_list[1]
    assert found.paragraphs[1:] == as_list[1:]
    with pytest.raises(IndexError):
        found.paragraphs[2]
    with pytest.raises(IndexError):
        found.paragraphs[-3]
    with pytest.raises(ValueError, match="2 languages for 1 confidences"):
        ParagraphLanguages(["ru", "en"], [0.9])
    article = Article(id="a", language="ru", detection=found)
    record = json.loads(json.dumps(article_to_dict(article)))
    assert record["detection"]["paragraphs"][1] == {
        "index": 1,
        "language": "en",
        "confidence": as_list[1].confidence,
    }
    back = article_from_dict(record).detection
    assert isinstance(back, Detection) and back.paragraphs == as_list
    assert ParagraphLanguage(0, "ru", 0.5) in ParagraphLanguages(["ru"], [0.5])


def test_packed_pairs_option_gives_the_same_article() -> None:
    """compare's articles have their pairs packed as they are made: same pairs, same English
    text, same key points as the list the other commands hand out."""
    from newsbrief.packed import PackedPairs

    text = "Headline of the day\n\nThe council met on Monday.\n\n\nIt set a budget. Then it rained."
    docs = [Document(id="d", text=text)]
    plain = list(process(docs, "summarize", Options(count=2), engine_factory=lambda: None))[0]
    packed_options = Options(count=2, packed_pairs=True)
    packed = list(process(docs, "summarize", packed_options, engine_factory=lambda: None))[0]
    assert isinstance(packed.translation.sentences, PackedPairs)
    assert isinstance(plain.translation.sentences, list)
    assert list(packed.translation.sentences) == plain.translation.sentences
    assert packed.translation.text == plain.translation.text
    assert packed.translation.text == text  # English: the layout and words as written
    assert packed.summary == plain.summary and packed.title == plain.title
