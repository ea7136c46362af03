"""The terminal as newsbrief sees it: the one place that asks about streams, TTYs, colour and width.

Every decision that depends on where the output goes is made here, so the rest of the code
asks one object instead of checking `isatty`, `NO_COLOR` or `COLUMNS` itself:

- `Environment`: the streams of one run (standard input, output and error) and what follows
  from them: which are terminals, whether the output is coloured, how wide it is, whether a
  progress bar is wanted.
- `Reporter`: the messages for a person (errors, warnings), all on standard error.
- `progress_bar`: the one way a progress bar is drawn (the run's, `newsbrief.progress`, and the
  models download's, `newsbrief.model_commands`).
- `apply_thread_settings`: how many threads the numeric libraries start, applied by each entry
  point (the command's `main()`, every batch worker process, the Python API on its first call),
  never when a module is imported: importing a library must not change the process it is
  imported into.

Importing this module has no side effects and stays cheap (the CLI imports it on every start,
`--help` included): rich is imported only when a bar is drawn.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from newsbrief.shown import shown_message

if TYPE_CHECKING:
    from newsbrief.records import DocumentError

__all__ = [
    "THREAD_ENVIRONMENT",
    "CurrentStderr",
    "Environment",
    "Reporter",
    "apply_thread_settings",
    "color_allowed",
    "in_foreground",
    "is_terminal",
    "progress_bar",
    "terminal_width",
    "watched",
]

# Multi-threaded OpenBLAS makes the small SVDs of sumy's LSA ranker ~100x slower on few cores
# (5 s instead of 0.03 s for a 1000x100 matrix on 2 cores); one thread is fastest here. Read by
# OpenBLAS when numpy is first imported, so it must be set before that.
# CTranslate2's OpenMP threads busy-wait by default (libgomp), which makes translation up to 10x
# slower whenever another process (another batch worker, anything else) shares the cores. Read
# when CTranslate2 is first imported.
THREAD_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1", "OMP_WAIT_POLICY": "PASSIVE"}


def apply_thread_settings() -> None:
    """Set THREAD_ENVIRONMENT where the user has not set those variables already.

    Call before numpy or CTranslate2 is imported; later it changes nothing (harmlessly).
    """
    for name, value in THREAD_ENVIRONMENT.items():
        os.environ.setdefault(name, value)


# ---------------------------------------------------------------- questions about one stream


def is_terminal(stream: Any) -> bool:
    """Whether `stream` is a terminal (anything without `isatty`, a StringIO say, is not)."""
    return stream is not None and hasattr(stream, "isatty") and stream.isatty()


def in_foreground(stream: Any) -> bool:
    """Whether this process is the foreground job of the terminal `stream`.

    A job sent to the background (Ctrl-Z, `bg`) must not draw over the shell prompt.
    """
    try:
        return os.tcgetpgrp(stream.fileno()) == os.getpgrp()
    except (AttributeError, OSError, ValueError):
        return True  # cannot tell (no job control): a terminal is enough


def watched(stream: Any, quiet: bool) -> bool:
    """A person is watching `stream`: a terminal, not --quiet, and we are its foreground job.

    Progress is drawn only then: never into a log file, a pipe, or a backgrounded job's prompt.
    """
    return not quiet and is_terminal(stream) and in_foreground(stream)


def color_allowed(environ: Mapping[str, str] | None = None) -> bool:
    """False when the user asked for no colour (https://no-color.org: any non-empty NO_COLOR)."""
    environ = os.environ if environ is None else environ
    return not environ.get("NO_COLOR")


def terminal_width(stream: Any, environ: Mapping[str, str] | None = None) -> int | None:
    """The width to lay text out for on `stream`: the terminal's own, else `COLUMNS` (a pipe
    whose reader says how wide it is), else None (the renderer's default)."""
    if is_terminal(stream):
        try:
            return os.get_terminal_size(stream.fileno()).columns
        except OSError:
            return None
    columns = (os.environ if environ is None else environ).get("COLUMNS")
    return int(columns) if columns and columns.isdigit() else None


class CurrentStderr:
    """Writes to whatever `sys.stderr` is now, so messages go above a live progress bar (rich
    swaps `sys.stderr` for a proxy while the bar is drawn)."""

    def target(self) -> IO[str]:
        """The real standard error under rich's proxy: what a bar is drawn on."""
        return getattr(sys.stderr, "rich_proxied_file", None) or sys.stderr

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()

    def isatty(self) -> bool:
        return is_terminal(sys.stderr)

    def fileno(self) -> int:
        return sys.stderr.fileno()


def underlying(stream: Any) -> Any:
    """The stream a bar is drawn on for `stream` (the real standard error for `CurrentStderr`)."""
    return stream.target() if isinstance(stream, CurrentStderr) else stream


# ---------------------------------------------------------------- one run's streams


@dataclass
class Environment:
    """The streams of one run and what newsbrief decides from them.

    A stream left None is the process's own, looked up when asked (so a test or a caller that
    swaps `sys.stdout` is followed); standard error is then `CurrentStderr`, which keeps
    messages above a live progress bar. `environ` is where NO_COLOR and COLUMNS are read.
    """

    stdin: Any = None
    stdout: IO[str] | None = None
    stderr: IO[str] | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)

    @property
    def out(self) -> IO[str]:
        return self.stdout if self.stdout is not None else sys.stdout

    @property
    def err(self) -> IO[str]:
        return self.stderr if self.stderr is not None else CurrentStderr()  # type: ignore[return-value]

    @property
    def stdin_isatty(self) -> bool:
        return is_terminal(self.stdin if self.stdin is not None else sys.stdin)

    @property
    def stdout_isatty(self) -> bool:
        return is_terminal(self.out)

    @property
    def stderr_isatty(self) -> bool:
        return is_terminal(self.err)

    @property
    def color(self) -> bool:
        """Colour on standard output: only on a terminal, and never under NO_COLOR."""
        return self.stdout_isatty and color_allowed(self.environ)

    @property
    def width(self) -> int | None:
        """The width of standard output (see `terminal_width`)."""
        return terminal_width(self.out, self.environ)

    def progress_wanted(self, quiet: bool) -> bool:
        """Whether a progress bar goes on standard error (see `watched`)."""
        return watched(self.err, quiet)

    def reporter(self, quiet: bool) -> Reporter:
        """The run's `Reporter`, on this environment's standard error."""
        return Reporter(quiet, stream=self.err)


