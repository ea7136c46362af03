"""Where a batch's chunks are computed: in this process (--jobs 1) or a pool of worker processes.

The run (`newsbrief.batch`) hands over chunks of consecutive documents in input order and takes
their results back in the same order; an executor only computes. `cluster.py` is a third
executor, on Dask. Why the pieces look as they do:
- A worker process loads its models once (`init_worker`), then serves every chunk it is given.
- Worker processes are spawned with Ctrl-C held back (`sigint_blocked`): only the parent decides
  what an interrupt means, and a half-started worker never dies with a traceback.
- A worker that dies fails only the chunk it held (`crashed`); the pool is rebuilt and the other
  chunks in flight run again.
- A worker dies with its driver (`die_with_parent`): a driver killed with SIGKILL cannot stop
  its workers, which would otherwise stay (PPID 1) blocked on a pipe, holding their models.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from newsbrief.console import apply_thread_settings
from newsbrief.pipeline import Options, process
from newsbrief.progress import SharedSentences
from newsbrief.records import Article, Document, DocumentError
from newsbrief.settings import BatchSettings
from translator.engine.factory import EngineSettings, SentenceTranslator, lazy_engine
from translator.errors import is_missing_model

# Chunks submitted and not yet written, per worker: enough that a worker never waits for the
# driver, few enough that the driver holds a small, fixed number of documents whatever the input.
WINDOW_PER_WORKER = 2


class ChunkItem(Protocol):
    """What an executor needs of one input: its name (for a failure) and its document."""

    rel: str
    doc: Document | None


# State of a worker process, set once by its initializer: the engine is built on first use and
# then reused for every chunk that process handles (a model is loaded at most once per worker).
WORKER: dict[str, object] = {}


# How often a worker's watchdog looks for its driver (a dead one is noticed within this).
PARENT_POLL_S = 0.5


def die_with_parent(parent: int) -> None:
    """End this process as soon as the process `parent` (the driver) is gone.

    On Linux the kernel sends SIGKILL at once (PR_SET_PDEATHSIG); everywhere, a daemon thread
    also checks every PARENT_POLL_S whether this process was handed to another parent (the
    driver died before the signal was set up, or the system has no such signal). Nothing is
    lost: a worker writes nothing, the driver writes every output.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        import time

        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    import threading

    threading.Thread(target=watch, name="newsbrief-parent-watch", daemon=True).start()


def init_worker(
    options: Options,
    engine: EngineSettings,
    threads: int,
    shared: SharedSentences | None = None,
    parent: int | None = None,
) -> None:
    """Set up a worker process once: its signals, thread settings and (lazy) engine."""
    if parent is not None:
        die_with_parent(parent)
    # Ctrl-C reaches the whole process group; only the parent decides what happens then. The
    # parent started this process with SIGINT blocked (see `sigint_blocked`), so a Ctrl-C that
    # came during start-up is still pending: ignoring SIGINT discards it, then it is unblocked.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    # N workers share the cores: busy-waiting OpenMP threads (libgomp's default) would then
    # steal each other's time slices; set before CTranslate2 (or numpy) is first imported here.
    apply_thread_settings()
    WORKER["options"] = options
    # This worker's share of the CPU threads, given to the engine when it is built.
    factory = lazy_engine(replace(engine, intra_threads=threads))
    WORKER["factory"] = shared.worker_factory(factory) if shared is not None else factory


def work_chunk(docs: list[Document]) -> list[Article | DocumentError]:
    """The task a worker process runs: one chunk, with the engine `init_worker` set up."""
    return process_chunk(docs, WORKER["options"], WORKER["factory"])  # type: ignore[arg-type]


def _exception_kind(exc: BaseException) -> str:
    return "model" if is_missing_model(exc) else "error"


