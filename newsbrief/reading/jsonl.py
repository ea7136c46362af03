"""jsonl records: one document a line, each line failing alone (bad syntax, deep nesting, huge
numbers, lone surrogates), read in bounded memory.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsbrief.reading.charsets import InputError
from newsbrief.reading.html_extract import extract_article, looks_like_html
from newsbrief.reading.kinds import SURROGATE, Warn
from newsbrief.reading.limits import too_large
from newsbrief.reading.normalize import normalize_text
from newsbrief.records import Document, DocumentError, SentencePair

# Deeper JSON than this is refused: no news record nests so deep, and the JSON writers recurse.
MAX_JSON_DEPTH = 100


def read_jsonl(
    stream: BinaryIO, source: str, max_bytes: int, warn: Warn | None = None
) -> Iterator[Document | DocumentError]:
    say: Warn = warn or (lambda message: None)
    for line_no, line in _jsonl_lines(stream, source, max_bytes):
        if isinstance(line, DocumentError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            yield _jsonl_record(line, source, line_no, say)
        except Exception as exc:  # noqa: BLE001 - a bug in one record fails that record only
            yield DocumentError(
                id=f"{source}:{line_no}",
                message=f"line {line_no}: internal error while reading it "
                f"({type(exc).__name__}); this is a bug, please report it",
                kind="internal",
            )


def _jsonl_lines(
    stream: BinaryIO, source: str, max_bytes: int
) -> Iterator[tuple[int, str | DocumentError]]:
    """(line number, decoded line) pairs, bounded: a line over max_bytes is skipped, not held.

    jsonl is UTF-8 (with or without BOM); UTF-16 with a BOM (what Windows PowerShell writes) is
    accepted too.
    """
    head = stream.read(4)
    raw = Prefixed(head, stream)
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
            yield line_no, too_large(where, None, max_bytes, f"line {line_no} is longer")
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


def _jsonl_record(
    line: str, source: str, line_no: int, warn: Warn | None = None
) -> Document | DocumentError:
    where = f"{source}:{line_no}"
    hint = 'each line must be one JSON object with "id" and "text"'
    problem = None
    not_finite: list[str] = []
    try:
        record = json.loads(
            line,
            parse_constant=lambda name: not_finite.append(name),
            parse_float=lambda text: _finite(text, not_finite),
        )
    except json.JSONDecodeError as exc:
        problem = f"is not valid JSON ({exc.msg}, column {exc.colno})"
    except RecursionError:
        problem = f"nests arrays or objects deeper than {MAX_JSON_DEPTH} levels"
    except ValueError as exc:  # e.g. an integer over Python's 4300-digit conversion limit
        reason = str(exc).split(";")[0]
        problem = (
            "has a number of over 4300 digits"
            if "digits" in reason
            else f"is not valid JSON ({reason})"
        )
    else:
        if _depth_over(record, MAX_JSON_DEPTH):
            problem = f"nests arrays or objects deeper than {MAX_JSON_DEPTH} levels"
    if problem is not None:
        return DocumentError(id=where, message=f"line {line_no} {problem}; {hint}", kind="format")
    if not isinstance(record, dict):
        return DocumentError(
            id=where,
            message=f"line {line_no} is a JSON {type(record).__name__}, not an object; {hint}",
            kind="format",
        )
    if not_finite:
        # NaN and Infinity are not JSON (Python writes them, jq and browsers reject them): kept,
        # they would make this tool's own jsonl unreadable downstream.
        (warn or (lambda message: None))(
            f"{where}: {not_finite[0]} is not a JSON number; read as null"
        )
    if "\\u" in line and SURROGATE.search(_all_strings(record)):
        record = _without_surrogates(record)
        (warn or (lambda message: None))(
            f"{where}: a lone surrogate escape (half of a UTF-16 pair, e.g. \\ud800) is no "
            "character; replaced with U+FFFD"
        )
    doc_id = _record_id(record.get("id"), where)
    skip = {"id", "text", "sentences"}
    if "error" in record:
        skip |= {"error", "kind"}
    extra = {key: value for key, value in record.items() if key not in skip}
    if "error" in record:
        kind = record.get("kind")
        error = record["error"]
        message = error if isinstance(error, str) else json.dumps(error, ensure_ascii=False)
        return DocumentError(
            id=doc_id,
            # One line on stderr whatever the producer wrote.
            message=" ".join(message.split()) or "failed in an earlier step (no reason given)",
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


def _finite(text: str, not_finite: list[str]) -> float | None:
    """A JSON number with a fraction or exponent; None (and noted) when it overflows (1e400)."""
    value = float(text)
    if value - value != 0:  # inf or nan
        not_finite.append(text)
        return None
    return value


def _depth_over(value: Any, limit: int) -> bool:
    """Whether the parsed JSON nests lists/objects deeper than `limit` (iterative: no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _all_strings(value: Any) -> str:
    """Every string (keys too) inside parsed JSON, joined: one search finds a surrogate."""
    parts: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, dict):
            parts.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return "\n".join(parts)


def _without_surrogates(value: Any) -> Any:
    """A copy of parsed JSON with every lone surrogate replaced by U+FFFD (depth is bounded)."""
    if isinstance(value, str):
        return SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    return value


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
        translated = item.get("translated", True)
        if not isinstance(translated, bool):
            return bad
        pair = SentencePair(source=source, text=text, translated=translated)
        paragraph = item.get("paragraph")
        if isinstance(paragraph, int) and not isinstance(paragraph, bool):
            pair.paragraph = paragraph
        # A sentence kept as written names its own language (a Ukrainian headline over a Russian
        # body); the others are in the record's.
        own = item.get("language")
        if isinstance(own, str) and own:
            pair.language = own
        elif isinstance(language, str) and language:
            pair.language = language
        pairs.append(pair)
    return pairs


class Prefixed(io.RawIOBase):
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
