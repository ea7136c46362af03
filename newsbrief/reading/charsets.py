"""Bytes → text for articles that arrive in whatever encoding their author's tools used.

Russian and Ukrainian text still circulates in legacy 8-bit code pages (cp1251 from Windows,
koi8-r/koi8-u from mail archives and old Unix sites, occasionally mac-cyrillic or cp866).
A byte in those pages is a Cyrillic letter in *every* one of them, so a wrong guess does not fail:
it silently produces fluent-looking mojibake ("пРИВЕТ", "ОПХБЕР"). General-purpose detectors
(charset-normalizer) are good on long texts but often pick an East-Asian or Cyrillic sibling page
on a headline or a single sentence. So after the unambiguous cases (BOM, UTF-8, UTF-16) every
Cyrillic page is tried and the one whose text *reads like Russian or Ukrainian* wins: common letter
pairs, normal letter case, no stray symbols. Text that reads like nothing is refused rather than
guessed, because mojibake sent to a translator yields confident nonsense.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache


class InputError(Exception):
    """A document that cannot be turned into text; `kind` is the DocumentError kind."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


# Single-byte Cyrillic code pages, in order of preference when two decode to the same text.
CYRILLIC_PAGES = ("cp1251", "koi8_r", "koi8_u", "mac_cyrillic", "cp866", "iso8859_5")

# The most frequent letter pairs inside words of Russian and Ukrainian news text (computed once
# from public news/encyclopaedic text; together they cover about 90% of all pairs). A correctly
# decoded text is mostly made of them; a text decoded with the wrong page is mostly not, because
# the pages order the alphabet differently.
_COMMON_PAIRS = frozenset(
    (
        "ст то но ни на ен ра по ко ро ов ан пр ре ли ол ос та ер ны от го не ор во ва ет ль "
        "те ле ка од ал ес ом ри он ог ть ти ат об ел ит ме ин де ве ла за ск ак ло тр ас ми "
        "мо ся ие ем да ки ой ия ед со ил до ис ав че тв им же ам ви нн бо ар из ля се тс бы "
        "ди ма ци аз вы их ча ые сл ру ив ей ьн ик ых пе ии чт сп ры ож нт ок ая ек ий ое вл "
        "ир ег тн оп па эт хо ут ги ич га ад ют оз чи ым дн ту ев са си ае жн ку кр ез ше гр "
        "аю ыл ты нс ах ще ши ду вн бе вс лю ый ую оч ее щи ят му жи дл зо ид це уч ац ур чн "
        "св зн вр кт уд рн бр ну сь пи лу сн бл ач ьс рт нд аж су яв аб иц жд ул сс ус зв ио "
        "ои мн би ьш бу пл гл пу ап др уг зд еж мы ющ ай кл аг дв ке ня йс жа ыв уп уж нь ды "
        "иа дс еч яе ию рс ні ві ід ів ін ці рі мі як іс лі кі що іл пі ьк ті ув ді ій ою іт "
        "бі ії ої ає ба із сі ьо ік гі ір іч йо йн дж ія ву ім іш нк єт ям зм нш зу ох сц жу "
        "юч ує ші юд зи ун чо"
    ).split()
)

# Letters of the Russian and Ukrainian alphabets (other Cyrillic letters mean a misread page).
_ALPHABET = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ")
_LETTERS = _ALPHABET | frozenset(ch.upper() for ch in _ALPHABET)
_ONE_LETTER_WORDS = frozenset("авиксуяоійзє")

# Non-letter characters that legitimately occur in Cyrillic text (typography, currency, units).
_QUOTES = frozenset("«»„“”‘‚‹›")
_DASHES = frozenset("—–−")
_INNER = frozenset("’ʼ‘`‐‑\u00ad")
_SPACES = frozenset("\u00a0\u2009\u202f\u200b\u2007\u2002\u2003")
_TYPOGRAPHY = _QUOTES | _DASHES | _INNER | frozenset("…№•·°§©®™€×±′″")
_EXPECTED = _LETTERS | _TYPOGRAPHY | _SPACES

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
# Scoring a sample is enough to tell the pages apart and keeps big files fast.
_SAMPLE = 4096
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
        _refuse_mixed_pages(data, best.encoding)
        return best.text
    other = _charset_normalizer_guess(data)
    if other is not None:
        return other
    raise InputError(
        "encoding",
        "unknown text encoding (it is not UTF-8, UTF-16, cp1251 or koi8-r/koi8-u); convert it "
        "to UTF-8, e.g. `iconv -f <encoding> -t UTF-8 FILE > FILE.utf8.txt`",
    )


