"""Checks on a zip before anything is extracted, and the install folders inside the models folder.

Shared by Argos packages (.argosmodel) and OPUS-MT releases (.zip): both come from the network,
so their directory is checked first (paths escaping the folder, links, duplicates, zip bombs,
sizes) and they are unpacked into a `.installing-<pid>-*` folder inside the models folder, renamed
into place only when whole. A folder whose process is gone (killed mid-extract) is removed by the
next install.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from translator.errors import InvalidPackageError
from translator.install.download import free_bytes_short, human_size

MAX_ARCHIVE_ENTRIES = 10_000
MAX_UNPACKED_BYTES = 8 << 30
# Model weights barely compress (ratio < 3); a zip bomb declares gigabytes at ratios of hundreds.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_FROM_BYTES = 16 << 20  # small members (metadata, vocabularies) may compress well
STAGING_PREFIX = ".installing-"
# A staging folder without a process id in its name (an older newsbrief's) counts as stale
# once it is this old.
STALE_AFTER_S = 3600


@dataclass
class Members:
    """What a checked archive holds: its top-level names and unpacked size."""

    tops: set[str]
    total: int


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return (info.external_attr >> 16) & 0o170000 == 0o120000


def check_members(archive: zipfile.ZipFile, source: Path, what: str = "a package",
                  max_entries: int = MAX_ARCHIVE_ENTRIES,
                  max_unpacked: int | None = None) -> Members:
    """Refuse unsafe paths, links, duplicate entries (which one would count?), more entries or
    bytes than `what` has, and members that compress suspiciously well (zip bombs)."""
    max_unpacked = MAX_UNPACKED_BYTES if max_unpacked is None else max_unpacked
    infos = archive.infolist()
    if len(infos) > max_entries:
        raise InvalidPackageError(
            f"{source}: the archive holds {len(infos)} entries, more than {what} has "
            f"(limit {max_entries})"
        )
    tops: set[str] = set()
    seen: set[str] = set()
    total = packed = 0
    for info in infos:
        name = info.filename
        pure = PurePosixPath(name)
        if pure.is_absolute() or ".." in pure.parts or "\\" in name or "\x00" in name:
            raise InvalidPackageError(f"{source}: unsafe path in archive: {name!r}")
        if _is_symlink(info):
            raise InvalidPackageError(f"{source}: the archive holds a link: {name!r}")
        key = pure.as_posix()
        if key in seen and not info.is_dir():
            raise InvalidPackageError(
                f"{source}: the archive holds {key!r} twice; refusing an ambiguous archive"
            )
        seen.add(key)
        if pure.parts:
            tops.add(pure.parts[0])
        total += info.file_size
        packed += info.compress_size
        if (info.file_size > RATIO_CHECK_FROM_BYTES
                and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)):
            raise InvalidPackageError(
                f"{source}: {name!r} would unpack from {human_size(info.compress_size)} to "
                f"{human_size(info.file_size)}; refusing a likely zip bomb"
            )
    if total > max_unpacked:
        raise InvalidPackageError(
            f"{source}: the archive would unpack to {human_size(total)}, more than {what} "
            f"needs (limit {human_size(max_unpacked)})"
        )
    if total > RATIO_CHECK_FROM_BYTES and total > MAX_COMPRESSION_RATIO * max(packed, 1):
        raise InvalidPackageError(
            f"{source}: the archive would unpack from {human_size(packed)} to {human_size(total)}; "
            "refusing a likely zip bomb"
        )
    return Members(tops, total)


def check_free_space(models_dir: Path, needed: int, source: Path) -> None:
    free = free_bytes_short(models_dir, needed)
    if free is not None:
        raise InvalidPackageError(
            f"{source}: installing needs {human_size(needed)} but {models_dir} has only "
            f"{human_size(free)} free"
        )


def staging_dir(models_dir: Path) -> Path:
    """A fresh install folder in `models_dir`, named after this process (see clean_stale)."""
    clean_stale(models_dir)
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=models_dir))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def clean_stale(models_dir: Path) -> list[Path]:
    """Remove install folders left by a killed install (their process is gone)."""
    removed = []
    try:
        children = list(Path(models_dir).glob(f"{STAGING_PREFIX}*"))
    except OSError:
        return removed
    for child in children:
        pid_text = child.name[len(STAGING_PREFIX):].split("-", 1)[0]
        try:
            if pid_text.isdigit():
                stale = int(pid_text) != os.getpid() and not _alive(int(pid_text))
            else:
                stale = time.time() - child.stat().st_mtime > STALE_AFTER_S
        except OSError:
            continue
        if stale and child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child)
    return removed
