"""The run loop of `newsbrief batch`: plan each input as it is read, send what needs work in
chunks, and hand every result to the writing side in input order.

Articles go through `pipeline.process` in fixed-size chunks of consecutive inputs (the same in
every mode), so the engine batches sentences across articles and the batch composition, hence
the output, does not depend on `--jobs`. Results are consumed in input order, so `--jobs 2`
writes the same bytes as `--jobs 1`, and nothing is ever interleaved. Inputs are read only a
bounded window ahead of what is written.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from newsbrief.batch.inputs import (
    ARCHIVE_SUFFIXES,
    Item,
    Source,
    count_articles,
    iter_inputs,
    read_items,
)
from newsbrief.batch.manifest import Entry, Manifest
from newsbrief.batch.outputs import Outputs
from newsbrief.batch.pool import Chunk, Executor, InProcessExecutor, WorkerPool
from newsbrief.batch.reports import summary, write_reports
from newsbrief.console import Reporter, watched
from newsbrief.exit_status import ExitStatus
from newsbrief.records import DocumentError
from newsbrief.runner import with_model_hint
from newsbrief.settings import BatchSettings
from translator.engine.factory import lazy_engine

# Inputs held in order behind a chunk still being filled (reused ones between rare redone ones):
# past this the chunk is sent as it is, so memory stays bounded.
MAX_QUEUED = 1024
# Finished archive records are committed to the manifest this often (not one fsync per record).
COMMIT_SECONDS = 1.0


class Batch:
    """One run over IN_DIR: what to redo, in what order, and where it is computed."""

    def __init__(self, settings: BatchSettings, reporter: Reporter, manifest: Manifest):
        self.s = settings
        self.reporter = reporter
        self.manifest = manifest
        self.outputs = Outputs(settings, reporter, manifest)
        self.tally = self.outputs.tally
        self.last_commit = time.monotonic()
        self.cluster: Executor | None = None  # set by run_batch for --scheduler

    def items(self, sources: Iterable[Source]) -> Iterator[Item]:
        """The inputs in order, read one at a time (an archive record by record)."""
        return read_items(sources)

    def run(self) -> int:
        from newsbrief import progress

        out = self.outputs
        # Listed as the run goes, one folder at a time: never the whole tree in memory.
        sources = iter_inputs(self.s.in_dir, self.s.out_dir, out.skip, self.s.formats)
        total = None
        if watched(self.reporter.stream, self.reporter.quiet):
            # Counted, not held: a second listing, and a stream of each archive's lines.
            quiet = iter_inputs(
                self.s.in_dir, self.s.out_dir, lambda rel, reason: None, self.s.formats
            )
            total = count_articles(quiet)
        label = self.cluster.label if self.cluster is not None else "batch"
        shown = progress.display(self.reporter.stream, self.reporter.quiet, label, total)
        with shown as bar:
            executor = self._executor(bar)
            try:
                self._stream(self.items(sources), executor, bar)
            except BaseException:
                executor.close(interrupted=True)
                out.abandon_archives()
                raise
            finally:
                self.manifest.commit()
            executor.close()
        for rel, outputs in self.manifest.unseen():  # inputs deleted since the last run
            self.manifest.drop(rel)
            out.remove(outputs.values())
            self.tally.removed += 1
        for aid, _, files in self.manifest.unseen_archives():
            out.remove(files)
            self.manifest.drop_archive(aid)
            self.tally.removed += 1
        self.manifest.commit()
        compare_ok = write_reports(self.s, self.manifest, self.tally.failures, out.archives)
        summary(self.tally, self.reporter.quiet, self.s.out_dir)
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
            writer = self.outputs.writer(item.archive)
            return writer.stored(item.index, item.content_hash, self.outputs.current)
        if item.rel.lower().endswith(ARCHIVE_SUFFIXES):  # an archive that cannot be read now:
            self.manifest.archive(item.rel)  # its output from an earlier run is kept
        entry = self.manifest.get_light(item.rel)
        if entry is None or entry.content_hash != item.content_hash:
            return None
        if not self.outputs.current(entry.settings_hash):
            return None
        return entry

    def _finish(self, item: Item, result: Any) -> None:
        out = self.outputs
        if item.archive is not None:
            if item.end:
                out.close_archive(item.archive)
            else:
                out.write_record(item, result)
        elif isinstance(result, DocumentError):
            out.fail(item, with_model_hint(result, self.s))  # a missing model: --no-translate
        elif isinstance(result, Entry):
            out.reuse(item, result)
        else:
            out.warn_about(item, result)
            if out.write_or_fail(item, result):
                self.tally.done += 1

    def _maybe_commit(self) -> None:
        now = time.monotonic()
        if now - self.last_commit >= COMMIT_SECONDS:
            self.manifest.commit()
            self.last_commit = now
