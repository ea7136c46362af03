"""The errors of `newsbrief batch`: those that stop the whole run, and the one line each says.

One article's failure stops only that article (newsbrief/batch/outputs.py). What no article is to
blame for stops the run, with what is finished kept: a full device, an OUT_DIR that no longer
takes files, an output folder that cannot be used at all. Each becomes one line on stderr and
exit status 1, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from newsbrief.batch.names import safe_name
from newsbrief.exit_status import ExitStatus
from newsbrief.output import disk_full_message, is_disk_full
from newsbrief.records import DocumentError
from newsbrief.shown import shown, shown_message


class DiskFullError(Exception):
    """The output device has no room left: no article is to blame, so the run stops."""

    def __init__(self, where: str | os.PathLike[str]):
        super().__init__(disk_full_message(where))
        self.where = where


class OutDirUnwritable(DiskFullError):
    """OUT_DIR no longer takes new files (made read-only, remounted read-only): as with a full
    device, no article is to blame and every later one would fail too, so the run stops."""

    def __init__(self, out_dir: Path, exc: BaseException):
        Exception.__init__(
            self,
            f"{shown(str(out_dir))}: cannot write to the output folder "
            f"({shown_message(getattr(exc, 'strerror', None) or str(exc))}); make it writable",
        )
        self.where = out_dir


def reason(err: DocumentError, *ids: str) -> str:
    """The failure message without the leading `id: ` the stages prefix it with."""
    message = err.message
    for ident in ids:
        if ident and message.startswith(f"{ident}: "):
            return message[len(ident) + 2 :]
    return message


def where(exc: BaseException, out_dir: Path) -> str:
    """The folder a failed write was aimed at (OUT_DIR when the error does not say)."""
    filename = getattr(exc, "filename", None)
    if isinstance(filename, (str, bytes, os.PathLike)):
        return os.path.dirname(os.fsdecode(filename)) or str(out_dir)
    return str(out_dir)


def usage_error(message: str) -> int:
    print(f"newsbrief: error: {shown_message(message)}", file=sys.stderr)
    return ExitStatus.USAGE


def cannot_use(out_dir: Path, exc: BaseException) -> int:
    if is_disk_full(exc):
        message = disk_full_message(where(exc, out_dir))
    else:
        message = f"cannot use the output folder: {safe_name(str(exc))}"
    print(f"newsbrief: error: {shown_message(message)}", file=sys.stderr)
    return ExitStatus.FAILED


def stopped(done: int, exc: DiskFullError) -> int:
    """The one line for a run stopped by its output folder (full, or not writable), `done`
    articles finished in it."""
    print(
        f"newsbrief: error: {shown_message(str(exc))}; {done} articles "
        "finished in this run are kept, run the same command again to continue",
        file=sys.stderr,
        flush=True,
    )
    return ExitStatus.FAILED
