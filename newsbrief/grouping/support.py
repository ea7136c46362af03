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

import re
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from newsbrief.grouping.graph import Graph
from newsbrief.grouping.predicates import predicate_share
from newsbrief.grouping.similarity import claim_terms, content_terms


class _Params(Protocol):
    coverage: float
    support: float
    support_floor: float
    lone: float
    lone_predicate: float
    lone_floor: float
    repeats: bool


def coverage(terms: Sequence[str], others: Sequence[Sequence[str]], idf: Callable) -> float:
    """The IDF-weighted share of `terms` that some sequence of `others` holds (0 for none)."""
    mine = set(terms)
    total = sum(idf(t) for t in mine)
    if not total:
        return 0.0
    held: set[str] = set().union(*map(set, others)) if others else set()
    return sum(idf(t) for t in mine & held) / total


def absorb(graph: Graph, params: _Params) -> None:
    """Key points left alone that another source covers join the group of their best match.

    In place; best covered first. A key point joins as a second sentence of its source where
    that group already has one (one fact, two sentences), and only if it scores `support_floor`
    with every member of the group from another source.
    """
    members, group_of, scores, src_of = graph.members, graph.group_of, graph.scores, graph.src_of
    is_anchor, idf = graph.is_anchor, graph.idf
    terms = [content_terms(t) for t in graph.texts]
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
        graph.merge(theirs, mine)


def supported(graph: Graph, params: _Params, plain: np.ndarray, picked: bool) -> None:
    """Key points still alone join another outlet's sentence that says what they say.

    "Only in X" is a claim that no other outlet reports it, and an outlet that writes the fact
    in its own words scores lower than a grouping link asks (a false scoop misleads more than a
    missed pair). So a looser test, in place, best pair first: a score of `lone` and
    `lone_predicate` of what the two say in common (`predicates.predicate_share`, not only the
    story's names), and the other sentence is not better said by another sentence of the key
    point's own source (the rival rule of `group_sentences`), unless that one is already in the
    sentence's point and no key point: then the key point is its source's second sentence of
    that point (an outlet's key point already there says a different fact). It joins that
    point only if it scores `lone` with every member from another source.

    Another outlet's lone key point is taken only when key points were `picked` (a summary, not
    every sentence: that both outlets ranked the two is then evidence of one fact; with every
    sentence a key point, bench_grouping's near-topic false merges went 0.018 -> 0.048 a
    sentence), with two claim words in common, and the rival rule counting only sentences
    of the key point's source that no other point took ("no confirmation of his death and
    that a lawyer was headed to the colony" against "his team had not been informed of his
    death", where the first outlet's lead already has the other's lead).
    """
    members, group_of, scores, src_of = graph.members, graph.group_of, graph.scores, graph.src_of
    best_in, is_anchor, texts, idf = graph.best_in, graph.is_anchor, graph.texts, graph.idf

    def taken(x: int) -> bool:  # a key point that already stands for its outlet in a point
        return bool(is_anchor[x]) and any(src_of[y] != src_of[x] for y in members[group_of[x]])

    def free_best(j: int, k: int) -> float:
        """j's best score with a sentence of k's source other than k that is not taken."""
        mine = np.flatnonzero(src_of == src_of[k])
        if best_in[j, src_of[k]] > scores[j, mine].max() + 1e-9:
            return float(best_in[j, src_of[k]])  # a sentence no key point came near
        free = [x for x in mine.tolist() if x != k and not taken(x)]
        return float(scores[j, free].max()) if free else -1.0

    candidates: list[tuple[float, int, int]] = []
    for group in members.values():
        if len(group) != 1 or not is_anchor[group[0]]:
            continue
        k = group[0]
        for j in np.flatnonzero((scores[k] >= params.lone) & (src_of != src_of[k])).tolist():
            if is_anchor[j] and len(members[group_of[j]]) == 1:
                if not picked:
                    continue  # every sentence a key point: being one says nothing
                if claims_in_common(texts[k], texts[j]) < 2:
                    continue  # one word in common ("lived") is no account of one thing
                if predicate_share(texts[k], texts[j], idf) < params.lone_predicate:
                    continue
                if scores[k, j] < free_best(j, k):
                    continue
                candidates.append((-float(scores[k, j]), k, j))
                continue
            if claims_in_common(texts[k], texts[j]) < 3:
                continue  # a word or two in common ("go", "day") is no account of one thing
            if _two_speakers(texts[k], texts[j]):
                continue
            if predicate_share(texts[k], texts[j], idf) < params.lone_predicate:
                continue
            rival = best_in[j, src_of[k]]
            own = [y for y in members[group_of[j]] if src_of[y] == src_of[k]]
            # With every sentence a key point (no choice made) an outlet's next sentence shares
            # its words as often as not: bench_grouping's "subset" precision 0.984 -> 0.832.
            repeat = bool(own) and params.repeats and picked
            # Where k's outlet already stands in j's point, no sentence of it can take j from
            # k: k is that outlet saying the point's fact a second time ("talks have reached a
            # standstill" ... "the normalization process is stagnant"), and its place is there,
            # not under "only in X".
            if scores[k, j] < rival and not repeat:
                plain_own = [y for y in own if not is_anchor[y]]
                if not plain_own or max(scores[j, y] for y in plain_own) < rival:
                    continue
            # ... but only once it has no point of its own to share: a second sentence comes last.
            candidates.append((float(bool(own)) - float(scores[k, j]), k, j))
    for _, k, j in sorted(candidates):
        mine, theirs = group_of[k], group_of[j]
        if len(members[mine]) != 1 or mine == theirs:
            continue  # joined meanwhile
        others = [y for y in members[theirs] if src_of[y] != src_of[k]]
        if any(scores[k, y] < params.lone_floor for y in others):
            continue
        graph.merge(theirs, mine)
        _extend(graph, theirs, plain, params)


