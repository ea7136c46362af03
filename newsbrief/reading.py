"""Turn command-line INPUTs into Documents: files, directories, standard input, jsonl records.

Every problem with one input (missing file, binary data, unknown encoding, an empty or oversized
article, a bad jsonl line) becomes a DocumentError that names the reason and, where there is one,
what to do; the run goes on with the other inputs. Nothing here raises for bad input.
Messages do not repeat the document id: show them as `ID: MESSAGE`.

Inputs are read lazily, one document at a time, so a long jsonl stream on standard input starts
producing output at once and memory stays bounded by the largest single document.

Decisions where the contract is silent:
- A directory contributes its .txt/.md/.html/.htm files (recursively, sorted by path component;
  hidden entries and README.* files skipped: a folder's README describes it, it is no article).
  With input_format="jsonl" it contributes its .jsonl files instead.
- A .md/.markdown file is read as Markdown (newsbrief.markdown_text): markup and front matter
  removed, one paragraph per block.
- A file whose text clearly is an HTML document is treated as HTML whatever its extension, and so
  is HTML arriving on standard input (`curl URL | newsbrief ...`).
- jsonl records: `id` may be a string or a number (kept as its string form); a record without one
  gets `FILE:LINE` (`-:LINE` on standard input). Keys other than id/text/sentences go to
  Document.extra in their order. A record carrying `error` (an upstream newsbrief failure) becomes
  a DocumentError with that message and the record's `kind` (default "upstream"). A record with
  `sentences: [{source, text}]` (from `newsbrief translate --format jsonl`) fills
  Document.sentences; its `language` stays in extra (so a later stage can report the source
  language) and also tags each SentencePair.
- One document may hold at most NEWSBRIEF_MAX_BYTES bytes (default 5 MB; a jsonl line counts as
  one document). Larger input is refused without being read whole.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsbrief.decoding import InputError, decode_bytes
from newsbrief.html_extract import decode_html, extract_article, looks_like_html
from newsbrief.markdown_text import markdown_to_text
from newsbrief.normalize import normalize_text
from newsbrief.records import Document, DocumentError, SentencePair

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "InputError",
    "decode_bytes",
    "max_bytes_from_env",
    "normalize_text",
    "read_inputs",
]

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
JSONL_SUFFIXES = (".jsonl",)
DEFAULT_MAX_BYTES = 5_000_000
MAX_BYTES_ENV = "NEWSBRIEF_MAX_BYTES"

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?)?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "ki": 2**10, "mi": 2**20, "gi": 2**30}


def read_inputs(
    inputs: list[str],
    input_format: str | None = None,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int | None = None,
) -> Iterator[Document | DocumentError]:
    """Documents (or the reason each could not be read) for the INPUTs, in order.

    `inputs`: paths of files or directories, or "-" for standard input; empty means standard
    input. `input_format`: "text", "jsonl", or None for "by extension" (.jsonl is jsonl, anything
    else and standard input is text). `stdin`: the binary stream "-" reads (default
    sys.stdin.buffer). `max_bytes`: per-document limit (default: NEWSBRIEF_MAX_BYTES or 5 MB).
    """
    if input_format not in (None, "text", "jsonl"):
        raise ValueError(f"input_format must be 'text', 'jsonl' or None, not {input_format!r}")
    items = list(inputs) or ["-"]
    if max_bytes is None:
        try:
            max_bytes = max_bytes_from_env()
        except InputError as exc:
            for item in items:
                yield DocumentError(id=item, message=exc.message, kind=exc.kind)
            return
    for item in items:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, "-", input_format or "text", max_bytes)
        elif os.path.isdir(item):
            yield from _read_directory(item, input_format, max_bytes)
        else:
            yield from _read_file(item, item, input_format, max_bytes)


def max_bytes_from_env(environ: dict[str, str] | None = None) -> int:
    """The per-document byte limit: NEWSBRIEF_MAX_BYTES ("20000000", "20MB", "16MiB") or 5 MB."""
    env = os.environ if environ is None else environ
    raw = env.get(MAX_BYTES_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    match = _SIZE.match(raw)
    if not match or float(match.group(1)) <= 0:
        raise InputError(
            "usage",
            f"{MAX_BYTES_ENV}={raw!r} is not a size; use a number of bytes or e.g. 20MB",
        )
    return int(float(match.group(1)) * _UNITS[(match.group(2) or "").lower()])


def _read_directory(
    directory: str, input_format: str | None, max_bytes: int
) -> Iterator[Document | DocumentError]:
    suffixes = JSONL_SUFFIXES if input_format == "jsonl" else ARTICLE_SUFFIXES
    found: list[tuple[tuple[str, ...], str]] = []
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(directory, onerror=unreadable.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel_root = os.path.relpath(root, directory)
        for name in files:
            if name.startswith(".") or not name.lower().endswith(suffixes):
                continue
            if name.lower().startswith("readme."):  # a folder's description, not an article
                continue
            rel = name if rel_root == "." else os.path.join(rel_root, name)
            found.append((tuple(rel.split(os.sep)), rel))
    for exc in unreadable:
        where = exc.filename or directory
        yield DocumentError(
            id=where,
            message=f"cannot read this directory ({_reason(exc)})",
            kind="unreadable",
            path=where,
        )
    if not found and not unreadable:
        kinds = ", ".join(suffixes)
        yield DocumentError(
            id=directory,
            message=f"no articles here (looked for {kinds} files, recursively); "
            "give the files themselves or a folder that holds them",
            kind="empty",
            path=directory,
        )
    for _, rel in sorted(found):
        path = os.path.join(directory, rel)
        yield from _read_file(path, path, input_format, max_bytes)


def _read_file(
    path: str, doc_id: str, input_format: str | None, max_bytes: int
) -> Iterator[Document | DocumentError]:
    fmt = input_format or ("jsonl" if path.lower().endswith(JSONL_SUFFIXES) else "text")
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below, after lazy reading
    except OSError as exc:
        yield DocumentError(id=doc_id, message=_open_message(exc), kind="unreadable", path=path)
        return
    with stream:
        if fmt == "jsonl":
            yield from _read_jsonl(stream, path, max_bytes)
            return
        try:
            size = os.fstat(stream.fileno()).st_size
        except OSError:
            size = 0
        if size > max_bytes:
            yield _too_large(doc_id, path, max_bytes, f"the file is {_human(size)}")
            return
        try:
            data = stream.read(max_bytes + 1)
        except OSError as exc:
            yield DocumentError(
                id=doc_id, message=f"cannot read ({_reason(exc)})", kind="unreadable", path=path
            )
            return
    if len(data) > max_bytes:
        yield _too_large(doc_id, path, max_bytes, "the input is longer")
        return
    yield _text_document(doc_id, data, path, html=path.lower().endswith(HTML_SUFFIXES),
                         markdown=path.lower().endswith(MARKDOWN_SUFFIXES))


def _read_stream(
    stream: BinaryIO, source: str, fmt: str, max_bytes: int
) -> Iterator[Document | DocumentError]:
    if fmt == "jsonl":
        yield from _read_jsonl(stream, source, max_bytes)
        return
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        yield DocumentError(id=source, message=f"cannot read ({_reason(exc)})", kind="unreadable")
        return
    if len(data) > max_bytes:
        yield _too_large(source, None, max_bytes, "the input is longer")
        return
    yield _text_document(source, data, None, html=False)


def _text_document(
    doc_id: str, data: bytes, path: str | None, html: bool, markdown: bool = False
) -> Document | DocumentError:
    try:
        text = decode_html(data) if html else decode_bytes(data)
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


def _read_jsonl(
    stream: BinaryIO, source: str, max_bytes: int
) -> Iterator[Document | DocumentError]:
    for line_no, line in _jsonl_lines(stream, source, max_bytes):
        if isinstance(line, DocumentError):
            yield line
            continue
        if line.strip():
            yield _jsonl_record(line, source, line_no)


def _jsonl_lines(
    stream: BinaryIO, source: str, max_bytes: int
) -> Iterator[tuple[int, str | DocumentError]]:
    """(line number, decoded line) pairs, bounded: a line over max_bytes is skipped, not held.

    jsonl is UTF-8 (with or without BOM); UTF-16 with a BOM (what Windows PowerShell writes) is
    accepted too.
    """
    head = stream.read(4)
    raw = _Prefixed(head, stream)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text_stream = io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-16")
        yield from _text_lines(text_stream, source, max_bytes)
        return
    for line_no, line in _bounded_lines(io.BufferedReader(raw), b"\n", source, max_bytes):
        if isinstance(line, DocumentError):
            yield line_no, line
            continue
        if line_no == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            yield line_no, line.decode("utf-8")
        except UnicodeDecodeError:
            yield (
                line_no,
                DocumentError(
                    id=f"{source}:{line_no}",
                    message=f"line {line_no} is not valid UTF-8 (jsonl must be UTF-8); convert the "
                    "file, e.g. `iconv -f cp1251 -t UTF-8`",
                    kind="encoding",
                ),
            )


def _bounded_lines(stream, newline, source: str, max_bytes: int) -> Iterator[tuple[int, Any]]:
    """(line number, line) from a bytes or text stream; a line over max_bytes is skipped without
    being held in memory and reported as a too-large DocumentError in its place."""
    line_no = 0
    while line := stream.readline(max_bytes + 1):
        line_no += 1
        if len(line) > max_bytes and not line.endswith(newline):
            while chunk := stream.readline(1 << 16):  # skip the rest of the line
                if chunk.endswith(newline):
                    break
            where = f"{source}:{line_no}"
            yield line_no, _too_large(where, None, max_bytes, f"line {line_no} is longer")
            continue
        yield line_no, line


def _text_lines(
    stream: io.TextIOWrapper, source: str, max_bytes: int
) -> Iterator[tuple[int, str | DocumentError]]:
    line_no = 0
    try:
        for line_no, line in _bounded_lines(stream, "\n", source, max_bytes):
            yield line_no, line
    except UnicodeDecodeError:
        yield (
            line_no + 1,
            DocumentError(
                id=f"{source}:{line_no + 1}",
                message=f"line {line_no + 1} is not valid UTF-16 (the file starts with a UTF-16 "
                "byte-order mark); re-save the file as UTF-8",
                kind="encoding",
            ),
        )


def _jsonl_record(line: str, source: str, line_no: int) -> Document | DocumentError:
    where = f"{source}:{line_no}"
    hint = 'each line must be one JSON object with "id" and "text"'
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return DocumentError(
            id=where,
            message=f"line {line_no} is not valid JSON ({exc.msg}, column {exc.colno}); {hint}",
            kind="format",
        )
    if not isinstance(record, dict):
        return DocumentError(
            id=where,
            message=f"line {line_no} is a JSON {type(record).__name__}, not an object; {hint}",
            kind="format",
        )
    doc_id = _record_id(record.get("id"), where)
    skip = {"id", "text", "sentences"}
    if "error" in record:
        skip |= {"error", "kind"}
    extra = {key: value for key, value in record.items() if key not in skip}
    if "error" in record:
        kind = record.get("kind")
        return DocumentError(
            id=doc_id,
            message=str(record["error"]),
            kind=kind if isinstance(kind, str) and kind else "upstream",
            extra=extra,
        )
    text = record.get("text")
    if not isinstance(text, str):
        what = "has no" if text is None else "has a non-string"
        return DocumentError(
            id=doc_id, message=f'line {line_no} {what} "text"; {hint}', kind="format", extra=extra
        )
    sentences = _record_sentences(record, line_no)
    if isinstance(sentences, str):
        return DocumentError(id=doc_id, message=sentences, kind="format", extra=extra)
    if looks_like_html(text):
        try:
            text = extract_article(text)
        except InputError as exc:
            return DocumentError(id=doc_id, message=exc.message, kind=exc.kind, extra=extra)
    text = normalize_text(text)
    if not text:
        return DocumentError(
            id=doc_id,
            message=f'line {line_no} has an empty "text"; give the article\'s text',
            kind="empty",
            extra=extra,
        )
    return Document(id=doc_id, text=text, extra=extra, sentences=sentences)


def _record_id(value: Any, fallback: str) -> str:
    if value is None or value == "":
        return fallback
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _record_sentences(record: dict[str, Any], line_no: int) -> list[SentencePair] | None | str:
    """SentencePairs from an upstream translate record, None if absent, or an error message."""
    raw = record.get("sentences")
    if raw is None:
        return None
    bad = (
        f'line {line_no} has a malformed "sentences" (expected a list of objects with string '
        '"source" and "text", as `newsbrief translate --format jsonl` writes)'
    )
    if not isinstance(raw, list):
        return bad
    language = record.get("language")
    pairs = []
    for item in raw:
        if not isinstance(item, dict):
            return bad
        source, text = item.get("source"), item.get("text")
        if not isinstance(source, str) or not isinstance(text, str):
            return bad
        pair = SentencePair(source=source, text=text)
        paragraph = item.get("paragraph")
        if isinstance(paragraph, int) and not isinstance(paragraph, bool):
            pair.paragraph = paragraph
        if isinstance(language, str) and language:
            pair.language = language
        pairs.append(pair)
    return pairs


class _Prefixed(io.RawIOBase):
    """A raw stream that first returns `head` (bytes already read to sniff a BOM), then the rest."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        # read1: whatever is available now, so a pipe's records flow without waiting for 8 kB.
        read = getattr(self._rest, "read1", self._rest.read)
        data = read(len(view))
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:  # the underlying stream belongs to the caller
        self._head = b""
        super().close()


def _too_large(doc_id: str, path: str | None, limit: int, size: str) -> DocumentError:
    return DocumentError(
        id=doc_id,
        message=f"too large: {size} (the limit is {_human(limit)} a document); split it into "
        f"smaller articles, or raise the limit with {MAX_BYTES_ENV} (e.g. {MAX_BYTES_ENV}=20MB)",
        kind="too-large",
        path=path,
    )


def _human(size: int) -> str:
    if size >= 10**6:
        return f"{size / 10**6:.1f} MB".replace(".0 MB", " MB")
    if size >= 10**3:
        return f"{size / 10**3:.1f} kB".replace(".0 kB", " kB")
    return f"{size} bytes"


def _open_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory; check the path"
    if isinstance(exc, PermissionError):
        return "permission denied; check the file's permissions"
    return f"cannot open ({_reason(exc)})"


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
