"""Plain text documents, and standard input that holds several of them under `==> ID <==`
headers (what detect, translate and summarize print for several documents).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsbrief.reading.charsets import InputError, decode_bytes
from newsbrief.reading.html_extract import decode_html, extract_article, looks_like_html
from newsbrief.reading.markdown_text import markdown_to_text
from newsbrief.reading.normalize import normalize_text
from newsbrief.records import Document, DocumentError

# The header that separates documents in text output (render/text.py), read back on stdin.
HEADER = re.compile(r"^==> (.+) <==$")


def split_headed(text: str) -> list[tuple[str, str]] | None:
    """[(id, text)] of a text made of `==> ID <==` sections; None when it does not open with one.

    The header is what render/text.py writes before each of several documents (and what `head`
    and `tail` print for several files); blank lines before a header belong to no document.
    """
    lines = text.lstrip("\ufeff").splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not HEADER.match(lines[first].strip()):
        return None
    sections: list[tuple[str, list[str]]] = []
    for line in lines[first:]:
        found = HEADER.match(line.strip())
        if found:
            sections.append((found.group(1), []))
        else:
            sections[-1][1].append(line)
    return [(doc_id, "\n".join(body)) for doc_id, body in sections]


def read_text(doc_id: str, text: str) -> Document | DocumentError:
    """A text given in-process (the Python API) read as standard input's text is: HTML
    extracted, typography normalised, so the API and the CLI see the same sentences."""
    return text_document(doc_id, b"", None, html=False, decoded=text)


def text_document(
    doc_id: str,
    data: bytes,
    path: str | None,
    html: bool,
    markdown: bool = False,
    decoded: str | None = None,
    warn: Callable[[str], None] | None = None,
) -> Document | DocumentError:
    def say(message: str) -> None:  # a stray NUL dropped, say (see `decode_bytes`)
        if warn is not None:
            warn(f"{doc_id}: {message}")

    try:
        if decoded is not None:
            text = decoded
        else:
            text = decode_html(data) if html else decode_bytes(data, say)
        if markdown and not html:
            text = markdown_to_text(text)
        elif html or looks_like_html(text):
            text = extract_article(text)
    except InputError as exc:
        return DocumentError(id=doc_id, message=exc.message, kind=exc.kind, path=path)
    text = normalize_text(text)
    if not text:
        return DocumentError(
            id=doc_id,
            message="no text (empty or only whitespace); give a file with the article's text",
            kind="empty",
            path=path,
        )
    return Document(id=doc_id, text=text, path=path)
