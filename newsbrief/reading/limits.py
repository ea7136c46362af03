"""The one size limit: a document (a file, a jsonl line, standard input) of at most
NEWSBRIEF_MAX_BYTES bytes, refused without being read whole.
"""

from __future__ import annotations

import os
import re

from newsbrief.reading.charsets import InputError
from newsbrief.records import DocumentError

DEFAULT_MAX_BYTES = 5_000_000


MAX_BYTES_ENV = "NEWSBRIEF_MAX_BYTES"


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?)?b?\s*$", re.IGNORECASE)


_UNITS = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "ki": 2**10, "mi": 2**20, "gi": 2**30}


def max_bytes_from_env(environ: dict[str, str] | None = None) -> int:
    """The per-document byte limit: NEWSBRIEF_MAX_BYTES ("20000000", "20MB", "16MiB") or 5 MB."""
    env = os.environ if environ is None else environ
    raw = env.get(MAX_BYTES_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    match = _SIZE.match(raw)
    if not match or float(match.group(1)) <= 0:
        raise InputError(
            "usage",
            f"{MAX_BYTES_ENV}={raw!r} is not a size; use a number of bytes or e.g. 20MB",
        )
    return int(float(match.group(1)) * _UNITS[(match.group(2) or "").lower()])


def too_large(doc_id: str, path: str | None, limit: int, size: str) -> DocumentError:
    return DocumentError(
        id=doc_id,
        message=f"too large: {size} (the limit is {human(limit)} a document); split it into "
        f"smaller articles, or raise the limit with {MAX_BYTES_ENV} (e.g. {MAX_BYTES_ENV}=20MB)",
        kind="too-large",
        path=path,
    )


def human(size: int) -> str:
    if size >= 10**6:
        return f"{size / 10**6:.1f} MB".replace(".0 MB", " MB")
    if size >= 10**3:
        return f"{size / 10**3:.1f} kB".replace(".0 kB", " kB")
    return f"{size} bytes"
