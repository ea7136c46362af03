"""Clean up the typographic noise of real-world text without changing what it says.

Articles are copied out of browsers, word processors, mail archives and CMS exports. They carry
invisible characters (soft hyphens, zero-width spaces, byte-order marks), exotic spaces, Windows
or old-Mac line endings and lines hard-wrapped at ~70 columns. Downstream stages treat one line as
one paragraph (`records.paragraphs_of`) and split sentences with rules that expect plain spaces,
so all of that is reduced to a plain form here.

Quote policy: curly double quotes (“ ” „ ‟) become ", curly single quotes and apostrophes
(‘ ’ ‚ ‛) become '. They carry no meaning beyond "this is a quote"/"this is an apostrophe",
their direction is often wrong in pasted text, and straight quotes are what sentence splitters and
the translation models see most. Guillemets « » (and ‹ ›) are kept as written: they are the
standard quotation marks of Russian and Ukrainian, unambiguous, and handled by the splitter. Dashes
(— –) are kept too: a dash is not a hyphen and changing it could change how a sentence reads.
The modifier letter ʼ is a letter, not a quote: in a Cyrillic word it is the Ukrainian apostrophe
and becomes ' (what the translation models saw), but in English it is kept as written
("Childrenʼs Rights", as Ukrainian outlets type it), so a key point quotes its sentence exactly.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that are spaces in everything but name.
_SPACES = dict.fromkeys(
    map(
        ord,
        "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
        "\u200a\u202f\u205f\u3000\t",
    ),
    " ",
)
# Invisible characters that only affect rendering or hyphenation: dropped.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u200b\u2060\ufeff\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
        "\u2061\u2062\u2063\u2064",
    ),
    None,
)
_QUOTES = {
    ord("“"): '"',
    ord("”"): '"',
    ord("„"): '"',
    ord("‟"): '"',
    ord("″"): '"',
    ord("‘"): "'",
    ord("’"): "'",
    ord("‚"): "'",
    ord("‛"): "'",
    ord("\u2010"): "-",
    ord("\u2011"): "-",  # hyphen and non-breaking hyphen
}
# One pass with a regex (in C) beats str.translate with a dict, which looks up every character.
_REPLACEMENTS = {
    chr(k): v or "" for table in (_SPACES, _INVISIBLE, _QUOTES) for k, v in table.items()
}
_REPLACEABLE = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "]")
# The Ukrainian apostrophe: ʼ beside a Cyrillic letter.
_CYRILLIC_APOSTROPHE = re.compile(r"(?<=[\u0400-\u04ff])ʼ|ʼ(?=[\u0400-\u04ff])")
_LINE_BREAKS = re.compile(r"\r\n|\r|[\u2028\u2029\u0085\x0b\x0c]")
# Control characters other than newline (tab was turned into a space already).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Zero-width (non-)joiners matter inside emoji sequences and some scripts (Persian, Indic), not
# between Latin or Cyrillic letters, nor at a line's edge or beside a space.
_JOINERS = re.compile("[\u200c\u200d]+")
_MULTI_SPACE = re.compile(r" {2,}")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'»)\]]*$")
_LIST_ITEM = re.compile(r"^([-*•–—]\s|\d+[.)]\s)")


def normalize_text(text: str) -> str:
    """Plain-form text: one paragraph a line, plain spaces, NFC, no invisible characters.

    Steps: NFC; line endings → \\n; exotic spaces → space; soft hyphens, zero-width and
    direction marks removed; curly quotes → straight (guillemets kept, ʼ in Cyrillic words only:
    see module doc); other
    control characters removed; each line stripped and inner runs of spaces collapsed;
    hard-wrapped paragraphs re-joined; at most one blank line in a row; no leading or trailing
    blank lines.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _REPLACEABLE.sub(_replace, text)
    if "ʼ" in text:
        text = _CYRILLIC_APOSTROPHE.sub("'", text)
    if "\u200c" in text or "\u200d" in text:
        text = _JOINERS.sub(_joiner, text)
    text = _CONTROLS.sub("", text)
    lines = [_MULTI_SPACE.sub(" ", line.strip()) for line in text.split("\n")]
    lines = unwrap_lines(lines)
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _replace(match: re.Match[str]) -> str:
    return _REPLACEMENTS[match.group()]


def _joiner(match: re.Match[str]) -> str:
    """Keep a run of joiners only between two characters that use them (emoji, other scripts).

    Runs after the other invisible characters are gone, so "со\u00ad\u200dвет" loses both.
    """
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or end == len(text):
        return ""
    for ch in (text[start - 1], text[end]):
        if ch.isspace() or (ch.isalnum() and ch < "\u0530"):  # Latin, Greek, Cyrillic, digits
            return ""
    return match.group()


def unwrap_lines(lines: list[str]) -> list[str]:
    """Re-join paragraphs that were hard-wrapped mid-sentence (mail, plain-text archives).

    A break is taken as a wrap only when it is evident: the line does not end a sentence and the
    next line goes on in lowercase ("...заявил\\nв понедельник..."), or the line ends with a comma
    and is long enough to have been wrapped. A word split with a hyphen at the break keeps its
    hyphen (it may be a real compound such as "северо-западный"). Headlines, datelines and
    list items, which start with a capital or a marker, stay on their own lines.
    """
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line and _continues(out[-1], line):
            prev = out[-1]
            joiner = "" if prev.endswith("-") and prev[-2:-1].isalpha() else " "
            out[-1] = prev + joiner + line
        else:
            out.append(line)
    return out


def _continues(prev: str, line: str) -> bool:
    if _SENTENCE_END.search(prev) or _LIST_ITEM.match(line):
        return False
    first = line[0]
    if first.isalpha() and first.islower():
        return True
    return prev.endswith(",") and len(prev) >= 40 and not _LIST_ITEM.match(prev)
