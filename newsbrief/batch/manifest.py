"""The batch manifest: which inputs of an output folder are finished, and from what.

A rerun of `newsbrief batch` must redo only what changed, and an interrupted run must keep every
article it finished. A small SQLite file in OUT_DIR gives both, committed the moment an output is
on disk (so a Ctrl-C or a kill loses at most what is in flight; WAL mode, so a commit costs no
fsync and the file is never half-written).

- Article files: one row per file, keyed by its path relative to IN_DIR, with the article's full
  result, so unchanged articles still appear in the index and the comparison, and can be
  re-rendered in a new format, without translating anything again.
- jsonl archive records: one row per finished record that records what was done, not the result
  (about 60 bytes, whatever the article's size): its position, content and settings hashes, and
  where its line sits in a file of OUT_DIR (a generation, an offset, a length and a checksum of
  those bytes). The output file itself is the store: a rerun copies verified bytes from it.
  A generation is one writing of an archive's output: the complete output (archives.gen), or a
  partial one an interrupted run left in `.newsbrief-resume/` (parts), kept until a complete
  output no longer needs it.

A manifest that cannot be used (damaged, unreadable, from another version) is a ManifestError
naming the way forward; it is never silently replaced (newsbrief/batch/rebuild.py rebuilds one).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbrief.records import Article, article_from_dict, article_to_dict

MANIFEST_NAME = ".newsbrief-batch.sqlite"
SCHEMA_VERSION = 2
# Partial archive outputs of interrupted runs, relative to OUT_DIR (named by generation).
RESUME_DIR = ".newsbrief-resume"

_TABLES = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE articles (rel TEXT PRIMARY KEY, content_hash TEXT, settings_hash TEXT, "
    "outputs TEXT, article TEXT, seen INTEGER DEFAULT 0)",
    "CREATE TABLE archives (id INTEGER PRIMARY KEY, rel TEXT UNIQUE NOT NULL, output TEXT, "
    "gen INTEGER, seen INTEGER DEFAULT 0)",
    "CREATE TABLE parts (archive INTEGER, gen INTEGER, path TEXT, PRIMARY KEY (archive, gen))",
    "CREATE TABLE settings (id INTEGER PRIMARY KEY, value TEXT UNIQUE NOT NULL)",
    "CREATE TABLE records (archive INTEGER, idx INTEGER, content BLOB, settings INTEGER, "
    "gen INTEGER, offset INTEGER, length INTEGER, checksum BLOB, PRIMARY KEY (archive, idx)) "
    "WITHOUT ROWID",
)


@dataclass
class Entry:
    """One finished article: what it was made from and which files it produced."""

    rel: str  # POSIX path relative to IN_DIR
    content_hash: str  # of the decoded, normalised text
    settings_hash: str  # of the options and models that made the result (batch.result_hash)
    outputs: dict[str, str]  # format -> POSIX path relative to OUT_DIR
    article: Article


def _entry(
    rel: str, content_hash: str, settings_hash: str, outputs: str, article: str
) -> Entry | None:
    try:
        return Entry(
            rel,
            content_hash,
            settings_hash,
            json.loads(outputs),
            article_from_dict(json.loads(article)),
        )
    except (ValueError, KeyError, TypeError):
        return None


@dataclass
class RecordRow:
    """Where a finished archive record's output line is, and what made it."""

    content: bytes  # first 16 bytes of its record_hash
    settings: str  # its result_hash
    gen: int
    offset: int
    length: int
    checksum: bytes  # of its bytes (line_checksum)


@dataclass
class ArchiveRow:
    id: int
    output: str | None  # its complete output, relative to OUT_DIR (None: never completed)
    gen: int | None  # the generation of that output


def content_key(record_hash: str) -> bytes:
    """What the manifest keeps of a record's hash (128 bits: enough to tell records apart)."""
    return bytes.fromhex(record_hash[:32])


