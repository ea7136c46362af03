"""Where each result of `newsbrief batch` lands: an article's files and its manifest row, an
archive's output line by line, or the item's failure (said on stderr, kept for the index).

Every file is written with `atomic_write` (temporary file, then rename), and an article enters
the manifest only after all its files are on disk, so Ctrl-C anywhere leaves no half-written
file and a rerun picks up where it stopped. One item's files that cannot be written fail that
item alone; a full device or an OUT_DIR that stopped taking files stops the run
(newsbrief/batch/errors.py).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from newsbrief.batch.archive import ArchiveWriter, StoredLine, line_checksum, remove_output
from newsbrief.batch.errors import DiskFullError, OutDirUnwritable, reason, where
from newsbrief.batch.index import IndexArchive, IndexFailure
from newsbrief.batch.inputs import Archive, Item
from newsbrief.batch.manifest import Entry, Manifest, RecordRow, content_key
from newsbrief.batch.names import model_stamps, result_hash, safe_name, settings_hash, still_current
from newsbrief.batch.reports import Tally
from newsbrief.console import Reporter
from newsbrief.output import can_create_in, is_disk_full, refused
from newsbrief.records import Article, DocumentError
from newsbrief.settings import BatchSettings
from translator.atomic_files import atomic_write, writable


class Outputs:
    """The run's writing side: what it writes, the manifest rows that say so, and the tally."""

    def __init__(self, settings: BatchSettings, reporter: Reporter, manifest: Manifest):
        self.s = settings
        self.reporter = reporter
        self.manifest = manifest
        self.out = settings.out_dir
        self.tally = Tally()
        self.settings_hash = settings_hash(settings.options, settings.engine)
        self.model_stamps = model_stamps(settings.engine.models_dir, settings.engine.model)
        self.archives: list[IndexArchive] = []
        self.writers: list[ArchiveWriter] = []  # made this run, not yet closed

    def current(self, stored: str) -> bool:
        """Whether a result stored with settings hash `stored` still holds for this run."""
        return still_current(stored, self.settings_hash, self.model_stamps)

    def skip(self, rel: str, why: str) -> None:
        """An input passed over on purpose (a link out of IN_DIR, a device): said, and counted."""
        self.tally.skipped += 1
        self.reporter.warn(f"{self.display(rel)}: skipped: {why}")

    def display(self, rel: str) -> str:
        """The path as the user would type it (IN_DIR as given, then the relative path)."""
        return str(self.s.in_dir) if rel == "." else os.path.join(str(self.s.in_dir), rel)

    def warn_about(self, item: Item, article: Article) -> None:
        """What the other commands print on stderr for an article that did not fail (a paragraph
        kept untranslated for want of a model), naming it by its path as failures are."""
        for warning in article.warnings:
            prefix = f"{item.rel}: "
            if warning.startswith(prefix):
                warning = f"{self.display(item.rel)}: {warning[len(prefix):]}"
            self.reporter.warn(warning)

    def fail(self, item: Item, err: DocumentError) -> None:
        original_id = item.error.id if item.error else ""
        ids = (item.rel, original_id, err.id, self.display(item.rel), item.path)
        why = safe_name(reason(err, *ids))
        display = self.display(item.rel)
        folder = item.doc is None and os.path.isdir(item.path or display)
        self.tally.failures.append(IndexFailure(item.rel, err.kind, why, folder))
        self.reporter.failure(DocumentError(id=display, message=f"{display}: {why}"))
        self._forget(item.rel)

    def _forget(self, rel: str) -> None:
        """Drop an article's previous outputs and manifest row: they no longer match its input."""
        old = self.manifest.get_light(rel)
        if old is None:
            return
        self.manifest.drop(rel)
        self.remove(old.outputs.values())

    def remove(self, paths: Iterable[str]) -> None:
        """Remove these outputs (relative to OUT_DIR), where they exist."""
        for rel_out in paths:
            remove_output(self.out, rel_out)

    # -- article files
    def write_or_fail(self, item: Item, article: Article, stored: str | None = None) -> bool:
        """`write_article`, or a failure of this item alone when its files cannot be written.

        A full device is no item's fault and would fail every item after it: the run stops
        (DiskFullError) with what is finished kept.
        """
        try:
            self.write_article(item, article, stored)
            return True
        except Exception as exc:  # noqa: BLE001 - one article's files never stop the run
            if is_disk_full(exc):
                raise DiskFullError(where(exc, self.out)) from exc
            if refused(exc) and not can_create_in(self.out):
                raise OutDirUnwritable(self.out, exc) from exc
            self.remove(item.outputs.values())  # none half-made
            if isinstance(exc, OSError) and exc.strerror:
                detail = exc.strerror
            elif isinstance(exc, (UnicodeError, ValueError)):
                detail = str(exc)
            else:
                detail = f"{type(exc).__name__}: {exc}"
            err = DocumentError(
                id=item.rel, message=f"cannot write its output ({safe_name(detail)})", kind="error"
            )
            self.fail(item, err)
            return False

    def write_article(self, item: Item, article: Article, stored: str | None = None) -> None:
        from newsbrief import render

        outputs = item.outputs
        for fmt, rel_out in outputs.items():
            text = render.render_articles(
                "summarize", [article], fmt, side_by_side=True, width=None, color=False
            )
            atomic_write(self.out / rel_out, text if text.endswith("\n") else text + "\n")
        old = self.manifest.get_light(item.rel)
        if old is not None:
            self.remove(p for p in old.outputs.values() if p not in outputs.values())
        if stored is None:
            stored = result_hash(self.settings_hash, article, self.model_stamps)
        entry = Entry(item.rel, item.content_hash, stored, dict(outputs), article)
        self.manifest.put(entry)  # only now is the article finished

    def reuse(self, item: Item, entry: Entry) -> None:
        """The stored result still holds: its files are rewritten only if needed."""
        wanted = item.outputs
        if entry.outputs == wanted and all((self.out / p).is_file() for p in wanted.values()):
            self.tally.unchanged += 1
            self.manifest.saw(item.rel)
            return
        # Same result, other formats or names, or a file deleted by hand: render it again from
        # the stored result, without translating.
        full = self.manifest.get(item.rel)  # what the index keeps is not enough to render
        if full is None:  # the row went unreadable since the run started
            err = DocumentError(id=item.rel, message="its stored result cannot be read back; "
                                "run the same command again to redo it", kind="error")
            self.fail(item, err)
            return
        if self.write_or_fail(item, replace(full.article, id=item.rel), entry.settings_hash):
            self.tally.rerendered += 1

    # -- jsonl archives (newsbrief/batch/archive.py)
    def writer(self, arch: Archive) -> ArchiveWriter:
        if arch.writer is None:
            arch.writer = ArchiveWriter(self.manifest, self.out, arch.rel, arch.output)
            self.writers.append(arch.writer)
        return arch.writer

    def write_record(self, item: Item, result: Any) -> None:
        """One line of the archive's output, in record order: the result (or its line read
        back), or an error record in the failed record's place (with its id and extra keys)."""
        from newsbrief import render

        arch = item.archive
        assert arch is not None
        writer = self.writer(arch)
        finished: RecordRow | None = None
        in_place = False
        if isinstance(result, DocumentError):
            doc_id = item.doc.id if item.doc is not None else result.id
            extra = item.doc.extra if item.doc is not None else result.extra
            why = safe_name(reason(result, doc_id, item.rel))
            record = render.error_record(DocumentError(id=doc_id, message=why, extra=extra))
            data = _line(record)
            arch.failed += 1
            at = f"{item.rel}:{item.index}"
            self.tally.failures.append(IndexFailure(at, result.kind, why))
            display = f"{self.display(item.rel)}: record {item.index} ({doc_id})"
            self.reporter.failure(DocumentError(id=display, message=f"{display}: {why}"))
        elif isinstance(result, StoredLine):
            data, finished, in_place = result.data, result.row, result.in_place
            self.tally.unchanged += 1
        else:
            data = _line(render.to_record("summarize", result))
            stored = result_hash(self.settings_hash, result, self.model_stamps)
            finished = RecordRow(content_key(item.content_hash), stored, 0, 0, len(data),
                                 line_checksum(data))
            self.tally.done += 1
        arch.records += 1
        try:
            writer.write(item.index, data, finished, in_place)
        except OSError as exc:
            if is_disk_full(exc):
                raise DiskFullError(where(exc, self.out)) from exc
            raise

    def close_archive(self, arch: Archive) -> None:
        """All records are written: the output is complete (replaced whole, when it changed)."""
        writer = self.writer(arch)
        try:
            writer.close(arch.records)
        except OSError as exc:
            writer.abandon()
            if is_disk_full(exc):
                raise DiskFullError(where(exc, self.out)) from exc
            raise
        finally:
            self.writers.remove(writer)
        self.archives.append(
            IndexArchive(arch.rel, arch.output, arch.records, arch.records - arch.failed)
        )

    def abandon_archives(self) -> None:
        """Interrupted mid-archive: its partial output stays in .newsbrief-resume/ (the manifest
        points at its finished lines, so a rerun copies them instead of computing them)."""
        for writer in self.writers:
            writer.abandon()
        self.writers.clear()


def _line(record: dict[str, Any]) -> bytes:
    return writable(json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
