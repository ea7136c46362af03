"""`main`, the console script's entry point: runs the app, and turns what escapes a command into
the documented exit statuses (a closed pipe 0, Ctrl-C 130, a full device 1, a bug 1 with one
line, its traceback only with NEWSBRIEF_DEBUG=1), never a traceback.
"""

from __future__ import annotations

import os
import sys

from newsbrief.commands.app import app
from newsbrief.console import apply_thread_settings
from newsbrief.exit_status import ExitStatus


def main() -> None:
    """Console entry point: a closed pipe or Ctrl-C ends quietly, without a traceback."""
    from newsbrief.overlap import fetching

    try:
        _main()
        code: object = None
    except SystemExit as stop:
        if not fetching():
            raise
        code = stop.code
    if not fetching():
        sys.exit(code)
    # A read-ahead thread blocked on standard input would abort the interpreter's shutdown
    # (exit -6 instead of 130): flush what was written and leave without that shutdown.
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
    _flush_and_leave(code if isinstance(code, int) else (0 if code is None else 1))


def _flush_and_leave(code: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def _main() -> None:
    apply_thread_settings()  # before anything imports numpy or CTranslate2
    try:
        app()
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop writing, say nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(ExitStatus.OK)
    except KeyboardInterrupt:
        print("newsbrief: interrupted", file=sys.stderr)
        sys.exit(ExitStatus.INTERRUPTED)
    except SystemExit as stop:
        # typer turns a Ctrl-C inside a command into a bare exit 130 (SystemExit from its Exit,
        # raised from the KeyboardInterrupt): say so, as above. A command that handled Ctrl-C
        # itself (batch) and returned 130 has no KeyboardInterrupt behind its exit.
        if stop.code == ExitStatus.INTERRUPTED and _caused_by_ctrl_c(stop):
            print("newsbrief: interrupted", file=sys.stderr)
        raise
    except Exception as exc:  # a bug of ours: say so plainly; the traceback only on request
        from newsbrief.output import disk_full_message, is_disk_full
        from newsbrief.shown import shown_message

        if is_disk_full(exc):  # not a bug: the device holding the output is full
            where = getattr(exc, "filename", None)
            where = os.path.dirname(os.fsdecode(where)) if where else os.getcwd()
            print(f"newsbrief: error: {shown_message(disk_full_message(where or '.'))}",
                  file=sys.stderr)
            sys.exit(ExitStatus.FAILED)
        _internal_error(exc)


def _caused_by_ctrl_c(exc: BaseException | None) -> bool:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _internal_error(exc: BaseException) -> None:
    from newsbrief.shown import shown_message

    if os.environ.get("NEWSBRIEF_DEBUG"):
        raise exc
    print(
        f"newsbrief: internal error: {type(exc).__name__}: {shown_message(str(exc))}\n"
        "newsbrief: this is a bug; rerun with NEWSBRIEF_DEBUG=1 for the details to report",
        file=sys.stderr,
    )
    sys.exit(ExitStatus.FAILED)

