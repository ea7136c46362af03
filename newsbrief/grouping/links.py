"""Merging groups of sentences: links taken best first under the complete-link rule, and one
outlet's lone key points that say one thing made one point (`newsbrief.grouping`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from newsbrief.grouping.similarity import SentenceSimilarity, Weights


class _Params(Protocol):
    key_pair_bonus: float
    once: float
    weights: Weights


def link(
    linkable: np.ndarray,
    floor: float,
    nodes: list[tuple[int, int]],
    scores: np.ndarray,
    is_anchor: np.ndarray,
    group_of: list[int],
    members: dict[int, list[int]],
    params: _Params,
) -> None:
    """Merge, in place, the groups the `linkable` pairs join, best pair first, if every pair
    across the two scores `floor` (see `group_sentences`). A link between two sentences that
    are no key points joins only a group that holds one."""
    rows, cols = np.nonzero(linkable)
    # Two key points that say the same go first: both outlets ranked the point, and a
    # sentence outside the key points, a little closer by wording, must not take the place
    # of either.
    rank = scores[rows, cols] + params.key_pair_bonus * (is_anchor[rows] & is_anchor[cols])
    order = np.lexsort((cols, rows, -np.round(rank, 6)))
    for a, b in zip(rows[order].tolist(), cols[order].tolist(), strict=True):
        ga, gb = group_of[a], group_of[b]
        if ga == gb:
            continue
        if not any(is_anchor[k] for k in members[ga] + members[gb]):
            continue
        srcs_a = {nodes[k][0] for k in members[ga]}
        if any(nodes[k][0] in srcs_a for k in members[gb]):
            continue  # one sentence per source per point
        if any(scores[x, y] < floor for x in members[ga] for y in members[gb]):
            continue  # complete link: everything in the merged group must be alike
        keep, gone = (ga, gb) if ga < gb else (gb, ga)
        for k in members[gone]:
            group_of[k] = keep
        members[keep].extend(members.pop(gone))


def once(
    groups: list[list[tuple[int, int]]],
    texts: Sequence[Sequence[str]],
    context: Sequence[str],
    params: _Params,
) -> list[list[tuple[int, int]]]:
    """One outlet's own points, one fact once: its lone key points that say the same thing
    (`params.once`, every pair of them) become one point, first sentence first."""
    alone = [g for g in groups if len(g) == 1]
    if len(alone) < 2:
        return groups
    sim = SentenceSimilarity([t for src in texts for t in src] + list(context), params.weights)
    matrix = sim.pairwise([texts[s][i] for ((s, i),) in alone])
    merged: list[list[int]] = []
    for k, ((source, _),) in enumerate(alone):
        home = next(
            (
                m
                for m in merged
                if alone[m[0]][0][0] == source and all(matrix[k, x] >= params.once for x in m)
            ),
            None,
        )
        if home is None:
            merged.append([k])
        else:
            home.append(k)
    return [g for g in groups if len(g) > 1] + [sorted(alone[k][0] for k in m) for m in merged]
