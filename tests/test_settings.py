"""newsbrief.settings is the one settings module, and settings say what they mean: no field found
by its name's prefix, no engine attribute changed behind the engine's back, no error recognised
by its class name."""

from __future__ import annotations

import signal

import pytest

from newsbrief import batch, pipeline, runner, settings
from newsbrief.batch import pool as batch_pool
from newsbrief.batch import settings_hash
from newsbrief.records import Document
from newsbrief.settings import BatchSettings, EngineSettings, Options
from translator.engine.factory import lazy_engine
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
    from newsbrief.commands import documents

    assert pipeline.Options is Options and batch.BatchSettings is BatchSettings
    assert runner.RunSettings is settings.RunSettings
    from translator.engine import factory

    # One home for the engine's settings: translator/, which newsbrief/ and the workers import.
    assert settings.EngineSettings is factory.EngineSettings is EngineSettings
    assert documents.DocFormat is settings.DocFormat
    assert documents.FromLang is settings.FromLang


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


# ---------------------------------------------------------------- the command line → settings
# The CLI builds its settings in one call, settings.from_cli(command, ctx.params). These parse real
# command lines with the CLI's own declarations (in-process, no subprocess) and check the fields.


def _parsed(*argv: str) -> settings.RunSettings | BatchSettings:
    """The settings `newsbrief ARGV...` would run with."""
    import typer.main

    import cli

    command = typer.main.get_command(cli.app).commands[argv[0]]  # type: ignore[attr-defined]
    ctx = command.make_context(argv[0], list(argv[1:]))
    return settings.from_cli(argv[0], ctx.params)


def test_every_option_of_every_command_sets_a_field() -> None:
    """An option added to the CLI but to no setting would be dropped: from_cli refuses that."""
    for argv in (("detect",), ("translate",), ("summarize",), ("compare", "a", "b"),
                 ("batch", "in", "-o", "out")):
        assert isinstance(_parsed(*argv), BatchSettings if argv[0] == "batch" else
                          settings.RunSettings)
    with pytest.raises(TypeError, match="no setting for parameter.*colour"):
        settings.from_cli("summarize", {"colour": True})
    with pytest.raises(ValueError, match="unknown command"):
        settings.from_cli("models", {})


def test_the_defaults_of_the_command_line_are_the_library_defaults() -> None:
    detect = _parsed("detect")
    assert detect.options == Options() and detect.engine == EngineSettings()
    assert detect.inputs == [] and detect.fmt == "text" and detect.input_format is None
    assert _parsed("summarize").options == Options()
    assert _parsed("compare", "a", "b").options.count == 8  # compare's own default


def test_fast_means_greedy_decoding_and_beam_sets_the_beam() -> None:
    fast = _parsed("translate", "--fast").engine
    assert fast.fast and lazy_engine(fast)().beam_size == 1  # type: ignore[attr-defined]
    assert _parsed("translate", "--beam", "2").engine.beam_size == 2
    assert _parsed("translate").engine.beam_size == 4 and not _parsed("translate").engine.fast


def test_no_switches_turn_their_setting_off() -> None:
    assert _parsed("summarize").engine.cache and _parsed("summarize").options.translate
    assert not _parsed("summarize", "--no-cache").engine.cache
    assert not _parsed("compare", "a", "b", "--no-translate").options.translate
    assert not _parsed("batch", "in", "-o", "out", "--no-translate").options.translate


def test_choices_become_plain_strings() -> None:
    run = _parsed("summarize", "--device", "cpu", "--from", "uk", "--summarize-in", "source",
                  "--translate-only", "key-points", "--input-format", "jsonl", "-f", "json")
    assert (run.engine.device, run.options.from_lang) == ("cpu", "uk")
    assert (run.options.summarize_in, run.options.translate_only) == ("source", "key-points")
    assert (run.input_format, run.fmt) == ("jsonl", "json")
    for value in (run.engine.device, run.options.from_lang, run.fmt, run.input_format):
        assert type(value) is str  # not the CLI's enum: settings hash and compare as strings


def test_paths_and_names_reach_the_engine_as_given() -> None:
    run = _parsed("translate", "--models-dir", "/m", "--model", "nllb", "x.txt", "-")
    assert run.engine.models_dir == "/m" and run.engine.model == "nllb"
    assert run.inputs == ["x.txt", "-"]
    assert _parsed("translate", "--model", "").engine.model is None  # empty: no choice


def test_how_many_key_points_count_or_ratio() -> None:
    assert _parsed("summarize", "-n", "3").options.count == 3
    assert _parsed("summarize", "--ratio", "0.2").options.ratio == 0.2
    assert _parsed("summarize").options.ratio is None
    with pytest.raises(ValueError, match="between 0 and 1"):
        settings.from_cli("summarize", {"ratio": 1.5})  # the library checks what the CLI does
    with pytest.raises(ValueError, match="unknown algorithm"):
        settings.from_cli("summarize", {"algorithm": "bert"})
    import typer

    for bad in (("--ratio", "1.5"), ("-n", "0")):
        with pytest.raises(typer.BadParameter):
            _parsed("summarize", *bad)


def test_run_output_options() -> None:
    run = _parsed("summarize", "--side-by-side", "-q", "-o", "out.txt")
    assert run.side_by_side and run.quiet and run.output == "out.txt"


def test_batch_settings_from_its_options() -> None:
    from pathlib import Path

    run = _parsed("batch", "in", "-o", "out", "-f", "html", "-f", "json", "-j", "2",
                  "--compare", "--scheduler", "tcp://h:8786", "-n", "4", "--fast")
    assert isinstance(run, BatchSettings)
    assert (run.in_dir, run.out_dir) == (Path("in"), Path("out"))
    assert run.formats == ["html", "json"] and run.jobs == 2 and run.compare
    assert run.scheduler == "tcp://h:8786" and run.options.count == 4 and run.engine.fast
    plain = _parsed("batch", "in", "-o", "out")
    assert plain.formats == ["markdown"] and not plain.compare and plain.scheduler is None
