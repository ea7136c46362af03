"""Whether another outlet's text supports a key point that no group took, and where it goes.

"Only in X" claims that no other outlet reports the fact. Outlets write one fact in their own
words and often over two sentences ("the team had not been informed of his death" ... "his
lawyer is flying to the colony"), so a key point may find no single sentence elsewhere alike
enough to group with, and yet the other outlet's text says everything it says. The test here is
coverage, not likeness: the share of the key point's content (terms weighted by rarity, so the
story's names that every sentence repeats count little) that one of the other source's two
closest sentences holds. A true scoop keeps words of its own (a new figure, a place, a second
source) and stays alone; a fact the other outlet states in a longer sentence is covered.

Measured 2026-12-06 (benchmarks/bench_grouping.py, paraphrase "subset" setup, where half the
key points have no counterpart and must stay alone): precision 0.998 without this step; with it
at coverage 0.8 / 0.9, 0.951 / 0.982 (the union of the two closest sentences at 0.9: 0.974).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from newsbrief.grouping.similarity import content_terms


class _Params(Protocol):
    coverage: float
    support: float
    support_floor: float


def coverage(terms: Sequence[str], others: Sequence[Sequence[str]], idf: Callable) -> float:
    """The IDF-weighted share of `terms` that some sequence of `others` holds (0 for none)."""
    mine = set(terms)
    total = sum(idf(t) for t in mine)
    if not total:
        return 0.0
    held: set[str] = set().union(*map(set, others)) if others else set()
    return sum(idf(t) for t in mine & held) / total


def absorb(
    members: dict[int, list[int]],
    group_of: list[int],
    scores: np.ndarray,
    src_of: np.ndarray,
    is_anchor: np.ndarray,
    texts: Sequence[str],
    idf: Callable[[str], float],
    params: _Params,
) -> None:
    """Key points left alone that another source covers join the group of their best match.

    In place; best covered first. A key point joins as a second sentence of its source where
    that group already has one (one fact, two sentences), and only if it scores `support_floor`
    with every member of the group from another source.
    """
    terms = [content_terms(t) for t in texts]
    candidates: list[tuple[float, int, int]] = []
    for group in list(members.values()):
        if len(group) != 1 or not is_anchor[group[0]]:
            continue
        k = group[0]
        best: tuple[float, int] | None = None
        for source in np.unique(src_of):
            if source == src_of[k]:
                continue
            theirs = np.flatnonzero(src_of == source)
            order = theirs[np.argsort(-scores[k, theirs], kind="stable")][:2]
            if not len(order) or scores[k, order[0]] < params.support:
                continue
            # The one that holds more of it, not the likelier by score: a lead sentence that
            # repeats the story's names scores high with everything.
            own = [coverage(terms[k], [terms[j]], idf) for j in order]
            share = max(own)
            if share >= params.coverage and (best is None or share > best[0]):
                best = (share, int(order[int(np.argmax(own))]))
        if best is not None:
            candidates.append((-best[0], k, best[1]))
    for _, k, j in sorted(candidates):
        mine, theirs = group_of[k], group_of[j]
        if len(members[mine]) != 1 or mine == theirs:
            continue  # joined by an earlier key point meanwhile
        others = [y for y in members[theirs] if src_of[y] != src_of[k]]
        if any(scores[k, y] < params.support_floor for y in others):
            continue
        group_of[k] = theirs
        members[theirs].extend(members.pop(mine))
