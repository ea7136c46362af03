"""Where results go: standard output, or a file that appears whole or not at all."""

from __future__ import annotations

import codecs
import errno
import os
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import IO

from translator.atomic_files import AtomicFile, atomic_write, is_temporary, writable

# Errors that mean "the device holding this file has no room": no single item is to blame.
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


# Errors that say "you may not write here" rather than "this item is wrong".
_REFUSALS = {errno.EACCES, errno.EPERM, errno.EROFS}
PROBE_NAME = ".newsbrief-write-probe"


def refused(exc: BaseException) -> bool:
    """Whether `exc` is a refusal to write (permissions, a read-only mount or database)."""
    if isinstance(exc, OSError):
        return exc.errno in _REFUSALS
    if isinstance(exc, sqlite3.Error):  # the manifest: "attempt to write a readonly database"
        return any(w in str(exc) for w in ("readonly", "read-only", "unable to open"))
    return False


def can_create_in(folder: Path) -> bool:
    """Whether a new file can still be made in `folder`: tried, not guessed from its mode (root
    ignores modes, a read-only mount does not)."""
    try:
        atomic_write(folder / PROBE_NAME, "")
        (folder / PROBE_NAME).unlink()
    except OSError:
        return False
    return True


def sweep_partials(folder: str | os.PathLike[str]) -> int:
    """Remove the temporary files (`.NAME.HEX.part`) that killed writers left under `folder`;
    the number removed.

    Only for a folder this process alone writes to (batch's OUT_DIR, under its lock): a partial
    there belongs to a run that is over. Names are matched by the exact pattern of
    `temporary_name`, regular files only; links are neither followed nor removed.
    """
    removed = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            if not is_temporary(name):
                continue
            path = os.path.join(root, name)
            try:
                if os.path.islink(path) or not os.path.isfile(path):
                    continue
                os.unlink(path)
                removed += 1
            except OSError:
                pass
    return removed


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


_PIECE = 1 << 20  # characters handed to the encoder at once


class Sink:
    """Where one command's result goes: standard output as it comes (so jsonl streams), or
    `-o FILE`, written through a temporary file that becomes FILE whole at `close` (never a
    half-written file: `discard` drops it)."""

    def __init__(self, path: str | None = None, stream: IO[str] | None = None):
        self.path = path if path not in (None, "-") else None
        self.stream = stream if stream is not None else sys.stdout
        self._file: AtomicFile | None = None
        # True once the reader went away (`| head -1`): the run stops quietly, nothing is lost
        # that anyone could still read.
        self.closed = False

    def _target(self) -> AtomicFile:
        if self._file is None:
            self._file = AtomicFile(self.path)
        return self._file

    def write(self, text: str) -> None:
        if not text or self.closed:
            return
        text = writable(text)
        # A megabyte at a time: a 40 MB html page is never also encoded whole.
        pieces = (text[i : i + _PIECE] for i in range(0, len(text), _PIECE))
        if self.path:
            for piece in pieces:
                self._target().write(piece)
            return
        try:
            for piece in pieces:
                self.stream.write(piece)
            self.stream.flush()
        except BrokenPipeError:
            self.closed = True
            _silence(self.stream)

    def close(self) -> None:
        if self.path:
            self._target().commit()
            self._file = None

    def discard(self) -> None:
        """Drop what was written to `-o FILE` (the run was interrupted): FILE stays as it was."""
        if self._file is not None:
            self._file.discard()
            self._file = None

    def whole(self) -> Whole:
        """A document to render here in pieces, shown to the reader only when it is finished."""
        return Whole(self)


# A whole document for standard output is kept in memory up to this size, then on disk: a
# `--format json` of a 5 MB input can be over 100 MB of text.
SPOOL_BYTES = 8 << 20
_COPY_BYTES = 1 << 16


class Whole:
    """One document rendered in pieces, that the reader sees whole or, where a piece fails and
    is rolled back, without that piece: never a half-rendered record.

    For `-o FILE` the pieces go straight into the sink's temporary file; for standard output
    into a spool (memory, then a temporary file), copied out at `finish`. Either way the text
    is never one string in memory, whatever its size.
    """

    def __init__(self, sink: Sink):
        self._sink = sink
        self._file: IO[bytes] | AtomicFile
        if sink.path:
            self._file = sink._target()
        else:
            self._file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b")
        self._start = self._file.tell()
        self._last = ""  # the document's last character so far ("" while it is empty)

    def write(self, text: str) -> None:
        # A megabyte at a time, as Sink.write: a 40 MB html page is never also encoded whole.
        for i in range(0, len(text), _PIECE):
            self._file.write(writable(text[i : i + _PIECE]).encode("utf-8"))
        if text:
            self._last = text[-1]

    def rollback(self) -> None:
        """Remove everything written to this document."""
        self._file.seek(self._start)
        self._file.truncate()
        self._last = ""

    def finish(self) -> None:
        """End the document with a newline (unless it is empty) and hand it to the reader
        (standard output); for `-o FILE` the sink's `close` makes it appear."""
        if self._last not in ("", "\n"):
            self.write("\n")
        if self._sink.path:
            return
        spool = self._file
        spool.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while not self._sink.closed:
                chunk = spool.read(_COPY_BYTES)
                text = decoder.decode(chunk, final=not chunk)
                self._sink.write(text)
                if not chunk:
                    break
        finally:
            spool.close()


def _silence(stream: IO[str]) -> None:
    """Point a closed pipe's descriptor at /dev/null so the interpreter's final flush is quiet."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
