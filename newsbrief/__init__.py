"""newsbrief: Russian and Ukrainian news into English key points, offline.

The Python API (`newsbrief.api`) is re-exported here lazily, so importing the package, as the
`newsbrief` command does on every start, costs nothing until a function is used:

    from newsbrief import summarize, compare, open_engine
"""

from __future__ import annotations

__all__ = [
    "Article",
    "Comparison",
    "Document",
    "DocumentError",
    "DocumentFailed",
    "Engine",
    "compare",
    "detect",
    "open_engine",
    "summarize",
    "translate",
]

_RECORDS = {"Article", "Comparison", "Document", "DocumentError"}


def __getattr__(name: str):
    if name in _RECORDS:
        from newsbrief import records

        return getattr(records, name)
    if name in __all__:
        from newsbrief import api

        return getattr(api, name)
    raise AttributeError(f"module 'newsbrief' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