_VERB = r"(?:says|said|told|stated|stressed|notes|noted|believes|added)"
_NAME = r"(?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+){0,2}"
_SPEAKER = re.compile(
    rf"[,\u201d\"»]\s*(?:-\s*)?(?:{_VERB}\s+(?:[a-z]+\s+){{0,3}}({_NAME})"
    rf"|(?:[a-z]+\s+){{0,3}}({_NAME})\s+{_VERB})\b"
)


def speaker(text: str) -> frozenset[str]:
    """The name a quote or a view is put to after it ("..., says Andrei Kortunov", "...,"
    Ushakov told reporters"), as its words; empty where the sentence names none that way."""
    match = _SPEAKER.search(text)
    if not match:
        return frozenset()
    return frozenset((match.group(1) or match.group(2)).split())


def _two_speakers(a: str, b: str) -> bool:
    """Whether the two sentences are the views of two different people: each is put to a
    speaker, and neither speaker is named in the other sentence ("the work of diplomatic
    missions" in one official's quote and in an analyst's remark are two statements)."""
    sa, sb = speaker(a), speaker(b)
    return bool(sa and sb) and not (sa & set(b.split()) or sb & set(a.split()))


def claims_in_common(a: str, b: str) -> int:
    """How many claim words two sentences share, numbers left out: "the first days" is read as
    the figure 1, and a figure is matched by `figures`, not here."""
    return sum(not t[0].isdigit() for t in claim_terms(a) & claim_terms(b))


def _extend(graph: Graph, group: int, plain: np.ndarray, params: _Params) -> None:
    """A point just made of a key point and a sentence nobody picked takes, at once, the other
    outlets' sentences nobody picked that say what its members say (`plain` links, one
    triangle of a symmetric relation), as
    `group_sentences` gives every point, so a later key point meets the whole point."""
    members, group_of, scores, src_of = graph.members, graph.group_of, graph.scores, graph.src_of
    while True:
        held = graph.sources(group)
        near = [
            (-float(scores[x, y]), y)
            for x in members[group]
            for y in np.flatnonzero(plain[x] | plain[:, x]).tolist()
            if len(members[group_of[y]]) == 1 and not graph.is_anchor[y] and src_of[y] not in held
        ]
        for _, y in sorted(near):
            if all(scores[x, y] >= params.support_floor for x in members[group]):
                graph.move(y, group)
                break
        else:
            return
