"""Merging groups of sentences: links taken best first under the complete-link rule, and one
outlet's lone key points that say one thing made one point (`newsbrief.grouping`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol

import numpy as np

from newsbrief.grouping.graph import Graph
from newsbrief.grouping.polarity import opposed
from newsbrief.grouping.predicates import predicate_share
from newsbrief.grouping.similarity import Scores, SentenceSimilarity, Weights
from newsbrief.grouping.support import claims_in_common


class _Params(Protocol):
    threshold: float
    link_floor: float
    predicate: float
    key_pair_bonus: float
    once: float
    mutual: float
    adopt_score: float
    adopt_floor: float
    opposed: bool
    weights: Weights


def link(graph: Graph, linkable: np.ndarray, floor: float, params: _Params) -> None:
    """Merge, in place, the groups the `linkable` pairs join, best pair first, if every pair
    across the two scores `floor` (see `group_sentences`). A link between two sentences that
    are no key points joins only a group that holds one."""
    nodes, scores, is_anchor = graph.nodes, graph.scores, graph.is_anchor
    group_of, members = graph.group_of, graph.members
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
        graph.merge(*((ga, gb) if ga < gb else (gb, ga)))


def once(
    groups: list[list[tuple[int, int]]],
    texts: Sequence[Sequence[str]],
    context: Sequence[str],
    params: _Params,
    sim: SentenceSimilarity | None = None,
) -> list[list[tuple[int, int]]]:
    """One outlet's own points, one fact once: its lone key points that say the same thing
    (`params.once`, every pair of them) become one point, first sentence first. `sim`: the
    similarity of these texts and `context`, when the caller has it."""
    alone = [g for g in groups if len(g) == 1]
    if len(alone) < 2:
        return groups
    if sim is None:
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


def mutual(
    groups: list[list[tuple[int, int]]],
    texts: Sequence[Sequence[str]],
    keys: Sequence[Collection[int]],
    scorer: Scores,
    params: _Params,
) -> list[list[tuple[int, int]]]:
    """Two outlets' lone key points that are each other's closest among the key points left
    alone, and score `params.mutual`, are one point: two outlets each claiming one fact as
    their own, in their own words ("Gershkovich appeared to have been detained on Wednesday" /
    "Officials didn't say exactly when Gershkovich was arrested"). Both outlets ranked it,
    neither has a closer account among the other's lone points, and the two share
    MUTUAL_CLAIMS claim words (`support.claims_in_common`), neither denying the other's claim;
    best pair first. `scorer`: the scores of every sentence of `texts`, in order."""
    lone = [g[0] for g in groups if len(g) == 1 and g[0][1] in keys[g[0][0]]]
    if len(lone) < 2:
        return groups
    offsets = np.cumsum([0, *(len(t) for t in texts)]).tolist()
    at = [offsets[s] + i for s, i in lone]
    matrix = scorer.between(at, at)
    source = np.array([s for s, _ in lone])
    matrix[source[:, None] == source[None, :]] = -1.0  # one outlet, and a sentence with itself
    closest = matrix.argmax(axis=1)
    pairs = [
        (-float(matrix[a, b]), a, b)
        for a, b in enumerate(closest.tolist())
        if a < b
        and closest[b] == a
        and matrix[a, b] >= params.mutual
        and _one_claim(texts[lone[a][0]][lone[a][1]], texts[lone[b][0]][lone[b][1]], params)
    ]
    if not pairs:
        return groups
    joined = {lone[k] for _, a, b in pairs for k in (a, b)}
    kept = [g for g in groups if not (len(g) == 1 and g[0] in joined)]
    return kept + [sorted([lone[a], lone[b]]) for _, a, b in sorted(pairs)]


# ... and share this many claim words: the story's names in common are no account of one fact
# (two statements of one ambassador, on the seed story).
MUTUAL_CLAIMS = 2


def _one_claim(a: str, b: str, params: _Params) -> bool:
    """Two sentences that say one thing: MUTUAL_CLAIMS claim words in common, and neither
    denies what the other claims (`polarity`)."""
    if claims_in_common(a, b) < MUTUAL_CLAIMS:
        return False
    return not (params.opposed and opposed(a, b))


def seconds(graph: Graph, params: _Params) -> None:
    """A sentence nobody picked joins, in place, a shared point its outlet already stands in, as
    that outlet's second sentence of it, when it says the point's fact as a first member would.

    An outlet often splits one fact over two sentences ("had no confirmation of his death" ...
    "his lawyer is now flying to the colony"): the first stands in the point, and the second,
    barred as another sentence of that outlet, was left out, so the point lacked the outlet's
    account of part of its fact. The test is a link's: it scores `threshold` and shares
    `predicate` of what it says with its closest member from another outlet, and `link_floor`
    with every such member; no sentence of another point is closer to it, and its outlet's
    member there is further from that closest member than it is: a sentence that matches what
    its outlet's member already says, less well, tells another fact in the same words ("Western
    governments said the Kremlin was responsible" beside "Latvia's president said he had been
    murdered by the Kremlin"); and it shares less than `predicate` of what it says with that
    member: a sentence that repeats it (a title, the quote again) adds no part of the fact, and
    the other outlet's member says one of the two. It can change neither
    a point's reach nor an "only in X" (the point holds two outlets already).
    """
    members, group_of, scores, src_of = graph.members, graph.group_of, graph.scores, graph.src_of
    texts, idf = graph.texts, graph.idf
    placed = [k for group in members.values() if len(group) > 1 for k in group]
    if not placed:
        return
    placed_arr = np.array(placed)
    moves: list[tuple[float, int, int]] = []
    for group in list(members.values()):
        if len(group) != 1 or graph.is_anchor[group[0]]:
            continue
        y = group[0]
        near = placed_arr[src_of[placed_arr] != src_of[y]]
        if not len(near):
            continue
        best = int(near[np.argmax(scores[y, near])])
        if scores[y, best] < params.threshold:
            continue
        home = group_of[best]
        held = members[home]
        others = [x for x in held if src_of[x] != src_of[y]]
        if src_of[y] not in {int(src_of[x]) for x in held}:
            continue  # a new outlet for the point is the linking steps' call, not this one's
        if any(scores[y, x] < params.link_floor for x in others):
            continue
        own = [x for x in held if src_of[x] == src_of[y]]
        if any(scores[x, best] >= scores[y, best] for x in own):
            continue  # its outlet's member says that better: y is another fact in like words
        if any(predicate_share(texts[y], texts[x], idf) >= params.predicate for x in own):
            continue  # y repeats its outlet's member (a title, a quote again): nothing to add
        if predicate_share(texts[y], texts[best], idf) < params.predicate:
            continue
        moves.append((-float(scores[y, best]), y, home))
    for _, y, home in sorted(moves):
        graph.move(y, home)


def adopted(
    groups: list[list[tuple[int, int]]],
    texts: Sequence[Sequence[str]],
    keys: Sequence[Collection[int]],
    scorer: Scores,
    params: _Params,
) -> list[list[tuple[int, int]]]:
    """A lone key point joins the shared point of its closest member from another outlet when
    that member's closest sentence in the lone point's whole outlet is that very key point:
    each is the other's best account, one of them already shared ("The fact is that … it is
    important to make progress on the Ukrainian track, and only then to talk about resuming
    direct flights" / "U.S. officials have made the resumption of direct flights contingent on
    progress toward a ceasefire"). The pair scores `params.adopt_score` and says one claim
    (`_one_claim`), the key point scores `params.adopt_floor` with every member of the point,
    and the point has no sentence of that outlet yet. `scorer`: the scores of every sentence
    of `texts`, in order."""
    lone = [n for n, g in enumerate(groups) if len(g) == 1 and g[0][1] in keys[g[0][0]]]
    placed = [(n, m) for n, g in enumerate(groups) if len({s for s, _ in g}) > 1 for m in g]
    if not lone or not placed:
        return groups
    offsets = np.cumsum([0, *(len(t) for t in texts)]).tolist()
    # From the scorer's rows: a folder of hundreds of outlets has thousands of each.
    matrix = scorer.between(
        [offsets[groups[n][0][0]] + groups[n][0][1] for n in lone],
        [offsets[s] + i for _, (s, i) in placed],
    )
    sources = {n: {u for u, _ in groups[n]} for n, _ in placed}
    held: dict[int, list[int]] = {}
    for k, (n, _) in enumerate(placed):
        held.setdefault(n, []).append(k)
    wanted: list[tuple[float, int, int]] = []  # (-score, lone group, placed index)
    for a, n in enumerate(lone):
        ((s, i),) = groups[n]
        free = [k for k, (p, _) in enumerate(placed) if s not in sources[p]]
        if not free:
            continue
        k = max(free, key=lambda k: (matrix[a, k], -k))
        t, j = placed[k][1]
        if min(matrix[a, x] for x in held[placed[k][0]]) < params.adopt_floor:
            continue
        if matrix[a, k] >= params.adopt_score and _one_claim(texts[s][i], texts[t][j], params):
            wanted.append((-float(matrix[a, k]), n, k))
    if not wanted:
        return groups
    wanted.sort()
    # Each member's closest sentence in the lone point's outlet, over that outlet's whole text.
    rows = [offsets[placed[k][1][0]] + placed[k][1][1] for _, _, k in wanted]
    best = np.full(len(rows), -1.0)
    where = np.full(len(rows), -1)
    for lo, hi, block in scorer.blocks(rows):
        for r, (_, n, _) in enumerate(wanted):
            s = groups[n][0][0]
            a, b = max(lo, offsets[s]), min(hi, offsets[s + 1])
            if a < b:
                c = int(np.argmax(block[r, a - lo : b - lo]))
                if block[r, a - lo + c] > best[r]:
                    best[r], where[r] = block[r, a - lo + c], a + c
    out = [list(g) for g in groups]
    for r, (_, n, k) in enumerate(wanted):
        ((s, i),) = groups[n]
        home = out[placed[k][0]]
        if where[r] != offsets[s] + i or any(u == s for u, _ in home):
            continue  # not its best account there, or another of its outlet went there first
        home.append((s, i))
        home.sort()
        out[n] = []
    return [g for g in out if g]
