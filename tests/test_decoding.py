"""Bytes → text: supported encodings decode exactly; anything else is refused, never garbled."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from newsbrief.reading import InputError, decode_bytes

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"

RU = (
    "Паромная переправа через Днестр снова заработает в среду.\n"
    "Ремонт причала обошелся в 2,4 миллиона гривен, сообщили в горсовете.\n"
    "«Люди три недели тратили на дорогу по два часа», — сказала мэр."
)
UK = (
    "Поромна переправа через Дністер знову запрацює в середу.\n"
    "Ремонт причалу обійшовся в 2,4 мільйона гривень, повідомили в міськраді.\n"
    "Мешканці Луківки робили об'їзд майже на сорок кілометрів через міст у Зарічному."
)
EN = "The ferry resumes on Wednesday.\nRepairs cost 2.4 million hryvnias, the council said."
SHORT_RU = ["Москва", "Привет, мир.", "В среду откроют переправу.", "Цены выросли"]
SHORT_UK = ["Київ", "Дякую за допомогу.", "Пором їздитиме щопівгодини.", "Це наша земля"]


def _refused(data: bytes) -> InputError:
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    return info.value


@pytest.mark.parametrize("text", [RU, UK, EN])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_encodings_round_trip(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "mac_cyrillic", "cp866"])
def test_russian_code_pages_round_trip(encoding: str) -> None:
    plain = RU.replace("—", "-").replace("«", '"').replace("»", '"')  # koi8/cp866 lack them
    for text in [plain, *SHORT_RU]:
        assert decode_bytes(text.encode(encoding)) == text, (encoding, text)


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_u"])
def test_ukrainian_code_pages_round_trip(encoding: str) -> None:
    for text in [UK, *SHORT_UK]:
        assert decode_bytes(text.encode(encoding)) == text, (encoding, text)


def test_bom_is_not_part_of_the_text() -> None:
    assert decode_bytes(b"\xef\xbb\xbfHello") == "Hello"
    assert decode_bytes("Привет".encode("utf-16")) == "Привет"
    assert not decode_bytes("Привет".encode("utf-16")).startswith("\ufeff")


def test_broken_text_after_a_bom_is_refused_not_patched() -> None:
    error = _refused(b"\xef\xbb\xbfHello \xff\xfe world")
    assert error.kind == "encoding"
    assert "UTF-8" in error.message


def test_western_legacy_text_keeps_its_accents_and_quotes() -> None:
    text = "He said “yes” – and left… Le café à Zürich."
    assert decode_bytes(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"\xff\xd8\xff\xe0" + bytes(200), "JPEG"),
        (b"PK\x03\x04" + bytes(100), "ZIP"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x1f\x8b\x08\x00" + bytes(50), "gzip"),
    ],
)
def test_known_binary_formats_are_named(data: bytes, what: str) -> None:
    error = _refused(data)
    assert error.kind == "binary"
    assert what in error.message


def test_nul_bytes_and_control_bytes_mean_binary() -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(4000))
    assert _refused(noise).kind == "binary"
    assert _refused(b"text\x00with\x00nuls\x00here\x01\x02").kind == "binary"
    assert _refused(bytes(range(1, 32)) * 10).kind == "binary"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία της χώρας.", "cp1253"),
        ("הממשלה הודיעה היום על צעדים חדשים לכלכלה", "cp1255"),
    ],
)
def test_unsupported_pages_are_refused_rather_than_misread(text: str, encoding: str) -> None:
    error = _refused(text.encode(encoding))
    assert error.kind == "encoding"
    assert "UTF-8" in error.message  # says what to convert to


@pytest.mark.parametrize("word", ["Ряд", "США", "КНР", "Хьюн", "Н.И.", "млрд"])
@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_short_cyrillic_is_decoded_or_refused_never_read_as_latin(word: str, encoding: str) -> None:
    try:
        out = decode_bytes(word.encode(encoding))
    except InputError as error:
        assert error.kind == "encoding"
        return
    assert all(not ch.isalpha() or "\u0400" <= ch <= "\u04ff" for ch in out), out


def test_high_byte_soup_is_refused() -> None:
    rng = random.Random(3)
    soup = bytes(rng.randrange(128, 256) for _ in range(600))
    assert _refused(soup).kind == "encoding"


def _news_documents() -> list[dict]:
    path = SHARED / "news-docs" / "dev.jsonl"
    if not path.exists():
        pytest.skip("../shared/data/news-docs is not present")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.mark.parametrize("family", ["cp1251", "koi8", "utf-16"])
def test_real_news_documents_round_trip(family: str) -> None:
    """Whole real Russian/Ukrainian news documents come back exactly in every encoding."""
    checked = 0
    for doc in _news_documents():
        text = "\n".join(doc["src_sents"])
        encoding = {"koi8": "koi8_r" if doc["lang"] == "ru" else "koi8_u"}.get(family, family)
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:  # emoji and the like have no place in 8-bit pages
            continue
        assert decode_bytes(data) == text, (encoding, doc["docid"])
        checked += 1
    assert checked >= 100


def test_real_single_sentences_are_rarely_refused_and_never_misread() -> None:
    """One sentence is the hardest case for detection: at most 1% refused, none garbled."""
    sentences = [(d["lang"], s) for d in _news_documents() for s in d["src_sents"]][::3]
    total = wrong = refused = 0
    for lang, sentence in sentences:
        for encoding in ("cp1251", "koi8_r" if lang == "ru" else "koi8_u"):
            try:
                data = sentence.encode(encoding)
            except UnicodeEncodeError:
                continue
            if data.isascii():
                continue
            total += 1
            try:
                wrong += decode_bytes(data) != sentence
            except InputError:
                refused += 1
    assert total > 1000
    assert wrong == 0
    assert refused <= total // 100


# -- mojibake never accepted (issue 14 item 13) --------------------------------------------------
def test_ascii_bytes_behind_a_utf16_bom_are_refused_not_read_as_cjk() -> None:
    error = _refused(bytes.fromhex("FFFE0067617262616765"))  # "最牡慢敧" if read as UTF-16
    assert error.kind == "encoding" and "byte-order mark" in error.message
    assert "UTF-16 BE" in _refused(b"\xfe\xff" + b"The council met on Monday.").message


@pytest.mark.parametrize("text", ["今天天气很好，我们去公园散步。", "東京は日本の首都です。", RU])
def test_real_utf16_text_with_a_bom_is_still_read(text: str) -> None:
    assert decode_bytes(text.encode("utf-16")) == text


PAGES = ["cp1251", "koi8_r", "koi8_u", "mac_cyrillic", "cp866", "iso8859_5", "utf-8"]


@pytest.mark.parametrize("first", PAGES)
@pytest.mark.parametrize("second", PAGES)
def test_paragraphs_in_two_encodings_are_refused_or_read_right(first: str, second: str) -> None:
    ru, uk = RU.split("\n")[1], UK.split("\n")[2]
    try:
        data = ru.encode(first) + b"\n" + uk.encode(second) + b"\n"
    except UnicodeEncodeError:
        pytest.skip(f"{second} cannot write this Ukrainian text")
    try:
        text = decode_bytes(data)
    except InputError as exc:
        assert exc.kind == "encoding"
        if first != second:
            assert "mixed encodings" in exc.message or "unknown text encoding" in exc.message
        return
    assert text == ru + "\n" + uk + "\n"


def test_mixed_encodings_refusal_names_the_line_and_both_pages() -> None:
    ru, uk = RU.split("\n")[1], UK.split("\n")[2]
    error = _refused(ru.encode("cp1251") + b"\n" + uk.encode("koi8_u") + b"\n")
    assert "line 1" in error.message and "CP1251" in error.message and "KOI8-U" in error.message


@pytest.mark.parametrize(
    ("declared", "actual"),
    [("koi8-r", "cp1251"), ("windows-1251", "koi8_r"), ("iso-8859-1", "cp1251"),
     ("windows-1251", "cp1251"), ("koi8-u", "koi8_u")],
)
def test_html_declaring_the_wrong_charset_is_decoded_by_what_it_reads_as(
    declared: str, actual: str
) -> None:
    from newsbrief.reading.html_extract import decode_html

    lines = RU.split("\n")[:2]  # no guillemets: koi8-r has none
    body = "</p><p>".join(lines)
    # The text comes after a long head, so a decoder that samples only the first bytes sees none.
    head = "<script>var x = 1;</script>\n" * 300
    page = (
        f'<html><head><meta charset="{declared}"><title>Новости</title>{head}</head>'
        f"<body><article><p>{body}</p></article></body></html>"
    )
    decoded = decode_html(page.encode(actual))
    assert all(line in decoded for line in lines)
