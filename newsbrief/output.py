"""Where results go: standard output, or a file that appears whole or not at all."""

from __future__ import annotations

import errno
import os
import re
import secrets
import sqlite3
import sys
from pathlib import Path
from typing import IO

# Errors that mean "the device holding this file has no room": no single item is to blame.
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
# Bytes of the target's name kept in its temporary name: enough to recognise it, short enough
# that a target name of any legal length still leaves a legal temporary name.
_TMP_NAME_BYTES = 40
# A lone surrogate (from a file name's undecodable bytes or a damaged "\ud800" escape) is no
# character and cannot be encoded: the reader replaces them, and the writer makes sure, so that
# one such character can never turn a finished result into an encoding error.
_SURROGATE = re.compile("[\ud800-\udfff]")


def writable(text: str) -> str:
    """`text` with any lone surrogate replaced by U+FFFD, so it always encodes as UTF-8."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write via a temporary file in the same folder, then rename over the target.

    An interrupted run (Ctrl-C, a crash, a full disk) therefore never leaves a half-written file.
    The temporary name is chosen before the file is created (not by mkstemp), so a Ctrl-C that
    lands between creating it and knowing its name cannot strand it: the handler always knows
    what to remove. O_EXCL keeps the open safe from a planted file or link of the same name.
    The temporary name is bounded (`.PREFIX.HEX.part`, PREFIX at most 40 bytes of the target's
    name), so a target whose own name is legal, however long, can always be written.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / temporary_name(target.name)
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        if isinstance(data, str):
            data = writable(data)
        mode = "wb" if isinstance(data, bytes) else "w"
        kwargs = {} if isinstance(data, bytes) else {"encoding": "utf-8", "newline": "\n"}
        with os.fdopen(os.open(tmp, flags, 0o600), mode, **kwargs) as fh:
            # The result gets the mode a plain open() would give it (or keeps the mode of the
            # file it replaces), so others can read it as usual.
            os.fchmod(fh.fileno(), _mode_for(target))
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def temporary_name(name: str) -> str:
    """`.PREFIX.HEX.part` for a target called `name`; at most 63 bytes whatever `name` is."""
    raw = os.fsencode(name)[:_TMP_NAME_BYTES]
    return f".{os.fsdecode(raw)}.{secrets.token_hex(6)}.part"


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


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask (read by setting and restoring it: there is no plain getter)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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
