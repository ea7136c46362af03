"""The batch manifest: which articles of an output folder are finished, and from what.

A rerun of `newsbrief batch` must redo only what changed, and an interrupted run must keep every
article it finished. A small SQLite file in OUT_DIR gives both: one row per article, keyed by its
path relative to IN_DIR, committed the moment the article's outputs are on disk (so a Ctrl-C
loses at most the article in flight, and the file itself is never half-written). Each row keeps
the article's full result, so unchanged articles still appear in the index and the comparison,
and can be re-rendered in a new format, without translating anything again.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from newsbrief.records import (
    Article,
    Detection,
    KeyPoint,
    ParagraphLanguage,
    SentencePair,
    Summary,
    Translation,
)

MANIFEST_NAME = ".newsbrief-batch.sqlite"
SCHEMA_VERSION = 1


@dataclass
class Entry:
    """One finished article: what it was made from and which files it produced."""

    rel: str  # POSIX path relative to IN_DIR
    content_hash: str  # of the decoded, normalised text
    settings_hash: str  # of the options and models that made the result (batch.result_hash)
    outputs: dict[str, str]  # format -> POSIX path relative to OUT_DIR
    article: Article


def article_to_dict(article: Article) -> dict[str, Any]:
    return asdict(article)


def article_from_dict(data: dict[str, Any]) -> Article:
    """Inverse of `article_to_dict` (records are plain nested dataclasses)."""
    detection = None
    if data.get("detection") is not None:
        d = data["detection"]
        detection = Detection(
            language=d["language"],
            confidence=d["confidence"],
            paragraphs=[ParagraphLanguage(**p) for p in d.get("paragraphs", [])],
        )
    translation = None
    if data.get("translation") is not None:
        t = data["translation"]
        translation = Translation(
            language=t["language"],
            text=t["text"],
            sentences=[SentencePair(**s) for s in t.get("sentences", [])],
        )
    summary = None
    if data.get("summary") is not None:
        s = data["summary"]
        summary = Summary(
            algorithm=s["algorithm"], key_points=[KeyPoint(**k) for k in s.get("key_points", [])]
        )
    return Article(
        id=data["id"],
        language=data["language"],
        detection=detection,
        translation=translation,
        summary=summary,
        title=data.get("title"),
        extra=data.get("extra") or {},
        path=data.get("path"),
        text_language=data.get("text_language") or "en",
        warnings=list(data.get("warnings") or []),
    )


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


class ManifestError(Exception):
    """The manifest exists but cannot be used (not a newsbrief manifest, unreadable)."""


class Manifest:
    """SQLite-backed record of finished articles; every change is committed at once."""

    def __init__(self, path: Path):
        self.path = path
        try:
            # Made here, not by SQLite (which makes it 0644 whatever the umask): the manifest
            # follows the umask as the outputs do, so a shared group can update it too.
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666))
            except OSError:
                pass  # SQLite says what is wrong, below
            self._db = sqlite3.connect(path, timeout=30)
            self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            version = self.get_meta("schema")
            if version is not None and version != str(SCHEMA_VERSION):
                # Written by another version of newsbrief: start afresh rather than misread it.
                for table in ("articles", "archives", "records"):
                    self._db.execute(f"DROP TABLE IF EXISTS {table}")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS articles (rel TEXT PRIMARY KEY, content_hash TEXT, "
                "settings_hash TEXT, outputs TEXT, article TEXT)"
            )
            # jsonl archives: one row per archive (its output), one per finished record. Records
            # are looked up one at a time, never loaded whole: an archive may hold millions.
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS archives (rel TEXT PRIMARY KEY, output TEXT)"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS records (archive TEXT, idx INTEGER, content_hash TEXT, "
                "settings_hash TEXT, article TEXT, PRIMARY KEY (archive, idx))"
            )
            self.set_meta("schema", str(SCHEMA_VERSION))
        except sqlite3.DatabaseError as exc:
            raise ManifestError(f"{path}: {exc}") from exc

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def entries(self, light: Callable[[Article], Any] | None = None) -> dict[str, Entry]:
        """Every finished article, read row by row; with `light`, each article is replaced by
        `light(article)` as it is read (batch keeps only what its index shows, so a folder of
        many articles never has all their full results in memory at once)."""
        cursor = self._db.execute(
            "SELECT rel, content_hash, settings_hash, outputs, article FROM articles ORDER BY rel"
        )
        out = {}
        for rel, content_hash, settings_hash, outputs, article in cursor:
            entry = _entry(rel, content_hash, settings_hash, outputs, article)
            if entry is None:
                continue  # an unreadable row only means that article is redone
            if light is not None:
                entry.article = light(entry.article)
            out[rel] = entry
        return out

    def iter_entries(self) -> Iterator[Entry]:
        """Every finished article with its full result, in order of rel, one row at a time."""
        cursor = self._db.execute(
            "SELECT rel, content_hash, settings_hash, outputs, article FROM articles ORDER BY rel"
        )
        for row in cursor:
            entry = _entry(*row)
            if entry is not None:
                yield entry

    def get(self, rel: str) -> Entry | None:
        """One finished article with its full result, or None."""
        row = self._db.execute(
            "SELECT rel, content_hash, settings_hash, outputs, article FROM articles "
            "WHERE rel = ?",
            (rel,),
        ).fetchone()
        return _entry(*row) if row is not None else None

    def put(self, entry: Entry) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO articles (rel, content_hash, settings_hash, outputs, "
                "article) VALUES (?, ?, ?, ?, ?)",
                (
                    entry.rel,
                    entry.content_hash,
                    entry.settings_hash,
                    json.dumps(entry.outputs, sort_keys=True),
                    json.dumps(article_to_dict(entry.article), ensure_ascii=False),
                ),
            )

    def drop(self, rel: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM articles WHERE rel = ?", (rel,))

    def close(self) -> None:
        self._db.close()

    # -- jsonl archives

    def get_record(self, archive: str, idx: int) -> tuple[str, str, Article] | None:
        """(content_hash, settings_hash, article) of record `idx` of `archive`, if finished."""
        row = self._db.execute(
            "SELECT content_hash, settings_hash, article FROM records "
            "WHERE archive = ? AND idx = ?",
            (archive, idx),
        ).fetchone()
        if row is None:
            return None
        try:
            return row[0], row[1], article_from_dict(json.loads(row[2]))
        except (ValueError, KeyError, TypeError):
            return None  # an unreadable row only means that record is redone

    def put_record(
        self, archive: str, idx: int, content_hash: str, settings_hash: str, article: Article
    ) -> None:
        """Record `idx` is finished. Not committed here: `commit` is called every second or so
        (a commit per record would cost an fsync per record); a kill loses at most that much."""
        self._db.execute(
            "INSERT OR REPLACE INTO records (archive, idx, content_hash, settings_hash, article) "
            "VALUES (?, ?, ?, ?, ?)",
            (archive, idx, content_hash, settings_hash,
             json.dumps(article_to_dict(article), ensure_ascii=False)),
        )

    def commit(self) -> None:
        self._db.commit()

    def finish_archive(self, archive: str, output: str, records: int) -> None:
        """The archive's output is complete with `records` records: forget any beyond them."""
        with self._db:
            self._db.execute(
                "DELETE FROM records WHERE archive = ? AND idx > ?", (archive, records)
            )
            self._db.execute(
                "INSERT OR REPLACE INTO archives (rel, output) VALUES (?, ?)", (archive, output)
            )

    def archives(self) -> dict[str, str]:
        """Archive -> its output, for every archive finished by some run."""
        return dict(self._db.execute("SELECT rel, output FROM archives").fetchall())

    def drop_archive(self, archive: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM records WHERE archive = ?", (archive,))
            self._db.execute("DELETE FROM archives WHERE rel = ?", (archive,))
