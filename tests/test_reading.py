"""INPUTs → Documents: files, folders, stdin and jsonl, with a clear error for each bad one."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from newsbrief.reading import read_inputs
from newsbrief.records import Document, DocumentError, SentencePair

REPO = Path(__file__).resolve().parents[1]

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="{charset}">
<title>Паром возобновит рейсы | Южный курьер</title></head>
<body>
<nav><ul><li><a href="/">Главная</a></li><li><a href="/news">Новости</a></li>
<li><a href="/sport">Спорт</a></li><li><a href="/weather">Погода</a></li></ul></nav>
<main><article>
<h1>Паром возобновит рейсы</h1>
<p>Паромная переправа через Днестр между Вербоградом и селом Луковка снова заработает в среду,
сообщили в городском совете после завершения ремонта причала.</p>
<p>Переправу закрыли 24 марта, когда уровень воды поднялся до 6,2 метра и течение повредило
понтонные секции причала на левом берегу.</p>
<p>На восстановление потратили 2,4 миллиона гривен из городского и областного бюджетов,
а паром будет ходить каждые полчаса с шести утра до девяти вечера.</p>
</article></main>
<aside><h3>Популярное</h3><ul><li><a href="/a">Новый сквер открыли в центре</a></li>
<li><a href="/b">Цены на бензин снова выросли</a></li></ul></aside>
<footer><p>© 2025 Южный курьер. Все права защищены.</p>
<p>Подписывайтесь на нашу рассылку</p></footer>
</body></html>
"""


def read(*inputs: str, **kwargs) -> list[Document | DocumentError]:
    return list(read_inputs(list(inputs), **kwargs))


def only(items: list) -> Document | DocumentError:
    assert len(items) == 1, items
    return items[0]


