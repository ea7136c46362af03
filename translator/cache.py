"""A persistent translation cache: SQLite in the user's cache directory.

A second run over the same articles should translate nothing. Entries are keyed by the model's
identity (package path, version, file sizes and times), the decoding settings and the source
sentence, so a new model or other settings never return stale text. WAL mode and a busy timeout
let several processes (`batch --jobs N`) read and write at once. The cache is an optimisation
only: if the database cannot be opened, read or written, a warning is printed once and the run
continues without it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

SCHEMA_VERSION = 1
FILE_NAME = "translations.sqlite3"
# Bound on SQL variables per statement (SQLite's default limit is 32766 in recent versions,
# 999 in old ones).
_CHUNK = 900


def default_cache_dir() -> Path:
    """`NEWSBRIEF_CACHE_DIR`, else `$XDG_CACHE_HOME/newsbrief`, else `~/.cache/newsbrief`."""
    explicit = os.environ.get("NEWSBRIEF_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "newsbrief"


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file is no database, or a damaged one (not: locked, read-only)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code in (11, 26):  # SQLITE_CORRUPT, SQLITE_NOTADB
        return True
    text = str(exc)
    return "not a database" in text or "malformed" in text


def _stderr_warning(message: str) -> None:
    # A path holding a control or bidi character is written as ascii() would write it
    # (translator/ cannot use newsbrief.shown): no escape sequence reaches the terminal.
    message = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in message)
    sys.stderr.write(f"newsbrief: warning: {message}\n")


class TranslationCache:
    """get_many / put_many over (model, settings, source) → English text."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        timeout: float = 30.0,
        warn: Callable[[str], None] = _stderr_warning,
    ):
        self.path = Path(path) if path is not None else default_cache_dir() / FILE_NAME
        self.timeout = timeout
        self._warn = warn
        self._conn: sqlite3.Connection | None = None
        self._disabled = False

    @property
    def enabled(self) -> bool:
        return not self._disabled

    def _disable(self, what: str, exc: Exception) -> None:
        if not self._disabled:
            self._warn(f"translation cache disabled ({what} {self.path}: {exc}); "
                       "translating without it")
        self._disabled = True
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None

    def _connection(self) -> sqlite3.Connection | None:
        if self._disabled:
            return None
        if self._conn is None:
            try:
                conn = self._open()
            except sqlite3.DatabaseError as exc:
                if not _damaged(exc) or not self._move_aside(exc):
                    self._disable("cannot open", exc)
                    return None
                try:  # a fresh cache in its place
                    conn = self._open()
                except (sqlite3.Error, OSError) as again:
                    self._disable("cannot open", again)
                    return None
            except OSError as exc:
                self._disable("cannot open", exc)
                return None
            self._conn = conn
        return self._conn

    def _move_aside(self, exc: Exception) -> bool:
        """Rename a file that is no SQLite database (or a damaged one) to cache.sqlite.bad-DATE,
        with one warning, so the next open starts a fresh cache instead of warning forever."""
        aside = self.path.with_name(f"{self.path.name}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return True  # another process moved it already
        except OSError:
            return False
        self._warn(f"the translation cache {self.path} was damaged ({exc}); moved it to "
                   f"{aside.name} and started a new one")
        return True

    def _open(self) -> sqlite3.Connection:
        """The cache database, opened and set up (raises what SQLite raises)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=self.timeout)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS translations ("
                " model TEXT NOT NULL, settings TEXT NOT NULL, source TEXT NOT NULL,"
                " target TEXT NOT NULL, PRIMARY KEY (model, settings, source)"
                ") WITHOUT ROWID"
            )
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            conn.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
            )
            conn.commit()
        except BaseException:
            conn.close()
            raise
        return conn

    def get_many(self, model: str, settings: str, sources: Iterable[str]) -> dict[str, str]:
        """Cached translations for those of `sources` that have one."""
        conn = self._connection()
        if conn is None:
            return {}
        sources = list(dict.fromkeys(sources))
        found: dict[str, str] = {}
        try:
            for start in range(0, len(sources), _CHUNK):
                chunk = sources[start:start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    "SELECT source, target FROM translations WHERE model = ? AND settings = ?"
                    f" AND source IN ({marks})",
                    (model, settings, *chunk),
                )
                found.update(rows)
        except sqlite3.Error as exc:
            self._disable("cannot read", exc)
            return {}
        return found

    def put_many(self, model: str, settings: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Store (source, target) pairs; an existing entry is overwritten."""
        conn = self._connection()
        if conn is None:
            return
        rows = [(model, settings, s, t) for s, t in pairs]
        if not rows:
            return
        try:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            self._disable("cannot write", exc)

    def __len__(self) -> int:
        conn = self._connection()
        if conn is None:
            return 0
        try:
            return conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
        except sqlite3.Error:
            return 0

    def clear(self) -> None:
        """Forget every entry."""
        conn = self._connection()
        if conn is None:
            return
        try:
            with conn:
                conn.execute("DELETE FROM translations")
        except sqlite3.Error as exc:
            self._disable("cannot clear", exc)

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None