class Reporter:
    """Everything for a human goes to standard error: failures, warnings, progress."""

    def __init__(self, quiet: bool = False, stream: IO[str] | None = None):
        self.quiet = quiet
        self.stream = stream if stream is not None else sys.stderr
        self.failures = 0

    def failure(self, err: DocumentError) -> None:
        self.failures += 1
        message = err.message if err.message.startswith(err.id) else f"{err.id}: {err.message}"
        print(f"newsbrief: error: {shown_message(message)}", file=self.stream, flush=True)

    def warn(self, message: str) -> None:
        if not self.quiet:
            print(f"newsbrief: warning: {shown_message(message)}", file=self.stream, flush=True)

    def wants_progress(self) -> bool:
        return watched(self.stream, self.quiet)


# ---------------------------------------------------------------- the one progress bar


@contextmanager
def progress_bar(stream: Any, *columns: Any) -> Iterator[Any]:
    """A rich `Progress` with `columns`, drawn on the terminal `stream` while the block runs.

    Every bar newsbrief draws comes from here, so they all behave alike:
    - transient: it disappears when done, leaving only messages and the result;
    - no colour under NO_COLOR;
    - standard output is left alone (the result may be going there); standard error is routed
      above the bar (write messages through `CurrentStderr`);
    - keystrokes are not echoed while it is drawn: a redrawn bar would overwrite what the user
      types ahead. The keys are not lost (the shell reads them when the command ends); echo is
      restored on every way out, unless something else changed the modes meanwhile.

    The caller decides whether a bar is wanted at all (`watched`).
    """
    from rich.console import Console
    from rich.progress import Progress

    target = underlying(stream)
    console = Console(file=target, no_color=not color_allowed())
    bar = Progress(*columns, console=console, transient=True, redirect_stdout=False)
    with _echo_off(target), bar:
        yield bar


@contextmanager
def _echo_off(stream: Any) -> Iterator[None]:
    """No echo of typed keys on the terminal `stream` while the block runs (see `progress_bar`)."""
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


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """`kill` (SIGTERM) stops a batch or a model download as cleanly as Ctrl-C does."""

    def handler(signum, frame):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