def test_text_file_id_and_path_are_the_path_as_given(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Заголовок\r\nТекст статьи.\r\n", encoding="utf-8")
    doc = only(read(str(tmp_path / "a.txt")))
    assert isinstance(doc, Document)
    assert doc.id == doc.path == str(tmp_path / "a.txt")
    assert doc.text == "Заголовок\nТекст статьи."


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_u", "utf-16", "utf-8-sig"])
def test_legacy_and_unicode_files_are_decoded(tmp_path: Path, encoding: str) -> None:
    text = "Пором знову курсує.\nМешканці Луківки задоволені."
    (tmp_path / "uk.txt").write_bytes(text.encode(encoding))
    assert only(read(str(tmp_path / "uk.txt"))).text == text


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.md", "a/b/c.htm", "a.txt", "A.TXT", "c.html", "a/y.txt"]:
        path = tmp_path / "in" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        body = (
            ARTICLE_HTML.format(charset="utf-8") if rel.lower().endswith(("htm", "html")) else rel
        )
        path.write_text(body, encoding="utf-8")
    for skipped in [".hidden/x.txt", ".dot.txt", "notes.pdf", "data.json", "README.md"]:
        path = tmp_path / "in" / skipped
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("skip me", encoding="utf-8")
    given = str(tmp_path / "in") + "/"
    docs = read(given)
    assert all(isinstance(d, Document) for d in docs), docs
    rels = ["A.TXT", "a/b/c.htm", "a/y.txt", "a/z.md", "a.txt", "b.txt", "c.html"]
    assert [d.id for d in docs] == [os.path.join(given, rel) for rel in rels]
    assert [d.path for d in docs] == [d.id for d in docs]


def test_directory_with_jsonl_format_reads_its_jsonl_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.jsonl").write_text('{"id": "r1", "text": "One."}\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("not read", encoding="utf-8")
    assert [d.id for d in read(str(tmp_path), input_format="jsonl")] == ["r1"]


def test_directory_without_articles_is_an_error_not_silence(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    error = only(read(str(tmp_path)))
    assert isinstance(error, DocumentError)
    assert error.kind == "empty"
    assert ".txt" in error.message


def test_missing_file_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Текст.", encoding="utf-8")
    missing = str(tmp_path / "missing.txt")
    first, second = read(missing, str(tmp_path / "ok.txt"))
    assert isinstance(first, DocumentError)
    assert (first.id, first.kind) == (missing, "unreadable")
    assert "no such file" in first.message
    assert isinstance(second, Document)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Текст.", encoding="utf-8")
    path.chmod(0)
    error = only(read(str(path)))
    assert isinstance(error, DocumentError)
    assert error.kind == "unreadable"
    assert "permission" in error.message


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n \xc2\xa0\n", b"\xef\xbb\xbf"])
def test_empty_or_blank_text_is_an_error(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "e.txt").write_bytes(content)
    error = only(read(str(tmp_path / "e.txt")))
    assert isinstance(error, DocumentError)
    assert error.kind == "empty"


def test_binary_file_is_refused_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    error = only(read(str(tmp_path / "scan.txt")))
    assert isinstance(error, DocumentError)
    assert error.kind == "binary"
    assert "PNG" in error.message


def test_too_large_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: 2 GB on paper, nothing on disk
        f.truncate(2 * 10**9)
    error = only(read(str(big)))
    assert isinstance(error, DocumentError)
    assert error.kind == "too-large"
    assert "NEWSBRIEF_MAX_BYTES" in error.message
    assert "2000 MB" in error.message and "5 MB" in error.message


def test_limit_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("Короткий текст статьи.", encoding="utf-8")
    monkeypatch.setenv("NEWSBRIEF_MAX_BYTES", "10")
    assert only(read(str(tmp_path / "a.txt"))).kind == "too-large"
    monkeypatch.setenv("NEWSBRIEF_MAX_BYTES", "1kB")
    assert isinstance(only(read(str(tmp_path / "a.txt"))), Document)
    monkeypatch.setenv("NEWSBRIEF_MAX_BYTES", "lots")
    error = only(read(str(tmp_path / "a.txt")))
    assert isinstance(error, DocumentError)
    assert error.kind == "usage" and "NEWSBRIEF_MAX_BYTES" in error.message


def test_too_large_stdin_is_refused_after_reading_only_the_limit() -> None:
    stream = io.BytesIO(b"a" * 5000)
    error = only(read("-", stdin=stream, max_bytes=1000))
    assert error.kind == "too-large"
    assert stream.tell() <= 1001


def test_stdin_is_the_default_and_its_id_is_dash() -> None:
    doc = only(list(read_inputs([], stdin=io.BytesIO("Привет.".encode("cp1251")))))
    assert (doc.id, doc.text, doc.path) == ("-", "Привет.", None)


def test_html_file_gives_title_and_article_without_menus_or_footer(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(ARTICLE_HTML.format(charset="utf-8"), encoding="utf-8")
    doc = only(read(str(tmp_path / "page.html")))
    assert isinstance(doc, Document)
    lines = doc.text.split("\n")
    assert lines[0] == "Паром возобновит рейсы"
    assert len(lines) == 4  # headline + three paragraphs, each on one line
    assert lines[1].startswith("Паромная переправа через Днестр")
    for junk in ["Главная", "Спорт", "Популярное", "бензин", "права защищены", "рассылку"]:
        assert junk not in doc.text


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = ARTICLE_HTML.format(charset="windows-1251").replace("©", "(c)")
    (tmp_path / "page.htm").write_bytes(page.encode("cp1251"))
    doc = only(read(str(tmp_path / "page.htm")))
    assert "Паромная переправа через Днестр" in doc.text


def test_html_on_stdin_is_recognised() -> None:
    stream = io.BytesIO(ARTICLE_HTML.format(charset="utf-8").encode("utf-8"))
    doc = only(read("-", stdin=stream))
    assert doc.text.startswith("Паром возобновит рейсы\n")
    assert "<p>" not in doc.text


def test_html_page_without_article_is_empty(tmp_path: Path) -> None:
    page = "<!DOCTYPE html><html><head><title>x</title></head><body><nav></nav></body></html>"
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    error = only(read(str(tmp_path / "index.html")))
    assert isinstance(error, DocumentError)
    assert error.kind == "empty"
    assert "HTML" in error.message


def test_jsonl_records_keep_extra_keys_in_order(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "url": "https://example.org/a", "text": "Первый.", "outlet": "X"},
        {"text": "Без id.", "z": 1, "a": 2},
        {"id": 7, "text": "Number id."},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), "utf-8")
    first, second, third = read(str(path))
    assert (first.id, first.text, first.extra) == (
        "a",
        "Первый.",
        {"url": "https://example.org/a", "outlet": "X"},
    )
    assert list(first.extra) == ["url", "outlet"]
    assert second.id == f"{path}:2"
    assert list(second.extra) == ["z", "a"]
    assert third.id == "7"
    assert first.path is None


def test_bad_jsonl_lines_are_errors_with_line_numbers_and_the_rest_is_read() -> None:
    data = "\n".join(
        [
            '{"id": "ok1", "text": "Один."}',
            "{not json",
            "",
            '["a list"]',
            '{"id": "no-text"}',
            '{"id": "num-text", "text": 5}',
            '{"id": "blank", "text": "  \\n "}',
            '{"id": "ok2", "text": "Два."}',
        ]
    ).encode("utf-8")
    items = read("-", input_format="jsonl", stdin=io.BytesIO(data))
    assert [(i.id, type(i).__name__) for i in items] == [
        ("ok1", "Document"),
        ("-:2", "DocumentError"),
        ("-:4", "DocumentError"),
        ("no-text", "DocumentError"),
        ("num-text", "DocumentError"),
        ("blank", "DocumentError"),
        ("ok2", "Document"),
    ]
    assert "line 2" in items[1].message and "JSON" in items[1].message
    assert items[1].kind == items[2].kind == items[3].kind == "format"
    assert '"text"' in items[3].message
    assert items[5].kind == "empty"


def test_jsonl_line_in_a_legacy_encoding_is_refused_alone() -> None:
    data = '{"id": "a", "text": "Привет"}\n'.encode("cp1251") + b'{"id": "b", "text": "ok"}\n'
    first, second = read("-", input_format="jsonl", stdin=io.BytesIO(data))
    assert first.kind == "encoding" and "UTF-8" in first.message
    assert second.text == "ok"


def test_jsonl_in_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ps.jsonl"
    path.write_bytes(
        '{"id": "a", "text": "Київ"}\r\n{"id": "b", "text": "Львів"}\r\n'.encode("utf-16")
    )
    assert [(d.id, d.text) for d in read(str(path))] == [("a", "Київ"), ("b", "Львів")]


def test_oversized_jsonl_line_is_skipped_and_the_next_one_read() -> None:
    data = b'{"id": "big", "text": "' + b"x" * 5000 + b'"}\n{"id": "small", "text": "ok"}\n'
    first, second = read("-", input_format="jsonl", stdin=io.BytesIO(data), max_bytes=1000)
    assert (first.id, first.kind) == ("-:1", "too-large")
    assert (second.id, second.text) == ("small", "ok")


def test_upstream_error_record_passes_its_message_through() -> None:
    record = {
        "id": "x",
        "error": "no ru→en model; run `newsbrief models install ru`",
        "kind": "model",
    }
    error = only(read("-", input_format="jsonl", stdin=io.BytesIO(json.dumps(record).encode())))
    assert isinstance(error, DocumentError)
    assert (error.id, error.kind, error.message) == ("x", "model", record["error"])


def test_upstream_translation_record_carries_its_sentences() -> None:
    record = {
        "id": "ru1",
        "language": "ru",
        "text": "The ferry is back.\nIt runs every half hour.",
        "sentences": [
            {"source": "Паром вернулся.", "text": "The ferry is back."},
            {"source": "Он ходит каждые полчаса.", "text": "It runs every half hour."},
        ],
        "url": "https://example.org",
    }
    doc = only(read("-", input_format="jsonl", stdin=io.BytesIO(json.dumps(record).encode())))
    assert doc.sentences == [
        SentencePair("Паром вернулся.", "The ferry is back.", language="ru"),
        SentencePair("Он ходит каждые полчаса.", "It runs every half hour.", language="ru"),
    ]
    assert doc.extra == {"language": "ru", "url": "https://example.org"}
    bad = dict(record, sentences=[{"source": "only source"}])
    error = only(read("-", input_format="jsonl", stdin=io.BytesIO(json.dumps(bad).encode())))
    assert error.kind == "format" and "sentences" in error.message


def test_format_follows_the_extension_unless_given(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "a", "text": "Текст."}\n', encoding="utf-8")
    assert only(read(str(path))).id == "a"
    as_text = only(read(str(path), input_format="text"))
    assert as_text.id == str(path) and as_text.text.startswith("{")
    txt = tmp_path / "r.txt"
    txt.write_text('{"id": "b", "text": "Текст."}\n', encoding="utf-8")
    assert only(read(str(txt), input_format="jsonl")).id == "b"


class _OneLineThenFail(io.RawIOBase):
    """A pipe whose writer has sent one record and not yet the rest."""

    def __init__(self) -> None:
        self.sent = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.sent:
            raise AssertionError("read past the first record before yielding it")
        self.sent = True
        data = b'{"id": "first", "text": "One."}\n'
        buffer[: len(data)] = data
        return len(data)


def test_jsonl_on_stdin_is_streamed_record_by_record() -> None:
    stream = io.BufferedReader(_OneLineThenFail())
    items = read_inputs(["-"], "jsonl", stdin=stream)
    assert next(items).id == "first"


def test_samples_folder_reads_cleanly() -> None:
    docs = read(str(REPO / "samples"))
    assert all(isinstance(d, Document) for d in docs)
    records = read(str(REPO / "samples" / "articles.jsonl"))
    assert len(records) == 3
    assert all(isinstance(r, Document) and "url" in r.extra for r in records)
    # The folder gives its article files and, as batch reads it, the archive's records.
    files = sorted(p for p in (REPO / "samples").rglob("*") if p.suffix in (".txt", ".md"))
    assert len(docs) == len(files) + 3
    assert [d.id for d in docs if not d.id.startswith(str(REPO))] == [r.id for r in records]


# -- hostile jsonl lines (issue 14): one bad line is a format error for that line alone ----------
GOOD_LINE = b'{"id": "a", "text": "The council met on Monday."}\n'


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        (b'{"id": 1' + b"0" * 4300 + b', "text": "x"}', "4300 digits"),
        (b"[" * 100_000, "deeper than"),
        (b'{"id": "deep", "text": "x", "meta": ' + b"[" * 150 + b"]" * 150 + b"}", "deeper than"),
        (b'{"id": "x", "text": "unterminated', "not valid JSON"),
    ],
)
def test_unreadable_jsonl_line_fails_alone(bad: bytes, says: str) -> None:
    data = GOOD_LINE + bad + b"\n" + GOOD_LINE.replace(b'"a"', b'"c"')
    first, second, third = read("-", input_format="jsonl", stdin=io.BytesIO(data))
    assert isinstance(first, Document) and first.id == "a"
    assert isinstance(second, DocumentError) and second.kind == "format"
    assert second.id == "-:2" and says in second.message
    assert isinstance(third, Document) and third.id == "c"


