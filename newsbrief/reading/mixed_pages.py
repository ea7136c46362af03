"""A file whose paragraphs are in different encodings: the line that the chosen page misreads.

A file pasted together from two sources (one paragraph cp1251, the next koi8-u, or UTF-8)
decodes under one page without error, and the page chosen for the whole turns the other
paragraphs into fluent-looking nonsense; such a file is refused, naming the line, rather than
partly mistranslated.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsbrief.reading.cyrillic_pages import (
    COMMON_PAIRS,
    CYRILLIC_PAGES,
    EXPECTED,
    LETTERS,
    PLAUSIBLE,
    cyrillic_plausibility,
    odd_characters,
)

# A paragraph is judged on its own when it has this many non-ASCII bytes (fewer say too little),
# on at most _LINE_SAMPLE bytes of it; it is a misread when it scores under the document
# threshold while another page (or UTF-8) reads it clearly.
_LINE_MIN_HIGH = 12
_LINE_SAMPLE = 600
_LINE_CLEAR = 0.4
_LINE_MARGIN = 0.1
_HIGH_BYTES = bytes(range(128))  # deleted by bytes.translate, leaving the non-ASCII bytes


def misread_line(data: bytes, chosen: str, threshold: float = PLAUSIBLE) -> tuple[int, str] | None:
    """(line number, its encoding) of the first line that `chosen` misreads, or None.

    Every line with enough non-ASCII bytes is scored under the chosen page; one that reads wrong
    there but clearly right under another page (or UTF-8) is the answer, for the caller to name
    in its refusal.
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
            return line_no, other
    return None


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


# Correct text has ~90% of its letter pairs in COMMON_PAIRS, a misread page far fewer.
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
    letter = np.array([ch in LETTERS for ch in chars])
    glue = np.array([ch in _GLUE for ch in chars])
    byte_flags = np.array(
        [(_HIGH if n >= 0x80 else 0) | (_ODD if ch >= "\x80" and ch not in EXPECTED else 0)
         for n, ch in enumerate(chars)],
        dtype=np.uint8,
    )
    first, second = np.meshgrid(np.arange(256), np.arange(256), indexing="ij")
    pairs = letter[first] & letter[second]
    glued = (glue[first] & letter[second]) | (letter[first] & glue[second])
    lower = [ch.lower() for ch in chars]
    common = np.zeros((256, 256), dtype=bool)
    for i, j in zip(*np.nonzero(pairs), strict=True):
        common[i, j] = lower[i] + lower[j] in COMMON_PAIRS
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


def page_name(encoding: str) -> str:
    """The name a refusal gives a code page ("KOI8-U", "CP1251", "mac-cyrillic")."""
    return encoding.replace("_", "-").upper().replace("MAC-CYRILLIC", "mac-cyrillic")
