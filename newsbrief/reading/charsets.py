"""Bytes → text for articles that arrive in whatever encoding their author's tools used.

Russian and Ukrainian text still circulates in legacy 8-bit code pages (cp1251 from Windows,
koi8-r/koi8-u from mail archives and old Unix sites, occasionally mac-cyrillic or cp866).
A byte in those pages is a Cyrillic letter in *every* one of them, so a wrong guess does not fail:
it silently produces fluent-looking mojibake ("пРИВЕТ", "ОПХБЕР"). General-purpose detectors
(charset-normalizer) are good on long texts but often pick an East-Asian or Cyrillic sibling page
on a headline or a single sentence. So after the unambiguous cases (BOM, UTF-8, UTF-16) every
Cyrillic page is tried and the one whose text *reads like Russian or Ukrainian* wins: common letter
pairs, normal letter case, no stray symbols. Text that reads like nothing is refused rather than
guessed, because mojibake sent to a translator yields confident nonsense. The page scoring
lives in cyrillic_pages.py, the check for a file pasted from two encodings in mixed_pages.py.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable

from newsbrief.reading.cyrillic_pages import SAMPLE, SPACES, TYPOGRAPHY, best_cyrillic
from newsbrief.reading.mixed_pages import misread_line, page_name


class InputError(Exception):
    """A document that cannot be turned into text; `kind` is the DocumentError kind."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


# Signatures of common non-text files, so the refusal can say what the file is.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document (extract its text first, e.g. with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (.docx/.odt/.epub files are ZIP archives too)"),
    (b"\x1f\x8b", "a gzip-compressed file (decompress it first)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable program"),
    (b"{\\rtf", "an RTF document"),
    (b"RIFF", "a RIFF media file (WebP/WAV/AVI)"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
)

_LATIN_PAGES = ("cp1252", "iso8859_15", "latin_1", "cp1250", "iso8859_2")
_WORD = re.compile(r"[^\W\d_]+")
_CONTROL_OK = {0x09, 0x0A, 0x0C, 0x0D, 0x0B, 0x1B}
# Share of NUL bytes past which a file without a BOM (and not UTF-16) is binary data.
MAX_NULS = 0.001


def decode_bytes(data: bytes, warn: Callable[[str], None] | None = None) -> str:
    """Decode an article's bytes to text, or raise InputError ("binary" / "encoding").

    Order: byte-order mark, binary sniffing, UTF-8, BOM-less UTF-16, Cyrillic code pages scored
    for plausibility, then charset-normalizer for anything else (e.g. a Western cp1252 file).
    The BOM is never part of the returned text. A few stray NUL bytes in a text (a damaged
    copy) are dropped, said through `warn`, as a lone surrogate is; more than MAX_NULS of the
    bytes are NUL and it is binary data.
    """
    if not data:
        return ""
    bom_text = _decode_with_bom(data)
    if bom_text is not None:
        return bom_text
    _refuse_known_binary(data)
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        nuls = data.count(0)
        if nuls > max(1, int(len(data) * MAX_NULS)):
            raise InputError(
                "binary",
                "binary data (it contains NUL bytes), not text; give a plain-text or HTML file",
            )
        data = data.replace(b"\x00", b"")
        if warn is not None:
            noun = "byte" if nuls == 1 else "bytes"
            warn(f"dropped {nuls} NUL {noun} (not text: a damaged copy?)")
    _refuse_control_bytes(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = best_cyrillic(data)
    if best is not None:
        mixed = misread_line(data, best.encoding)
        if mixed is not None:
            line_no, other = mixed
            raise InputError(
                "encoding",
                f"mixed encodings: line {line_no} reads as {page_name(other)}, the rest as "
                f"{page_name(best.encoding)}; convert each part to UTF-8 (e.g. `iconv -f "
                f"{page_name(other)} -t UTF-8`) and join them",
            )
        return best.text
    other = _charset_normalizer_guess(data)
    if other is not None:
        return other
    raise InputError(
        "encoding",
        "unknown text encoding (it is not UTF-8, UTF-16, cp1251 or koi8-r/koi8-u); convert it "
        "to UTF-8, e.g. `iconv -f <encoding> -t UTF-8 FILE > FILE.utf8.txt`",
    )


def _decode_with_bom(data: bytes) -> str | None:
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            name = encoding.upper().replace("-LE", " LE").replace("-BE", " BE")
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    "encoding",
                    f"the text starts with a {name} byte-order mark but byte "
                    f"{exc.start + len(bom)} is not valid {name}; re-save the file as UTF-8",
                ) from None
            if encoding.startswith("utf-16") and _paired_ascii(text):
                raise InputError(
                    "encoding",
                    f"the text starts with a {name} byte-order mark but what follows is 8-bit "
                    "text (read as UTF-16 its letters pair up into unrelated characters); "
                    "re-save the file as UTF-8",
                )
            return text
    return None


