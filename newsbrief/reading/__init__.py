"""Turn command-line INPUTs into Documents: files, directories, standard input, jsonl records.

Every problem with one input (missing file, binary data, unknown encoding, an empty or oversized
article, a bad jsonl line) becomes a DocumentError that names the reason and, where there is one,
what to do; the run goes on with the other inputs. Nothing here raises for bad input.
Messages do not repeat the document id: show them as `ID: MESSAGE`.

Inputs are read lazily, one document at a time, so a long jsonl stream on standard input starts
producing output at once and memory stays bounded by the largest single document. The rules for
each kind of input (folders, pipes, Markdown, HTML, jsonl ids and records, damaged lines, size
limits) are the contract's, in docs/cli-contract.md, "Input".
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from typing import BinaryIO

from newsbrief.reading.charsets import InputError, decode_bytes
from newsbrief.reading.files import display_id, read_directory, read_file, special_kind
from newsbrief.reading.jsonl import read_jsonl
from newsbrief.reading.kinds import ARTICLE_SUFFIXES, JSONL_SUFFIXES, SURROGATE, Warn
from newsbrief.reading.limits import DEFAULT_MAX_BYTES, max_bytes_from_env
from newsbrief.reading.normalize import normalize_text
from newsbrief.reading.stdin import read_stream
from newsbrief.reading.text import HEADER, read_text, split_headed
from newsbrief.records import Document, DocumentError

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "HEADER",
    "JSONL_SUFFIXES",
    "InputError",
    "decode_bytes",
    "display_id",
    "max_bytes_from_env",
    "normalize_text",
    "read_inputs",
    "read_jsonl",
    "read_text",
    "special_kind",
    "split_headed",
]


def read_inputs(
    inputs: list[str],
    input_format: str | None = None,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int | None = None,
    warn: Warn | None = None,
    admit: Callable[[str], bool] | None = None,
) -> Iterator[Document | DocumentError]:
    """Documents (or the reason each could not be read) for the INPUTs, in order.

    `inputs`: paths of files or directories, or "-" for standard input; empty means standard
    input. `input_format`: "text", "jsonl", or None for "by extension" (.jsonl is jsonl, anything
    else is text; standard input is sniffed from its first line). `stdin`: the binary stream "-"
    reads (default sys.stdin.buffer). `max_bytes`: per-document limit (default:
    NEWSBRIEF_MAX_BYTES or 5 MB). `warn`: called with a one-line message for what was read with a
    repair or skipped (no warnings when None). `admit`: called with the path of each file a
    folder walk finds, before it is opened; False skips the file (the caller says why).
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
    say: Warn = warn or (lambda message: None)
    for item in items:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            reader = read_stream(stream, "-", input_format, max_bytes, say)
        elif os.path.isdir(item):
            reader = read_directory(item, input_format, max_bytes, say, admit)
        else:
            reader = read_file(item, display_id(item), input_format, max_bytes, say)
        yield from _guarded(reader, display_id(item))


def _guarded(
    reader: Iterator[Document | DocumentError], item: str
) -> Iterator[Document | DocumentError]:
    """The reader's results; a bug that escapes it fails this input only, never the run."""
    try:
        yield from reader
    except Exception as exc:  # noqa: BLE001 - the last line of defence, reported as a bug
        yield DocumentError(
            id=item,
            message=f"internal error while reading ({type(exc).__name__}: "
            f"{SURROGATE.sub(chr(0xFFFD), str(exc))[:200]}); this is a bug, please report it",
            kind="internal",
        )
