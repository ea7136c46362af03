"""Article text out of a saved HTML page: headline first, then one paragraph a line.

A saved news page is mostly navigation, teasers, cookie banners and footers; translating those
wastes minutes and pollutes summaries. trafilatura (a maintained, widely used extractor) keeps the
main article and drops the rest. It works on the markup it is given and fetches nothing.
"""

from __future__ import annotations

import codecs
import re

from newsbrief.decoding import InputError, decode_bytes

_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


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
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to detection
    return decode_bytes(data)


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
