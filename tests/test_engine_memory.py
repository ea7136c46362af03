"""The engine's memory settings: bounded token batches, one malloc arena, freed memory handed
back; none of them may change a translation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from synthetic_argos import TRAINING_TEXT

import translator.engine as engine_module
from translator.engine import DEFAULT_BATCH_TOKENS, MIN_BATCH_TOKENS, Engine, available_cores

RU = TRAINING_TEXT["ru"][:10]
ROOT = Path(__file__).resolve().parents[1]


def _spy_calls(engine: Engine, lang: str) -> list[dict]:
    engine.load(lang)
    pkg = engine._package(lang)
    calls: list[dict] = []
    inner = pkg.translator

    class Spy:
        def translate_batch(self, batch, **kwargs):
            calls.append({"tokens": sum(len(t) for t in batch), **kwargs})
            return inner.translate_batch(batch, **kwargs)

    pkg.translator = Spy()
    return calls


def test_one_single_threaded_worker_per_core_on_cpu(synthetic_models_dir):
    engine = Engine(synthetic_models_dir, device="cpu")
    engine.load("ru")
    assert engine._package("ru").translator.num_translators == available_cores()
    assert engine.workers() == available_cores()
    assert Engine(synthetic_models_dir, inter_threads=3).workers() == 3
    # An explicit thread count alone (batch --jobs gives each process its share) means one
    # worker using that many threads, never more threads than the caller granted.
    assert Engine(synthetic_models_dir, intra_threads=1).workers() == 1


def test_batches_are_bounded_and_shared_between_workers(synthetic_models_dir):
    engine = Engine(synthetic_models_dir, inter_threads=2)
    assert engine.batch_tokens(100_000) == DEFAULT_BATCH_TOKENS
    assert engine.batch_tokens(300) == 150  # a short call still feeds both workers
    assert engine.batch_tokens(10) == MIN_BATCH_TOKENS
    assert 128 <= DEFAULT_BATCH_TOKENS <= 1024  # scratch memory grows linearly with it
    calls = _spy_calls(engine, "ru")
    engine.translate("ru", RU)
    assert calls[0]["batch_type"] == "tokens"
    assert calls[0]["max_batch_size"] == engine.batch_tokens(calls[0]["tokens"])


def test_memory_settings_do_not_change_output(synthetic_models_dir):
    frugal = Engine(synthetic_models_dir).translate("ru", RU)
    plain = Engine(synthetic_models_dir, frugal_memory=False, max_batch_tokens=4096)
    small = Engine(synthetic_models_dir, max_batch_tokens=16)
    assert frugal == plain.translate("ru", RU) == small.translate("ru", RU)


def test_freed_memory_is_released_after_each_call_only_when_frugal(synthetic_models_dir,
                                                                   monkeypatch):
    released = []
    monkeypatch.setattr(engine_module, "release_free_memory", lambda: released.append(1))
    Engine(synthetic_models_dir).translate("ru", RU[:2])
    assert released == [1]
    Engine(synthetic_models_dir, frugal_memory=False).translate("ru", RU[:2])
    assert released == [1]
    Engine(synthetic_models_dir).translate("en", ["Hello."])  # nothing translated, nothing to do
    assert released == [1]


def test_user_arena_setting_wins(monkeypatch):
    if engine_module._glibc() is None:
        pytest.skip("not glibc")
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert engine_module.share_malloc_arena.__wrapped__() is False


def test_arena_is_shared_before_the_first_model_loads(synthetic_models_dir):
    """In a fresh process: loading a model applies the one-arena setting (glibc)."""
    code = (
        "import sys; from translator import engine as e\n"
        f"eng = e.Engine({str(synthetic_models_dir)!r})\n"
        "before = e.share_malloc_arena.cache_info().currsize\n"
        "eng.translate('ru', ['Депутаты обсудили закон.'])\n"
        "print(before, e.share_malloc_arena.cache_info().currsize, e.share_malloc_arena(),"
        " e._glibc() is not None)"
    )
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, env=env)
    before, after, applied, glibc = out.stdout.split()
    assert before == "0" and after == "1"
    assert applied == glibc  # applied wherever the C library is glibc
