"""Writing a file so that it appears whole or not at all (temporary file, then rename).

The one atomic writer of every layer: detection's cached tables (translator.langid.wordfreq),
the model store's saved choice, and newsbrief's results, batch outputs and reports all import
it from here. It sits at the bottom of `translator/`, the lowest layer that writes files,
because `translator/` imports nothing from `newsbrief/`.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

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


class AtomicFile:
    """A file written in pieces that appears at `path` whole (`commit`) or not at all (`discard`).

    The pieces go to a temporary file in the same folder, renamed over the target at the end, so
    an interrupted run (Ctrl-C, a crash, a full disk) never leaves a half-written file, and a
    result far larger than memory can still be written atomically. The temporary name is chosen
    before the file is created (not by mkstemp), so a Ctrl-C that lands between creating it and
    knowing its name cannot strand it: `discard` always knows what to remove. O_EXCL keeps the
    open safe from a planted file or link of the same name. The temporary name is bounded
    (`.PREFIX.HEX.part`, PREFIX at most 40 bytes of the target's name), so a target whose own
    name is legal, however long, can always be written. Text is written as UTF-8, "\n" as is.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.target = Path(path)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self.target.parent / temporary_name(self.target.name)
        self._fh = None
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            self._fh = os.fdopen(os.open(self.tmp, flags, 0o600), "w+b")
            # The result gets the mode a plain open() would give it (or keeps the mode of the
            # file it replaces), so others can read it as usual.
            os.fchmod(self._fh.fileno(), _mode_for(self.target))
        except BaseException:
            self.discard()
            raise

    def write(self, data: str | bytes) -> None:
        if isinstance(data, str):
            data = writable(data).encode("utf-8")
        self._fh.write(data)

    def tell(self) -> int:
        return self._fh.tell()

    def seek(self, offset: int) -> None:
        self._fh.seek(offset)

    def truncate(self) -> None:
        """Drop everything after the current position (a piece that turned out not to belong)."""
        self._fh.truncate()

    def commit(self) -> None:
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            os.replace(self.tmp, self.target)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        if self._fh is not None:
            self._fh.close()
        try:
            os.unlink(self.tmp)
        except FileNotFoundError:
            pass


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder, then rename over the
    target (see `AtomicFile`): the file appears whole or not at all."""
    out = AtomicFile(path)
    try:
        out.write(data)
    except BaseException:
        out.discard()
        raise
    out.commit()


def temporary_name(name: str) -> str:
    """`.PREFIX.HEX.part` for a target called `name`; at most 63 bytes whatever `name` is."""
    raw = os.fsencode(name)[:_TMP_NAME_BYTES]
    return f".{os.fsdecode(raw)}.{secrets.token_hex(_HEX_BYTES)}.part"


_HEX_BYTES = 6
# Exactly the names `temporary_name` gives, and no other (`is_temporary`).
_TEMPORARY = re.compile(rf"\.(.+)\.[0-9a-f]{{{2 * _HEX_BYTES}}}\.part", re.DOTALL)


def is_temporary(name: str) -> bool:
    """Whether `name` is one `temporary_name` could have given: what a killed writer leaves."""
    match = _TEMPORARY.fullmatch(name)
    return match is not None and 0 < len(os.fsencode(match.group(1))) <= _TMP_NAME_BYTES


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

