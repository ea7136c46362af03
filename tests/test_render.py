"""Renderers: contract records, every format for every command, escaping, colour handling."""

from __future__ import annotations

import html
import json
import re

import pytest

from newsbrief.grouping import compare
from newsbrief.records import (
    Article,
    Comparison,
    Detection,
    DocumentError,
    ParagraphLanguage,
    Point,
    PointMember,
    SourceInfo,
)
from newsbrief.render import (
    FORMATS,
    comparison_record,
    error_record,
    render_articles,
    render_comparison,
    to_record,
)
from tests.test_compare import make_article, story_articles

ANSI = re.compile(r"\x1b\[")
COMMANDS = ("detect", "translate", "summarize")


def articles() -> list[Article]:
    arts = story_articles()
    for a in arts:
        paragraphs = [ParagraphLanguage(0, a.language, 0.97), ParagraphLanguage(1, "en", 0.8)]
        a.detection = Detection(language=a.language, confidence=0.97, paragraphs=paragraphs)
    return arts


# --- records -------------------------------------------------------------------------------


def test_records_have_exactly_the_contract_fields():
    ru = articles()[1]
    assert list(to_record("detect", ru)) == ["id", "language", "confidence", "paragraphs"]
    assert set(to_record("detect", ru)["paragraphs"][0]) == {"index", "language", "confidence"}
    assert list(to_record("translate", ru)) == [
        "id", "language", "text_language", "text", "sentences"
    ]
    assert set(to_record("translate", ru)["sentences"][0]) == {"source", "text", "paragraph"}
    rec = to_record("summarize", ru)
    assert list(rec) == ["id", "language", "text_language", "algorithm", "key_points"]
    assert set(rec["key_points"][0]) == {"rank", "position", "score", "text", "original"}


def test_a_sentence_left_untranslated_says_so_and_names_its_language():
    ru = articles()[1]
    ru.translation.sentences[0].translated = False
    ru.translation.sentences[0].language = "uk"
    first, second = to_record("translate", ru)["sentences"][:2]
    assert first["translated"] is False and first["language"] == "uk"
    assert "translated" not in second
    ru.summary.key_points[0].translated = False
    points = to_record("summarize", ru)["key_points"]
    assert [kp.get("translated", True) for kp in points].count(False) == 1


def test_summary_record_lists_key_points_in_document_order_with_originals():
    ru = articles()[1]
    ru.summary.key_points.reverse()  # ranked order differs from document order
    kps = to_record("summarize", ru)["key_points"]
    assert [kp["position"] for kp in kps] == [0, 1, 4, 6]
    assert kps[1]["original"].startswith("Среди них")
    assert kps[1]["text"].startswith("Among them")


def test_input_extra_keys_are_kept_but_never_override_record_fields():
    ru = articles()[1]
    ru.extra = {"url": "https://example.org/a", "language": "xx", "id": "other"}
    rec = to_record("translate", ru)
    assert rec["url"] == "https://example.org/a"
    assert rec["language"] == "ru"
    assert rec["id"] == "tass-ru.txt"


def test_error_record():
    err = DocumentError(id="bad.txt", message="not UTF-8", kind="encoding", extra={"src": 1})
    assert error_record(err) == {"id": "bad.txt", "error": "not UTF-8", "src": 1}


def test_comparison_record_fields():
    rec = comparison_record(compare(articles()))
    assert list(rec) == ["sources", "points"]
    assert rec["sources"][1] == {
        "id": "tass-ru.txt",
        "language": "ru",
        "text_language": "en",
        "label": "tass-ru",
        "title": None,
    }
    member = rec["points"][0]["members"][0]
    assert set(member) == {"source", "position", "text", "original", "key_point"}
    assert member["key_point"] is True


def test_unknown_command_or_format_is_refused():
    with pytest.raises(ValueError, match="unknown command"):
        to_record("bogus", articles()[0])
    with pytest.raises(ValueError, match="unknown output format"):
        render_articles("summarize", articles(), "yaml")
    with pytest.raises(ValueError, match="unknown output format"):
        render_comparison(compare(articles()), "csv")


