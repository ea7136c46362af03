"""Article text out of a saved HTML page: headline first, then one paragraph a line.

A saved news page is mostly navigation, teasers, cookie banners and footers; translating those
wastes minutes and pollutes summaries. trafilatura (a maintained, widely used extractor) keeps the
main article and drops the rest. It works on the markup it is given and fetches nothing.
"""

from __future__ import annotations

import codecs
import datetime
import re

from newsbrief.reading.charsets import InputError, decode_bytes, reads_as_latin
from newsbrief.reading.cyrillic_pages import PLAUSIBLE, cyrillic_plausibility, odd_characters

_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SAMPLE = 8192


def looks_like_html(text: str) -> bool:
    """True for text that clearly is an HTML document: a doctype or <html>/<head>/<body> first.

    Deliberately strict: an article that merely mentions a <tag> stays text.
    """
    return bool(_HTML_START.match(text[:4096]))


def decode_html(data: bytes) -> str:
    """Decode an HTML page: BOM, then UTF-8, then the page's own <meta charset>, then detection."""
    if data.startswith(_BOMS) or b"\x00" in data[:4096]:
        return decode_bytes(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED.search(data[:8192])
    if declared:
        try:
            text = data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to detection
        else:
            if reads_as_declared(text):
                return text
    return decode_bytes(data)


def reads_as_declared(text: str) -> bool:
    """Whether a page decoded with its declared charset reads right (the declaration can lie).

    Pages are re-saved by editors and servers in another code page without the <meta> being
    updated: a cp1251 page declaring koi8-r decodes without error into "цНПНДЯЙНИ". Cyrillic
    text is kept only when it reads like Russian/Ukrainian, Latin-script text only when it reads
    as Latin text (a cp1251 page declared iso-8859-1 gives "Ãîðîäñêîé"); other scripts are taken
    at their word. A page that fails goes to detection, which decodes it right or refuses it.
    """
    sample = "\n".join(line for line in text.splitlines() if not line.isascii())[:_SAMPLE]
    if not sample:
        return True
    letters = [ch for ch in sample if ch.isalpha() and not ch.isascii()]
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    if letters and cyrillic * 2 >= len(letters):
        return cyrillic_plausibility(sample) >= PLAUSIBLE and not odd_characters(sample)
    if sum(1 for ch in letters if _is_latin(ch)) * 2 >= max(len(letters), 1):
        return reads_as_latin(sample)
    return True


def _is_latin(ch: str) -> bool:
    return "\u00c0" <= ch <= "\u024f"


def extract_article(html: str) -> str:
    """The article of an HTML page as plain text: title line, then paragraphs, one a line.

    Raises InputError("empty") when the page has no article text (an index page, a page that
    builds its content with JavaScript, or an empty document).
    """
    import trafilatura  # imported here: it is slow to import and only HTML input needs it

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        # The date is not used; its extensive search runs dateparser, which loads its locale
        # data on first use (seconds) and is slow on hostile text.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": datetime.date.today().isoformat(),
        },
    )
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise InputError(
            "empty",
            "no article text found in this HTML page (an index page, or one built by "
            "JavaScript?); save the article text as a .txt file instead",
        )
    title = (getattr(doc, "title", None) or "").strip()
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if title and lines and not _same_line(title, lines[0]):
        lines.insert(0, title)
    return "\n".join(lines)


def _same_line(a: str, b: str) -> bool:
    """The <title> often is the headline plus " | Site name": treat that as the same line."""
    a, b = a.casefold(), b.casefold()
    return a == b or a.startswith(b) or b.startswith(a)
