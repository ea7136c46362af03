"""`newsbrief batch IN_DIR -o OUT_DIR`: convert a whole folder, resumably, one file at a time.

Design, and why:
- The parent process alone reads inputs, decides what to redo (manifest), writes every file and
  reports; workers only compute. Results are consumed in input order, so `--jobs 2` writes the
  same bytes as `--jobs 1`, and nothing is ever interleaved.
- Articles go through `pipeline.process` in fixed-size chunks of consecutive inputs (the same in
  every mode), so the engine batches sentences across articles and the batch composition, hence
  the output, does not depend on `--jobs`.
- Every file is written with `atomic_write` (temporary file, then rename) and an article enters
  the manifest only after all its files are on disk, so Ctrl-C can stop the run anywhere without
  leaving a half-written file, and a rerun picks up where it stopped.

This module is the run itself: what to redo, writing results in input order, the folder lock,
the reports. Its parts: newsbrief/batch/inputs.py (listing and reading IN_DIR),
newsbrief/batch/pool.py (where chunks are computed: here or worker processes; cluster.py on Dask),
newsbrief/batch/names.py (output names and hashes), newsbrief/batch/manifest.py (what is finished),
newsbrief/batch/archive.py (an archive's output, resumable), newsbrief/batch/rebuild.py
(--rebuild-manifest), newsbrief/batch/index.py (index.md / index.html).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsbrief.batch.archive import ArchiveWriter, StoredLine, line_checksum, remove_output
from newsbrief.batch.index import (
    IndexArchive,
    IndexData,
    IndexEntry,
    IndexFailure,
    html_lines,
    markdown_lines,
    write_lines_if_changed,
)
from newsbrief.batch.inputs import (
    ARCHIVE_SUFFIXES,
    Archive,
    Item,
    Source,
    count_articles,
    iter_inputs,
    read_items,
    real_path,
)
from newsbrief.batch.manifest import (
    MANIFEST_NAME,
    Entry,
    Manifest,
    ManifestError,
    RecordRow,
    content_key,
)
from newsbrief.batch.names import (  # noqa: F401 - re-exported: batch's public names
    EXTENSIONS,
    NAME_MAX,
    RESULT_VERSION,
    archive_names,
    content_hash,
    model_stamps,
    output_names,
    record_hash,
    result_hash,
    safe_name,
    settings_hash,
    still_current,
)
from newsbrief.batch.pool import (
    WINDOW_PER_WORKER,
    Chunk,
    Executor,
    InProcessExecutor,
    WorkerPool,
)
from newsbrief.batch.rebuild import unusable_message
from newsbrief.console import Reporter, apply_thread_settings, sigterm_as_interrupt, watched
from newsbrief.exit_status import ExitStatus
from newsbrief.output import (
    atomic_write,
    can_create_in,
    disk_full_message,
    is_disk_full,
    refused,
    sweep_partials,
)
from newsbrief.records import Article, DocumentError
from newsbrief.runner import with_model_hint
from newsbrief.settings import BatchSettings
from newsbrief.shown import shown, shown_message
from translator.atomic_files import writable
from translator.factory import lazy_engine

INDEX_FILES = ("index.md", "index.html")
COMPARE_FILES = {"markdown": "compare.md", "html": "compare.html"}
# Held (flock) for the whole run: a second batch on the same OUT_DIR is refused, not interleaved.
LOCK_NAME = ".newsbrief-batch.lock"
# Inputs held in order behind a chunk still being filled (reused ones between rare redone ones):
# past this the chunk is sent as it is, so memory stays bounded.
MAX_QUEUED = 1024
# Finished archive records are committed to the manifest this often (not one fsync per record).
COMMIT_SECONDS = 1.0


@dataclass
class _Tally:
    done: int = 0
    unchanged: int = 0
    rerendered: int = 0
    removed: int = 0
    skipped: int = 0
    failures: list[IndexFailure] = field(default_factory=list)


class DiskFullError(Exception):
    """The output device has no room left: no article is to blame, so the run stops."""

    def __init__(self, where: str | os.PathLike[str]):
        super().__init__(disk_full_message(where))
        self.where = where


class OutDirUnwritable(DiskFullError):
    """OUT_DIR no longer takes new files (made read-only, remounted read-only): as with a full
    device, no article is to blame and every later one would fail too, so the run stops."""

    def __init__(self, out_dir: Path, exc: BaseException):
        Exception.__init__(
            self,
            f"{shown(str(out_dir))}: cannot write to the output folder "
            f"({shown_message(getattr(exc, 'strerror', None) or str(exc))}); make it writable",
        )
        self.where = out_dir


# ---------------------------------------------------------------- progress and messages


def _reason(err: DocumentError, *ids: str) -> str:
    """The failure message without the leading `id: ` the stages prefix it with."""
    message = err.message
    for ident in ids:
        if ident and message.startswith(f"{ident}: "):
            return message[len(ident) + 2 :]
    return message


# ---------------------------------------------------------------- the run


class _Batch:
    def __init__(self, settings: BatchSettings, reporter: Reporter, manifest: Manifest):
        self.s = settings
        self.reporter = reporter
        self.manifest = manifest
        self.out = settings.out_dir
        self.tally = _Tally()
        self.settings_hash = settings_hash(settings.options, settings.engine)
        self.model_stamps = model_stamps(settings.engine.models_dir, settings.engine.model)
        self.archives: list[IndexArchive] = []
        self.writers: list[ArchiveWriter] = []  # made this run, not yet closed
        self.last_commit = time.monotonic()
        self.cluster: Executor | None = None  # set by run_batch for --scheduler

    # -- reading (newsbrief/batch/inputs.py)
    def items(self, sources: Iterable[Source]) -> Iterator[Item]:
        """The inputs in order, read one at a time (an archive record by record)."""
        return read_items(sources)

    def _skip(self, rel: str, reason: str) -> None:
        """An input passed over on purpose (a link out of IN_DIR, a device): said, and counted."""
        self.tally.skipped += 1
        self.reporter.warn(f"{self._display(rel)}: skipped: {reason}")

    # -- writing
    def _display(self, rel: str) -> str:
        """The path as the user would type it (IN_DIR as given, then the relative path)."""
        return str(self.s.in_dir) if rel == "." else os.path.join(str(self.s.in_dir), rel)

    def warn_about(self, item: Item, article: Article) -> None:
        """What the other commands print on stderr for an article that did not fail (a paragraph
        kept untranslated for want of a model), naming it by its path as failures are."""
        for warning in article.warnings:
            prefix = f"{item.rel}: "
            if warning.startswith(prefix):
                warning = f"{self._display(item.rel)}: {warning[len(prefix):]}"
            self.reporter.warn(warning)

    def fail(self, item: Item, err: DocumentError) -> None:
        original_id = item.error.id if item.error else ""
        ids = (item.rel, original_id, err.id, self._display(item.rel), item.path)
        reason = safe_name(_reason(err, *ids))
        display = self._display(item.rel)
        folder = item.doc is None and os.path.isdir(item.path or display)
        self.tally.failures.append(IndexFailure(item.rel, err.kind, reason, folder))
        self.reporter.failure(DocumentError(id=display, message=f"{display}: {reason}"))
        self._forget(item.rel)

    def _forget(self, rel: str) -> None:
        """Drop an article's previous outputs and manifest row: they no longer match its input."""
        old = self.manifest.get_light(rel)
        if old is None:
            return
        self.manifest.drop(rel)
        self._remove_outputs(old.outputs.values())

    def _remove_outputs(self, paths) -> None:  # type: ignore[no-untyped-def]
        for rel_out in paths:
            remove_output(self.out, rel_out)

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
                raise DiskFullError(_where(exc, self.out)) from exc
            if refused(exc) and not can_create_in(self.out):
                raise OutDirUnwritable(self.out, exc) from exc
            self._remove_outputs(item.outputs.values())  # none half-made
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
            self._remove_outputs(p for p in old.outputs.values() if p not in outputs.values())
        if stored is None:
            stored = result_hash(self.settings_hash, article, self.model_stamps)
        entry = Entry(item.rel, item.content_hash, stored, dict(outputs), article)
        self.manifest.put(entry)  # only now is the article finished

    # -- the steps
    def run(self) -> int:
        from newsbrief import progress

        # Listed as the run goes, one folder at a time: never the whole tree in memory.
        sources = iter_inputs(self.s.in_dir, self.out, self._skip, self.s.formats)
        total = None
        if watched(self.reporter.stream, self.reporter.quiet):
            # Counted, not held: a second listing, and a stream of each archive's lines.
            quiet = iter_inputs(self.s.in_dir, self.out, lambda rel, reason: None, self.s.formats)
            total = count_articles(quiet)
        label = self.cluster.label if self.cluster is not None else "batch"
        shown = progress.display(self.reporter.stream, self.reporter.quiet, label, total)
        with shown as bar:
            executor = self._executor(bar)
            try:
                self._stream(self.items(sources), executor, bar)
            except BaseException:
                executor.close(interrupted=True)
                self._abandon_archives()
                raise
            finally:
                self.manifest.commit()
            executor.close()
        for rel, outputs in self.manifest.unseen():  # inputs deleted since the last run
            self.manifest.drop(rel)
            self._remove_outputs(outputs.values())
            self.tally.removed += 1
        for aid, _, files in self.manifest.unseen_archives():
            self._remove_outputs(files)
            self.manifest.drop_archive(aid)
            self.tally.removed += 1
        self.manifest.commit()
        compare_ok = self.write_reports()
        self.summary()
        return ExitStatus.FAILED if self.tally.failures or not compare_ok else ExitStatus.OK

    def _executor(self, bar: Any) -> Executor:
        """Where the chunks run: a Dask cluster (--scheduler), a process pool, or here."""
        if self.cluster is not None:
            self.cluster.show(bar)
            return self.cluster
        if self.s.jobs == 1:  # in this process: sentences can be shown too
            return InProcessExecutor(self.s, bar.engine_factory(lazy_engine(self.s.engine)))
        tick = (lambda counts: bar.sentences_total(*counts)) if bar.live else None
        return WorkerPool(self.s, tick)

    def _stream(self, items: Iterator[Item], executor: Executor, bar: Any) -> None:
        """Plan each input as it is read, send what needs work in chunks, and write every result
        as soon as all before it are written (so outputs and the manifest follow input order,
        whatever finishes first)."""
        queue: deque[tuple[Item, Any]] = deque()
        chunk = Chunk()
        for item in items:
            plan = self._plan(item)
            if plan is None:
                chunk.items.append(item)
                queue.append((item, (chunk, len(chunk.items) - 1)))
                if len(chunk.items) >= self.s.task_documents:
                    executor.submit(chunk)
                    chunk = Chunk()
            else:
                queue.append((item, plan))
            if len(queue) > MAX_QUEUED and chunk.items:
                executor.submit(chunk)
                chunk = Chunk()
            self._drain(queue, executor, bar, final=False)
        if chunk.items:
            executor.submit(chunk)
        self._drain(queue, executor, bar, final=True)

    def _drain(self, queue: deque, executor: Executor, bar: Any, final: bool) -> None:
        """Write what is ready at the head of the queue; wait for a chunk only when the window
        is full (or at the end)."""
        while queue:
            item, plan = queue[0]
            if isinstance(plan, tuple):
                chunk, k = plan
                if chunk.results is None:
                    if chunk.future is None:
                        return  # still being filled
                    if not (final or executor.full() or executor.ready(chunk)):
                        return
                    chunk.results = executor.result(chunk)
                plan = chunk.results[k]
                chunk.results[k] = None  # type: ignore[call-overload]  # written: let it go
            queue.popleft()
            self._finish(item, plan)
            if not item.end:
                bar.advance()
            self._maybe_commit()

    def _plan(self, item: Item) -> Any:
        """What to write for `item` without computing it (an error, a stored result, the end
        of an archive), or None: it needs the pipeline."""
        if item.end:
            return item
        if item.error is not None:
            return item.error
        if item.archive is not None:
            if item.doc is None:
                return None
            return self._writer(item.archive).stored(item.index, item.content_hash, self._current)
        if item.rel.lower().endswith(ARCHIVE_SUFFIXES):  # an archive that cannot be read now:
            self.manifest.archive(item.rel)  # its output from an earlier run is kept
        entry = self.manifest.get_light(item.rel)
        if entry is None or entry.content_hash != item.content_hash:
            return None
        if not still_current(entry.settings_hash, self.settings_hash, self.model_stamps):
            return None
        return entry

    def _finish(self, item: Item, result: Any) -> None:
        if item.archive is not None:
            if item.end:
                self._close_archive(item.archive)
            else:
                self._write_record(item, result)
        elif isinstance(result, DocumentError):
            self.fail(item, with_model_hint(result, self.s))  # a missing model: --no-translate
        elif isinstance(result, Entry):
            self._reuse(item, result)
        else:
            self.warn_about(item, result)
            if self.write_or_fail(item, result):
                self.tally.done += 1

    def _current(self, stored: str) -> bool:
        return still_current(stored, self.settings_hash, self.model_stamps)

    def _reuse(self, item: Item, entry: Entry) -> None:
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
    def _writer(self, arch: Archive) -> ArchiveWriter:
        if arch.writer is None:
            arch.writer = ArchiveWriter(self.manifest, self.out, arch.rel, arch.output)
            self.writers.append(arch.writer)
        return arch.writer

    def _write_record(self, item: Item, result: Any) -> None:
        """One line of the archive's output, in record order: the result (or its line read
        back), or an error record in the failed record's place (with its id and extra keys)."""
        from newsbrief import render

        arch = item.archive
        assert arch is not None
        writer = self._writer(arch)
        finished: RecordRow | None = None
        in_place = False
        if isinstance(result, DocumentError):
            doc_id = item.doc.id if item.doc is not None else result.id
            extra = item.doc.extra if item.doc is not None else result.extra
            reason = safe_name(_reason(result, doc_id, item.rel))
            record = render.error_record(DocumentError(id=doc_id, message=reason, extra=extra))
            data = _line(record)
            arch.failed += 1
            where = f"{item.rel}:{item.index}"
            self.tally.failures.append(IndexFailure(where, result.kind, reason))
            display = f"{self._display(item.rel)}: record {item.index} ({doc_id})"
            self.reporter.failure(DocumentError(id=display, message=f"{display}: {reason}"))
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
                raise DiskFullError(_where(exc, self.out)) from exc
            raise

    def _close_archive(self, arch: Archive) -> None:
        """All records are written: the output is complete (replaced whole, when it changed)."""
        writer = self._writer(arch)
        try:
            writer.close(arch.records)
        except OSError as exc:
            writer.abandon()
            if is_disk_full(exc):
                raise DiskFullError(_where(exc, self.out)) from exc
            raise
        finally:
            self.writers.remove(writer)
        self.archives.append(
            IndexArchive(arch.rel, arch.output, arch.records, arch.records - arch.failed)
        )

    def _abandon_archives(self) -> None:
        """Interrupted mid-archive: its partial output stays in .newsbrief-resume/ (the manifest
        points at its finished lines, so a rerun copies them instead of computing them)."""
        for writer in self.writers:
            writer.abandon()
        self.writers.clear()

    def _maybe_commit(self) -> None:
        now = time.monotonic()
        if now - self.last_commit >= COMMIT_SECONDS:
            self.manifest.commit()
            self.last_commit = now

    def write_reports(self) -> bool:
        """index.md/index.html always; compare.md/compare.html with --compare."""
        from newsbrief import render

        ok = True
        reports: dict[str, str] = {}
        if self.s.compare:
            # The comparison needs every full result: read back from the manifest, only here.
            articles = [e.article for e in self.manifest.iter_entries()]
            from newsbrief.grouping import CompareError, compare

            try:
                comparison = compare(articles)
            except CompareError as exc:
                print(f"newsbrief: error: cannot compare the folder: {shown_message(str(exc))}",
                      file=sys.stderr)
                ok = False
                self._remove_reports()
            else:
                for fmt, name in COMPARE_FILES.items():
                    text = render.render_comparison(comparison, fmt, width=None, color=False)
                    _write_if_changed(self.out / name, text)
                self.manifest.set_meta("compare", "written")
                reports["Comparison across all articles"] = COMPARE_FILES["html"]
        else:
            self._remove_reports()
        data = IndexData(
            title=f"newsbrief: {Path(os.path.abspath(self.s.in_dir)).name or self.s.in_dir}",
            entries=_IndexEntries(self.manifest, self.manifest.count_entries()),  # type: ignore[arg-type]
            failures=sorted(self.tally.failures, key=lambda f: f.rel),
            reports=reports,
            archives=sorted(self.archives, key=lambda a: a.rel),
        )
        md_reports = {k: COMPARE_FILES["markdown"] for k in reports}
        # Written as they are rendered, row by row from the manifest: never one string in memory.
        write_lines_if_changed(self.out / "index.md",
                                markdown_lines(replace(data, reports=md_reports)), strip=True)
        write_lines_if_changed(self.out / "index.html", html_lines(data), strip=False)
        return ok

    def _remove_reports(self) -> None:
        """Drop a comparison an earlier run wrote (never a file of the user's own)."""
        if self.manifest.get_meta("compare") == "written":
            for name in COMPARE_FILES.values():
                (self.out / name).unlink(missing_ok=True)
            self.manifest.set_meta("compare", "")

    def summary(self) -> None:
        t = self.tally
        parts = [f"{t.done} summarised", f"{t.unchanged} unchanged"]
        if t.rerendered:
            parts.append(f"{t.rerendered} re-rendered")
        parts.append(f"{len(t.failures)} failed")
        if t.skipped:
            parts.append(f"{t.skipped} skipped")
        if t.removed:
            parts.append(f"{t.removed} removed")
        if not self.reporter.quiet:
            print(
                f"newsbrief: batch: {', '.join(parts)}; "
                f"index: {shown(str(self.out / 'index.html'))}",
                file=sys.stderr,
                flush=True,
            )