# --- every format, every command -------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_format_renders_every_command(command, fmt):
    arts = articles()
    out = render_articles(command, arts, fmt)
    for a in arts:
        assert a.id in out
    if command == "summarize":
        assert "Moscow demands that the confiscated diplomatic property" in out
    if command == "translate":
        assert "The Kremlin proposes that the United States restore direct flights." in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_side_by_side_shows_english_and_original(fmt):
    out = render_articles("summarize", articles()[1:2], fmt, side_by_side=True, width=200)
    assert "Among them is the resumption of direct air service" in out
    assert "Среди них — возобновление прямого авиасообщения" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_json_is_always_an_array_of_the_records(command):
    arts = articles()
    assert json.loads(render_articles(command, arts, "json")) == [
        to_record(command, a) for a in arts
    ]
    assert json.loads(render_articles(command, arts[:1], "json")) == [to_record(command, arts[0])]


def test_json_keeps_cyrillic_readable():
    assert "Среди них" in render_articles("summarize", articles(), "json")


# --- text -----------------------------------------------------------------------------------


def test_text_detect_is_three_tab_separated_fields_per_line():
    out = render_articles("detect", articles(), "text")
    lines = out.splitlines()
    assert all(len(line.split("\t")) == 3 for line in lines)
    assert "tass-ru.txt\tru\t0.97" in lines
    # A paragraph in another language than its document gets its own line.
    assert "tass-ru.txt#p1\ten\t0.80" in lines
    assert not any(line.startswith("wire-en.txt#p") for line in lines)


def test_text_translate_headers_only_for_several_documents():
    one = render_articles("translate", articles()[2:], "text")
    assert "==>" not in one
    assert one.startswith("The Kremlin proposes")
    several = render_articles("translate", articles(), "text")
    assert several.count("==> ") == 3
    assert "==> kyiv-uk.txt <==" in several


def test_text_translate_is_never_wrapped():
    long = articles()[1]
    out = render_articles("translate", [long], "text", width=40)
    assert long.translation.text in out


def test_text_summary_bullets_in_document_order():
    out = render_articles("summarize", articles()[2:], "text")
    assert out.splitlines() == [
        "• The Kremlin proposes that the United States restore direct flights.",
        "• Ukrainian diplomats warned that easing sanctions would reward aggression.",
    ]


@pytest.mark.parametrize("width", [60, 120])
def test_side_by_side_table_wraps_to_width(width):
    out = render_articles("summarize", articles(), "text", side_by_side=True, width=width)
    assert max(len(line) for line in out.splitlines()) <= width
    assert "Original (ru)" in out and "Original (uk)" in out


