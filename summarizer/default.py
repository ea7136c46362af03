"""The default ranker: how likely each sentence is a key point, and which picks pay off most.

Two steps, both measured on the BBC dev set (benchmarks/bench_summarize.py):

1. A logistic model gives each sentence the probability that it belongs to a reference summary,
   from a few signals (`features`): two graph centralities (Reduction, LexRank), title overlap,
   position, length and two form cues.  The centralities and the length are standardised within
   the document (z-scores) rather than min-max scaled: a z-score does not hinge on the single
   most extreme sentence, so the same weight means the same thing in short and long articles
   and the probabilities come out calibrated across documents.  The weights are a pointwise
   logistic fit on the "tune" half of the dev set only; the "rest" half was used to check.
2. Key points are judged by how much of the reference they cover (ROUGE-like F1), so the order
   maximises the *expected* F1 of the picks rather than the probability alone: a long sentence
   that is likely a key point covers more than a short one.  With p_i the probability and L_i
   the length in words, expected F1 of a set S is ≈ 2 Σ_S p_i L_i / (Σ_S L_i + R), where
   R = Σ_all p_i L_i is the expected length of the reference.  For a fixed number of picks
   this fraction is maximised by Dinkelbach's method: rank by L_i (2 p_i − λ), set λ to the
   F1 of the top picks, repeat (it settles in a few rounds).

Redundancy is removed at selection time (`summarizer.ranking`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarizer.features import FEATURES, SentenceTerms, feature_matrix
from summarizer.tokenizing import count_words

# Logistic weights per feature (same order as FEATURES).  reduction, lexrank and length are
# z-scored within the document, title and position min-max scaled, first and quote are 0/1.
WEIGHTS = {
    "reduction": 0.64,
    "lexrank": 1.43,
    "title": 0.26,
    "position": 0.24,
    "length": -0.10,
    "first": -0.59,
    "quote": -0.13,
}
BIAS = -0.80
_STANDARDISED = ("reduction", "lexrank", "length")
_SCALED = ("title", "position")
_ROUNDS = 6


def _minmax(column: np.ndarray) -> np.ndarray:
    low, high = float(column.min()), float(column.max())
    return (column - low) / (high - low) if high > low else np.zeros_like(column)


def _zscore(column: np.ndarray) -> np.ndarray:
    spread = float(column.std())
    return (column - column.mean()) / spread if spread > 1e-12 else np.zeros_like(column)


def model_inputs(terms: SentenceTerms, sentences: Sequence[str]) -> np.ndarray:
    """The features as the logistic model sees them (rows: sentences; columns: FEATURES)."""
    raw = feature_matrix(terms, sentences)
    for column, name in enumerate(FEATURES):
        if name in _STANDARDISED:
            raw[:, column] = _zscore(raw[:, column])
        elif name in _SCALED:
            raw[:, column] = _minmax(raw[:, column])
    return raw


def key_point_probability(
    terms: SentenceTerms, sentences: Sequence[str], prior: np.ndarray | None = None
) -> np.ndarray:
    """Probability (0..1) per sentence that it is one of the document's key sentences.

    `prior`: a logit added per sentence (the news cues of `summarizer.news`)."""
    weights = np.array([WEIGHTS[name] for name in FEATURES])
    # A far outlier (a garbled translation's features) overflows exp to inf: the probability is
    # then 0, as it should be, and numpy's RuntimeWarning must not reach the user's terminal.
    with np.errstate(over="ignore"):
        logit = model_inputs(terms, sentences) @ weights + BIAS
        if prior is not None:
            logit += prior
        return 1.0 / (1.0 + np.exp(-logit))


def expected_f1_scores(probability: np.ndarray, lengths: np.ndarray, want: int) -> np.ndarray:
    """Scores whose top `want` maximise the expected coverage F1 (see the module docstring)."""
    expected_reference = float((probability * lengths).sum())
    trade = 0.0
    for _ in range(_ROUNDS):
        scores = lengths * (2.0 * probability - trade)
        top = np.argsort(-scores, kind="stable")[:want]
        covered = 2.0 * float((probability[top] * lengths[top]).sum())
        updated = covered / max(float(lengths[top].sum()) + expected_reference, 1e-9)
        if abs(updated - trade) < 1e-9:
            break
        trade = updated
    return lengths * (2.0 * probability - trade)


def default_scores(
    terms: SentenceTerms,
    sentences: Sequence[str],
    want: int = 5,
    prior: np.ndarray | None = None,
) -> np.ndarray:
    """Score per sentence for picking `want` key points (higher is better); any real number."""
    probability = key_point_probability(terms, sentences, prior)
    lengths = np.fromiter((count_words(s) for s in sentences), dtype=float, count=len(sentences))
    return expected_f1_scores(probability, lengths, max(1, want))