@dataclass
class Candidate:
    encoding: str
    text: str
    score: float


# The plausibility under which a Cyrillic decoding is taken as mojibake (see cyrillic_plausibility).
PLAUSIBLE = 0.15


def best_cyrillic(data: bytes, threshold: float = PLAUSIBLE) -> Candidate | None:
    """The Cyrillic code page under which `data` reads most like Russian/Ukrainian text.

    None when no page gives plausible text (the bytes are not Cyrillic, or too damaged), so the
    caller can try other encodings or refuse.
    """
    best: Candidate | None = None
    sample = _non_ascii_sample(data)
    for encoding in CYRILLIC_PAGES:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = cyrillic_plausibility(text)
        if best is None or score > best.score + 1e-9:
            best = Candidate(encoding, text, score)
    if best is None or best.score < threshold:
        return None
    try:
        best.text = data.decode(best.encoding)
    except UnicodeDecodeError:  # a byte the page lacks, past the sample
        return None
    return best


# A paragraph is judged on its own when it has this many non-ASCII bytes (fewer say too little),
# on at most _LINE_SAMPLE bytes of it; it is a misread when it scores under the document
# threshold while another page (or UTF-8) reads it clearly.
_LINE_MIN_HIGH = 12
_LINE_SAMPLE = 600
_LINE_CLEAR = 0.4
_LINE_MARGIN = 0.1
_HIGH_BYTES = bytes(range(128))  # deleted by bytes.translate, leaving the non-ASCII bytes


def _refuse_mixed_pages(data: bytes, chosen: str, threshold: float = PLAUSIBLE) -> None:
    """Refuse a file whose paragraphs are in different encodings (never mojibake in one of them).

    A file pasted together from two sources (one paragraph cp1251, the next koi8-u, or UTF-8)
    decodes under one page without error, and the page chosen for the whole turns the other
    paragraphs into fluent-looking nonsense. Every line with enough non-ASCII bytes is therefore
    scored under the chosen page; one that reads wrong there but clearly right under another
    page is named in the refusal.
    """
    lines = data.split(b"\n")
    for index in _suspect_lines(data, chosen):
        line_no, line = index + 1, lines[index]
        if len(line.translate(None, _HIGH_BYTES)) < _LINE_MIN_HIGH:
            continue
        sample = line[:_LINE_SAMPLE]
        text = sample.decode(chosen, "replace")
        score = cyrillic_plausibility(text)
        odd = odd_characters(text)
        if score >= threshold and not odd and not _GLUED_SYMBOL.search(text):
            continue
        other = _page_reading(line, sample, chosen, score, odd)
        if other is not None:
            raise InputError(
                "encoding",
                f"mixed encodings: line {line_no} reads as {_page_name(other)}, the rest as "
                f"{_page_name(chosen)}; convert each part to UTF-8 (e.g. `iconv -f "
                f"{_page_name(other)} -t UTF-8`) and join them",
            )