class ManifestError(Exception):
    """The manifest exists but cannot be used. `problem` says why in a few words; `kind` is
    damaged, unreadable, newer or older (the message batch prints names the way forward)."""

    def __init__(self, path: Path, problem: str, kind: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
        self.kind = kind


class Manifest:
    """SQLite-backed record of finished work; article rows are committed at once, record rows
    by `commit` (batch calls it after each record's bytes are in the output file)."""

    def __init__(self, path: Path):
        self.path = path
        self._settings: dict[str, int] = {}
        self._settings_of: dict[int, str] = {}
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            raise ManifestError(path, "it cannot be read and written (permission denied)",
                                "unreadable")
        try:
            # Made here, not by SQLite (which makes it 0644 whatever the umask): the manifest
            # follows the umask as the outputs do, so a shared group can update it too.
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666))
            except OSError:
                pass  # SQLite says what is wrong, below
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self._open()
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            if isinstance(exc, sqlite3.OperationalError) and "unable to open" in str(exc):
                raise ManifestError(path, f"it cannot be opened ({exc})", "unreadable") from exc
            raise ManifestError(path, f"it is damaged ({exc})", "damaged") from exc
        except ManifestError:
            self._close_quietly()
            raise
        self.run = int(self.get_meta("runs") or 0) + 1  # marks what this run saw (`seen`)
        self.set_meta("runs", str(self.run))

    def _open(self) -> None:
        db = self._db
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        if not tables:  # a new manifest: made whole in one transaction, or not at all
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("BEGIN IMMEDIATE")
            for statement in _TABLES:
                db.execute(statement)
            db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            db.execute("COMMIT")
        else:
            if "meta" not in tables:
                raise ManifestError(self.path, "it is not a newsbrief batch manifest", "damaged")
            version = self.get_meta("schema") or "?"
            if not version.isdigit():
                raise ManifestError(self.path, f"its version is unreadable ({version!r})",
                                    "damaged")
            if int(version) > SCHEMA_VERSION:
                raise ManifestError(
                    self.path, f"it was written by a newer newsbrief (manifest version {version}; "
                    f"this one reads version {SCHEMA_VERSION})", "newer")
            if int(version) < SCHEMA_VERSION:
                raise ManifestError(
                    self.path, f"it was written by an older newsbrief (manifest version {version}; "
                    f"this one reads version {SCHEMA_VERSION})", "older")
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise ManifestError(self.path, f"it is damaged ({check})", "damaged")
            db.execute("PRAGMA journal_mode=WAL")
        # A commit without fsync: a killed process loses nothing committed; a power cut may lose
        # the last commits (never the file), and a rerun verifies every reused byte anyway.
        db.execute("PRAGMA synchronous=NORMAL")

    def _close_quietly(self) -> None:
        try:
            self._db.close()
        except (AttributeError, sqlite3.Error):
            pass

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
        self.commit()

    def commit(self) -> None:
        if self._db.in_transaction:
            self._db.execute("COMMIT")

    def _begin(self) -> None:
        if not self._db.in_transaction:
            self._db.execute("BEGIN")

    def close(self) -> None:
        try:
            self.commit()
        except sqlite3.Error:
            pass  # a manifest found damaged mid-run: already said
        finally:
            self._db.close()

    # -- article files

    def entries(self, light: Callable[[Article], Any] | None = None) -> dict[str, Entry]:
        """Every finished article (for tests and tools; a run looks rows up one at a time);
        with `light`, each article is replaced by `light(article)` as it is read."""
        out = {}
        for entry in self.iter_entries():
            if light is not None:
                entry.article = light(entry.article)
            out[entry.rel] = entry
        return out

    def iter_entries(self) -> Iterator[Entry]:
        """Every finished article with its full result, in order of rel, one row at a time
        (unreadable rows are left out: those articles are redone)."""
        cursor = self._db.execute(
            "SELECT rel, content_hash, settings_hash, outputs, article FROM articles ORDER BY rel"
        )
        for row in cursor:
            entry = _entry(*row)
            if entry is not None:
                yield entry

    def count_entries(self) -> int:
        return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def get(self, rel: str) -> Entry | None:
        """One finished article with its full result, or None."""
        row = self._db.execute(
            "SELECT rel, content_hash, settings_hash, outputs, article FROM articles "
            "WHERE rel = ?",
            (rel,),
        ).fetchone()
        return _entry(*row) if row is not None else None

    def get_light(self, rel: str) -> Entry | None:
        """One finished article without its result (article None): what decides a rerun."""
        row = self._db.execute(
            "SELECT content_hash, settings_hash, outputs FROM articles WHERE rel = ?", (rel,)
        ).fetchone()
        if row is None:
            return None
        try:
            return Entry(rel, row[0], row[1], json.loads(row[2]), None)  # type: ignore[arg-type]
        except ValueError:
            return None

    def put(self, entry: Entry) -> None:
        self._begin()
        self._db.execute(
            "INSERT OR REPLACE INTO articles (rel, content_hash, settings_hash, outputs, "
            "article, seen) VALUES (?, ?, ?, ?, ?, ?)",
            (
                entry.rel,
                entry.content_hash,
                entry.settings_hash,
                json.dumps(entry.outputs, sort_keys=True),
                json.dumps(article_to_dict(entry.article), ensure_ascii=False),
                self.run,
            ),
        )
        self.commit()

    def carry(self, rel: str, content: str, settings: str, outputs: str, article: str) -> None:
        """An article row as an older manifest kept it (see batch_rebuild)."""
        self._begin()
        self._db.execute(
            "INSERT OR REPLACE INTO articles (rel, content_hash, settings_hash, outputs, "
            "article) VALUES (?, ?, ?, ?, ?)",
            (rel, content, settings, outputs, article),
        )

    def saw(self, rel: str) -> None:
        """The article is still an input (not committed here: see `commit`)."""
        self._begin()
        self._db.execute("UPDATE articles SET seen = ? WHERE rel = ?", (self.run, rel))

    def unseen(self) -> list[tuple[str, dict[str, str]]]:
        """(rel, outputs) of the articles this run did not see: their inputs are gone."""
        rows = self._db.execute(
            "SELECT rel, outputs FROM articles WHERE seen IS NOT ? ORDER BY rel", (self.run,)
        ).fetchall()
        out = []
        for rel, outputs in rows:
            try:
                out.append((rel, json.loads(outputs)))
            except ValueError:
                out.append((rel, {}))
        return out

    def drop(self, rel: str) -> None:
        self._db.execute("DELETE FROM articles WHERE rel = ?", (rel,))

    # -- jsonl archives

    def archive(self, rel: str) -> ArchiveRow:
        """The archive's row (made on first use), marked as seen by this run."""
        self._begin()
        self._db.execute("INSERT OR IGNORE INTO archives (rel) VALUES (?)", (rel,))
        self._db.execute("UPDATE archives SET seen = ? WHERE rel = ?", (self.run, rel))
        self.commit()
        aid, output, gen = self._db.execute(
            "SELECT id, output, gen FROM archives WHERE rel = ?", (rel,)
        ).fetchone()
        return ArchiveRow(aid, output, gen)

    def _settings_id(self, value: str) -> int:
        got = self._settings.get(value)
        if got is None:
            self._db.execute("INSERT OR IGNORE INTO settings (value) VALUES (?)", (value,))
            query = "SELECT id FROM settings WHERE value = ?"
            got = self._db.execute(query, (value,)).fetchone()[0]
            self._settings[value] = got
        return got

    def _settings_value(self, sid: int) -> str | None:
        if sid not in self._settings_of:
            row = self._db.execute("SELECT value FROM settings WHERE id = ?", (sid,)).fetchone()
            self._settings_of[sid] = row[0] if row else None  # type: ignore[assignment]
        return self._settings_of[sid]

    def get_record(self, aid: int, idx: int) -> RecordRow | None:
        row = self._db.execute(
            "SELECT content, settings, gen, offset, length, checksum FROM records "
            "WHERE archive = ? AND idx = ?",
            (aid, idx),
        ).fetchone()
        if row is None:
            return None
        settings = self._settings_value(row[1])
        if settings is None or not isinstance(row[0], bytes) or not isinstance(row[5], bytes):
            return None  # an unreadable row only means that record is redone
        return RecordRow(row[0], settings, row[2], row[3], row[4], row[5])

    def put_record(self, aid: int, idx: int, row: RecordRow) -> None:
        """Record `idx` is finished (committed by `commit`, once its bytes are written)."""
        self._begin()
        self._db.execute(
            "INSERT OR REPLACE INTO records (archive, idx, content, settings, gen, offset, "
            "length, checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (aid, idx, row.content, self._settings_id(row.settings), row.gen, row.offset,
             row.length, row.checksum),
        )

    def drop_record(self, aid: int, idx: int) -> None:
        self._begin()
        self._db.execute("DELETE FROM records WHERE archive = ? AND idx = ?", (aid, idx))

    def move_records(self, aid: int, below: int, old_gen: int, new_gen: int) -> None:
        """Records before `below` now sit at the same offsets in generation `new_gen`."""
        self._begin()
        self._db.execute(
            "UPDATE records SET gen = ? WHERE archive = ? AND idx < ? AND gen = ?",
            (new_gen, aid, below, old_gen),
        )

    def new_part(self, aid: int) -> tuple[int, str]:
        """A new generation for the archive's output and its partial file (relative to
        OUT_DIR), recorded before the file exists, so no run ever loses track of it."""
        self._begin()
        gen = int(self.get_meta("gens") or 0) + 1
        path = f"{RESUME_DIR}/{gen}.jsonl"
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('gens', ?)", (str(gen),))
        self._db.execute("INSERT INTO parts VALUES (?, ?, ?)", (aid, gen, path))
        self.commit()
        return gen, path

    def parts(self, aid: int) -> dict[int, str]:
        return dict(
            self._db.execute("SELECT gen, path FROM parts WHERE archive = ?", (aid,)).fetchall()
        )

    def finish_archive(self, aid: int, output: str, gen: int, records: int) -> list[str]:
        """Generation `gen` is the archive's complete output, at `output`, with `records`
        records. Returns the files no longer needed (older partial outputs, an output of
        another name), for the caller to remove."""
        self._begin()
        db = self._db
        old = db.execute("SELECT output FROM archives WHERE id = ?", (aid,)).fetchone()[0]
        stale = [p for (p,) in db.execute(
            "SELECT path FROM parts WHERE archive = ? AND gen != ?", (aid, gen))]
        db.execute("DELETE FROM records WHERE archive = ? AND (idx > ? OR gen != ?)",
                   (aid, records, gen))
        db.execute("DELETE FROM parts WHERE archive = ?", (aid,))
        db.execute("UPDATE archives SET output = ?, gen = ? WHERE id = ?", (output, gen, aid))
        if old and old != output and not db.execute(
            "SELECT 1 FROM archives WHERE output = ?", (old,)).fetchone():
            stale.append(old)
        self.commit()
        return stale

    def unseen_archives(self) -> list[tuple[int, str, list[str]]]:
        """(id, rel, its files) of each archive this run did not see: its input is gone."""
        rows = self._db.execute(
            "SELECT id, rel, output FROM archives WHERE seen IS NOT ? ORDER BY rel", (self.run,)
        ).fetchall()
        return [(aid, rel, [p for p in [output, *self.parts(aid).values()] if p])
                for aid, rel, output in rows]

    def drop_archive(self, aid: int) -> None:
        self._begin()
        for table, key in (("records", "archive"), ("parts", "archive"), ("archives", "id")):
            self._db.execute(f"DELETE FROM {table} WHERE {key} = ?", (aid,))
        self.commit()
