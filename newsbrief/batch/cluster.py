"""`newsbrief batch --scheduler tcp://HOST:8786`: the batch's chunks computed on a Dask cluster.

Why it is built this way:
- The driver (the `newsbrief batch` process) alone reads inputs, owns the manifest and writes
  outputs; workers only run `pool.process_chunk`. So outputs are byte-identical to `--jobs 1`
  (same chunks, results written in input order) and nothing on a worker needs OUT_DIR.
- Plain tasks, never actors: Dask's actors are not resilient. A worker killed mid-run loses its
  tasks to the scheduler, which runs them on another worker; the driver consumes each chunk's
  result once, so nothing is lost or written twice.
- Per-worker state (the translation engine, models loaded once per worker process, one
  translation cache per worker) lives in a worker plugin, keyed by a token of this run, so two
  runs with different settings can share a cluster. The plugin's setup also checks that the
  models the driver found exist on that worker: one clear error naming the worker instead of
  thousands of failed articles.
- `distributed` is an optional extra: this module imports it at the top, and batch imports this
  module only for --scheduler (with a clear message naming the install command if it is absent).
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass, replace
from typing import Any

from distributed import Client, WorkerPlugin, get_worker

from newsbrief.batch.pool import Chunk, ChunkItem, Executor, crashed, process_chunk
from newsbrief.console import apply_thread_settings
from newsbrief.pipeline import Options
from newsbrief.records import Article, DocumentError
from newsbrief.settings import BatchSettings
from translator.engine.factory import EngineSettings, lazy_engine

INSTALL = "pip install 'newsbrief[dask]'"
# How long the driver waits for an unreachable scheduler before saying so.
CONNECT_TIMEOUT_S = 5.0
# State of this worker process per run token: the engine factory, or why the run cannot work here.
_STATE: dict[str, Any] = {}


class ClusterError(Exception):
    """The cluster cannot run this batch (unreachable, models missing on a worker): one line."""


@dataclass
class _Run:
    options: Options
    factory: Any


def required_models(engine: EngineSettings) -> dict[str, str]:
    """Language -> model folder the driver would use: what every worker must have too."""
    from pathlib import Path

    from translator.errors import TranslatorError
    from translator.store.choices import find_model

    found = {}
    for lang in ("ru", "uk"):
        try:
            model = find_model(lang, Path(engine.models_dir) if engine.models_dir else None,
                               model=engine.model)
        except TranslatorError:
            model = None
        if model is not None:
            found[lang] = str(model.path)
    return found


def missing_models(engine: EngineSettings, needed: dict[str, str]) -> list[str]:
    """The needed models this process cannot find (the same models dir, or the path given)."""
    have = required_models(engine)
    return [f"{lang}→en ({path})" for lang, path in sorted(needed.items()) if lang not in have]


class NewsbriefWorker(WorkerPlugin):
    """Set up once per worker process: thread settings, the model check, the engine factory."""

    def __init__(self, token: str, options: Options, engine: EngineSettings,
                 needed: dict[str, str]):
        self.token = token
        self.options = options
        self.engine = engine
        self.needed = needed

    def setup(self, worker: Any) -> None:
        apply_thread_settings()
        missing = missing_models(self.engine, self.needed)
        if missing:
            message = (
                f"worker {worker.address} has no {', '.join(missing)}; install the same models "
                "on every worker (or give --models-dir a folder they all see)"
            )
            _STATE[self.token] = ClusterError(message)
            raise ClusterError(message)
        # A worker's threads share its cores: each translation gets its share of them, and no
        # more than Dask's own per-worker limit (OMP_NUM_THREADS, set by the nanny).
        cores = os.cpu_count() or 1
        threads = max(1, cores // max(1, worker.state.nthreads))
        limit = os.environ.get("OMP_NUM_THREADS", "")
        if limit.isdigit() and int(limit) > 0:
            threads = min(threads, int(limit))
        factory = lazy_engine(replace(self.engine, intra_threads=threads))
        _STATE[self.token] = _Run(self.options, factory)

    def teardown(self, worker: Any) -> None:
        _STATE.pop(self.token, None)  # the engine and its models go with the run


def run_chunk(token: str, docs: list) -> list[Article | DocumentError]:
    """The task: one chunk through the pipeline with this worker's engine."""
    state = _STATE.get(token)
    if isinstance(state, ClusterError):
        raise state
    if state is None:
        raise ClusterError(f"worker {get_worker().address} was not set up for this run")
    return process_chunk(docs, state.options, state.factory)


