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
  With input_format="jsonl" it contributes its .jsonl files instead. Other files (a .jsonl beside
  the .txt files, a .pdf) are not read, and a warning names them with what to do: a jsonl file
  holds several records, so it is read only when named (`newsbrief summarize folder/*`) — a
  folder means "the articles in it", and `batch` mirrors one output per article file.
- A folder walk reads regular files only: a named pipe, socket or device named `x.txt` inside a
  folder is skipped with a warning (opening a pipe would wait for a writer forever). Named on
  the command line, a pipe is read: that is what the user asked for. `admit` lets a caller
  (batch) refuse a found file by its path before it is opened.
- A .md/.markdown file is read as Markdown (newsbrief.markdown_text): markup and front matter
  removed, one paragraph per block.
- A file whose text clearly is an HTML document is treated as HTML whatever its extension, and so
  is HTML arriving on standard input (`curl URL | newsbrief ...`).
- Standard input without --input-format is jsonl when its first line opens a JSON object
  (`{"`), so `newsbrief translate --format jsonl x | newsbrief summarize` needs no option.
- Text on standard input that opens with a `==> ID <==` line (what detect/translate/summarize
  print in text format for several documents, as `head` does) is read back as one document per
  header, with that ID, so `newsbrief translate a.txt b.txt | newsbrief summarize` keeps the two
  articles apart. Only standard input is split: a named file is always one article.
- jsonl records: `id` may be a string or a number (kept as its string form); a record without one
  gets `FILE:LINE` (`-:LINE` on standard input). Keys other than id/text/sentences go to
  Document.extra in their order. A record carrying `error` (an upstream newsbrief failure) becomes
  a DocumentError with that message and the record's `kind` (default "upstream"). A record with
  `sentences: [{source, text}]` (from `newsbrief translate --format jsonl`) fills
  Document.sentences; its `language` stays in extra (so a later stage can report the source
  language) and also tags each SentencePair, unless the sentence names its own: a sentence kept
  as written for want of a model (`"translated": false, "language": "uk"`) stays so marked.
- A jsonl line that is not one JSON object (bad syntax, a number of more than 4300 digits, nesting
  deeper than MAX_JSON_DEPTH) is a format error for that line alone; the other lines are read.
- A lone surrogate escape in a jsonl string (`"\ud800"`: half of a UTF-16 pair, as written by a
  producer that cut a string in the middle of an emoji) is no character and cannot be written as
  UTF-8. It is replaced with U+FFFD (the replacement character) and a warning names the line:
  one damaged character should not cost the article.
- A file name that is not valid UTF-8 keeps its bytes for opening; its id (what is shown and
  written) has U+FFFD in place of the undecodable bytes.
- One document may hold at most NEWSBRIEF_MAX_BYTES bytes (default 5 MB; a jsonl line counts as
  one document). Larger input is refused without being read whole.
- Any unexpected failure while reading one input becomes a DocumentError ("internal") for that
  input; the other inputs are still read.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterator
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
    "read_text",
]

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
# Record archives: what a folder walk reads as many articles, for every command (batch too).
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
DEFAULT_MAX_BYTES = 5_000_000
MAX_BYTES_ENV = "NEWSBRIEF_MAX_BYTES"
# Deeper JSON than this is refused: no news record nests so deep, and the JSON writers recurse.
MAX_JSON_DEPTH = 100
# The header that separates documents in text output (render/text.py), read back on stdin.
HEADER = re.compile(r"^==> (.+) <==$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)

Warn = Callable[[str], None]

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?)?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "ki": 2**10, "mi": 2**20, "gi": 2**30}


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
            reader = _read_stream(stream, "-", input_format, max_bytes, say)
        elif os.path.isdir(item):
            reader = _read_directory(item, input_format, max_bytes, say, admit)
        else:
            reader = _read_file(item, display_id(item), input_format, max_bytes, say)
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
            f"{_SURROGATE.sub(chr(0xFFFD), str(exc))[:200]}); this is a bug, please report it",
            kind="internal",
        )


