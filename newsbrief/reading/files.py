"""Named files and folders: which files a folder walk reads, what a file is (article, archive,
Markdown, HTML, pipe), and the messages for files that cannot be opened.
"""

from __future__ import annotations

import gzip
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from newsbrief.reading.jsonl import read_jsonl
from newsbrief.reading.kinds import (
    ARTICLE_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MARKDOWN_SUFFIXES,
    SURROGATE,
    Warn,
)
from newsbrief.reading.limits import human, too_large
from newsbrief.reading.text import text_document
from newsbrief.records import Document, DocumentError

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def display_id(path: str) -> str:
    """A path as an id that can be written anywhere: undecodable file-name bytes become U+FFFD."""
    if not SURROGATE.search(path):
        return path
    return os.fsencode(path).decode("utf-8", "replace")


def read_directory(
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
            message=f"cannot read this directory ({reason(exc)})",
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
        yield from read_file(path, display_id(path), input_format, max_bytes, warn, walked=True)


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


def read_file(
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
            yield too_large(doc_id, path, max_bytes, f"the file is {human(size)}")
            return
        try:
            data = stream.read(max_bytes + 1)
        except OSError as exc:
            yield DocumentError(
                id=doc_id, message=f"cannot read ({reason(exc)})", kind="unreadable", path=path
            )
            return
    if len(data) > max_bytes:
        yield too_large(doc_id, path, max_bytes, "the input is longer")
        return
    yield text_document(doc_id, data, path, html=path.lower().endswith(HTML_SUFFIXES),
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
    return f"cannot open ({reason(exc)})"


def _looks_like_text(path: str, exc: OSError) -> bool:
    """A missing 'file' named like prose: several words, or a name too long for any file."""
    import errno

    if exc.errno == errno.ENAMETOOLONG:
        return True
    if not isinstance(exc, FileNotFoundError):
        return False
    words = path.split()
    return len(words) >= 3 or "\n" in path


def reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
