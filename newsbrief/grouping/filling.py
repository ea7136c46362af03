"""Every outlet that says a point's fact stands in the point, even with a sentence used elsewhere.

Grouping gives each sentence one point, so an outlet whose lead packs three facts into one
sentence ("the plane crashed, killing all ten, Prigozhin among them") appears in one of the three
points, and the other two claim fewer outlets than report them, or "only in X". After grouping,
each point takes, from every outlet it lacks, that outlet's sentence nearest its key points when
the match is close on every count: the similarity (`FILL`), what the two claim beyond the story's
names (`FILL_PREDICATE`) and the similarity with every other member (`FILL_FLOOR`). Such a member
is marked as said in the text (`key_point=False`), whether or not it is a key point elsewhere.
A point that holds an outlet's lead takes another outlet's lead at `FILL_LEAD` (`leads`): two
leads share a gold fact 31 times in 33, and the other lead often stands in another point beside
this outlet's second sentence (the grain deal's "'de facto terminated', the Kremlin said on
Monday" against "… is 'de facto' over, the Kremlin said Monday", which the rule above left out).

Measured 2026-12-06 on four multi-outlet stories (the dev story and three more of our own
annotation, benchmarks/bench_stories.py): of the points' missing outlets that report one of the
point's facts, a best match at 0.25 / 0.2 / 0.12 carried a fact of the point 17 times in 18;
at 0.22 / 0.2 / 0.12, 21 in 26.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsbrief.grouping.background import defines
from newsbrief.grouping.polarity import POLARITY, opposed
from newsbrief.grouping.predicates import predicate_share
from newsbrief.grouping.similarity import Scores, SentenceSimilarity, Weights

FILL = 0.3
FILL_PREDICATE = 0.2
FILL_FLOOR = 0.16
FILL_LEAD = 0.2

Group = list[tuple[int, int]]


def fill(
    groups: Sequence[Group],
    texts: Sequence[Sequence[str]],
    key: Sequence[frozenset[int] | set[int]],
    context: Sequence[str] = (),
    weights: Weights | None = None,
    similarity: tuple[SentenceSimilarity, Scores] | None = None,
    leads: Sequence[int | None] | None = None,
) -> tuple[list[Group], list[set[tuple[int, int]]]]:
    """(groups, added): each group with the members it gains, and per group the members added.

    `texts[s]` are source s's sentences, `key[s]` the indices of its key points. Additions are
    found from the groups as given (one group's new member never brings another's), so the
    result does not depend on the order of the groups. `similarity`: the similarity and its
    scorer over every sentence of `texts` in order, when the caller has them (else made from
    `texts`, `context` and `weights`). `leads[s]`: source s's lead, when known."""
    sources = len(texts)
    if sources < 2 or not groups:
        return [list(g) for g in groups], [set() for _ in groups]
    flat = [t for src in texts for t in src]
    if similarity is None:
        sim = SentenceSimilarity(flat + list(context), weights)
        scorer = sim.scores(flat)
    else:
        sim, scorer = similarity
    source_of = np.repeat(np.arange(sources), [len(src) for src in texts])
    offsets = np.concatenate(([0], np.cumsum([len(src) for src in texts])))
    anchors = sorted({int(offsets[s]) + i for g in groups for s, i in g if i in key[s]})
    row_of = {node: r for r, node in enumerate(anchors)}
    # Each key point's best sentence in each source, a block of columns at a time: a 5 MB text
    # is a million sentences, and the full rows would not fit.
    best_value = np.full((len(anchors), sources), -1.0)
    best_at = np.zeros((len(anchors), sources), dtype=np.int64)
    for lo, hi, block in scorer.blocks(anchors):
        for s in np.unique(source_of[lo:hi]).tolist():
            columns = np.flatnonzero(source_of[lo:hi] == s)
            top = columns[np.argmax(block[:, columns], axis=1)]
            value = block[np.arange(len(anchors)), top]
            better = value > best_value[:, s]
            best_value[better, s] = value[better]
            best_at[better, s] = lo + top[better] - offsets[s]
    standing: dict[tuple[int, int], list[int]] = {}  # each sentence's groups
    for g, group in enumerate(groups):
        for member in group:
            standing.setdefault(member, []).append(g)
    result: list[Group] = []
    added: list[set[tuple[int, int]]] = []
    lead_of = dict(enumerate(leads)) if leads is not None else {}
    for group in groups:
        have = {s for s, _ in group}
        mine = [row_of[int(offsets[s]) + i] for s, i in group if i in key[s]]
        led = [(t, i) for t, i in group if lead_of.get(t) == i]
        gained: set[tuple[int, int]] = set()
        for s in range(sources) if mine else ():
            if s in have:
                continue
            row = max(mine, key=lambda r: (best_value[r, s], -r))
            at = int(best_at[row, s])
            if best_value[row, s] < FILL:
                # What the point's lead says, the other outlet's lead may say in its own words
                # (two leads share a fact 31 times in 33): it joins on a looser score.
                other = lead_of.get(s)
                if not led or other is None:
                    continue
                t, i = led[0]
                lead_row = row_of[int(offsets[t]) + i]
                value = float(sim.matrix([flat[anchors[lead_row]]], [texts[s][other]])[0, 0])
                if value < FILL_LEAD:
                    continue
                row, at = lead_row, other
            candidate = texts[s][at]
            if any(defines(flat[anchors[r]]) != defines(candidate) for r in mine):
                continue  # background beside an account of events (`background`)
            if any(opposed(flat[anchors[r]], candidate) for r in mine) and (
                best_value[row, s] * POLARITY < FILL
            ):
                continue
            members = [texts[m][j] for m, j in group]
            if float(sim.matrix(members, [candidate]).min()) < FILL_FLOOR:
                continue
            if _repeats(group, (s, at), groups, standing, texts, sim):
                continue
            claim = max(predicate_share(flat[anchors[r]], candidate, sim.idf) for r in mine)
            if claim >= FILL_PREDICATE:
                gained.add((s, at))
        result.append(sorted(set(group) | gained))
        added.append(gained)
    return result, added


def _repeats(
    group: Group,
    candidate: tuple[int, int],
    groups: Sequence[Group],
    standing: dict[tuple[int, int], list[int]],
    texts: Sequence[Sequence[str]],
    sim: SentenceSimilarity,
) -> bool:
    """Whether the group restates, in one of its outlets' words, a point the candidate already
    stands in ("Hanna hit Texas" beside the same outlet's "Hanna made landfall in Texas", which
    the candidate's point holds): that outlet said it twice; the other outlet said it once."""
    mine = [texts[s][i] for s, i in group]
    theirs = [
        texts[s][i]
        for g in standing.get(candidate, ())
        for s, i in groups[g]
        if any(s == own for own, _ in group)
    ]
    if not theirs:
        return False
    closest = float(sim.matrix(mine, [texts[candidate[0]][candidate[1]]]).max())
    return float(sim.matrix(mine, theirs).max()) >= closest
