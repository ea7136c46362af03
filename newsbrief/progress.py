"""Progress on standard error: articles done of a known total, and, while a model translates,
sentences done with their rate and the time left.

Why it looks the way it does:
- Only on a terminal, only when not --quiet, and only while this process is the terminal's
  foreground job: a bar is for a person watching, never for a log file, a pipe, or the shell
  prompt of a user who sent the job to the background.
- Translation is the long phase and happens a chunk of articles at a time, so an articles-only
  bar sits at 0/N for minutes; the sentences line is what moves (the engine reports them).
- The bar itself (transient, no echo of typed keys, NO_COLOR) is `newsbrief.console`'s one
  progress bar, as is every question about the terminal.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from typing import IO, Any

from newsbrief.console import (
    in_foreground,
    progress_bar,
    underlying,
    watched,
)

# Named inputs are read ahead to count them (so the bar shows done/total), up to these bounds;
# beyond them the total stays unknown rather than hold a huge corpus in memory.
COUNT_AHEAD_DOCUMENTS = 20_000
COUNT_AHEAD_CHARS = 200_000_000


class Display:
    """What the run reports to; this base shows nothing (no terminal, --quiet, background)."""

    live = False  # whether anything is shown (worth collecting figures for)

    def advance(self, n: int = 1) -> None:
        """`n` more articles are finished."""

    def describe(self, label: str) -> None:
        """The articles line is now called `label` (e.g. how many cluster workers are in use)."""

    def sentences(self, lang: str, done: int, total: int) -> None:
        """The current translation call has `done` of its `total` sentences translated."""

    def sentences_total(self, done: int, total: int, label: str = "translating") -> None:
        """`done` of `total` sentences over the whole run so far (summed by the caller)."""

    def engine_factory(self, factory: Callable[[], Any]) -> Callable[[], Any]:
        """`factory`, its engine reporting translated sentences to this display."""
        return reporting_factory(factory, self.sentences)


class SentenceTally:
    """Sentences over a run, from the engine's per-call `(done, total)` reports.

    Each translation call (a language of a chunk) counts from 0 again; a report that goes
    back, or names another total, starts a new call, and the finished calls are kept.
    """

    def __init__(self) -> None:
        self.base_done = 0
        self.base_total = 0
        self.call: tuple[int, int] = (0, 0)

    def feed(self, done: int, total: int) -> tuple[int, int]:
        last_done, last_total = self.call
        if done < last_done or total != last_total:
            self.base_done += last_done
            self.base_total += last_total
        self.call = (done, total)
        return self.base_done + done, self.base_total + total


def reporting_factory(
    factory: Callable[[], Any], report: Callable[[str, int, int], None]
) -> Callable[[], Any]:
    """`factory`, its engine calling `report(lang, done, total)` as it translates."""

    def reporting() -> Any:
        return _ReportingEngine(factory(), report)

    return reporting


class SharedSentences:
    """Sentence counts of worker processes, in shared memory the parent reads without waiting.

    Each worker takes a slot and writes its own running (done, total) there; the parent sums
    the slots. No lock on the hot path: one writer per slot, and a value read mid-update is
    only a progress figure off by one report.
    """

    SLOTS = 64  # workers over a run, replacements after a crash included

    def __init__(self, context: Any):
        self.counts = context.RawArray("q", 2 * self.SLOTS)
        self.next_slot = context.RawValue("i", 0)
        self.lock = context.Lock()

    def worker_factory(self, factory: Callable[[], Any]) -> Callable[[], Any]:
        """In a worker: `factory`, its engine's progress written to this worker's slot."""
        with self.lock:
            slot = self.next_slot.value
            self.next_slot.value += 1
        if slot >= self.SLOTS:
            return factory
        tally = SentenceTally()
        counts = self.counts

        def report(lang: str, done: int, total: int) -> None:
            counts[2 * slot], counts[2 * slot + 1] = tally.feed(done, total)

        return reporting_factory(factory, report)

    def read(self) -> tuple[int, int]:
        """(done, total) summed over every worker so far."""
        values = self.counts[:]
        return sum(values[0::2]), sum(values[1::2])


def count_ahead(
    items: Iterable[Any],
    max_items: int = COUNT_AHEAD_DOCUMENTS,
    max_chars: int = COUNT_AHEAD_CHARS,
) -> tuple[Iterator[Any], int | None]:
    """`items` again, and how many there are when that is known within the bounds."""
    iterator = iter(items)
    buffered: list[Any] = []
    chars = 0
    for item in iterator:
        buffered.append(item)
        chars += len(getattr(item, "text", "") or "")
        if len(buffered) >= max_items or chars >= max_chars:
            return chain(buffered, iterator), None
    return iter(buffered), len(buffered)


class _Live(Display):
    live = True

    def __init__(self, bar: Any, articles: Any, stream: IO[str]):
        self.bar = bar
        self.articles = articles
        self.stream = stream
        self.sentence_task: Any = None
        self.tally = SentenceTally()
        self.stopped = False

    def _check_foreground(self) -> bool:
        if not self.stopped and not in_foreground(self.stream):
            self.bar.stop()  # sent to the background: stop drawing over the shell prompt
            self.stopped = True
        return not self.stopped

    def advance(self, n: int = 1) -> None:
        if self._check_foreground():
            self.bar.advance(self.articles, n)

    def describe(self, label: str) -> None:
        if self._check_foreground():
            self.bar.update(self.articles, description=label)

    def sentences(self, lang: str, done: int, total: int) -> None:
        completed, whole = self.tally.feed(done, total)
        self.sentences_total(completed, whole, f"translating {lang}→en")

    def sentences_total(self, done: int, total: int, label: str = "translating") -> None:
        if not self._check_foreground() or total <= 0:
            return
        if self.sentence_task is None:
            self.sentence_task = self.bar.add_task(
                label, total=total, completed=done, unit="sentences"
            )
        else:
            self.bar.update(self.sentence_task, description=label, total=total, completed=done)


class _ReportingEngine:
    """An engine whose `translate` also tells the display how far it got."""

    def __init__(self, engine: Any, report: Callable[[str, int, int], None]):
        self._engine = engine
        self._report = report
        try:
            params = inspect.signature(engine.translate).parameters
            self._reports = "progress" in params
        except (TypeError, ValueError, AttributeError):
            self._reports = False

    def translate(self, lang: str, sentences: list[str], progress: Any = None) -> list[str]:
        if not self._reports:
            return self._engine.translate(lang, sentences)

        def report(done: int, total: int) -> None:
            self._report(lang, done, total)
            if progress is not None:
                progress(done, total)

        return self._engine.translate(lang, sentences, progress=report)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


@contextmanager
def display(
    stream: IO[str], quiet: bool, label: str, total: int | None, unit: str = "articles"
) -> Iterator[Display]:
    """A progress display on `stream` (a no-op `Display` where nobody is watching).

    While it is live, `sys.stderr` goes above the bar: write messages through `CurrentStderr`.
    """
    if not watched(stream, quiet):
        yield Display()
        return
    from rich.progress import BarColumn, ProgressColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    class Count(ProgressColumn):
        """`12/40 sentences`, or `3/? articles` while the total is not known."""

        def render(self, task: Any) -> Text:
            total = "?" if task.total is None else f"{task.total:.0f}"
            return Text(f"{task.completed:.0f}/{total} {task.fields.get('unit', '')}")

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = _rate(task)
            unit = task.fields.get("unit", "")
            return Text(f"{speed:.1f} {unit}/s" if speed else f"-- {unit}/s")

    class Left(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = _rate(task)
            if task.finished or task.total is None or not speed:
                return Text("")
            left = (task.total - task.completed) / speed
            minutes, seconds = divmod(int(left), 60)
            hours, minutes = divmod(minutes, 60)
            return Text(f"{hours}:{minutes:02d}:{seconds:02d} left")

    columns = (TextColumn("{task.description}"), BarColumn(), Count(), Rate(),
               TimeElapsedColumn(), Left())
    with progress_bar(stream, *columns) as bar:
        task = bar.add_task(label, total=total, unit=unit)
        yield _Live(bar, task, underlying(stream))


def _rate(task: Any) -> float | None:
    """Items per second since the line appeared (model loading included).

    Not rich's own estimate: the engine finishes batches in bursts (all submitted at once), and
    rich's rate over the last few updates would then read thousands per second.
    """
    elapsed = task.finished_time if task.finished else task.elapsed
    if not elapsed or elapsed < 0.5 or not task.completed:
        return None
    return task.completed / elapsed