def display_id(path: str) -> str:
    """A path as an id that can be written anywhere: undecodable file-name bytes become U+FFFD."""
    if not _SURROGATE.search(path):
        return path
    return os.fsencode(path).decode("utf-8", "replace")


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
    directory: str,
    input_format: str | None,
    max_bytes: int,
    warn: Warn,
    admit: Callable[[str], bool] | None = None,
) -> Iterator[Document | DocumentError]:
    # By extension (no --input-format): articles and record archives, as batch reads a folder.
    suffixes = {"jsonl": JSONL_SUFFIXES, "text": ARTICLE_SUFFIXES}.get(
        input_format or "", ARTICLE_SUFFIXES + JSONL_SUFFIXES
    )
    found: list[tuple[tuple[str, ...], str]] = []
    skipped: list[str] = []
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(directory, onerror=unreadable.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel_root = os.path.relpath(root, directory)
        for name in files:
            if name.startswith(".") or name.lower().startswith("readme."):
                continue  # hidden, or a folder's description: not an article, nothing to say
            rel = name if rel_root == "." else os.path.join(rel_root, name)
            if not name.lower().endswith(suffixes):
                skipped.append(rel)
                continue
            path = os.path.join(root, name)
            if admit is not None and not admit(path):
                continue
            special = special_kind(path)
            if special:
                warn(f"{display_id(path)}: skipped: {special}, not a file (name it to read it)")
                continue
            found.append((tuple(rel.split(os.sep)), rel))
    if skipped and found:
        warn(_skipped_message(directory, sorted(skipped), suffixes))
    for exc in unreadable:
        where = display_id(exc.filename or directory)
        yield DocumentError(
            id=where,
            message=f"cannot read this directory ({_reason(exc)})",
            kind="unreadable",
            path=where,
        )
    if not found and not unreadable:
        kinds = ", ".join(suffixes)
        jsonl_here = [rel for rel in skipped if rel.lower().endswith(JSONL_SUFFIXES)]
        hint = (
            f"; its jsonl archives (e.g. {os.path.join(directory, jsonl_here[0])}) are read "
            "without --input-format text"
            if jsonl_here
            else "; give the files themselves or a folder that holds them"
        )
        yield DocumentError(
            id=display_id(directory),
            message=f"no articles here (looked for {kinds} files, recursively){hint}",
            kind="empty",
            path=directory,
        )
    for _, rel in sorted(found):
        path = os.path.join(directory, rel)
        yield from _read_file(path, display_id(path), input_format, max_bytes, warn, walked=True)


def special_kind(path: str) -> str | None:
    """What a path found in a folder is when it is no regular file ("a named pipe"), else None
    (a file, or a path that cannot be looked at: opening it reports why). Batch uses it to
    count what it skips."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return _kind_of(mode)


def _kind_of(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _skipped_message(directory: str, skipped: list[str], suffixes: tuple[str, ...]) -> str:
    names = ", ".join(display_id(rel) for rel in skipped[:3])
    more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
    kinds = "/".join(suffixes)
    message = (
        f"{display_id(directory)}: read only its {kinds} files; skipped {len(skipped)} "
        f"other file{'s' if len(skipped) > 1 else ''}: {names}{more}"
    )
    if any(rel.lower().endswith(JSONL_SUFFIXES) for rel in skipped):
        message += " (its .jsonl archives are read without --input-format text)"
    return message


def _read_file(
    path: str,
    doc_id: str,
    input_format: str | None,
    max_bytes: int,
    warn: Warn,
    *,
    walked: bool = False,
) -> Iterator[Document | DocumentError]:
    """`walked`: found in a folder, so only a regular file is read. It is opened without
    blocking (a file swapped for a named pipe since the walk looked at it must not hang the
    run) and checked again once open."""
    fmt = input_format or ("jsonl" if path.lower().endswith(JSONL_SUFFIXES) else "text")
    try:
        if walked:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            try:
                special = _kind_of(os.fstat(fd).st_mode)
            except OSError:
                os.close(fd)
                raise
            if special:
                os.close(fd)
                warn(f"{doc_id}: skipped: {special}, not a file (name it to read it)")
                return
            stream = os.fdopen(fd, "rb")
        else:
            stream = open(path, "rb")  # noqa: SIM115 - closed below, after lazy reading
    except OSError as exc:
        yield DocumentError(
            id=doc_id, message=_open_message(exc, path), kind="unreadable", path=path
        )
        return
    with stream:
        if fmt == "jsonl":
            yield from _read_archive(stream, path, doc_id, max_bytes, warn)
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
                         markdown=path.lower().endswith(MARKDOWN_SUFFIXES), warn=warn)


def _read_archive(
    stream: BinaryIO, path: str, doc_id: str, max_bytes: int, warn: Warn
) -> Iterator[Document | DocumentError]:
    """A jsonl file's records (gunzipped for .gz); damage met part-way fails the rest of the
    file with one message, the records before it kept."""
    records = gzip.GzipFile(fileobj=stream) if path.lower().endswith(".gz") else stream
    read = 0
    try:
        for doc in read_jsonl(records, doc_id, max_bytes, warn):  # type: ignore[arg-type]
            read += 1
            yield doc
    except (OSError, EOFError, zlib.error) as exc:
        why = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
        where = f"after record {read} ({why}); the records before it were read" if read else (
            f"({why}); no record could be read"
        )
        yield DocumentError(
            id=doc_id, message=f"the file is damaged {where}", kind="unreadable", path=path
        )


def _read_stream(
    stream: BinaryIO, source: str, fmt: str | None, max_bytes: int, warn: Warn
) -> Iterator[Document | DocumentError]:
    if fmt == "jsonl":
        yield from read_jsonl(stream, source, max_bytes, warn)
        return
    try:
        head = _first_line(stream, min(4096, max_bytes + 1)) if fmt is None else b""
        if fmt is None and _opens_json_object(head):
            yield from read_jsonl(io.BufferedReader(_Prefixed(head, stream)), source, max_bytes,
                                   warn)
            return
        rest = max_bytes + 1 - len(head)
        data = head + stream.read(rest) if rest > 0 else head
    except OSError as exc:
        yield DocumentError(id=source, message=f"cannot read ({_reason(exc)})", kind="unreadable")
        return
    if len(data) > max_bytes:
        yield _too_large(source, None, max_bytes, "the input is longer")
        return
    yield from _stream_documents(source, data)


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


def _stream_documents(source: str, data: bytes) -> Iterator[Document | DocumentError]:
    """Text on standard input: one document, or one per `==> ID <==` header it opens with."""
    try:
        text = decode_bytes(data)
    except InputError as exc:
        yield DocumentError(id=source, message=exc.message, kind=exc.kind)
        return
    sections = split_headed(text)
    if sections is None:
        yield _text_document(source, data, None, html=False, decoded=text)
        return
    for doc_id, body in sections:
        yield _text_document(doc_id, b"", None, html=False, decoded=body)


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
    return _text_document(doc_id, b"", None, html=False, decoded=text)


def _text_document(
    doc_id: str,
    data: bytes,
    path: str | None,
    html: bool,
    markdown: bool = False,
    decoded: str | None = None,
    warn: Warn | None = None,
) -> Document | DocumentError:
    def say(message: str) -> None:
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
    if "\\u" in line and _SURROGATE.search(_all_strings(record)):
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
        return _SURROGATE.sub("\ufffd", value)
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


def _open_message(exc: OSError, path: str = "") -> str:
    if _URL.match(path):
        return (
            "this looks like a web address, not a file; newsbrief reads no network: fetch the "
            "page first, e.g. `curl -sL URL | newsbrief summarize` (HTML on standard input is "
            "recognised)"
        )
    if _looks_like_text(path, exc):
        return (
            "no such file; this looks like article text, not a file name: give text on standard "
            "input, e.g. `echo 'TEXT' | newsbrief summarize` (or `newsbrief summarize - <<'EOF'`)"
        )
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory; check the path"
    if isinstance(exc, PermissionError):
        return "permission denied; check the file's permissions"
    return f"cannot open ({_reason(exc)})"


def _looks_like_text(path: str, exc: OSError) -> bool:
    """A missing 'file' named like prose: several words, or a name too long for any file."""
    import errno

    if exc.errno == errno.ENAMETOOLONG:
        return True
    if not isinstance(exc, FileNotFoundError):
        return False
    words = path.split()
    return len(words) >= 3 or "\n" in path


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