def test_lone_surrogate_escape_becomes_replacement_character_with_a_warning() -> None:
    data = (
        b'{"id": "a\\udc00", "text": "\\ud800 The council met.", "note": ["\\udfff"]}\n'
        b'{"id": "b", "text": "A pair is a character: \\ud83d\\ude00."}\n'
    )
    warnings: list[str] = []
    first, second = read("-", input_format="jsonl", stdin=io.BytesIO(data), warn=warnings.append)
    assert (first.id, first.text, first.extra) == ("a\ufffd", "\ufffd The council met.",
                                                   {"note": ["\ufffd"]})
    assert second.text == "A pair is a character: \U0001f600."
    assert len(warnings) == 1 and "-:1" in warnings[0] and "U+FFFD" in warnings[0]
    for doc in (first, second):
        json.dumps(doc.extra, ensure_ascii=False).encode("utf-8")
        (doc.id + doc.text).encode("utf-8")  # writable: no surrogate left


# -- standard input: jsonl sniffed from the first line, `==> id <==` sections read back ----------
def test_jsonl_on_stdin_is_recognised_from_its_first_line() -> None:
    data = b'\xef\xbb\xbf{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n'
    assert [(d.id, d.text) for d in read("-", stdin=io.BytesIO(data))] == [
        ("a", "One."),
        ("b", "Two."),
    ]
    utf16 = '{"id": "w", "text": "Windows."}\r\n'.encode("utf-16")
    assert [d.id for d in read("-", stdin=io.BytesIO(utf16))] == ["w"]