def _suspect_lines(data: bytes, page: str) -> list[int]:
    """Indexes of the lines that may be in another encoding than `page`: a screen in numpy.

    Scoring every line in Python costs about 2 s for a 5 MB file; this looks at byte pairs in
    bulk and leaves only lines with enough non-ASCII bytes where common letter pairs are scarce,
    a character outside the ru/uk alphabet and typography appears, or a symbol touches a letter.
    Those few get the full score (a line misread under the chosen page always shows one of the
    three).
    """
    import numpy as np

    byte_flags, pair_flags = _page_tables(page)
    arr = np.frombuffer(data, dtype=np.uint8)
    if arr.size < 2:
        return [0] if arr.size else []
    newlines = np.flatnonzero(arr == 10)
    starts = np.concatenate(([0], newlines + 1))
    ends = np.concatenate((newlines, [arr.size]))
    per_byte = byte_flags[arr]
    per_pair = pair_flags[(arr[:-1].astype(np.uint16) << 8) | arr[1:]]

    def per_line(values, size: int):  # type: ignore[no-untyped-def]
        sums = np.concatenate(([0], np.cumsum(values, dtype=np.int64)))
        return sums[np.minimum(ends, size)] - sums[np.minimum(starts, size)]

    n_high = per_line(per_byte & _HIGH, arr.size)
    n_odd = per_line((per_byte & _ODD) != 0, arr.size)
    n_pairs = per_line(per_pair & _PAIR, arr.size - 1)
    n_common = per_line((per_pair & _COMMON) != 0, arr.size - 1)
    n_glued = per_line((per_pair & _GLUED) != 0, arr.size - 1)
    suspect = (n_high >= _LINE_MIN_HIGH) & (
        (n_common < _SCREEN_COMMON * n_pairs) | (n_odd > 0) | (n_glued > 0) | (n_pairs == 0)
    )
    return [int(i) for i in np.flatnonzero(suspect)]


# Correct text has ~90% of its letter pairs in _COMMON_PAIRS, a misread page far fewer.
_SCREEN_COMMON = 0.6
# Bits of the per-byte and per-byte-pair tables.
_HIGH, _ODD = 1, 2
_PAIR, _COMMON, _GLUED = 1, 2, 4


@lru_cache(maxsize=len(CYRILLIC_PAGES))
def _page_tables(page: str):  # type: ignore[no-untyped-def]
    """Flags of every byte (non-ASCII, odd character) and byte pair (two ru/uk letters, a common
    pair, a symbol touching a letter) under one code page, for _suspect_lines."""
    import numpy as np

    chars = bytes(range(256)).decode(page, "replace")
    letter = np.array([ch in _LETTERS for ch in chars])
    glue = np.array([ch in _GLUE for ch in chars])
    byte_flags = np.array(
        [(_HIGH if n >= 0x80 else 0) | (_ODD if ch >= "\x80" and ch not in _EXPECTED else 0)
         for n, ch in enumerate(chars)],
        dtype=np.uint8,
    )
    first, second = np.meshgrid(np.arange(256), np.arange(256), indexing="ij")
    pairs = letter[first] & letter[second]
    glued = (glue[first] & letter[second]) | (letter[first] & glue[second])
    lower = [ch.lower() for ch in chars]
    common = np.zeros((256, 256), dtype=bool)
    for i, j in zip(*np.nonzero(pairs), strict=True):
        common[i, j] = lower[i] + lower[j] in _COMMON_PAIRS
    pair_flags = pairs * _PAIR | common * _COMMON | glued * _GLUED
    return byte_flags, pair_flags.astype(np.uint8).ravel()


def _page_reading(
    line: bytes, sample: bytes, chosen: str, score: float, odd: bool
) -> str | None:
    """The encoding other than `chosen` under which this line clearly reads right, if any.

    With odd characters under the chosen page, any page that reads the line without them and
    scores better wins; otherwise the other page must score clearly better.
    """
    try:
        line.decode("utf-8")
        return "utf-8"  # non-ASCII UTF-8 is never valid by accident
    except UnicodeDecodeError:
        pass
    for encoding in CYRILLIC_PAGES:
        if encoding == chosen:
            continue
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        other = cyrillic_plausibility(text)
        if other < _LINE_CLEAR:
            continue
        if other >= score + _LINE_MARGIN or (odd and other > score and not odd_characters(text)):
            return encoding
    return None


# A symbol or dash touching a Cyrillic letter ("–емонт", "обошелс€"): what capitals and "я" of
# cp1251 become under mac-cyrillic, a misreading too mild to show in the score alone.
_GLUE = frozenset("–—−€№•·°§©®™×±′″†‡‰‚")
_GLUED_SYMBOL = re.compile(
    "[\u0400-\u04ff][–—−€№•·°§©®™×±′″†‡‰‚]|[–—−€№•·°§©®™×±′″†‡‰‚„][\u0400-\u04ff]"
)


def odd_characters(text: str) -> bool:
    """Non-ASCII characters that are neither ru/uk letters nor typography: "√ородской" is a
    cp1251 capital read as mac-cyrillic, which costs too little of the score to show there."""
    return any(ch >= "\x80" for ch in set(text) - _EXPECTED)


