"""Run an iterator one step ahead in a thread, so the CPU stages overlap the model's work.

While the engine translates one chunk of documents, the next chunk is read, detected and split
(`pipeline._routed`). CTranslate2 releases the GIL while it decodes, so on a GPU the device is
no longer idle while Python prepares its next batch, and on a CPU the pure-Python stages use a
core the engine leaves over. Each item is computed exactly as it would be in the caller's
thread, in the same order, so results are unchanged; the next item is fetched only once the
caller has taken the last, so at most two are alive (two chunks instead of one). An item the
model has no work in (English text) gains nothing from the thread, the GIL being held all the
while, so `early` can say to fetch its successor only once the caller comes back: the two
chunks are then never alive together (a 5 MB English text beside another long one had peaked
near 500 MB with both in memory).

The fetching thread is a daemon: Ctrl-C while it waits on a terminal or a slow pipe must end the
run at once, not wait for the next line of input. A daemon thread still blocked in a read of
standard input would make the interpreter's own shutdown abort (it cannot take the stream's
lock), so the console entry point leaves with `os._exit` while `fetching()` says one is alive.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")

THREAD_NAME = "newsbrief-ahead"


class _Failed:
    def __init__(self, error: BaseException):
        self.error = error


_DONE = object()


def ahead(
    items: Iterator[T], enabled: bool = True, early: Callable[[T], bool] | None = None
) -> Iterator[T]:
    """`items`, each fetched in a worker thread while the caller works on the one before
    (where `early(item)` is false, only once the caller has done with that one).

    An exception raised while fetching reaches the caller at the item where it happened, as
    without the thread. Once the caller stops (closes the generator, or Ctrl-C), nothing more
    is fetched.
    """
    if not enabled:
        yield from items
        return
    wanted: queue.SimpleQueue[bool] = queue.SimpleQueue()
    results: queue.SimpleQueue[object] = queue.SimpleQueue()

    def fetch() -> None:
        while wanted.get():
            try:
                item = next(items, _DONE)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller, raised there
                results.put(_Failed(exc))
                return
            results.put(item)
            if item is _DONE:
                return

    threading.Thread(target=fetch, name=THREAD_NAME, daemon=True).start()
    wanted.put(True)
    try:
        while True:
            item = results.get()
            if item is _DONE:
                return
            if isinstance(item, _Failed):
                raise item.error
            now = early is None or early(item)  # type: ignore[arg-type]
            if now:
                wanted.put(True)
            yield item  # type: ignore[misc]
            if not now:
                wanted.put(True)
    finally:
        wanted.put(False)


def fetching() -> bool:
    """Whether a fetching thread is still alive (blocked in a read, most likely)."""
    return any(t.name == THREAD_NAME and t.is_alive() for t in threading.enumerate())
