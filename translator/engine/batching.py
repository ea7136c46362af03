"""How the engine cuts a call's sentences into batches, and how large a batch may be.

CTranslate2 pads a batch to its longest sentence, and a beam's scratch memory grows with the
hypotheses a batch holds, so a batch is bounded both in padded tokens and in hypotheses; the
bounds differ by device and model family (the measurements behind them: docs/engine.md).
"""

from __future__ import annotations

from collections.abc import Sequence

# Sentences planned and submitted together: sorted by length first, so each batch holds
# sentences of similar length; bounded so progress can be reported on long runs.
CHUNK_SENTENCES = 1024
# Padded source tokens (sentences x the longest) per batch and worker. With one worker per core
# and no other bound the speed is flat from ~512 tokens (2 cores: 384 tokens -4%, 256 -10%); with
# the hypotheses bound below it only binds for long sentences (over 96 tokens at beam 4).
DEFAULT_BATCH_TOKENS = 768
# Hypotheses (sentences x beam) per batch, whatever the sentences' length. A beam's scratch
# memory (key/value caches, ~1-2 MB per hypothesis at 48 output tokens) grows with the number of
# hypotheses, not with the source tokens, so a token budget alone lets a batch of short sentences
# hold several times the hypotheses of a batch of long ones, and those batches set the peak
# (CTranslate2 batches longest first, so the peak came at the end of each language). Measured
# with both models loaded, 2 workers, 284 sentences: peak RSS 582 MB uncapped, ~470 MB at 40,
# ~440 MB at 32; end to end ~3% slower than uncapped 512-token batches and ~10% slower than
# uncapped 1,024-token ones (~780 MB). Swept by benchmarks/bench_translate.py --engine-sweep.
DEFAULT_BATCH_HYPOTHESES = 32
# OPUS-MT (Marian) models carry a ~60k-token output vocabulary, about twice an Argos package's, so
# each decoding step's output projection costs more per batch; at 32 hypotheses newsbrief spent
# ~12% more CPU than raw CTranslate2's best batching (benchmarks/profile_e2e.py). At 48: OPUS-MT
# base 13.40 CPU s against raw's 13.15 (32: 14.81), peak 489 MB (32: 418); tc-big -5% CPU, -9%
# wall, peak 894 MB (32: 744); the same output. NLLB-200 keeps 32: its ratio is >= 0.9 already
# and its outputs moved with the batch composition at 48.
MARIAN_BATCH_HYPOTHESES = 48
# On a GPU the bounds above starve the device: one worker decodes one batch at a time, and a
# batch of 8 sentences (32 hypotheses at beam 4) keeps a fraction of its cores busy. GPU memory
# holds far more (a hypothesis's caches are a few MB in gigabytes), so the bounds there are set
# for speed. Swept by benchmarks/bench_families.py --device cuda --sweep.
GPU_BATCH_TOKENS = 8192
GPU_BATCH_HYPOTHESES = 1024
# Smallest batch a call is cut into to give every worker a share.
MIN_BATCH_TOKENS = 32


def plan_batches(lengths: Sequence[int], max_tokens: int, max_sentences: int) -> list[list[int]]:
    """Cut sentences, given by their token counts in decreasing order, into consecutive batches.

    A batch is padded to its longest (first) sentence, so it may hold up to
    max_tokens // longest sentences, and never more than `max_sentences`; a sentence longer
    than `max_tokens` gets a batch of its own. (CTranslate2's own "tokens" batching applies
    the same padded-token rule, without the sentence cap.) Returns lists of positions.
    """
    batches: list[list[int]] = []
    for pos, length in enumerate(lengths):
        if batches:
            current = batches[-1]
            longest = max(lengths[current[0]], length)
            if len(current) < max_sentences and (len(current) + 1) * longest <= max_tokens:
                current.append(pos)
                continue
        batches.append([pos])
    return batches