def test_no_escape_codes_without_colour_and_some_with_it(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    arts = articles()
    cmp = compare(arts)
    plain = [
        render_articles("summarize", arts, "text", side_by_side=True),
        render_articles("translate", arts, "text"),
        render_comparison(cmp, "text"),
    ]
    assert not any(ANSI.search(out) for out in plain)
    assert ANSI.search(render_comparison(cmp, "text", color=True))
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(render_comparison(cmp, "text", color=True))
    assert not ANSI.search(render_articles("translate", arts, "text", color=True))


def test_text_markup_in_article_text_is_printed_literally():
    a = make_article("x", "en", [(0, "Officials said [bold]nothing[/bold] :smile: today.", None)])
    out = render_articles("summarize", [a], "text")
    assert "[bold]nothing[/bold] :smile:" in out


def test_text_comparison_matrix_has_a_column_per_source():
    cmp = compare(articles())
    out = render_comparison(cmp, "text", width=240)
    header = next(line for line in out.splitlines() if "wire-en" in line)
    assert [s.label for s in cmp.sources] == ["wire-en", "tass-ru", "kyiv-uk"]
    for s in cmp.sources:
        assert f"{s.label} ({s.language})" in header
    assert "3/3" in out and "own" in out
    assert "Українські дипломати попередили" in out


def test_text_comparison_headers_drop_the_folder_the_sources_share():
    arts = articles()
    for a, folder in zip(arts, ("news/2026/11/", "news/2026/11/", "archive/"), strict=False):
        a.id = folder + a.id
    out = render_comparison(compare(arts), "text", width=240)
    header = next(line for line in out.splitlines() if "wire-en" in line)
    assert "news/2026" not in header and "archive/" not in header
    for a in arts:
        assert f"{a.id.rsplit('/', 1)[1].removesuffix('.txt')} ({a.language})" in header


@pytest.mark.parametrize(
    ("ids", "labels"),
    [
        (["a/b/x.txt", "a/b/y.txt"], ["x.txt", "y.txt"]),
        (["one/x.txt", "two/x.txt"], ["one/x.txt", "two/x.txt"]),
        (["a/x.txt", "x.txt"], ["a/x.txt", "x.txt"]),
        (["-", "feed.jsonl:3"], ["-", "feed.jsonl:3"]),
    ],
)
def test_short_labels_are_the_shortest_distinct_tails(ids, labels):
    from newsbrief.render.text import short_labels

    assert short_labels(ids) == labels


# --- markdown -------------------------------------------------------------------------------


def tricky() -> Article:
    return make_article(
        "a|b.txt",
        "ru",
        [(0, "Prices rose 5% | wages *fell* <script>alert(1)</script>", "Цены | выросли")],
    )


def test_markdown_table_cells_escape_pipes_and_markup():
    out = render_articles("summarize", [tricky()], "markdown", side_by_side=True)
    row = next(line for line in out.splitlines() if line.startswith("| 1 |"))
    unescaped_pipes = re.findall(r"(?<!\\)\|", row)
    assert len(unescaped_pipes) == 4  # three cells
    assert "<script>" not in out
    assert "\\*fell\\*" in out


def test_markdown_comparison_has_a_table_and_a_section_per_source():
    cmp = compare(articles())
    out = render_comparison(cmp, "markdown")
    header = next(line for line in out.splitlines() if line.startswith("| sources"))
    assert header.count("|") == len(cmp.sources) + 2
    for s in cmp.sources:
        assert f"## Only in {s.label} ({s.language})" in out
    assert "Среди них" in out


def test_markdown_comparison_with_nothing_shared_says_so():
    a = make_article("a", "en", [(0, "Snow is forecast in the Carpathians.", None)])
    b = make_article("b", "en", [(0, "The central bank kept its key rate unchanged.", None)])
    out = render_comparison(compare([a, b]), "markdown")
    assert "No point is reported by more than one source." in out


# --- html -----------------------------------------------------------------------------------


def test_html_escapes_all_text_and_is_self_contained():
    out = render_articles("summarize", [tricky()], "html", side_by_side=True)
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert "a|b.txt" in out
    assert '<meta charset="utf-8">' in out
    assert not re.search(r"(src|href)=\"?(https?:)?//", out)
    assert "<link" not in out


def test_html_comparison_lists_every_sentence_once_with_language_labels():
    cmp = compare(articles())
    out = render_comparison(cmp, "html")
    for p in cmp.points:
        for m in p.members:
            assert out.count(f">{html.escape(m.text)}<") == 1
    assert 'lang="ru"' in out and 'lang="uk"' in out
    assert out.count('class="head"') == len(cmp.sources)


def test_html_escapes_source_ids_in_attributes():
    cmp = Comparison(
        sources=[SourceInfo('a"><b>x', "en"), SourceInfo("b", "en")],
        points=[Point([PointMember('a"><b>x', 0, "one", "one")])],
    )
    out = render_comparison(cmp, "html")
    assert '"><b>x' not in out


# --- whole-text members, narrow screens, English side by side ---------------------------------


def in_text_comparison() -> Comparison:
    from tests.test_compare import FLIGHTS_A, FLIGHTS_B, whole_article

    return compare(
        [whole_article("a.txt", FLIGHTS_A, key=[1]), whole_article("b.txt", FLIGHTS_B, key=[0])]
    )


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_member_outside_its_sources_key_points_is_marked_quietly(fmt):
    cmp = in_text_comparison()
    out = render_comparison(cmp, fmt, width=200)
    marker = {"text": "(in text) U.S. officials have made", "markdown": "_(in text)_ U.S."}
    if fmt == "html":
        assert '<div class="cell not-key"' in out
        assert "in text, not a key point:</span>U.S. officials have made" in out
    else:
        assert marker[fmt] in out
    # The key point itself carries no marker.
    assert "(in text) U.S. officials have linked" not in out


def test_narrow_terminal_stacks_the_sources_instead_of_thin_columns():
    cmp = compare(articles())
    out = render_comparison(cmp, "text", width=60)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert "── reported by 3 of 3 sources ──" in out
    assert "── only in kyiv-uk (uk) ──" in out
    # Each source's sentence starts on a line of its own after its label, not in a 10-character
    # column: the first words of every member are on one line.
    for p in cmp.points:
        for m in p.members:
            assert any(" ".join(m.text.split()[:3]) in line for line in lines), m.text
    wide = render_comparison(cmp, "text", width=200)
    assert "┌" in wide and "reported by 3 of 3" not in wide


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_side_by_side_of_an_english_article_prints_each_sentence_once(fmt):
    en = articles()[0]
    out = render_articles("summarize", [en], fmt, side_by_side=True, width=300)
    for kp in en.summary.key_points:
        assert out.count(html.escape(kp.text) if fmt == "html" else kp.text) == 1, kp.text
    assert "Original" not in out
