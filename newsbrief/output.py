"""Where results go: standard output, or a file that appears whole or not at all."""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from pathlib import Path
from typing import IO

# Results are written whole or not at all; the writer lives in the lowest layer that writes files.
from translator.atomic_files import atomic_write as atomic_write
from translator.atomic_files import temporary_name as temporary_name
from translator.atomic_files import writable

# Errors that mean "the device holding this file has no room": no single item is to blame.
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def is_disk_full(exc: BaseException) -> bool:
    """Whether `exc` says the device is full (ENOSPC, a quota, SQLite's "disk is full")."""
    if isinstance(exc, OSError):
        return exc.errno in _FULL_ERRNOS
    if isinstance(exc, sqlite3.OperationalError):
        code = getattr(exc, "sqlite_errorcode", None)
        return code == getattr(sqlite3, "SQLITE_FULL", 13) or "disk is full" in str(exc)
    return False


def describe_device(path: str | os.PathLike[str]) -> str:
    """Where `path` lives, for a "disk full" message: device, mount point and free space.

    For example "/data/out (on /dev/sdb1, mounted at /data, 0 bytes free)". Falls back to the
    bare path where the system does not say more.
    """
    shown = os.fspath(path)
    probe = Path(os.path.abspath(shown))
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    mount = probe
    try:
        dev = mount.stat().st_dev
        while mount != mount.parent and mount.parent.stat().st_dev == dev:
            mount = mount.parent
    except OSError:
        return shown
    device = _mounted_device(str(mount))
    try:
        free = os.statvfs(probe)
        left = _human_bytes(free.f_bavail * free.f_frsize)
    except OSError:
        left = "unknown"
    where = f"on {device}, " if device else ""
    return f"{shown} ({where}mounted at {mount}, {left} free)"


def _mounted_device(mount: str) -> str | None:
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="replace") as fh:
            rows = [line.split() for line in fh]
    except OSError:
        return None
    found = None
    for row in rows:  # the last mount on a point is the one in effect
        if len(row) >= 2 and row[1].replace("\\040", " ") == mount:
            found = row[0]
    return found


def _human_bytes(size: int) -> str:
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000  # type: ignore[assignment]
    return f"{size} bytes"


def disk_full_message(path: str | os.PathLike[str]) -> str:
    """The one-line error for a full device while writing under `path`."""
    return f"no space left on the device: cannot write {describe_device(path)}; free some space"


class Sink:
    """Collects the result for `-o FILE` (written atomically at the end) or streams to stdout."""

    def __init__(self, path: str | None = None, stream: IO[str] | None = None):
        self.path = path if path not in (None, "-") else None
        self.stream = stream if stream is not None else sys.stdout
        self._parts: list[str] = []
        # True once the reader went away (`| head -1`): the run stops quietly, nothing is lost
        # that anyone could still read.
        self.closed = False

    def write(self, text: str) -> None:
        if not text or self.closed:
            return
        text = writable(text)
        if self.path:
            self._parts.append(text)
            return
        try:
            self.stream.write(text)
            self.stream.flush()
        except BrokenPipeError:
            self.closed = True
            _silence(self.stream)

    def close(self) -> None:
        if self.path:
            atomic_write(self.path, "".join(self._parts))
            self._parts = []


def _silence(stream: IO[str]) -> None:
    """Point a closed pipe's descriptor at /dev/null so the interpreter's final flush is quiet."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