def _page_name(encoding: str) -> str:
    return encoding.replace("_", "-").upper().replace("MAC-CYRILLIC", "mac-cyrillic")


def _non_ascii_sample(data: bytes) -> bytes:
    """About _SAMPLE bytes of the lines that hold non-ASCII bytes (only those tell pages apart).

    An HTML page's first kilobytes are often all markup and scripts; its text comes later.
    """
    if len(data) <= _SAMPLE:
        return data
    picked: list[bytes] = []
    size = 0
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        picked.append(line[:_SAMPLE])
        size += len(picked[-1]) + 1
        if size >= _SAMPLE:
            break
    return b"\n".join(picked) if picked else data[:_SAMPLE]


def cyrillic_plausibility(text: str) -> float:
    """How much the non-ASCII part of `text` reads like Russian/Ukrainian: mean score per char.

    Only non-ASCII characters are scored (ASCII bytes decode the same under every candidate
    page), and the score is a mean over them: every page turns one byte into one character, so
    candidates decoded from the same bytes compare fairly. A common letter pair earns +1 and an
    uncommon one -0.25; a letter outside the Russian and Ukrainian alphabets, a capital inside a
    lowercase word ("пРИВЕТ"), a Cyrillic letter glued to a Latin one, a symbol wedged between
    letters and a text in capitals all cost more. Correct decodings of real sentences score
    0.5-1, wrong pages near or below 0.
    """
    total = 0.0
    scored = letters = capitals = 0
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch < "\x80":
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i < last else " "
        scored += 1
        if "\u0400" <= ch <= "\u04ff":
            letters += 1
            capitals += ch.isupper()
            total += _letter_score(ch, prev, nxt, text, i)
        elif ch in _SPACES:
            continue
        elif ch in _TYPOGRAPHY:
            total += _symbol_score(ch, prev, nxt)
        else:
            total -= 3.0
    if not scored:
        return 0.0
    # Real articles are mostly lowercase; a page misread as another is often mostly capitals.
    shouting = max(0.0, capitals / letters - 0.5) * 1.5 if letters >= 20 else 0.0
    return total / scored - shouting


def _letter_score(ch: str, prev: str, nxt: str, text: str, i: int) -> float:
    if ch not in _LETTERS:
        return -2.0
    score = 0.0
    if prev in _LETTERS:
        # Rare-but-real pairs cost little; misread pages are sunk by case and symbol penalties.
        score += 1.0 if (prev + ch).lower() in _COMMON_PAIRS else -0.25
        if prev.islower() and ch.isupper():
            score -= 2.0
    else:
        if not nxt.isalpha():
            score += 0.5 if ch.lower() in _ONE_LETTER_WORDS else -1.0
        if _starts_sentence(text, i):
            score += 0.5 if ch.isupper() else -0.5
    if prev.isascii() and prev.isalpha() or nxt.isascii() and nxt.isalpha():
        score -= 2.0  # glued to a Latin letter: "cafй" is a Western text misread
    return score


def _starts_sentence(text: str, i: int) -> bool:
    """Whether position i begins a sentence: the text start, or after . ! ? and a space."""
    j = i - 1
    while j >= 0 and text[j] in "\"«„“'(—– ":
        j -= 1
    return j < 0 or (text[j] in ".!?…\n" and j < i - 1)


def _symbol_score(ch: str, prev: str, nxt: str) -> float:
    before, after = prev.isalpha(), nxt.isalpha()
    if ch in _INNER:  # apostrophes and hyphens belong between letters
        if ch in "’ʼ`" and not before and after:
            return -1.5  # a closing quote opening a word: usually a misread capital
        return 0.0
    if before and after:
        return -3.0
    if ch in _QUOTES:
        if ch in "”‚" and after:
            return -1.5  # closing-style quote opening a word: usually a misread capital
        return -2.0 if prev.isspace() and nxt.isspace() else 0.0
    return -2.0 if before or after else 0.0


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
        for match in from_bytes(data[:_SAMPLE])
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
        not ch.isalpha() and ch not in _TYPOGRAPHY and ch not in _SPACES
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