def _paired_ascii(text: str) -> bool:
    """Whether UTF-16 text is really 8-bit text read two bytes at a time.

    Plain ASCII read as UTF-16 turns every pair of letters into one character whose two bytes are
    both printable ASCII ("ga" -> U+6761 "最"); real UTF-16 text has 0x00 (Latin) or 0x04
    (Cyrillic) high bytes, and only about a fifth of real CJK characters look like that.
    """
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return False
    paired = sum(
        1 for ch in chars if 0x20 <= ord(ch) >> 8 <= 0x7E and 0x20 <= ord(ch) & 0xFF <= 0x7E
    )
    return paired >= 3 and paired >= 0.6 * len(chars)


def _refuse_known_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError("binary", f"{what}, not text; give a plain-text or HTML file")


def _refuse_control_bytes(data: bytes) -> None:
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in _CONTROL_OK)
    if controls > max(2, len(sample) // 100):
        raise InputError(
            "binary", "binary data (many control bytes), not text; give a plain-text or HTML file"
        )


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, recognised by its pattern of high bytes.

    In UTF-16 text of Latin or Cyrillic script every other byte is the high byte of a code point:
    0x00 (ASCII), 0x04 (Cyrillic) or 0x20 (dashes, quotes). A binary file with NUL bytes has no
    such regularity.
    """
    if len(data) % 2:
        return None
    for encoding, high_offset in (("utf-16-le", 1), ("utf-16-be", 0)):
        highs = data[high_offset::2]
        lows = data[1 - high_offset :: 2]
        regular = sum(1 for b in highs if b in (0x00, 0x04, 0x20)) / len(highs)
        low_nuls = lows.count(0) / len(lows)
        if regular < 0.95 or low_nuls > 0.02:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
        if printable / len(text) >= 0.98:
            return text
    return None


def _charset_normalizer_guess(data: bytes) -> str | None:
    """Non-Cyrillic legacy text (say, a cp1252 English article with curly quotes).

    charset-normalizer will name *some* encoding for any bytes, so its answer is taken only for
    Latin-script pages and only when the result looks like Latin text: every letter is a Latin
    one ("café", "Zürich") and every other non-ASCII character is ordinary typography.
    """
    from charset_normalizer import from_bytes

    plausible = {
        match.encoding
        for match in from_bytes(data[:SAMPLE])
        if match.encoding in _LATIN_PAGES and match.chaos <= 0.1
    }
    # Western European first: the pages agree on ASCII and most punctuation, and a text that
    # reads as Latin under several of them is far more often cp1252 than Central European.
    for encoding in _LATIN_PAGES:
        if encoding not in plausible:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if reads_as_latin(text):
            return text
    return None


def reads_as_latin(text: str) -> bool:
    """Latin-script text is mostly ASCII letters; a Cyrillic text misread as Latin is not."""
    letters = [ch for ch in text if ch.isalpha()]
    if sum(ch.isascii() for ch in letters) < 0.7 * len(letters):
        return False
    for word in _WORD.findall(text):
        if any(_script(ch) != "latin" for ch in word):
            return False
    return not any(
        not ch.isalpha() and ch not in TYPOGRAPHY and ch not in SPACES
        for ch in text
        if ord(ch) > 127
    )


def _script(ch: str) -> str:
    if ch.isascii():
        return "latin"
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "latin"
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("GREEK"):
        return "greek"
    return "other"
