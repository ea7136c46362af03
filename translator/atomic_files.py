"""Writing a file so that it appears whole or not at all (temporary file, then rename).

The lowest layer that writes files is the translation layer's caches (translator.langid_wordfreq
keeps built tables), and `translator/` imports nothing from `newsbrief/`; so the one atomic
writer lives here, and `newsbrief.output` re-exports it for results.
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

