"""Two sentences that share a claim word, one of them denying it, state opposite claims.

"The MFA trusts Washington will no longer link cooperation to political issues" and "U.S.
officials have linked the flights to a ceasefire" share "link", and word likeness joined them
in one point; "The authorities did not confirm whether Prigozhin was on the plane" and "the
manifest confirming Prigozhin was on board" share "confirm". A term is denied when it follows a
negation ("not", "no longer", "never", "denied", "refused"…; not "dismissed", which in news
is as often "fired") within `SCOPE` words; a pair is
opposed when one denies a claim term both hold and the other denies nothing. Its similarity
is multiplied by `POLARITY` before any link is made.

Measured 2026-12-06 (docs/benchmarks.md): on four stories, pairs scoring >= 0.2 whose one side
has a negation anywhere shared a fact 7 times in 22 (120 in 154 otherwise); scoping the test to
the shared claim terms keeps translations of one sentence, which rarely deny only on one side,
apart from it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from newsbrief.grouping.similarity import claim_terms
from newsbrief.grouping.terms import _TOKEN, content_terms

POLARITY = 0.7
SCOPE = 4
_NEGATION = re.compile(
    r"^(?:not|no|never|nor|without|cannot|deny|denied|denies|denying|refuse[sd]?|refusing|"
    r"\w+n[’'ʼ]t)$",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def denied(sentence: str) -> frozenset[str]:
    """The content terms within `SCOPE` words after a negation."""
    words = _TOKEN.findall(sentence)
    scoped: list[str] = []
    for k, word in enumerate(words):
        if _NEGATION.match(word):
            scoped += words[k + 1 : k + 1 + SCOPE]
    return frozenset(content_terms(" ".join(scoped))) if scoped else frozenset()


def opposed(a: str, b: str) -> bool:
    """Whether one sentence denies a claim term both hold and the other denies nothing ("had
    no confirmation of his death" and "had not been informed of his death" agree)."""
    mine, theirs = denied(a), denied(b)
    if bool(mine) == bool(theirs):
        return False
    return bool(claim_terms(a) & claim_terms(b) & (mine or theirs))


def dampen(scores: np.ndarray, texts: Sequence[str], floor: float) -> list[tuple[int, int]]:
    """Multiply, in place, the symmetric `scores` of opposed pairs scoring `floor` or more by
    `POLARITY`; the pairs changed. Only sentences with a negation are looked at: most have
    none."""
    changed: list[tuple[int, int]] = []
    negative = np.fromiter((bool(denied(t)) for t in texts), dtype=bool, count=len(texts))
    for k in np.flatnonzero(negative).tolist():
        # Only a pair with one denying side can be opposed: the other side denies nothing.
        for j in np.flatnonzero((scores[k] >= floor) & ~negative).tolist():
            if opposed(texts[k], texts[j]):
                scores[k, j] = scores[j, k] = scores[k, j] * POLARITY
                changed.append((k, j))
    return changed
