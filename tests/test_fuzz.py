"""Property-based fuzzing of the read stage and every renderer (issue 14, "Done when").

Whatever bytes, text, jsonl or HTML arrive, reading gives only Documents and DocumentErrors (no
exception escapes), every Document can be written as UTF-8 and JSON, and every renderer turns any
result into a string that can be written. Example counts are bounded and the search is
derandomized, so this runs in seconds and the same way every time; benchmarks/fuzz_inputs.py runs
the long campaign.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbrief import render
from newsbrief.reading import HEADER, InputError, decode_bytes, read_inputs
from newsbrief.reading.html_extract import decode_html, extract_article, looks_like_html
from newsbrief.reading.markdown_text import markdown_to_text
from newsbrief.reading.normalize import normalize_text
from newsbrief.records import (
    Article,
    Comparison,
    Detection,
    Document,
    DocumentError,
    KeyPoint,
    ParagraphLanguage,
    Point,
    PointMember,
    SentencePair,
    SourceInfo,
    Summary,
    Translation,
)

# NEWSBRIEF_FUZZ_EXAMPLES=2000 multiplies the examples (and draws new ones) for a longer hunt.
_SCALE = int(os.environ.get("NEWSBRIEF_FUZZ_EXAMPLES", "0") or 0)
FUZZ = settings(
    max_examples=_SCALE or 40,
    deadline=None,
    derandomize=not _SCALE,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SURROGATE = re.compile("[\ud800-\udfff]")

# Text with the characters real input carries: Cyrillic, typography, invisibles, controls.
ALPHABET = st.sampled_from(
    list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґАБВЕКМОРСТ abcdefghijklmnopqrstuvwxyzTHE .,;:!?-")
    + list("«»„“”‘’—–…№\u00a0\u00ad\u200b\u200c\u200d\ufeff\u2028\r\n\t\x00\x07\x1b<>&\"'{}[]#*`")
    + ["\U0001f600", "最", "ا", "é"]
)
TEXT = st.text(ALPHABET, max_size=300) | st.text(max_size=120)
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "cp1251", "koi8_r", "koi8_u", "mac_cyrillic",
             "cp866", "latin-1", "utf-32"]


@st.composite
def encoded_text(draw) -> bytes:
    text = draw(TEXT)
    return text.encode(draw(st.sampled_from(ENCODINGS)), "replace")


HOSTILE_PREFIXES = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00",
                    b"%PDF-", b"PK\x03\x04", b"<!doctype html><html><body>", b"{", b"==> x <==\n"]
BYTES = st.one_of(
    st.binary(max_size=600),
    encoded_text(),
    st.tuples(st.sampled_from(HOSTILE_PREFIXES), st.binary(max_size=300) | encoded_text()).map(
        lambda parts: parts[0] + parts[1]
    ),
)

# JSON values of every kind, strings with lone surrogates, huge and deep values included.
JSON_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT,
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
)
JSON = st.recursive(
    JSON_LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
RECORD = st.fixed_dictionaries(
    {},
    optional={"id": JSON, "text": TEXT | JSON, "sentences": JSON, "error": JSON, "kind": JSON,
              "language": JSON, "extra": JSON},
)
JSONL_LINE = st.one_of(
    RECORD.map(lambda r: json.dumps(r, ensure_ascii=True)),
    JSON.map(lambda v: json.dumps(v, ensure_ascii=True)),
    st.integers(1, 3000).map(lambda n: "[" * n),
    st.integers(4290, 4400).map(lambda n: '{"id": 1' + "0" * n + "}"),
    TEXT,
)


def check(items: list) -> None:
    """What every reader result must be: a writable Document, or a one-line DocumentError."""
    for item in items:
        assert isinstance(item, Document | DocumentError), item
        assert isinstance(item.id, str) and item.id
        item.id.encode("utf-8")
        json.dumps(item.extra, ensure_ascii=False, allow_nan=False).encode("utf-8")
        if isinstance(item, Document):
            assert item.text and not SURROGATE.search(item.text)
            item.text.encode("utf-8")
        else:
            assert item.message and "\n" not in item.message, item.message
            item.message.encode("utf-8")
            assert item.kind != "internal", item.message


def read(inputs: list[str], data: bytes | None = None, fmt: str | None = None) -> list:
    return list(read_inputs(inputs, fmt, stdin=io.BytesIO(data or b""), max_bytes=100_000))


@FUZZ
@given(BYTES, st.sampled_from([None, "text", "jsonl"]))
def test_any_bytes_on_standard_input(data: bytes, fmt: str | None) -> None:
    check(read(["-"], data, fmt))


@FUZZ
@given(BYTES, st.sampled_from([".txt", ".md", ".html", ".jsonl", ".htm"]))
def test_any_bytes_in_a_file(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"in{suffix}"
        path.write_bytes(data)
        check(read([str(path)]))
        check(read([folder]))


@FUZZ
@given(st.lists(JSONL_LINE, min_size=1, max_size=6), st.sampled_from(["\n", "\r\n"]))
def test_any_jsonl_lines(lines: list[str], newline: str) -> None:
    data = newline.join(lines).encode("utf-8", "surrogatepass")
    items = read(["-"], data, "jsonl")
    check(items)
    assert len(items) <= data.count(b"\n") + 1  # at most one result a line


@FUZZ
@given(BYTES)
def test_decoding_returns_text_or_refuses(data: bytes) -> None:
    for decode in (decode_bytes, decode_html):
        try:
            text = decode(data)
        except InputError as exc:
            assert exc.message and exc.kind in ("binary", "encoding")
            continue
        assert isinstance(text, str)


HTML_PIECES = st.sampled_from(
    ["<html>", "<head>", "<title>", "</title>", "<body>", "<article>", "<p>", "</p>", "<div>",
     "</div>", "<script>", "</script>", "<!--", "-->", "<nav>", "<br>", "&amp;", "&#0;", "&#xd800;",
     "<meta charset=koi8-r>", "<table><tr><td>", "<![CDATA[", "<?xml version='1.0'?>", "</html>"]
)


@settings(FUZZ, max_examples=_SCALE or 25)
@given(st.lists(HTML_PIECES | TEXT, max_size=25))
def test_html_extraction(pieces: list[str]) -> None:
    page = "<!DOCTYPE html>" + "".join(pieces)
    assert looks_like_html(page)
    try:
        text = extract_article(page)
    except InputError as exc:
        assert exc.kind == "empty"
        return
    assert isinstance(text, str) and text.strip()


MD_PIECES = st.sampled_from(
    ["---\ntitle: T\n---\n", "# ", "## ", "> ", "- ", "1. ", "```\n", "    ", "**", "_", "`",
     "[a](http://x)", "![i](y.png)", "<b>", "| a | b |\n|---|---|\n| c | d |\n", "\n\n", "\\"]
)


@FUZZ
@given(st.lists(MD_PIECES | TEXT, max_size=25))
def test_markdown_extraction(pieces: list[str]) -> None:
    source = "".join(pieces)
    text = markdown_to_text(source)
    assert isinstance(text, str)
    if "http://x" in source and not any(m in source for m in ("`", "    ", "\\", "<", "\t")):
        assert "http://x" not in text  # a link's target never reaches the text, only its words


# -- renderers ---------------------------------------------------------------------------------
WORDS = st.text(max_size=80)
LANG = st.sampled_from(["ru", "uk", "en", "und", "be", '"><x'])


@st.composite
def articles(draw) -> Article:
    key_points = [
        KeyPoint(rank=n + 1, position=draw(st.integers(0, 50)), score=draw(st.floats(0, 1)),
                 text=draw(WORDS), original=draw(WORDS))
        for n in range(draw(st.integers(0, 4)))
    ]
    pairs = [
        SentencePair(source=draw(WORDS), text=draw(WORDS)) for _ in range(draw(st.integers(0, 3)))
    ]
    paragraphs = [
        ParagraphLanguage(i, draw(LANG), 0.5) for i in range(draw(st.integers(0, 3)))
    ]
    language = draw(LANG)
    return Article(
        id=draw(st.text(min_size=1, max_size=40)),
        language=language,
        detection=Detection(language, draw(st.floats(0, 1)), paragraphs),
        translation=Translation(language, draw(WORDS), pairs),
        summary=Summary("default", key_points),
        extra=draw(st.dictionaries(st.text(max_size=8), st.integers() | WORDS, max_size=3)),
    )


@settings(FUZZ, max_examples=_SCALE or 30)
@given(st.lists(articles(), min_size=1, max_size=3), st.booleans(), st.integers(20, 160))
def test_every_renderer_renders_any_result(items: list[Article], side: bool, width: int) -> None:
    for command in ("detect", "translate", "summarize"):
        for fmt in render.FORMATS:
            out = render.render_articles(command, items, fmt, side_by_side=side, width=width)
            out.encode("utf-8")
            if fmt == "html":
                assert "<script" not in out.lower() and "<x" not in out
            if fmt == "json":
                assert len(json.loads(out)) == len(items)
        for item in items:
            json.dumps(render.to_record(command, item), ensure_ascii=False).encode("utf-8")
    json.dumps(render.error_record(DocumentError(items[0].id, "m")), ensure_ascii=False)
    members = [PointMember(a.id, n, a.translation.text, a.language) for n, a in enumerate(items)]
    comparison = Comparison([SourceInfo(a.id, a.language) for a in items],
                            [Point(members), Point(members[:1])])
    for fmt in render.FORMATS:
        render.render_comparison(comparison, fmt, width=width).encode("utf-8")


# -- text output read back on standard input gives the same documents --------------------------
SAFE_ID = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30
).map(str.strip).filter(bool)


@settings(FUZZ, max_examples=_SCALE or 60)
@given(st.lists(st.tuples(SAFE_ID, TEXT), min_size=2, max_size=4, unique_by=lambda p: p[0]))
def test_text_output_of_several_documents_reads_back_as_them(pairs) -> None:
    docs = [(doc_id, normalize_text(text)) for doc_id, text in pairs]
    docs = [
        (doc_id, text) for doc_id, text in docs
        if text and not looks_like_html(text)
        and not any(HEADER.match(line.strip()) for line in text.split("\n"))
    ]
    if len(docs) < 2:
        return
    items = [Article(id=i, language="en", translation=Translation("en", t)) for i, t in docs]
    out = render.render_articles("translate", items, "text", width=80)
    back = read(["-"], out.encode("utf-8"))
    assert [(d.id, d.text) for d in back] == docs
