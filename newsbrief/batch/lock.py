"""One run per OUT_DIR: the folder lock of `newsbrief batch`, and the refusal of a second run.

Held (flock) for the whole run, so a second batch on the same OUT_DIR is refused at once rather
than interleaved with the first.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from newsbrief.exit_status import ExitStatus
from newsbrief.shown import shown

LOCK_NAME = ".newsbrief-batch.lock"


def lock(out_dir: Path):  # type: ignore[no-untyped-def]
    """The open lock file of OUT_DIR, locked for this run; None when another run holds it.

    flock is tied to the open file, so the lock goes with this process however it ends (even
    SIGKILL): a stale lock file never blocks a later run. Our process id is written into it, so
    the refusal can say which process holds the folder.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        return open(os.devnull, "w")  # noqa: SIM115 - closed by the caller
    fh = open(out_dir / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115 - closed by the caller
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        return None
    except OSError:  # a filesystem without locks (some network mounts): go on unlocked
        return fh
    try:
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
    except OSError:
        pass  # the pid is only for the message
    return fh


def busy(out_dir: Path) -> int:
    """The refusal of a run on a folder another run holds (exit 1), naming its process."""
    try:
        holder = (out_dir / LOCK_NAME).read_text(encoding="utf-8").strip()
    except OSError:
        holder = ""
    who = f" (process {holder})" if holder.isdigit() else ""
    print(
        f"newsbrief: error: {shown(str(out_dir))}: another newsbrief batch is writing to this "
        f"folder{who}; "
        "wait for it to finish, or choose another output folder",
        file=sys.stderr,
    )
    return ExitStatus.FAILED
