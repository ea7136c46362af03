"""`run_batch`: one `newsbrief batch` run from its settings to its exit status.

It checks the two folders, takes OUT_DIR's lock, opens (or rebuilds) the manifest, starts the
Dask executor for --scheduler, runs the loop (newsbrief/batch/driver.py), and turns what stops a
run (a full device, an OUT_DIR gone read-only, a damaged manifest, Ctrl-C) into one line on
stderr and its exit status, with what is finished kept.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from dataclasses import replace

from newsbrief.batch.driver import Batch
from newsbrief.batch.errors import (
    DiskFullError,
    OutDirUnwritable,
    cannot_use,
    stopped,
    usage_error,
    where,
)
from newsbrief.batch.inputs import real_path
from newsbrief.batch.lock import busy, lock
from newsbrief.batch.manifest import MANIFEST_NAME, Manifest, ManifestError
from newsbrief.batch.names import EXTENSIONS
from newsbrief.batch.pool import WINDOW_PER_WORKER, Executor
from newsbrief.batch.rebuild import unusable_message
from newsbrief.console import Reporter, apply_thread_settings, sigterm_as_interrupt
from newsbrief.exit_status import ExitStatus
from newsbrief.output import can_create_in, disk_full_message, is_disk_full, refused, sweep_partials
from newsbrief.settings import BatchSettings
from newsbrief.shown import shown_message


def run_batch(settings: BatchSettings, reporter: Reporter | None = None) -> int:
    """Convert IN_DIR into OUT_DIR. Exit status: 0 all done, 1 some failed, 2 usage, 130 Ctrl-C."""
    in_dir, out_dir = settings.in_dir, settings.out_dir
    if not in_dir.is_dir():
        return usage_error(f"{in_dir}: not a folder (batch needs a folder of articles)")
    if out_dir.exists() and not out_dir.is_dir():
        return usage_error(f"{out_dir}: exists and is not a folder")
    if real_path(out_dir) == real_path(in_dir):
        return usage_error("the output folder must differ from the input folder")
    if real_path(in_dir).is_relative_to(real_path(out_dir)):
        # Every input would count as one of OUT_DIR's own files, and outputs (`.md`) could land
        # inside IN_DIR, to be read as articles next time.
        return usage_error(
            f"the output folder {out_dir} holds the input folder {in_dir}; "
            "choose an output folder outside it"
        )
    unknown = [f for f in settings.formats if f not in EXTENSIONS]
    if unknown:
        return usage_error(f"unknown format {unknown[0]!r}; choose from markdown, json, html")
    settings = replace(settings, formats=list(dict.fromkeys(settings.formats)))
    if reporter is None:
        from newsbrief.console import CurrentStderr

        reporter = Reporter(settings.quiet, stream=CurrentStderr())  # type: ignore[arg-type]
    started = time.monotonic()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        held = lock(out_dir)
    except OSError as exc:
        return cannot_use(out_dir, exc)
    if held is None:
        return busy(out_dir)
    try:
        return _run_locked(settings, reporter, started)
    finally:
        held.close()  # releases the lock


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
        return cannot_use(out_dir, exc)
    # A batch runs long, often beside other work: threads that spin on shared cores slow
    # translation down many times over (also when called from Python rather than `main()`).
    apply_thread_settings()
    batch = Batch(settings, reporter, manifest)
    try:
        with sigterm_as_interrupt():
            address = settings.scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
            if address:
                batch.cluster = _cluster(settings, address)
                if batch.cluster is None:
                    return ExitStatus.FAILED
            return batch.run()
    except DiskFullError as exc:
        return stopped(batch.tally.done, exc)
    except (OSError, sqlite3.Error) as exc:
        if refused(exc) and not can_create_in(out_dir):  # e.g. the manifest's own commit
            return stopped(batch.tally.done, OutDirUnwritable(out_dir, exc))
        if isinstance(exc, sqlite3.DatabaseError) and not is_disk_full(exc):
            # Found damaged mid-run: what is finished is in the outputs.
            damaged = ManifestError(manifest.path, f"it is damaged ({exc})", "damaged")
            print(f"newsbrief: error: {unusable_message(damaged)}", file=sys.stderr)
            return ExitStatus.FAILED
        if not is_disk_full(exc):
            raise
        print(
            f"newsbrief: error: {shown_message(disk_full_message(where(exc, out_dir)))}; "
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
