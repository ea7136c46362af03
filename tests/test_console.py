"""newsbrief.console is the one place that asks about the terminal: what it decides for a real
terminal (a pseudo-terminal here), a file or pipe, NO_COLOR and COLUMNS; the one progress bar;
and that importing it changes nothing and loads no rich."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbrief import console, model_commands, progress
from newsbrief.console import Environment, Reporter
from newsbrief.records import DocumentError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def terminal() -> Iterator[io.TextIOWrapper]:
    """The terminal side of a pseudo-terminal, 87 columns wide, as a text stream."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 87, 0, 0))
    stream = open(follower, "w", encoding="utf-8", closefd=True)  # noqa: SIM115
    try:
        yield stream
    finally:
        stream.close()
        os.close(leader)


def test_a_terminal_gets_colour_and_its_own_width(terminal) -> None:
    env = Environment(stdout=terminal, environ={"COLUMNS": "40"})
    assert env.stdout_isatty and env.color
    assert env.width == 87  # the terminal's own width; COLUMNS is for pipes


def test_no_color_turns_colour_off_even_on_a_terminal(terminal) -> None:
    assert not Environment(stdout=terminal, environ={"NO_COLOR": "1"}).color
    assert Environment(stdout=terminal, environ={"NO_COLOR": ""}).color  # empty: not set
    assert not console.color_allowed({"NO_COLOR": "yes"}) and console.color_allowed({})


def test_a_pipe_or_file_gets_no_colour_and_the_width_columns_gives() -> None:
    env = Environment(stdout=io.StringIO(), environ={"COLUMNS": "60"})
    assert not env.stdout_isatty and not env.color and env.width == 60
    assert Environment(stdout=io.StringIO(), environ={}).width is None
    assert Environment(stdout=io.StringIO(), environ={"COLUMNS": "wide"}).width is None


def test_streams_left_out_are_the_process_own_at_the_time_of_asking(
    monkeypatch: pytest.MonkeyPatch, terminal
) -> None:
    env = Environment()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert env.out is terminal and env.stdout_isatty
    monkeypatch.setattr(sys, "stdin", None)  # e.g. started with stdin closed
    assert not env.stdin_isatty
    monkeypatch.setattr(sys, "stderr", terminal)
    assert isinstance(env.err, console.CurrentStderr) and env.stderr_isatty


def test_progress_only_where_a_person_watches(terminal) -> None:
    assert console.watched(terminal, quiet=False)
    assert not console.watched(terminal, quiet=True)
    assert not console.watched(io.StringIO(), quiet=False)
    assert not Environment(stderr=io.StringIO()).progress_wanted(quiet=False)
    assert Environment(stderr=terminal).progress_wanted(quiet=False)


def test_the_reporter_writes_errors_always_and_warnings_unless_quiet() -> None:
    err = io.StringIO()
    reporter = Reporter(quiet=True, stream=err)
    reporter.warn("hidden")
    reporter.failure(DocumentError(id="a.txt", message="empty"))
    reporter.failure(DocumentError(id="b.txt", message="b.txt: not UTF-8"))
    assert err.getvalue() == "newsbrief: error: a.txt: empty\nnewsbrief: error: b.txt: not UTF-8\n"
    assert reporter.failures == 2 and not reporter.wants_progress()
    loud = Environment(stderr=io.StringIO()).reporter(quiet=False)
    loud.warn("short text")
    assert loud.stream.getvalue() == "newsbrief: warning: short text\n"  # type: ignore[attr-defined]


def _echo(stream) -> bool:
    return bool(termios.tcgetattr(stream.fileno())[3] & termios.ECHO)


def test_the_bar_turns_echo_off_while_drawn_and_back_on_whatever_happens(terminal) -> None:
    from rich.progress import TextColumn

    assert _echo(terminal)
    with console.progress_bar(terminal, TextColumn("x")) as bar:
        bar.add_task("x", total=2)
        assert not _echo(terminal)
    assert _echo(terminal)
    with pytest.raises(KeyboardInterrupt), console.progress_bar(terminal, TextColumn("x")):
        raise KeyboardInterrupt
    assert _echo(terminal)


def test_the_run_and_the_download_bars_are_the_same_bar(
    monkeypatch: pytest.MonkeyPatch, terminal
) -> None:
    made = []
    real = console.progress_bar

    def counting(stream, *columns):
        made.append([type(c).__name__ for c in columns])
        return real(stream, *columns)

    monkeypatch.setattr(progress, "progress_bar", counting)
    monkeypatch.setattr(model_commands, "progress_bar", counting)
    with progress.display(terminal, False, "summarizing", 3) as shown:
        shown.advance()
    with model_commands._download_progress(False, terminal) as update:
        update(10, 100)  # type: ignore[misc]
    assert len(made) == 2 and "DownloadColumn" in made[1]
    # Nobody watching (a file, --quiet): no bar, plain lines.
    with model_commands._download_progress(False, io.StringIO()) as update:
        assert update is None
    with model_commands._download_progress(True, terminal) as update:
        assert update is None
    assert len(made) == 2


def test_importing_the_console_loads_no_rich_and_changes_no_setting() -> None:
    env = {k: v for k, v in os.environ.items() if k not in console.THREAD_ENVIRONMENT}
    code = (
        "import os, sys, newsbrief.console\n"
        "print('rich' in sys.modules, [k for k in newsbrief.console.THREAD_ENVIRONMENT "
        "if k in os.environ])\n"
        "newsbrief.console.apply_thread_settings()\n"
        "print(all(os.environ[k] == v for k, v in newsbrief.console.THREAD_ENVIRONMENT.items()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
        cwd=ROOT, timeout=60,
    )
    assert done.stdout.split("\n")[:2] == ["False []", "True"]


# Terminal questions asked outside the console module: a call of isatty(), the terminal's size or
# its foreground job, or a read of NO_COLOR / COLUMNS.
_ASKS = re.compile(r"\.isatty\(|get_terminal_size|tcgetpgrp|[\"'](NO_COLOR|COLUMNS)[\"']")


def test_only_the_console_asks_about_the_terminal() -> None:
    files = [ROOT / "cli.py", *sorted((ROOT / "newsbrief").rglob("*.py"))]
    asking = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in files
        if path.name != "console.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _ASKS.search(line)
    ]
    assert len(files) > 20 and not asking, asking
