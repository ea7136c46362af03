"""In-process checks of the batch building blocks whose mistakes a folder run would hide:
output naming (two inputs must never write one file), the manifest round trip (a resumed run
must index exactly what the first run produced) and what counts as "other settings"."""

from __future__ import annotations

import sqlite3

import pytest

from newsbrief.batch import output_names, result_hash, settings_hash, still_current
from newsbrief.batch.manifest import Entry, Manifest, ManifestError
from newsbrief.pipeline import Options
from newsbrief.records import (
    Article,
    Detection,
    KeyPoint,
    ParagraphLanguage,
    SentencePair,
    Summary,
    Translation,
)
from newsbrief.settings import EngineSettings


def test_outputs_mirror_paths_and_never_collide():
    rels = ["a/x.txt", "a/x.html", "b/y.md", "index.txt", "compare.md", "x.txt.txt", "z.htm"]
    names = output_names(rels, ["markdown", "json"])
    assert names["b/y.md"] == {"markdown": "b/y.md", "json": "b/y.json"}
    assert names["z.htm"]["markdown"] == "z.md"
    # Same stem in one folder: the full name is kept, so both survive.
    assert names["a/x.txt"]["markdown"] == "a/x.txt.md"
    assert names["a/x.html"]["markdown"] == "a/x.html.md"
    # The folder's own index and comparison files are never overwritten by an article.
    assert names["index.txt"]["markdown"] not in ("index.md", "index.html")
    assert names["compare.md"]["markdown"] != "compare.md"
    every = [path for per in names.values() for path in per.values()]
    assert len(every) == len(set(every))


def _article() -> Article:
    return Article(
        id="ru/a.txt",
        language="ru",
        detection=Detection("ru", 0.98, [ParagraphLanguage(0, "ru", 0.97)]),
        translation=Translation("ru", "Hello.", [SentencePair("Привет.", "Hello.", 0, "ru")]),
        summary=Summary("default", [KeyPoint(1, 0, 0.5, "Hello.", "Привет.")]),
        title="Hello.",
        extra={"source": "x"},
        path="in/ru/a.txt",
    )


def test_manifest_round_trip_and_drop(tmp_path):
    path = tmp_path / "m.sqlite"
    manifest = Manifest(path)
    entry = Entry("ru/a.txt", "c1", "s1", {"markdown": "ru/a.md"}, _article())
    manifest.put(entry)
    manifest.put(Entry("b.txt", "c2", "s1", {"markdown": "b.md"}, _article()))
    manifest.close()
    reopened = Manifest(path)
    got = reopened.entries()
    assert list(got) == ["b.txt", "ru/a.txt"]
    assert got["ru/a.txt"] == entry  # every field, nested records included
    reopened.drop("b.txt")
    assert list(reopened.entries()) == ["ru/a.txt"]
    reopened.close()


@pytest.mark.parametrize(("schema", "kind"), [("0", "older"), ("1", "older"), ("9", "newer")])
def test_manifest_from_another_version_is_refused_never_replaced(tmp_path, schema, kind):
    path = tmp_path / "m.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('schema', ?)", (schema,))
        db.execute("CREATE TABLE articles (rel TEXT PRIMARY KEY, whatever TEXT)")
        db.execute("INSERT INTO articles VALUES ('x', 'y')")
    db.close()
    with pytest.raises(ManifestError) as caught:
        Manifest(path)
    assert caught.value.kind == kind and f"version {schema}" in str(caught.value)
    with sqlite3.connect(path) as db:  # what it holds is left as it was
        assert db.execute("SELECT * FROM articles").fetchall() == [("x", "y")]
    db.close()


def test_damaged_manifest_is_refused(tmp_path):
    path = tmp_path / "m.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ManifestError) as caught:
        Manifest(path)
    assert caught.value.kind == "damaged"
    assert path.read_bytes() == b"not a database at all" * 100


def test_settings_hash_tracks_result_settings_only():
    base = settings_hash(Options(), EngineSettings())
    assert settings_hash(Options(count=3), EngineSettings()) != base
    assert settings_hash(Options(algorithm="lexrank"), EngineSettings()) != base
    assert settings_hash(Options(from_lang="ru"), EngineSettings()) != base
    assert settings_hash(Options(), EngineSettings(beam_size=2)) != base
    # Where and how fast it runs does not change the result.
    assert settings_hash(Options(chunk_documents=1), EngineSettings()) == base
    assert settings_hash(Options(), EngineSettings(device="cpu", cache=False)) == base
    assert settings_hash(Options(), EngineSettings(models_dir="/elsewhere")) == base


def test_result_hash_names_the_models_that_translated_the_article():
    from newsbrief.records import Article, SentencePair, Translation

    pairs = [SentencePair("Привіт.", "Hello.", 0, "uk"), SentencePair("Hi.", "Hi.", 1, "en")]
    article = Article("a", "uk", translation=Translation("uk", "Hello. Hi.", pairs))
    english = Article("b", "en")
    stamps = {"ru": "r1", "uk": "u1"}
    stored = result_hash("base", article, stamps)
    assert stored == "base+uk=u1"
    assert result_hash("base", english, stamps) == "base"
    assert still_current(stored, "base", stamps)
    assert not still_current(stored, "other", stamps)
    assert not still_current(stored, "base", {"uk": "u2"})  # upgraded model: redo
    assert still_current(stored, "base", {"ru": "r2"})  # a model it did not use changed
    assert still_current(stored, "base", {})  # model removed: the result still stands
