"""Progress on standard error: articles done of a known total, and, while a model translates,
sentences done with their rate and the time left.

Why it looks the way it does:
- Only on a terminal, only when not --quiet, and only while this process is the terminal's
  foreground job: a bar is for a person watching, never for a log file, a pipe, or the shell
  prompt of a user who sent the job to the background.
- Translation is the long phase and happens a chunk of articles at a time, so an articles-only
  bar sits at 0/N for minutes; the sentences line is what moves (the engine reports them).
- While the bar is shown, the terminal does not echo keystrokes: a redrawn bar would otherwise
  overwrite (and hide) what the user types ahead. The keys are not lost: the shell reads them
  when the command ends. Echo is restored on every way out (Ctrl-C, SIGTERM, an error), and left
  alone if something else (a pager reading the same terminal) changed the modes meanwhile.
- The bar is transient: it disappears when done, leaving only messages and the result.
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from typing import IO, Any

# Named inputs are read ahead to count them (so the bar shows done/total), up to these bounds;
# beyond them the total stays unknown rather than hold a huge corpus in memory.
COUNT_AHEAD_DOCUMENTS = 20_000
COUNT_AHEAD_CHARS = 200_000_000


class Display:
    """What the run reports to; this base shows nothing (no terminal, --quiet, background)."""

    def advance(self, n: int = 1) -> None:
        """`n` more articles are finished."""

    def sentences(self, lang: str, done: int, total: int) -> None:
        """The current translation call has `done` of its `total` sentences translated."""

    def engine_factory(self, factory: Callable[[], Any]) -> Callable[[], Any]:
        """`factory`, its engine reporting translated sentences to this display."""
        return factory


def wanted(stream: IO[str], quiet: bool) -> bool:
    """A person is watching `stream`: a terminal, not --quiet, and we are its foreground job."""
    if quiet or not (hasattr(stream, "isatty") and stream.isatty()):
        return False
    return _foreground(stream)


def _foreground(stream: IO[str]) -> bool:
    try:
        fd = stream.fileno()
        return os.tcgetpgrp(fd) == os.getpgrp()
    except (AttributeError, OSError, ValueError):
        return True  # cannot tell (no job control): a terminal is enough


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
    def __init__(self, bar: Any, articles: Any, stream: IO[str]):
        self.bar = bar
        self.articles = articles
        self.stream = stream
        self.sentence_task: Any = None
        self.base_done = 0  # sentences of the translation calls already finished
        self.base_total = 0
        self.call: tuple[int, int] = (0, 0)
        self.stopped = False

    def _check_foreground(self) -> bool:
        if not self.stopped and not _foreground(self.stream):
            self.bar.stop()  # sent to the background: stop drawing over the shell prompt
            self.stopped = True
        return not self.stopped

    def advance(self, n: int = 1) -> None:
        if self._check_foreground():
            self.bar.advance(self.articles, n)

    def sentences(self, lang: str, done: int, total: int) -> None:
        if not self._check_foreground():
            return
        last_done, last_total = self.call
        if done < last_done or total != last_total:  # a new call (next language or chunk)
            self.base_done += last_done
            self.base_total += last_total
        self.call = (done, total)
        completed, whole = self.base_done + done, self.base_total + total
        label = f"translating {lang}→en"
        if self.sentence_task is None:
            self.sentence_task = self.bar.add_task(
                label, total=whole, completed=completed, unit="sentences"
            )
        else:
            self.bar.update(self.sentence_task, description=label, total=whole,
                            completed=completed)

    def engine_factory(self, factory: Callable[[], Any]) -> Callable[[], Any]:
        def reporting() -> Any:
            return _ReportingEngine(factory(), self)

        return reporting


class _ReportingEngine:
    """An engine whose `translate` also tells the display how far it got."""

    def __init__(self, engine: Any, display: Display):
        self._engine = engine
        self._display = display
        try:
            params = inspect.signature(engine.translate).parameters
            self._reports = "progress" in params
        except (TypeError, ValueError, AttributeError):
            self._reports = False

    def translate(self, lang: str, sentences: list[str], progress: Any = None) -> list[str]:
        if not self._reports:
            return self._engine.translate(lang, sentences)

        def report(done: int, total: int) -> None:
            self._display.sentences(lang, done, total)
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
    if not wanted(stream, quiet):
        yield Display()
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
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

    target = stream.target() if isinstance(stream, CurrentStderr) else stream
    console = Console(file=target, no_color=bool(os.environ.get("NO_COLOR")))
    columns = (TextColumn("{task.description}"), BarColumn(), Count(), Rate(),
               TimeElapsedColumn(), Left())
    bar = Progress(*columns, console=console, transient=True, redirect_stdout=False)
    task = bar.add_task(label, total=total, unit=unit)
    with _echo_off(target), bar:
        yield _Live(bar, task, target)


def _rate(task: Any) -> float | None:
    """Items per second since the line appeared (model loading included).

    Not rich's own estimate: the engine finishes batches in bursts (all submitted at once), and
    rich's rate over the last few updates would then read thousands per second.
    """
    elapsed = task.finished_time if task.finished else task.elapsed
    if not elapsed or elapsed < 0.5 or not task.completed:
        return None
    return task.completed / elapsed


class CurrentStderr:
    """Writes to whatever `sys.stderr` is now, so messages go above a live progress bar."""

    def target(self) -> IO[str]:
        return getattr(sys.stderr, "rich_proxied_file", None) or sys.stderr

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()

    def isatty(self) -> bool:
        return hasattr(sys.stderr, "isatty") and sys.stderr.isatty()

    def fileno(self) -> int:
        return sys.stderr.fileno()


@contextmanager
def _echo_off(stream: IO[str]) -> Iterator[None]:
    """No echo of typed keys on the terminal `stream` while the bar is drawn (see above)."""
    try:
        import termios

        fd = stream.fileno()
        before = termios.tcgetattr(fd)
    except (ImportError, AttributeError, OSError, ValueError):
        yield
        return
    if not before[3] & termios.ECHO:
        yield
        return
    quiet = list(before)
    quiet[3] = before[3] & ~termios.ECHO
    try:
        termios.tcsetattr(fd, termios.TCSANOW, quiet)
    except (OSError, termios.error):
        yield
        return
    try:
        yield
    finally:
        try:
            if termios.tcgetattr(fd) == quiet:  # unless someone else changed the modes since
                termios.tcsetattr(fd, termios.TCSANOW, before)
        except (OSError, termios.error):
            pass
