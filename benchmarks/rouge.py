"""ROUGE-N (default N = 2) F1 between a candidate text and a reference text.

Our own small implementation (no package): lower-cased alphanumeric tokens, n-gram counts clipped
by the reference counts, F1 = 2PR / (P + R).  No stemming and no stop-word removal, like ROUGE's
default settings.
"""

from __future__ import annotations

import re
from collections import Counter

_TOKEN = re.compile(r"[a-z0-9]+")


def ngrams(text: str, n: int = 2) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(candidate: str, reference: str, n: int = 2) -> float:
    """F1 of n-gram overlap; 0.0 when either side has no n-gram."""
    cand, ref = ngrams(candidate, n), ngrams(reference, n)
    hits = sum((cand & ref).values())
    if not hits:
        return 0.0
    precision = hits / sum(cand.values())
    recall = hits / sum(ref.values())
    return 2 * precision * recall / (precision + recall)
