"""Ctrl-C while the `newsbrief` command is still starting (importing typer, ~0.2 s): quit as a
later Ctrl-C does, with "newsbrief: interrupted" and exit 130, instead of a KeyboardInterrupt
traceback from the middle of an import.

`guard()` is called before the command line's imports and `release()` after them, so importing
the commands elsewhere (a test, a script) leaves the process's Ctrl-C handling as it was.
"""

from __future__ import annotations

import os
import signal

# What Ctrl-C did before `guard()`: restored by `release()`.
_SIGINT_AT_START: object = None


def _interrupted_while_starting(signum, frame):  # type: ignore[no-untyped-def]
    os.write(2, b"newsbrief: interrupted\n")
    # 128 + SIGINT: ExitStatus.INTERRUPTED, which is not imported yet this early.
    os._exit(128 + signum)


def _on_sigint(handler) -> None:  # type: ignore[no-untyped-def]
    if _SIGINT_AT_START is signal.SIG_IGN:  # started with Ctrl-C ignored (`nohup`, `cmd &`)
        return
    try:
        signal.signal(signal.SIGINT, handler)
    except ValueError:  # imported outside the main thread: leave signals alone
        pass


def guard() -> None:
    """Only while the command line imports: a Ctrl-C ends the process at once."""
    global _SIGINT_AT_START
    _SIGINT_AT_START = signal.getsignal(signal.SIGINT) or signal.default_int_handler
    _on_sigint(_interrupted_while_starting)


def release() -> None:
    """The imports are done: Ctrl-C goes back to what it was before `guard()`."""
    if _SIGINT_AT_START is not None:
        _on_sigint(_SIGINT_AT_START)
