"""Where results go: standard output, or a file that appears whole or not at all."""

from __future__ import annotations

import os
import re
import secrets
import sys
from pathlib import Path
from typing import IO

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
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.{secrets.token_hex(6)}.part"
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