class _CancelBeforeStart(logging.Filter):
    """Drop tornado's traceback of distributed's `sync` cancel callback when Ctrl-C came first.

    A Ctrl-C that lands in a blocking client call before its coroutine has started makes
    distributed's `cancel` callback read an unassigned variable (NameError) on the event-loop
    thread; tornado logs that with a traceback. The run is being stopped anyway and nothing
    was in flight for that call, so the reader would see a traceback for no fault.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not (isinstance(exc, NameError) and "sync.<locals>.cancel" in record.getMessage())


_QUIET_CANCEL = _CancelBeforeStart()


def connect(address: str) -> Client:
    """A client of the scheduler at `address`, or ClusterError within CONNECT_TIMEOUT_S."""
    logging.getLogger("tornado.application").addFilter(_QUIET_CANCEL)  # once: a set of one
    try:
        return Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} within {CONNECT_TIMEOUT_S:.0f}s "
            f"({reason}); is it running, and is the address right?"
        ) from exc


class DaskExecutor(Executor):
    """Chunks as Dask tasks; up to WINDOW_PER_WORKER chunks per worker thread in flight."""

    def __init__(self, client: Client, settings: BatchSettings, window_per_worker: int = 2):
        super().__init__()
        self.client = client
        self.settings = settings
        self.window_per_worker = window_per_worker
        self.token = secrets.token_hex(8)
        self.plugin_name = f"newsbrief-{self.token}"
        self.bar: Any = None
        self.workers = 0

    def start(self) -> None:
        """Install the worker plugin on every worker (models checked there)."""
        needed = required_models(self.settings.engine)
        plugin = NewsbriefWorker(self.token, self.settings.options, self.settings.engine, needed)
        try:
            self.client.register_plugin(plugin, name=self.plugin_name)
        except ClusterError:
            raise
        except Exception as exc:  # noqa: BLE001 - whatever a worker raised, said in one line
            raise ClusterError(f"cannot set up the workers: {exc}") from exc
        self._count_workers()
        if not self.workers:
            raise ClusterError(f"the Dask cluster at {self.client.scheduler.address} has no "
                               "workers; start some with `dask worker ADDRESS`")

    def _count_workers(self) -> None:
        info = self.client.scheduler_info(n_workers=-1) if _takes_n_workers(self.client) \
            else self.client.scheduler_info()
        workers = info.get("workers", {})
        self.workers = len(workers)
        self.slots = sum(w.get("nthreads", 1) for w in workers.values()) or 1

    @property
    def label(self) -> str:  # type: ignore[override]
        return "batch on Dask"

    @property
    def window(self) -> int:  # type: ignore[override]
        return self.window_per_worker * max(1, getattr(self, "slots", 1))

    def show(self, bar: Any) -> None:
        self.bar = bar
        self._describe()

    def _describe(self) -> None:
        if self.bar is not None:
            noun = "worker" if self.workers == 1 else "workers"
            self.bar.describe(f"batch on Dask ({self.workers} {noun})")

    def submit(self, chunk: Chunk) -> None:
        chunk.future = self.client.submit(run_chunk, self.token, chunk.docs(), pure=False)
        self.inflight.append(chunk)

    def ready(self, chunk: Chunk) -> bool:
        return bool(chunk.future.done())

    def result(self, chunk: Chunk) -> list[Article | DocumentError]:
        while True:
            try:
                results = chunk.future.result(timeout=0.5)
                break
            except TimeoutError:
                self._count_workers()
                self._describe()
            except ClusterError as exc:
                self.inflight.remove(chunk)
                return [_failed(item, str(exc), "model") for item in chunk.items]
            except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker: this chunk alone fails
                self.inflight.remove(chunk)
                if type(exc).__name__ == "KilledWorker":
                    return [crashed(item) for item in chunk.items]
                return [_failed(item, f"the cluster task failed ({exc})", "error")
                        for item in chunk.items]
        self.inflight.remove(chunk)
        return results

    def close(self, interrupted: bool = False) -> None:
        futures = [c.future for c in self.inflight if c.future is not None]
        self.inflight.clear()
        try:
            if futures:
                self.client.cancel(futures)
            try:
                self.client.unregister_worker_plugin(self.plugin_name)
            except Exception:  # noqa: BLE001 - a worker gone away: nothing left to free there
                pass
        finally:
            self.client.close(timeout=5)


def _takes_n_workers(client: Client) -> bool:
    import inspect

    try:
        return "n_workers" in inspect.signature(client.scheduler_info).parameters
    except (TypeError, ValueError):
        return False


def _failed(item: ChunkItem, reason: str, kind: str) -> DocumentError:
    return DocumentError(id=item.rel, message=f"{item.rel}: {reason}", kind=kind)
