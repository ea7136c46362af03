"""The default ranker: sumy's two best signals plus position, title and form, chosen by measurement.

On the BBC dev set (benchmarks/bench_summarize.py) Reduction and TextRank are the strongest sumy
algorithms; their ratings are computed here from one shared sentence graph (`features`), scaled
to 0..1 within the document and combined with the title overlap, position and a few form cues.
The weights were fitted with a pairwise logistic model (reference sentence vs non-reference
sentence of the same article) on one half of the dev set and checked on the other half; the
length weight was then raised a little because it helped ROUGE on both halves.  Redundancy is
removed at selection time (`summarizer.ranking`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarizer.features import FEATURES, SentenceTerms, feature_matrix

# Weight per feature (same order as FEATURES); the first five are min-max scaled per document,
# the last four are 0/1 flags.
WEIGHTS = {
    "reduction": 3.53,
    "textrank": 3.71,
    "title": 0.34,
    "position": 0.09,
    "length": -1.02,
    "first": -0.33,
    "second": 0.06,
    "quote": -0.26,
    "digit": -0.16,
}
_SCALED = ("reduction", "textrank", "title", "position", "length")


def _minmax(column: np.ndarray) -> np.ndarray:
    low, high = float(column.min()), float(column.max())
    return (column - low) / (high - low) if high > low else np.zeros_like(column)


def default_scores(terms: SentenceTerms, sentences: Sequence[str]) -> np.ndarray:
    """Combined score per sentence (higher is better); any real number."""
    raw = feature_matrix(terms, sentences)
    total = np.zeros(len(sentences))
    for column, name in enumerate(FEATURES):
        values = raw[:, column]
        if name in _SCALED:
            values = _minmax(values)
        total += WEIGHTS[name] * values
    return total