@pytest.mark.parametrize(
    "text",
    ["{braces} open this article.\nSecond line.", "{ not json at all", "Plain text {\"x\": 1}"],
)
def test_text_that_merely_contains_braces_stays_text_on_stdin(text: str) -> None:
    doc = only(read("-", stdin=io.BytesIO(text.encode())))
    assert isinstance(doc, Document) and doc.id == "-" and doc.text == text


def test_forced_text_format_reads_json_looking_stdin_as_text() -> None:
    data = b'{"id": "a", "text": "One."}\n'
    doc = only(read("-", input_format="text", stdin=io.BytesIO(data)))
    assert doc.id == "-" and doc.text == data.decode().strip()


def test_text_output_of_several_documents_is_read_back_as_those_documents() -> None:
    from newsbrief.records import Article, Translation
    from newsbrief.render import render_articles

    texts = {
        "samples/en_local.txt": "Ferry is back\nThe ferry resumed on Wednesday.\nTickets cost 20.",
        "kyiv uk.txt": "Second article.\n\nIts last paragraph.",
        "-:3": "Third.",
    }
    articles = [
        Article(id=i, language="en", translation=Translation("en", t)) for i, t in texts.items()
    ]
    rendered = render_articles("translate", articles, "text")
    back = read("-", stdin=io.BytesIO(rendered.encode()))
    assert [(d.id, d.text) for d in back] == list(texts.items())