class _IndexEntries:
    """The index's articles, read from the manifest row by row each time a renderer lists them,
    so a folder of many article files never has all their results in memory at once."""

    def __init__(self, manifest: Manifest, count: int):
        self.manifest = manifest
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[IndexEntry]:
        for entry in self.manifest.iter_entries():
            yield IndexEntry(entry.rel, entry.outputs, entry.article)


def _line(record: dict[str, Any]) -> bytes:
    return writable(json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def _where(exc: BaseException, out_dir: Path) -> str:
    """The folder a failed write was aimed at (OUT_DIR when the error does not say)."""
    filename = getattr(exc, "filename", None)
    if isinstance(filename, (str, bytes, os.PathLike)):
        return os.path.dirname(os.fsdecode(filename)) or str(out_dir)
    return str(out_dir)


def _write_if_changed(path: Path, text: str) -> None:
    """Rewrite a report only when its content changed, so unchanged reruns touch nothing."""
    text = text if text.endswith("\n") else text + "\n"
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    atomic_write(path, text)


def _usage_error(message: str) -> int:
    print(f"newsbrief: error: {shown_message(message)}", file=sys.stderr)
    return ExitStatus.USAGE


def run_batch(settings: BatchSettings, reporter: Reporter | None = None) -> int:
    """Convert IN_DIR into OUT_DIR. Exit status: 0 all done, 1 some failed, 2 usage, 130 Ctrl-C."""
    in_dir, out_dir = settings.in_dir, settings.out_dir
    if not in_dir.is_dir():
        return _usage_error(f"{in_dir}: not a folder (batch needs a folder of articles)")
    if out_dir.exists() and not out_dir.is_dir():
        return _usage_error(f"{out_dir}: exists and is not a folder")
    if real_path(out_dir) == real_path(in_dir):
        return _usage_error("the output folder must differ from the input folder")
    if real_path(in_dir).is_relative_to(real_path(out_dir)):
        # Every input would count as one of OUT_DIR's own files, and outputs (`.md`) could land
        # inside IN_DIR, to be read as articles next time.
        return _usage_error(
            f"the output folder {out_dir} holds the input folder {in_dir}; "
            "choose an output folder outside it"
        )
    unknown = [f for f in settings.formats if f not in EXTENSIONS]
    if unknown:
        return _usage_error(f"unknown format {unknown[0]!r}; choose from markdown, json, html")
    settings = replace(settings, formats=list(dict.fromkeys(settings.formats)))
    if reporter is None:
        from newsbrief.console import CurrentStderr

        reporter = Reporter(settings.quiet, stream=CurrentStderr())  # type: ignore[arg-type]
    started = time.monotonic()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        lock = _lock(out_dir)
    except OSError as exc:
        return _cannot_use(out_dir, exc)
    if lock is None:
        return _busy(out_dir)
    try:
        return _run_locked(settings, reporter, started)
    finally:
        lock.close()  # releases the lock


def _cluster(settings: BatchSettings, address: str) -> Executor | None:
    """The Dask executor for `address`, its workers set up; None (after a one-line error) when
    the extra is missing, the scheduler cannot be reached or a worker lacks a model."""
    import importlib.util

    if importlib.util.find_spec("distributed") is None:
        print(
            "newsbrief: error: --scheduler (or DASK_SCHEDULER_ADDRESS) runs batch on a Dask "
            "cluster, which needs the Dask extra: pip install 'newsbrief[dask]'",
            file=sys.stderr,
        )
        return None
    from newsbrief.batch.cluster import ClusterError, DaskExecutor, connect

    try:
        client = connect(address)
        executor = DaskExecutor(client, settings, WINDOW_PER_WORKER)
        try:
            executor.start()
        except BaseException:
            executor.close(interrupted=True)
            raise
    except ClusterError as exc:
        print(f"newsbrief: error: {shown_message(str(exc))}", file=sys.stderr)
        return None
    return executor


def _lock(out_dir: Path):  # type: ignore[no-untyped-def]
    """The open lock file of OUT_DIR, locked for this run; None when another run holds it.

    flock is tied to the open file, so the lock goes with this process however it ends (even
    SIGKILL): a stale lock file never blocks a later run. Our process id is written into it, so
    the refusal can say which process holds the folder.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        return open(os.devnull, "w")  # noqa: SIM115 - closed by the caller
    fh = open(out_dir / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115 - closed by the caller
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        return None
    except OSError:  # a filesystem without locks (some network mounts): go on unlocked
        return fh
    try:
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
    except OSError:
        pass  # the pid is only for the message
    return fh


def _busy(out_dir: Path) -> int:
    try:
        holder = (out_dir / LOCK_NAME).read_text(encoding="utf-8").strip()
    except OSError:
        holder = ""
    who = f" (process {holder})" if holder.isdigit() else ""
    print(
        f"newsbrief: error: {shown(str(out_dir))}: another newsbrief batch is writing to this "
        f"folder{who}; "
        "wait for it to finish, or choose another output folder",
        file=sys.stderr,
    )
    return ExitStatus.FAILED


def _cannot_use(out_dir: Path, exc: BaseException) -> int:
    if is_disk_full(exc):
        message = disk_full_message(_where(exc, out_dir))
    else:
        message = f"cannot use the output folder: {safe_name(str(exc))}"
    print(f"newsbrief: error: {shown_message(message)}", file=sys.stderr)
    return ExitStatus.FAILED


def _stopped(batch: _Batch, exc: DiskFullError) -> int:
    """The one line for a run stopped by its output folder (full, or not writable)."""
    print(
        f"newsbrief: error: {shown_message(str(exc))}; {batch.tally.done} articles "
        "finished in this run are kept, run the same command again to continue",
        file=sys.stderr,
        flush=True,
    )
    return ExitStatus.FAILED


def _run_locked(settings: BatchSettings, reporter: Reporter, started: float) -> int:
    out_dir = settings.out_dir
    sweep_partials(out_dir)  # what a run killed mid-write left (this run holds the lock)
    try:
        if settings.rebuild_manifest:
            from newsbrief.batch.rebuild import rebuild

            manifest, rebuilt = rebuild(settings, out_dir / MANIFEST_NAME)
            if not settings.quiet:
                print(f"newsbrief: batch: manifest rebuilt: {rebuilt.line()}", file=sys.stderr)
        else:
            manifest = Manifest(out_dir / MANIFEST_NAME)
    except ManifestError as exc:
        print(f"newsbrief: error: {unusable_message(exc)}", file=sys.stderr)
        return ExitStatus.FAILED
    except (OSError, sqlite3.Error) as exc:
        return _cannot_use(out_dir, exc)
    # A batch runs long, often beside other work: threads that spin on shared cores slow
    # translation down many times over (also when called from Python rather than `main()`).
    apply_thread_settings()
    batch = _Batch(settings, reporter, manifest)
    try:
        with sigterm_as_interrupt():
            address = settings.scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
            if address:
                batch.cluster = _cluster(settings, address)
                if batch.cluster is None:
                    return ExitStatus.FAILED
            return batch.run()
    except DiskFullError as exc:
        return _stopped(batch, exc)
    except (OSError, sqlite3.Error) as exc:
        if refused(exc) and not can_create_in(out_dir):  # e.g. the manifest's own commit
            return _stopped(batch, OutDirUnwritable(out_dir, exc))
        if isinstance(exc, sqlite3.DatabaseError) and not is_disk_full(exc):
            # Found damaged mid-run: what is finished is in the outputs.
            damaged = ManifestError(manifest.path, f"it is damaged ({exc})", "damaged")
            print(f"newsbrief: error: {unusable_message(damaged)}", file=sys.stderr)
            return ExitStatus.FAILED
        if not is_disk_full(exc):
            raise
        print(
            f"newsbrief: error: {shown_message(disk_full_message(_where(exc, out_dir)))}; "
            "finished articles are "
            "kept, run the same command again to continue",
            file=sys.stderr,
            flush=True,
        )
        return ExitStatus.FAILED
    except KeyboardInterrupt:
        print(
            f"newsbrief: interrupted after {batch.tally.done} articles "
            f"({time.monotonic() - started:.0f}s); finished articles are kept, "
            "run the same command again to continue",
            file=sys.stderr,
            flush=True,
        )
        return ExitStatus.INTERRUPTED
    finally:
        manifest.close()
