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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import IO, Any

from newsbrief.batch.names import content_hash, record_hash, safe_name
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
    outputs: dict[str, str] = field(default_factory=dict)  # an article file's, by format


@dataclass
class Source:
    """One input file (or a folder that could not be read), listed before anything is read."""

    rel: str
    path: str
    archive: bool = False
    error: DocumentError | None = None
    outputs: dict[str, str] = field(default_factory=dict)  # an article file's, by format
    output: str = ""  # an archive's, relative to OUT_DIR


@dataclass
class Archive:
    """A jsonl archive being mirrored: its output is written record by record, then renamed."""

    rel: str
    path: str
    output: str  # relative to OUT_DIR
    records: int = 0
    failed: int = 0
    writer: Any = None  # its batch_archive.ArchiveWriter, made when its first record is read


def list_inputs(
    folder: Path, out_dir: Path, skip: Callable[[str, str], None], formats: list[str] | None = None
) -> list[Source]:
    """Every input of `iter_inputs`, as a list (for callers that need them all at once)."""
    return list(iter_inputs(folder, out_dir, skip, formats or ["markdown"]))


def iter_inputs(
    folder: Path, out_dir: Path, skip: Callable[[str, str], None], formats: list[str]
) -> Iterator[Source]:
    """Every input file under `folder` (IN_DIR) in sorted order, with its output names: names
    only, nothing is read yet, and listed one folder at a time, so a folder of many files costs
    the names of one folder, not of all. What is passed over on purpose goes to
    `skip(rel, reason)`; OUT_DIR inside IN_DIR is left out silently.

    The order is that of the sorted relative paths: each folder's entries are sorted with a
    folder's name standing for its files' paths ("a/" after "a.txt"). Output names depend only
    on the inputs of the same folder (batch_names), so they are made here, folder by folder.
    """
    from newsbrief.reading import display_id

    walk = _Walk(str(folder), real_path(out_dir), real_path(folder), skip, formats)
    any_found = False
    for src in walk.folder(str(folder)):
        any_found = True
        yield src
    if not any_found:
        kinds = ", ".join(ARTICLE_SUFFIXES + ARCHIVE_SUFFIXES)
        err = DocumentError(
            id=display_id(str(folder)),
            message=f"no articles here (looked for {kinds} files, recursively); give a "
            "folder that holds them",
            kind="empty",
            path=str(folder),
        )
        yield Source(".", str(folder), error=err)


@dataclass
class _Walk:
    in_dir: str
    out_abs: Path
    in_abs: Path
    skip: Callable[[str, str], None]
    formats: list[str]

    def rel(self, path: str) -> str:
        return safe_name(PurePosixPath(Path(os.path.relpath(path, self.in_dir))).as_posix())

    def folder(self, where: str) -> Iterator[Source]:
        from newsbrief.batch.names import archive_names, output_names
        from newsbrief.reading import display_id

        try:
            with os.scandir(where) as listing:
                entries = list(listing)
        except OSError as exc:
            err = DocumentError(
                id=display_id(where),
                message=f"cannot read this directory ({exc.strerror or exc})",
                kind="unreadable",
                path=where,
            )
            yield Source(self.rel(where), where, error=err)
            return
        found: dict[str, Source | str] = {}  # sort key -> a file's Source, or a folder's path
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.is_symlink():  # folder links are not followed
                    found[safe_name(entry.name) + "/"] = entry.path
                continue
            src = self.file(entry.name, entry.path, found)
            if src is not None:
                found[src.rel.rpartition("/")[2]] = src
        del entries
        sources = [v for v in found.values() if isinstance(v, Source) and v.error is None]
        names = output_names([s.rel for s in sources if not s.archive], self.formats)
        outputs = archive_names([s.rel for s in sources if s.archive])
        for src in sources:
            src.outputs = names.get(src.rel, {})
            src.output = outputs.get(src.rel, "")
        del sources, names, outputs
        for key in sorted(found):
            got = found.pop(key)
            if isinstance(got, Source):
                yield got
            else:
                yield from self.folder(got)

    def file(self, name: str, path: str, found: dict) -> Source | None:
        from newsbrief.reading import special_kind

        lower = name.lower()
        if lower.startswith("readme."):
            return None  # a folder's description: not an article
        archive = lower.endswith(ARCHIVE_SUFFIXES)
        if not archive and not lower.endswith(ARTICLE_SUFFIXES):
            return None
        if real_path(Path(path)).is_relative_to(self.out_abs):
            return None  # OUT_DIR inside IN_DIR: our own outputs are not articles
        rel = self.rel(path)
        if os.path.islink(path) and not real_path(Path(path)).is_relative_to(self.in_abs):
            # Folder links are not followed either: a batch converts what is inside IN_DIR, and
            # never copies a file from elsewhere into OUT_DIR (which may be published).
            self.skip(
                rel,
                f"a symbolic link to a file outside {self.in_dir} (copy the file in to convert it)",
            )
            return None
        special = special_kind(path)
        if special:  # reading would skip it too; counted here as what batch skipped
            self.skip(rel, f"{special}, not a file")
            return None
        if rel.rpartition("/")[2] in found:  # `a\xff.txt` spelled out, beside byte ff
            err = DocumentError(
                id=rel,
                message="its name, made readable, clashes with another file's; "
                "rename one of them",
                kind="unreadable",
                path=path,
            )
            return Source(f"{rel} (second file of this name)", path, error=err)
        return Source(rel, path, archive)


def read_items(
    sources: Iterable[Source], archive_outputs: dict[str, str] | None = None
) -> Iterator[Item]:
    """The inputs in order, read one at a time (an archive record by record, its output named
    by `archive_outputs`, else by its Source)."""
    from newsbrief.reading import read_inputs

    for src in sources:
        if src.error is not None:
            yield Item(src.rel, error=src.error, path=src.path)
        elif src.archive:
            yield from _records(src, (archive_outputs or {}).get(src.rel, src.output))
        else:
            got = next(iter(read_inputs([src.path])))
            if isinstance(got, DocumentError):
                yield Item(src.rel, error=got, path=src.path, outputs=src.outputs)
            else:
                # The record keeps a UTF-8 spelling of its path: it is rendered and stored.
                doc = replace(got, id=src.rel, path=safe_name(src.path))
                yield Item(src.rel, doc=doc, content_hash=content_hash(doc), path=src.path,
                           outputs=src.outputs)


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


def count_articles(sources: Iterable[Source]) -> int:
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