def test_headed_stdin_with_an_empty_section_fails_that_section_only() -> None:
    data = b"==> a <==\nOne.\n\n==> b <==\n\n==> c <==\nThree.\n"
    a, b, c = read("-", stdin=io.BytesIO(data))
    assert (a.id, a.text, c.id, c.text) == ("a", "One.", "c", "Three.")
    assert isinstance(b, DocumentError) and b.id == "b" and b.kind == "empty"


def test_header_line_in_a_named_file_is_text(tmp_path: Path) -> None:
    path = tmp_path / "both.txt"
    path.write_text("==> a <==\nOne.\n==> b <==\nTwo.\n", encoding="utf-8")
    doc = only(read(str(path)))
    assert doc.id == str(path) and "==> b <==" in doc.text


# -- folders and arguments that are not files (issue 13 conventions) ----------------------------
def test_folder_warns_about_the_files_it_skips(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    (tmp_path / "README.md").write_text("About.", encoding="utf-8")
    warnings: list[str] = []
    docs = read(str(tmp_path), warn=warnings.append)
    assert [Path(d.id).name for d in docs] == ["a.txt"]
    [warning] = warnings
    assert "skipped 2 other files: notes.json, scan.pdf" in warning


def test_folder_reads_its_record_archives_as_batch_does(tmp_path: Path) -> None:
    """Issue 25: one rule for every command. `summarize DIR` skipped the .jsonl that `batch DIR`
    reads as an archive; now both read articles, .jsonl and .jsonl.gz, in path order."""
    import gzip

    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "x", "text": "Two."}\n', encoding="utf-8")
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write('{"id": "y", "text": "Three."}\n{"id": "z", "text": "Four."}\n')
    warnings: list[str] = []
    docs = read(str(tmp_path), warn=warnings.append)
    assert [d.id for d in docs] == [str(tmp_path / "a.txt"), "x", "y", "z"]
    assert [d.text for d in docs] == ["One.", "Two.", "Three.", "Four."]
    assert warnings == []
    assert [d.id for d in read(str(tmp_path), input_format="text")] == [str(tmp_path / "a.txt")]


def test_a_damaged_gzip_archive_keeps_its_first_records_and_fails_alone(tmp_path: Path) -> None:
    import gzip

    whole = gzip.compress(b"".join(
        b'{"id": "r%d", "text": "Record number %d is here."}\n' % (n, n) for n in range(2000)
    ))
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "junk.jsonl.gz").write_bytes(b"not gzip at all")
    (tmp_path / "z.txt").write_text("Last.", encoding="utf-8")
    docs = read(str(tmp_path))
    cut = [d for d in docs if isinstance(d, Document) and d.id.startswith("r")]
    errors = [d for d in docs if isinstance(d, DocumentError)]
    assert 0 < len(cut) < 2000
    assert [e.id for e in errors] == [str(tmp_path / n) for n in ("cut.jsonl.gz", "junk.jsonl.gz")]
    assert f"after record {len(cut)}" in errors[0].message
    assert "no record could be read" in errors[1].message
    assert all(e.kind == "unreadable" for e in errors)
    assert docs[-1].text == "Last."


@pytest.mark.parametrize(
    ("argument", "says"),
    [
        ("https://example.org/news/1.html", "web address"),
        ("The council met on Monday and approved the plan", "looks like article text"),
        ("word " * 100, "looks like article text"),
        ("missing.txt", "no such file or directory; check the path"),
    ],
)
def test_argument_that_is_no_file_gets_a_hint(argument: str, says: str) -> None:
    error = only(read(argument))
    assert isinstance(error, DocumentError) and says in error.message


def test_undecodable_file_name_gets_a_writable_id(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/bad\xff.txt"
    try:
        with open(raw, "wb") as fh:
            fh.write(b"The council met.")
    except OSError:
        pytest.skip("this file system refuses non-UTF-8 names")
    [doc] = read(str(tmp_path))
    assert doc.id.endswith("bad\ufffd.txt") and doc.text == "The council met."
    assert os.fsencode(doc.path) == raw  # the real name still opens it


def test_nan_and_infinity_in_jsonl_are_read_as_null_with_a_warning() -> None:
    data = b'{"id": "a", "text": "One.", "score": NaN, "range": [1e400, -Infinity, 1.5]}\n'
    warnings: list[str] = []
    doc = only(read("-", input_format="jsonl", stdin=io.BytesIO(data), warn=warnings.append))
    assert doc.extra == {"score": None, "range": [None, None, 1.5]}
    json.dumps(doc.extra, allow_nan=False)  # what we write back is strict JSON
    assert len(warnings) == 1 and "NaN is not a JSON number" in warnings[0]