def process_chunk(
    docs: list[Document], options: Options, factory: Callable[[], SentenceTranslator]
) -> list[Article | DocumentError]:
    """Summarise consecutive documents together; one result per document, in order.

    Should the chunk as a whole raise (an engine that cannot be built, a bug tripped by one
    document), each document is retried alone so only the ones concerned fail.
    """
    try:
        results = list(process(docs, "summarize", options, factory))
        if len(results) == len(docs):
            return results
    except Exception:  # noqa: BLE001 - narrowed below, document by document
        if len(docs) == 1:
            return [error_for(docs[0], sys.exc_info()[1])]
    out: list[Article | DocumentError] = []
    for doc in docs:
        try:
            out.extend(process([doc], "summarize", options, factory))
        except Exception as exc:  # noqa: BLE001 - one bad article never stops the run
            out.append(error_for(doc, exc))
    return out


def error_for(doc: Document, exc: BaseException | None) -> DocumentError:
    """`doc`'s failure for `exc` (kind "model" when a model is missing, so the hint can name it)."""
    return DocumentError(
        id=doc.id,
        message=f"{doc.id}: {exc}",
        kind=_exception_kind(exc) if exc else "error",
        path=doc.path,
    )


@contextmanager
def sigint_blocked() -> Iterator[None]:
    """Hold back Ctrl-C while worker processes may be started.

    A spawned worker is a fresh interpreter: until `init_worker` runs it would die of a Ctrl-C
    with a traceback (KeyboardInterrupt during its imports, or EOFError when the parent went
    away first). The signal mask is inherited, so a worker started in here begins with SIGINT
    blocked; the parent gets its own pending Ctrl-C (as KeyboardInterrupt) on leaving.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    except (OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@dataclass
class Chunk:
    """Consecutive documents one task summarises together, and (once back) their results."""

    items: list[ChunkItem] = field(default_factory=list)
    future: Any = None  # set when submitted
    results: list[Article | DocumentError] | None = None

    def docs(self) -> list[Document]:
        return [item.doc for item in self.items]  # type: ignore[misc]


class Executor:
    """Where chunks run. The run submits chunks in input order and asks for their results in the
    same order; `window` chunks at most are submitted and not yet consumed, so the documents the
    driver holds stay bounded however large the input."""

    window = 1
    label = "batch"

    def __init__(self) -> None:
        self.inflight: list[Chunk] = []

    def full(self) -> bool:
        return len(self.inflight) >= self.window

    def submit(self, chunk: Chunk) -> None:
        chunk.future = True
        self.inflight.append(chunk)

    def ready(self, chunk: Chunk) -> bool:
        return False

    def result(self, chunk: Chunk) -> list[Article | DocumentError]:
        raise NotImplementedError

    def close(self, interrupted: bool = False) -> None:
        self.inflight.clear()

    def show(self, bar: Any) -> None:
        """Progress figures of its own (a cluster's workers) go to `bar`."""


class InProcessExecutor(Executor):
    """--jobs 1: each chunk is computed when its results are wanted, in this process."""

    def __init__(self, settings: BatchSettings, factory: Callable[[], SentenceTranslator]):
        super().__init__()
        self.settings = settings
        self.factory = factory

    def result(self, chunk: Chunk) -> list[Article | DocumentError]:
        self.inflight.remove(chunk)
        return process_chunk(chunk.docs(), self.settings.options, self.factory)


class WorkerPool(Executor):
    """--jobs N: a pool of worker processes, each loading its models once."""

    def __init__(
        self, settings: BatchSettings, tick: Callable[[tuple[int, int]], None] | None = None
    ):
        super().__init__()
        self.settings = settings
        self.window = WINDOW_PER_WORKER * settings.jobs
        # Their sentence counts, passed to `tick` while a chunk is awaited.
        self.tick = tick
        self.shared: SharedSentences | None = None
        with sigint_blocked():
            self.pool: ProcessPoolExecutor | None = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        import multiprocessing

        # spawn, not fork: the parent may run a progress-bar thread, and a forked child of a
        # threaded process can deadlock.
        context = multiprocessing.get_context("spawn")
        if self.tick is not None and self.shared is None:
            self.shared = SharedSentences(context)
        return ProcessPoolExecutor(
            max_workers=self.settings.jobs,
            mp_context=context,
            initializer=init_worker,
            initargs=(self.settings.options, self.settings.engine, self._threads(), self.shared,
                      os.getpid()),
        )

    def _threads(self) -> int:
        """CPU threads per worker, so that all workers together use the cores once."""
        try:
            cores = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            cores = os.cpu_count() or 1
        return max(1, cores // self.settings.jobs)

    def submit(self, chunk: Chunk) -> None:
        assert self.pool is not None
        with sigint_blocked():  # a submit may start a worker
            chunk.future = self.pool.submit(work_chunk, chunk.docs())
        self.inflight.append(chunk)

    def ready(self, chunk: Chunk) -> bool:
        return bool(chunk.future.done())

    def result(self, chunk: Chunk) -> list[Article | DocumentError]:
        try:
            results = self._wait(chunk.future)
        except BrokenProcessPool:
            # A worker died (killed, out of memory): fail what it held, go on with a new pool,
            # where the other chunks in flight run again.
            self.inflight.remove(chunk)
            assert self.pool is not None
            self.pool.shutdown(wait=False, cancel_futures=True)
            with sigint_blocked():
                self.pool = self._new_pool()
            for other in self.inflight:
                if not other.future.done() or other.future.exception() is not None:
                    with sigint_blocked():
                        other.future = self.pool.submit(work_chunk, other.docs())
            return [crashed(item) for item in chunk.items]
        self.inflight.remove(chunk)
        return results

    def _wait(self, future: Future) -> list[Article | DocumentError]:
        """The chunk's results; meanwhile the workers' sentence counts go to `tick`."""
        if self.tick is None or self.shared is None:
            return future.result()
        while True:
            try:
                return future.result(timeout=0.25)
            except FuturesTimeout:
                self.tick(self.shared.read())

    def close(self, interrupted: bool = False) -> None:
        self.inflight.clear()
        if self.pool is None:
            return
        if interrupted:
            # Workers ignore SIGINT and would finish their chunk first; results are no longer
            # wanted, so stop them now. They are stopped before the pool is shut down: closing
            # its queues first could wake a worker with EOFError (and a traceback).
            processes = list((getattr(self.pool, "_processes", None) or {}).values())
            for proc in processes:
                proc.terminate()
            for proc in processes:
                proc.join(timeout=5)
            manager = getattr(self.pool, "_executor_manager_thread", None)
            self.pool.shutdown(wait=False, cancel_futures=True)
            # Let the pool's manager thread finish closing its pipes before the interpreter
            # exits: its exit hook otherwise may write to a pipe being closed under it ("Exception
            # ignored ... Bad file descriptor" on stderr, seen under heavy load).
            if manager is not None:
                manager.join(timeout=5)
            _stop_stragglers(processes)
        else:
            self.pool.shutdown(wait=True)
        self.pool = None


def _stop_stragglers(stopped: list) -> None:
    """Kill what is left of the pool's workers after an interrupted close: one that did not end
    on SIGTERM within its 5 s, or one the pool was still starting when the list was taken. At
    exit multiprocessing joins every live child without a timeout, so one left would hold the
    interrupted driver open (seen once in CI: the "interrupted" line printed, then no exit)."""
    import multiprocessing

    for proc in {*stopped, *multiprocessing.active_children()}:
        if proc.is_alive():
            proc.kill()
            proc.join(timeout=2)


def crashed(item: ChunkItem) -> DocumentError:
    """The failure of an input whose worker died: no document is to blame, only its chunk."""
    return DocumentError(
        id=item.rel, message=f"{item.rel}: the worker process died (out of memory?)", kind="error"
    )
