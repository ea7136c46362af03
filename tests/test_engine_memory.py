"""The engine's memory settings: batches bounded in tokens and in hypotheses, one malloc arena,
freed memory handed back; none of them may change a translation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from synthetic_argos import TRAINING_TEXT

import translator.engine.engine as engine_module
import translator.engine.host as host_module
from translator.engine.batching import (
    DEFAULT_BATCH_HYPOTHESES,
    DEFAULT_BATCH_TOKENS,
    MIN_BATCH_TOKENS,
    plan_batches,
)
from translator.engine.engine import Engine
from translator.engine.host import available_cores

RU = TRAINING_TEXT["ru"][:10]
ROOT = Path(__file__).resolve().parents[1]


def _spy_calls(engine: Engine, lang: str) -> list[dict]:
    engine.load(lang)
    pkg = engine._package(lang)
    calls: list[dict] = []
    inner = pkg.translator

    class Spy:
        def translate_batch(self, batch, **kwargs):
            calls.append({"lengths": [len(t) for t in batch], **kwargs})
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
    assert 128 <= DEFAULT_BATCH_TOKENS <= 1024  # scratch memory grows with it
    calls = _spy_calls(engine, "ru")
    engine.translate("ru", RU)
    total = sum(sum(call["lengths"]) for call in calls)
    assert len(calls) >= 2  # both workers get work
    for call in calls:
        padded = len(call["lengths"]) * max(call["lengths"])
        assert padded <= engine.batch_tokens(total) or len(call["lengths"]) == 1


def test_hypotheses_per_batch_are_bounded_whatever_the_beam(synthetic_models_dir):
    """Scratch memory grows with beam x sentences: short sentences must not pile up."""
    beam = Engine(synthetic_models_dir, inter_threads=1, max_batch_tokens=100_000)
    assert beam.batch_sentences() == DEFAULT_BATCH_HYPOTHESES // 4
    greedy = Engine(synthetic_models_dir, inter_threads=1, fast=True, max_batch_hypotheses=6)
    assert greedy.batch_sentences() == 6
    assert Engine(synthetic_models_dir, max_batch_hypotheses=1).batch_sentences() == 1
    many = (RU * 3)[:25]
    for engine in (beam, greedy):
        calls = _spy_calls(engine, "ru")
        engine.translate("ru", [f"{s} ({i})" for i, s in enumerate(many)])
        sizes = [len(call["lengths"]) for call in calls]
        assert sum(sizes) == len(many) and max(sizes) == engine.batch_sentences()
        assert all(call["max_batch_size"] == len(call["lengths"]) for call in calls)


def test_plan_batches_pads_to_the_longest_and_caps_sentences():
    assert plan_batches([], 100, 4) == []
    # Padded size: 3 sentences x 30 tokens = 90 <= 100, a fourth would make 120.
    assert plan_batches([30, 20, 10, 10, 10], 100, 8) == [[0, 1, 2], [3, 4]]
    assert plan_batches([5] * 7, 1000, 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert plan_batches([500, 40], 100, 8) == [[0], [1]]  # too long alone: a batch of its own
    lengths = [40, 33, 33, 20, 17, 9, 9, 8, 3, 1]
    batches = plan_batches(lengths, 64, 3)
    assert [i for batch in batches for i in batch] == list(range(len(lengths)))
    assert all(len(b) <= 3 and len(b) * lengths[b[0]] <= 64 for b in batches if len(b) > 1)


def test_memory_settings_do_not_change_output(synthetic_models_dir):
    frugal = Engine(synthetic_models_dir).translate("ru", RU)
    plain = Engine(synthetic_models_dir, frugal_memory=False, max_batch_tokens=4096)
    small = Engine(synthetic_models_dir, max_batch_tokens=16)
    one = Engine(synthetic_models_dir, max_batch_hypotheses=4)
    assert frugal == plain.translate("ru", RU) == small.translate("ru", RU) == one.translate(
        "ru", RU)


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
    if host_module._glibc() is None:
        pytest.skip("not glibc")
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert host_module.share_malloc_arena.__wrapped__() is False


def test_arena_is_shared_before_the_first_model_loads(synthetic_models_dir):
    """In a fresh process: loading a model applies the one-arena setting (glibc)."""
    code = (
        "import sys; from translator.engine import engine as e, host as h\n"
        f"eng = e.Engine({str(synthetic_models_dir)!r})\n"
        "before = h.share_malloc_arena.cache_info().currsize\n"
        "eng.translate('ru', ['Депутаты обсудили закон.'])\n"
        "print(before, h.share_malloc_arena.cache_info().currsize, h.share_malloc_arena(),"
        " h._glibc() is not None)"
    )
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, env=env)
    before, after, applied, glibc = out.stdout.split()
    assert before == "0" and after == "1"
    assert applied == glibc  # applied wherever the C library is glibc
