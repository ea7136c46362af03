"""What a batch reads: the input files under IN_DIR, listed by name, then read one at a time.

Listing costs the names only (a huge folder costs its names, not its texts); an article file is
read when its turn comes, and a jsonl archive record by record, so the run holds a bounded number
of documents whatever the input. A file, folder or record that cannot be read becomes an error
item in its place: one bad input never stops the batch. Names are made valid UTF-8 here
(`safe_name`), since they are rendered and stored.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO, Any

from newsbrief.batch_names import content_hash, record_hash, safe_name
from newsbrief.reading import ARTICLE_SUFFIXES, JSONL_SUFFIXES
from newsbrief.records import Document, DocumentError

# Article files read one at a time; jsonl archives (one article per record), read record by record
# and mirrored as one .jsonl output each.
ARCHIVE_SUFFIXES = JSONL_SUFFIXES  # one rule for batch and every other command


@dataclass
class Item:
    """One input in input order: a document to (maybe) process, or a reading failure."""

    rel: str  # relative to IN_DIR, always valid UTF-8 (see `safe_name`)
    doc: Document | None = None
    error: DocumentError | None = None
    content_hash: str = ""
    path: str = ""  # the real path, as the filesystem spells it
    archive: Archive | None = None  # set for a record of a jsonl archive
    index: int = 0  # the record's number in its archive (1-based)
    end: bool = False  # the marker that follows an archive's last record


@dataclass
class Source:
    """One input file (or a folder that could not be read), listed before anything is read."""

    rel: str
    path: str
    archive: bool = False
    error: DocumentError | None = None


@dataclass
class Archive:
    """A jsonl archive being mirrored: its output is written record by record, then renamed."""

    rel: str
    path: str
    output: str  # relative to OUT_DIR
    records: int = 0
    failed: int = 0
    writer: Any = None  # its batch_archive.ArchiveWriter, made when its first record is read


def list_inputs(folder: Path, out_dir: Path, skip: Callable[[str, str], None]) -> list[Source]:
    """Every input file under `folder` (IN_DIR), sorted: names only, nothing is read yet (so a huge
    folder costs its names, not its texts). What is passed over on purpose goes to
    `skip(rel, reason)`; OUT_DIR inside IN_DIR is left out silently."""
    from newsbrief.reading import display_id, special_kind

    in_dir = str(folder)
    out_abs = real_path(out_dir)
    in_abs = real_path(folder)
    found: dict[str, Source] = {}
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(in_dir, onerror=unreadable.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            lower = name.lower()
            if name.startswith(".") or lower.startswith("readme."):
                continue  # hidden, or a folder's description: not an article
            archive = lower.endswith(ARCHIVE_SUFFIXES)
            if not archive and not lower.endswith(ARTICLE_SUFFIXES):
                continue
            path = os.path.join(root, name)
            if real_path(Path(path)).is_relative_to(out_abs):
                continue  # OUT_DIR inside IN_DIR: our own outputs are not articles
            rel = safe_name(PurePosixPath(Path(os.path.relpath(path, in_dir))).as_posix())
            if os.path.islink(path) and not real_path(Path(path)).is_relative_to(in_abs):
                # Folder links are not followed either: a batch converts what is inside
                # IN_DIR, and never copies a file from elsewhere into OUT_DIR (which may be
                # published).
                skip(
                    rel,
                    f"a symbolic link to a file outside {folder} (copy the file in to convert it)",
                )
                continue
            special = special_kind(path)
            if special:  # reading would skip it too; counted here as what batch skipped
                skip(rel, f"{special}, not a file")
                continue
            if rel in found:  # `a\xff.txt` spelled out, beside a file whose name has byte ff
                err = DocumentError(
                    id=rel,
                    message="its name, made readable, clashes with another file's; "
                    "rename one of them",
                    kind="unreadable",
                    path=path,
                )
                other = f"{rel} (second file of this name)"
                found[other] = Source(other, path, error=err)
                continue
            found[rel] = Source(rel, path, archive)
    for exc in unreadable:
        where = os.fsdecode(exc.filename) if exc.filename else in_dir
        rel = safe_name(PurePosixPath(Path(os.path.relpath(where, in_dir))).as_posix())
        err = DocumentError(
            id=display_id(where),
            message=f"cannot read this directory ({exc.strerror or exc})",
            kind="unreadable",
            path=where,
        )
        found[rel] = Source(rel, where, error=err)
    if not found:
        kinds = ", ".join(ARTICLE_SUFFIXES + ARCHIVE_SUFFIXES)
        err = DocumentError(
            id=display_id(in_dir),
            message=f"no articles here (looked for {kinds} files, recursively); give a "
            "folder that holds them",
            kind="empty",
            path=in_dir,
        )
        found["."] = Source(".", in_dir, error=err)
    return [found[key] for key in sorted(found)]


def read_items(sources: list[Source], archive_outputs: dict[str, str]) -> Iterator[Item]:
    """The inputs in order, read one at a time (an archive record by record, its output named
    by `archive_outputs`)."""
    from newsbrief.reading import read_inputs

    for src in sources:
        if src.error is not None:
            yield Item(src.rel, error=src.error, path=src.path)
        elif src.archive:
            yield from _records(src, archive_outputs[src.rel])
        else:
            got = next(iter(read_inputs([src.path])))
            if isinstance(got, DocumentError):
                yield Item(src.rel, error=got, path=src.path)
            else:
                # The record keeps a UTF-8 spelling of its path: it is rendered and stored.
                doc = replace(got, id=src.rel, path=safe_name(src.path))
                yield Item(src.rel, doc=doc, content_hash=content_hash(doc), path=src.path)


def _records(src: Source, output: str) -> Iterator[Item]:
    """An archive's records, then its end marker. A record that cannot be read is an error
    item in its place; a damaged file ends with one error item after what could be read."""
    from newsbrief.reading import InputError, max_bytes_from_env, read_jsonl

    arch = Archive(src.rel, src.path, output)
    try:
        max_bytes = max_bytes_from_env()
        stream = open_archive(src.path)
    except InputError as exc:
        yield Item(src.rel, error=DocumentError(src.rel, exc.message, exc.kind), path=src.path)
        return
    except OSError as exc:
        reason = safe_name(exc.strerror or str(exc))
        err = DocumentError(src.rel, f"cannot read ({reason})", "unreadable", path=src.path)
        yield Item(src.rel, error=err, path=src.path)
        return
    index = 0
    with stream:
        try:
            for got in read_jsonl(stream, src.rel, max_bytes):
                index += 1
                if isinstance(got, DocumentError):
                    yield Item(src.rel, error=got, path=src.path, archive=arch, index=index)
                else:
                    yield Item(
                        src.rel,
                        doc=got,
                        content_hash=record_hash(got),
                        path=src.path,
                        archive=arch,
                        index=index,
                    )
        except (OSError, EOFError, zlib.error) as exc:
            index += 1
            err = DocumentError(
                id=f"{src.rel}:{index}",
                message=f"the file is damaged after record {index - 1} "
                f"({safe_name(str(exc) or type(exc).__name__)}); the records before it "
                "were read",
                kind="unreadable",
            )
            yield Item(src.rel, error=err, path=src.path, archive=arch, index=index)
    yield Item(src.rel, path=src.path, archive=arch, index=index, end=True)


def open_archive(path: str) -> IO[bytes]:
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")  # noqa: SIM115 - closed by the caller


def count_articles(sources: list[Source]) -> int:
    """Articles to do: one per article file, one per non-blank line of an archive (read as a
    stream of bytes; nothing is kept)."""
    total = 0
    for src in sources:
        if not src.archive or src.error is not None:
            total += 1
            continue
        try:
            with open_archive(src.path) as fh:
                for line in fh:
                    total += bool(line.strip())
        except (OSError, EOFError, zlib.error):
            total += 1
    return total


def real_path(path: Path) -> Path:
    """Absolute path with symlinks resolved where possible (a symlink loop stays as it is)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))
