"""How much of what two sentences *say*, not whom they name, they share.

A sentence outside an outlet's key points joins a point on likeness alone, and likeness is
mostly the story's names: "At that meeting, Foreign Minister Sergei Lavrov said Moscow had
offered to lift sanctions against Aeroflot" scores with "Earlier in February, Foreign Minister
Sergei Lavrov and Secretary of State Marco Rubio held the first direct talks" on the minister's
name and title, and shares one word of what either says ("meeting", "talks"). The predicate
share is the rarity-weighted part of the smaller sentence's claim terms (the lower-case words
and numbers, `similarity.claim_terms`) that the other holds too: two accounts of one fact share
some of what happened, not only who was there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from newsbrief.grouping.similarity import claim_terms


def predicate_share(a: str, b: str, idf: Callable[[str], float]) -> float:
    """IDF-weighted share of the claim terms of `a` or `b` (the one with less) held by both."""
    mine, theirs = claim_terms(a), claim_terms(b)
    smaller = min(sum(map(idf, mine)), sum(map(idf, theirs)))
    return sum(map(idf, mine & theirs)) / smaller if smaller else 0.0


def said_alike(
    linkable: np.ndarray,
    checked: np.ndarray,
    texts: Sequence[str],
    idf: Callable[[str], float],
    share: float,
) -> None:
    """Drop, in place, the `checked` links whose two sentences share less than `share`."""
    for x, y in zip(*np.nonzero(linkable & checked), strict=True):
        linkable[x, y] = predicate_share(texts[x], texts[y], idf) >= share
