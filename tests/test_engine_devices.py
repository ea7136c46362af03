"""Batch bounds follow the device: memory-safe on a CPU, wide enough to feed a GPU."""

from __future__ import annotations

import ctranslate2
import pytest

from translator.engine.batching import (
    DEFAULT_BATCH_HYPOTHESES,
    DEFAULT_BATCH_TOKENS,
    GPU_BATCH_HYPOTHESES,
    GPU_BATCH_TOKENS,
)
from translator.engine.engine import Engine
from translator.errors import TranslatorError


def test_cpu_keeps_the_memory_bounds(synthetic_models_dir, monkeypatch):
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    engine = Engine(synthetic_models_dir, device="cpu")
    assert engine.max_batch_tokens == DEFAULT_BATCH_TOKENS
    assert engine.batch_sentences() == DEFAULT_BATCH_HYPOTHESES // engine.beam_size


def test_a_gpu_gets_wide_batches_unless_the_caller_set_them(synthetic_models_dir, monkeypatch):
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    auto = Engine(synthetic_models_dir, device="auto")
    assert auto.max_batch_tokens == GPU_BATCH_TOKENS > DEFAULT_BATCH_TOKENS
    assert auto.batch_sentences() == GPU_BATCH_HYPOTHESES // auto.beam_size
    assert auto.workers() == 1
    told = Engine(synthetic_models_dir, device="cuda", max_batch_tokens=100,
                  max_batch_hypotheses=8)
    assert (told.max_batch_tokens, told.batch_sentences()) == (100, 2)


def test_cuda_without_a_gpu_is_a_clear_error(synthetic_models_dir, monkeypatch):
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    with pytest.raises(TranslatorError, match="no CUDA GPU"):
        Engine(synthetic_models_dir, device="cuda").batch_sentences()
    assert Engine(synthetic_models_dir, device="auto").max_batch_tokens == DEFAULT_BATCH_TOKENS


def test_opus_mt_batches_hold_more_hypotheses_on_a_cpu(synthetic_models_dir, monkeypatch):
    """A 60k output vocabulary makes small batches dear (see MARIAN_BATCH_HYPOTHESES)."""
    from translator import families
    from translator.engine.batching import MARIAN_BATCH_HYPOTHESES

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    engine = Engine(synthetic_models_dir)
    beam = engine.beam_size
    assert engine.batch_sentences(families.MARIAN) == MARIAN_BATCH_HYPOTHESES // beam
    for family in (families.ARGOS, families.NLLB, families.M2M100):
        assert engine.batch_sentences(family) == DEFAULT_BATCH_HYPOTHESES // beam
    told = Engine(synthetic_models_dir, max_batch_hypotheses=8)
    assert told.batch_sentences(families.MARIAN) == 8 // beam
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    gpu = Engine(synthetic_models_dir)
    assert gpu.batch_sentences(families.MARIAN) == GPU_BATCH_HYPOTHESES // beam
