"""newsbrief.settings is the one settings module, and settings say what they mean: no field found
by its name's prefix, no engine attribute changed behind the engine's back, no error recognised
by its class name."""

from __future__ import annotations

import signal

import pytest

from newsbrief import batch, batch_pool, pipeline, runner, settings
from newsbrief.batch import settings_hash
from newsbrief.records import Document
from newsbrief.runner import lazy_engine
from newsbrief.settings import BatchSettings, EngineSettings, Options
from translator.errors import ModelLoadError, ModelMissingError, is_missing_model


def test_only_speed_settings_stay_out_of_the_result_fingerprint() -> None:
    kept = Options().result_options()
    assert "chunk_documents" not in kept and "chunk_sentences" not in kept
    assert {"from_lang", "count", "ratio", "algorithm", "translate"} <= set(kept)
    base = settings_hash(Options(), EngineSettings())
    assert settings_hash(Options(chunk_sentences=10, chunk_documents=2), EngineSettings()) == base
    assert settings_hash(Options(count=3), EngineSettings()) != base
    # Threads are how fast, not what.
    assert settings_hash(Options(), EngineSettings(intra_threads=2)) == base


def test_batch_and_pipeline_groupings_have_distinct_names() -> None:
    assert BatchSettings(".", ".").task_documents == 4 and Options().chunk_documents == 64
    assert not hasattr(BatchSettings(".", "."), "chunk_documents")


def test_a_missing_model_is_known_by_its_kind() -> None:
    assert is_missing_model(ModelMissingError("ru"))
    assert not is_missing_model(ModelLoadError("broken")) and not is_missing_model(ValueError())

    class Relayed(Exception):  # e.g. rebuilt from a worker process: another class, same kind
        kind = "model"

    assert is_missing_model(Relayed())
    failed = batch_pool.error_for(Document(id="a", text="x"), ModelMissingError("uk"))
    assert failed.kind == "model"


def test_threads_reach_the_engine_through_its_constructor() -> None:
    engine = lazy_engine(EngineSettings(cache=False, intra_threads=3))()
    assert engine.intra_threads == 3 and engine.workers() == 1  # type: ignore[attr-defined]


def test_a_batch_worker_builds_its_engine_with_its_share_of_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # not this test process's Ctrl-C
    monkeypatch.setattr(signal, "pthread_sigmask", lambda *args: None, raising=False)
    monkeypatch.setattr(batch_pool, "WORKER", {})
    batch_pool.init_worker(Options(), EngineSettings(cache=False), 2)
    engine = batch_pool.WORKER["factory"]()  # type: ignore[operator]
    assert engine.intra_threads == 2


def test_the_old_homes_still_give_the_same_classes() -> None:
    import cli

    assert pipeline.Options is Options and batch.BatchSettings is BatchSettings
    assert runner.EngineSettings is EngineSettings and runner.RunSettings is settings.RunSettings
    assert cli.DocFormat is settings.DocFormat and cli.FromLang is settings.FromLang


def test_the_checks_the_cli_applies_are_library_functions() -> None:
    assert settings.check_ratio(None) is None and settings.check_ratio(1.0) == 1.0
    for bad in (0.0, -0.5, 1.5):
        with pytest.raises(ValueError, match="between 0 and 1"):
            settings.check_ratio(bad)
    assert settings.check_algorithm("lexrank") == "lexrank"
    with pytest.raises(ValueError, match="unknown algorithm 'bert'"):
        settings.check_algorithm("bert")


def test_the_from_choices_are_the_translatable_languages_plus_auto_and_english() -> None:
    from translator.languages import TRANSLATABLE

    assert [c.value for c in settings.FromLang] == ["auto", *TRANSLATABLE, "en"]
