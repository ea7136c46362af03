"""Standard input: what it holds (jsonl, HTML or text) is recognised from its first line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import BinaryIO

from newsbrief.reading.charsets import InputError, decode_bytes
from newsbrief.reading.files import reason
from newsbrief.reading.jsonl import Prefixed, read_jsonl
from newsbrief.reading.kinds import Warn
from newsbrief.reading.limits import too_large
from newsbrief.reading.text import split_headed, text_document
from newsbrief.records import Document, DocumentError


def read_stream(
    stream: BinaryIO, source: str, fmt: str | None, max_bytes: int, warn: Warn
) -> Iterator[Document | DocumentError]:
    if fmt == "jsonl":
        yield from read_jsonl(stream, source, max_bytes, warn)
        return
    try:
        head = _first_line(stream, min(4096, max_bytes + 1)) if fmt is None else b""
        if fmt is None and _opens_json_object(head):
            yield from read_jsonl(io.BufferedReader(Prefixed(head, stream)), source, max_bytes,
                                   warn)
            return
        rest = max_bytes + 1 - len(head)
        data = head + stream.read(rest) if rest > 0 else head
    except OSError as exc:
        yield DocumentError(id=source, message=f"cannot read ({reason(exc)})", kind="unreadable")
        return
    if len(data) > max_bytes:
        yield too_large(source, None, max_bytes, "the input is longer")
        return
    yield from _stream_documents(source, data, warn)


def _first_line(stream: BinaryIO, limit: int = 4096) -> bytes:
    """The stream's first line (up to `limit` bytes), read without waiting for more than it.

    read1 returns what the pipe holds now, so a producer that writes one jsonl record and
    pauses is not waited for until it has written 4 kB.
    """
    read = getattr(stream, "read1", stream.read)
    head = b""
    while b"\n" not in head and len(head) < limit:
        chunk = read(limit - len(head))
        if not chunk:
            break
        head += chunk
    return head


_JSON_OPEN = re.compile(rb'^(?:\xef\xbb\xbf)?[ \t\r\n]*\{[ \t]*(?:"|\}[ \t\r]*(?:\n|$))')


_UTF16_JSON_OPEN = re.compile(r'^\ufeff?\s*\{\s*(?:"|\}\s*(?:\n|$))')


def _opens_json_object(head: bytes) -> bool:
    """Whether standard input starts like jsonl: its first line opens a JSON object with a key.

    `{"` cannot start a news article; a text that does is given --input-format text.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[: len(head) // 2 * 2].decode("utf-16", "replace")
        return bool(_UTF16_JSON_OPEN.match(text))
    return bool(_JSON_OPEN.match(head))


def _stream_documents(
    source: str, data: bytes, warn: Warn
) -> Iterator[Document | DocumentError]:
    """Text on standard input: one document, or one per `==> ID <==` header it opens with. A
    stray NUL dropped is said, as for a file."""
    try:
        text = decode_bytes(data, lambda message: warn(f"{source}: {message}"))
    except InputError as exc:
        yield DocumentError(id=source, message=exc.message, kind=exc.kind)
        return
    sections = split_headed(text)
    if sections is None:
        yield text_document(source, data, None, html=False, decoded=text)
        return
    for doc_id, body in sections:
        yield text_document(doc_id, b"", None, html=False, decoded=body)
