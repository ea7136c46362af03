"""The persistent translation cache, alone and behind the Engine."""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from pathlib import Path

from synthetic_argos import TRAINING_TEXT, build_package

from translator.cache import FILE_NAME, TranslationCache, default_cache_dir
from translator.engine.engine import Engine

RU = TRAINING_TEXT["ru"][:6]


def test_default_dir_follows_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSBRIEF_CACHE_DIR", str(tmp_path / "explicit"))
    assert default_cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("NEWSBRIEF_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "newsbrief"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "newsbrief"


def test_get_put_roundtrip_and_keys(tmp_path):
    cache = TranslationCache(tmp_path / "c.sqlite3")
    cache.put_many("m1", "s1", [("а", "a"), ("б", "b")])
    assert cache.get_many("m1", "s1", ["а", "б", "в"]) == {"а": "a", "б": "b"}
    assert cache.get_many("m2", "s1", ["а"]) == {}
    assert cache.get_many("m1", "s2", ["а"]) == {}
    cache.close()
    reopened = TranslationCache(tmp_path / "c.sqlite3")
    assert reopened.get_many("m1", "s1", ["б"]) == {"б": "b"}
    assert len(reopened) == 2


def test_many_keys_in_one_lookup(tmp_path):
    cache = TranslationCache(tmp_path / "c.sqlite3")
    pairs = [(f"s{i}", f"t{i}") for i in range(2500)]
    cache.put_many("m", "s", pairs)
    assert cache.get_many("m", "s", [s for s, _ in pairs]) == dict(pairs)


def test_a_garbage_cache_is_moved_aside_and_rebuilt_with_one_warning(tmp_path):
    path = tmp_path / "c.sqlite3"
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    warnings: list[str] = []
    cache = TranslationCache(path, warn=warnings.append)
    assert cache.get_many("m", "s", ["x"]) == {}
    cache.put_many("m", "s", [("x", "y")])
    assert cache.enabled and cache.get_many("m", "s", ["x"]) == {"x": "y"}
    assert len(warnings) == 1 and "moved it to c.sqlite3.bad-" in warnings[0]
    aside = list(tmp_path.glob("c.sqlite3.bad-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage  # kept, for a look
    cache.close()
    later: list[str] = []  # the next run: a working cache, no warning at all
    again = TranslationCache(path, warn=later.append)
    assert again.get_many("m", "s", ["x"]) == {"x": "y"} and not later


def test_unwritable_location_degrades(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    warnings: list[str] = []
    cache = TranslationCache(blocker / "sub" / "c.sqlite3", warn=warnings.append)
    cache.put_many("m", "s", [("x", "y")])
    assert cache.get_many("m", "s", ["x"]) == {} and len(warnings) == 1


def test_engine_second_run_translates_nothing(synthetic_models_dir, tmp_path):
    first = Engine(synthetic_models_dir, cache=TranslationCache(tmp_path / "c.sqlite3"))
    out = first.translate("ru", RU)
    second = Engine(synthetic_models_dir, cache=TranslationCache(tmp_path / "c.sqlite3"))
    assert second.translate("ru", RU) == out
    assert second._package("ru").translator is None  # answered without loading the model


def test_engine_uses_default_cache_location(synthetic_models_dir, tmp_path):
    Engine(synthetic_models_dir, cache=TranslationCache()).translate("uk", ["Так."])
    assert (default_cache_dir() / FILE_NAME).is_file()


def test_engine_misses_on_other_settings(synthetic_models_dir, tmp_path):
    path = tmp_path / "c.sqlite3"
    Engine(synthetic_models_dir, cache=TranslationCache(path)).translate("ru", RU)
    greedy = Engine(synthetic_models_dir, fast=True, cache=TranslationCache(path))
    greedy.translate("ru", RU)
    assert greedy._package("ru").translator is not None
    assert len(TranslationCache(path)) == 2 * len(RU)


def test_engine_misses_on_other_model(synthetic_models_dir, tmp_path):
    models = tmp_path / "models"
    shutil.copytree(synthetic_models_dir, models)
    path = tmp_path / "c.sqlite3"
    before = Engine(models, cache=TranslationCache(path)).translate("ru", RU)
    build_package(models, "ru", seed=42)  # same place, different weights
    engine = Engine(models, cache=TranslationCache(path))
    after = engine.translate("ru", RU)
    assert engine._package("ru").translator is not None
    assert after != before
    assert after == Engine(models).translate("ru", RU)


def test_no_cache_means_no_file(synthetic_models_dir):
    Engine(synthetic_models_dir, cache=None).translate("ru", RU[:2])
    assert not (default_cache_dir() / FILE_NAME).exists()


def _writer(path: str, worker: int, rounds: int) -> None:
    cache = TranslationCache(Path(path), warn=lambda m: (_ for _ in ()).throw(AssertionError(m)))
    for r in range(rounds):
        pairs = [(f"w{worker}-r{r}-{i}", f"t{worker}-{r}-{i}") for i in range(50)]
        cache.put_many("model", "settings", pairs)
        assert cache.get_many("model", "settings", [s for s, _ in pairs]) == dict(pairs)
    cache.close()


def test_concurrent_processes_write_safely(tmp_path):
    path = tmp_path / "c.sqlite3"
    TranslationCache(path).put_many("model", "settings", [("seed", "x")])
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(path), w, 20)) for w in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(60)
    assert [p.exitcode for p in workers] == [0, 0, 0, 0]
    rows = sqlite3.connect(path).execute("SELECT COUNT(*) FROM translations").fetchone()[0]
    assert rows == 1 + 4 * 20 * 50
