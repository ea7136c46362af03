"""What the machine gives the engine: the CPU cores it may use, and glibc's allocator.

CTranslate2 runs one worker thread per core; with glibc, each thread would get a malloc arena of
its own, so the engine asks for one arena and hands freed memory back after each call.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any


def available_cores() -> int:
    """CPU cores this process may use (respects affinity masks, e.g. in containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# glibc mallopt() parameter number (malloc.h).
_M_ARENA_MAX = -8


@lru_cache(maxsize=1)
def _glibc() -> Any:
    """The C library when it is glibc (it has mallopt and malloc_trim), else None."""
    import ctypes

    try:
        lib = ctypes.CDLL(None)  # the process's own symbols, the C library's among them
    except (OSError, TypeError):
        return None
    return lib if hasattr(lib, "mallopt") and hasattr(lib, "malloc_trim") else None


@lru_cache(maxsize=1)
def share_malloc_arena() -> bool:
    """Make every thread allocate from one glibc arena (once per process; True if applied).

    Must run before the first Translator starts its worker thread. A MALLOC_ARENA_MAX the user
    set in the environment wins (glibc has already read it). Elsewhere than glibc: no-op.
    """
    libc = _glibc()
    if libc is None or "MALLOC_ARENA_MAX" in os.environ:
        return False
    return bool(libc.mallopt(_M_ARENA_MAX, 1))


def release_free_memory() -> None:
    """Hand memory freed by the last batches back to the system (glibc only)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
