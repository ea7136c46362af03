"""Cross-source comparison: which key points several outlets share, and which are one outlet's own.

Grouping works on the English side of every sentence (so a Russian, a Ukrainian and an English
article compare on equal terms) and is deterministic: the same input always gives the same points.

"Only in X" must be true: an outlet that states a fact outside its own top N still reports it.
So every key point is matched against the *whole* text of every other source, and a sentence
that is no key point of its source joins the point as a member marked `key_point=False`. A point
needs a key point; two sentences nobody picked never make one.

How points are formed (see `group_sentences`):
1. pairs of sentences from two *different* sources, one end a key point, are scored
   (`similarity.SentenceSimilarity`);
2. pairs above a threshold are taken best first, and a pair joins the two groups it links unless
   that would put two sentences of one source in a group (a source states a point once) or some
   pair across the two groups is below a lower "complete-link" floor (so A~B and B~C cannot chain
   A and C together when A and C say different things);
3. a sentence that is no key point joins a key point only if nothing else in the key point's
   source matches it better (the "rival" rule): otherwise that other sentence is its real
   counterpart, and a key point sharing only the story's names would take a different fact;
4. a key point still alone that another source's text covers, or that another outlet says in
   its own words (a looser test: `support.absorb`, `support.supported`), joins that point:
   "only in X" must be true.
With two sources this is a greedy one-to-one assignment; with more it is constrained agglomerative
clustering.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from newsbrief.grouping.background import dampen_background
from newsbrief.grouping.distinct import distinct
from newsbrief.grouping.figures import differs
from newsbrief.grouping.filling import fill
from newsbrief.grouping.graph import Graph
from newsbrief.grouping.homes import by_figure
from newsbrief.grouping.links import adopted, link, mutual, once, seconds
from newsbrief.grouping.lists import join_items
from newsbrief.grouping.members import Referents, point_members
from newsbrief.grouping.polarity import dampen
from newsbrief.grouping.predicates import said_alike
from newsbrief.grouping.similarity import Scores, SentenceSimilarity, Weights
from newsbrief.grouping.sources import Offered, offered
from newsbrief.grouping.support import absorb, supported
from newsbrief.records import (
    Article,
    Comparison,
    Point,
    SourceInfo,
)
from newsbrief.titles import display_title, source_labels, title_language

# Tuned on the even-numbered half of the paraphrase and news-docs dev sets (best mean F1 over the
# full/subset/distractor setups minus the false-merge rate; benchmarks/bench_grouping.py). The
# link floor only matters with three or more sources, which the dev data lacks: set by hand. A
# rival margin of 0 and 0.05 score alike on the dev set; 0 keeps wrong pairs out of the seeds.
DEFAULT_THRESHOLD = 0.24
DEFAULT_LINK_FLOOR = 0.20
DEFAULT_RIVAL_MARGIN = 0.0
DEFAULT_KEY_PAIR_BONUS = 0.05
# Coverage (newsbrief.grouping.support, measured there): below 0.9 true scoops of the paraphrase set
# are absorbed (precision < 0.95), and the dev story's figures do not move above 0.6.
DEFAULT_COVERAGE = 0.9
# 2026-12-06, bench_grouping's compare with another story mixed into one source: merging one
# source's lone key points at 0.24 / 0.4 / 0.5 gives member precision 0.933 / 0.977 / 0.989
# (1.000 without): two facts of one story are often that alike, a repeat is more so.
DEFAULT_ONCE = 0.5
DEFAULT_PREDICATE = 0.2
DEFAULT_SUPPORT = 0.10
DEFAULT_SUPPORT_FLOOR = 0.08
DEFAULT_LONE = 0.16
DEFAULT_LONE_PREDICATE = 0.29
DEFAULT_LONE_FLOOR = 0.16
# 2026-12-07, six stories (bench_stories.py): two outlets' leads share a gold fact in 31 of 33
# pairs; 12 of those score under the threshold, and the two that share nothing score under 0.11.
DEFAULT_LEAD_LINK = 0.12
# 2026-12-07, 13 stories (bench_stories.py): of the lone key points of two outlets that are each
# other's closest among the lone ones, 10 of 14 share a gold fact at a score of 0.14 or more;
# with two claim words in common (`links.MUTUAL_CLAIMS`; without, a seed pair shared only the
# ambassador's name) and no denial of the other's claim, the eight kept aside went "only in X"
# 0.529 -> 0.571, pairs 0.842 -> 0.840, recall 0.564 -> 0.568, and the five 0.600 -> 0.623,
# 0.806 -> 0.807, 0.566 -> 0.570.
DEFAULT_MUTUAL = 0.14
# 2026-12-07, 13 stories: a lone key point and the shared member each other's best account
# (`links.adopted`); at 0.14 with no floor the five went "only in X" 0.623 -> 0.620, pairs
# 0.807 -> 0.791; at 0.2 with 0.1 with every member it joins 4 on the eight (3 sharing a gold
# fact): only-in 0.571 -> 0.595, pairs 0.840 -> 0.836, recall 0.568 -> 0.575; the five unchanged.
DEFAULT_ADOPT_SCORE = 0.2
DEFAULT_ADOPT_FLOOR = 0.1


class CompareError(ValueError):
    """The input cannot be compared (e.g. fewer than two articles)."""


@dataclass(frozen=True)
class GroupingParams:
    threshold: float = DEFAULT_THRESHOLD
    link_floor: float = DEFAULT_LINK_FLOOR
    # How much better than a key point another sentence of the key point's source may match a
    # non-key sentence before that sentence is taken to be the other's counterpart instead.
    rival_margin: float = DEFAULT_RIVAL_MARGIN
    key_pair_bonus: float = DEFAULT_KEY_PAIR_BONUS
    # A key point whose content another source's text covers this much is not "only" its own
    # (support.py): it joins the group of its best match there if it scores `support`
    # with it and `support_floor` with every member of that group from another source.
    coverage: float = DEFAULT_COVERAGE
    # Two lone key points of one source this alike are one fact said twice (`_once`).
    once: float = DEFAULT_ONCE
    # A link with a sentence that is no key point needs this share of what they say in common
    # (newsbrief.grouping.predicates), not only the story's names.
    predicate: float = DEFAULT_PREDICATE
    support: float = DEFAULT_SUPPORT
    support_floor: float = DEFAULT_SUPPORT_FLOOR
    # A key point still alone joins another outlet's sentence that scores `lone` with it and
    # shares `lone_predicate` of what it says (support.supported): "only in X" must be true.
    lone: float = DEFAULT_LONE
    lone_predicate: float = DEFAULT_LONE_PREDICATE
    # ... and scores this with every member of that point from another source.
    lone_floor: float = DEFAULT_LONE_FLOOR
    # A lone key point joins a point its outlet already stands in without the rival rule.
    repeats: bool = True
    # A sentence nobody picked joins a shared point its outlet stands in (`links.seconds`).
    seconds: bool = True
    # Opposed claims (one denies a claim word both hold) score less (`polarity`).
    opposed: bool = True
    # Two outlets' leads that score this are a link (what each outlet leads with is the story).
    lead_link: float = DEFAULT_LEAD_LINK
    # Two outlets' lone key points, each the other's closest lone one, that score this are one
    # point (`links.mutual`); above 1, never.
    mutual: float = DEFAULT_MUTUAL
    # A lone key point joins a shared point whose member is its closest, and it that member's
    # closest in its whole outlet, at `adopt_score`, and `adopt_floor` with every member there
    # (`links.adopted`).
    adopt: bool = True
    adopt_score: float = DEFAULT_ADOPT_SCORE
    adopt_floor: float = DEFAULT_ADOPT_FLOOR
    weights: Weights = Weights()


def group_sentences(
    sources: Sequence[Sequence[str]],
    *,
    context: Sequence[str] = (),
    params: GroupingParams | None = None,
    anchors: Sequence[Collection[int]] | None = None,
    similarity: tuple[SentenceSimilarity, Scores] | None = None,
    leads: Sequence[int | None] | None = None,
) -> list[list[tuple[int, int]]]:
    """Group sentences of several sources that state the same thing.

    `sources[s][i]` is sentence i of source s. `context` adds sentences that only inform word
    rarity. `anchors[s]` are the indices of source s's key points (default: every sentence):
    only a group holding a key point is a point, so a link needs a key point at one end at
    least, and a sentence that joins no key point's group is left out of the result.

    `similarity`: the similarity and its scorer over every sentence of `sources` in order, when
    the caller has made them (then `context` and `params.weights` are theirs to have used).
    `leads[s]`: the index of source s's lead (None: none known). Each outlet leads with what
    the story is, in its own words: two leads that score `params.lead_link` are a link.

    Returns groups as lists of (source, index), each with at most one sentence per source; every
    anchor is in exactly one group (singletons included). Groups come in no particular order;
    members are sorted by source.
    """
    params = params or GroupingParams()
    if leads is not None and len(leads) != len(sources):
        raise ValueError(f"{len(leads)} leads for {len(sources)} sources")
    sim, scorer = similarity or _similarity(sources, context, params)

    nodes = [(s, i) for s, src in enumerate(sources) for i in range(len(src))]
    n = len(nodes)
    src_of = np.array([s for s, _ in nodes], dtype=int)
    if anchors is None:
        is_anchor = np.ones(n, dtype=bool)
    else:
        wanted = [set(a) for a in anchors]
        is_anchor = np.array([i in wanted[s] for s, i in nodes], dtype=bool)
    picked = not is_anchor.all()  # key points are a choice, not every sentence
    kept, scores, best_in = _scores(scorer, is_anchor, src_of, params)
    del scorer
    # From here on only the kept sentences: every key point, and the sentences near one.
    nodes = [nodes[k] for k in kept]
    is_anchor = is_anchor[kept]
    src_of = src_of[kept]
    n = len(nodes)
    texts = [sources[s][i] for s, i in nodes]
    opposed: set[tuple[int, int]] = set()
    if params.opposed:
        # The rival rule and the support step read each sentence's best score in each source:
        # a dampened pair must not stay its own rival (that would make the dampening a veto).
        floor = min(params.support_floor, params.lone)
        # A definition stays apart even from a lead it would link with at `lead_link`.
        background = dampen_background(scores, texts, min(floor, params.lead_link))
        for a, b in dampen(scores, texts, floor) + background:
            opposed |= {(a, b), (b, a)}
            for x, y in ((a, b), (b, a)):
                same = src_of == src_of[y]
                best_in[x, src_of[y]] = float(scores[x, same].max())
    if leads is not None:
        _link_leads(scores, best_in, nodes, src_of, leads, params, opposed)

    # Candidate links, best first; ties broken by position so the result never depends on
    # floating-point accidents of dictionary order. Links with a key point at one end go first:
    # two sentences nobody picked do not make a point. Then links between two such sentences,
    # where one is already in a point: an outlet's sentence may say the point's fact much as
    # another outlet's non-key member does and unlike its key point ("felt bad after a walk"
    # against "felt unwell after a walk" and a key point that adds where and who said it).
    linkable = np.triu(scores >= params.threshold, k=1)
    # A sentence that is not a key point joins a key point only if nothing in the key point's
    # source says its content better: the sentence that does is its real counterpart, and
    # taking the key point instead would group two different facts (the counterpart being no
    # key point, the two could not be linked).
    if not is_anchor.all():
        rival = best_in[:, src_of] - params.rival_margin  # [y, x]: y's best in x's source
        plain = ~is_anchor
        linkable &= ~(plain[None, :] & (scores < rival.T))  # x anchor, y = column plain
        linkable &= ~(plain[:, None] & (scores < rival))  # y = row plain, x = column anchor
    if params.predicate > 0:
        said_alike(
            linkable, ~(is_anchor[:, None] & is_anchor[None, :]), texts, sim.idf, params.predicate
        )
    keyed = is_anchor[:, None] | is_anchor[None, :]
    graph = Graph.ungrouped(nodes, texts, scores, best_in, src_of, is_anchor, sim.idf)
    link(graph, linkable & keyed, params.link_floor, params)
    plain = linkable & ~keyed
    link(graph, plain, params.support_floor, params)
    if params.coverage <= 1.0:
        absorb(graph, params)
    if params.lone <= 1.0:
        supported(graph, params, plain, picked)
    if params.seconds:
        seconds(graph, params)
    return graph.groups()


def _link_leads(
    scores: np.ndarray,
    best_in: np.ndarray,
    nodes: list[tuple[int, int]],
    src_of: np.ndarray,
    leads: Sequence[int | None],
    params: GroupingParams,
    opposed: set[tuple[int, int]],
) -> None:
    """Raise, in place, two leads' score to the threshold where it is `params.lead_link` or
    more: they then link like any pair (the complete-link and one-per-source rules still hold).
    A lead that denies what the other claims (`opposed`, `polarity`) is no account of it."""
    at = {node: k for k, node in enumerate(nodes)}
    ks = [at[(s, i)] for s, i in enumerate(leads) if i is not None and (s, i) in at]
    for a, b in combinations(ks, 2):
        if params.lead_link <= scores[a, b] < params.threshold and (a, b) not in opposed:
            scores[a, b] = scores[b, a] = params.threshold
            for x, y in ((a, b), (b, a)):
                best_in[x, src_of[y]] = max(best_in[x, src_of[y]], params.threshold)


def _similarity(
    sources: Sequence[Sequence[str]], context: Sequence[str], params: GroupingParams
) -> tuple[SentenceSimilarity, Scores]:
    """The similarity every grouping step scores with, and its scorer over every sentence of
    every source in order: made once (a 5 MB source is a million sentences)."""
    sim = SentenceSimilarity([s for src in sources for s in src] + list(context), params.weights)
    return sim, sim.scores([s for src in sources for s in src])


# At most this many sentences that are not key points are scored in full: on very long texts
# (a 5 MB file, a folder of hundreds of outlets) those nearest a key point are kept.
MAX_NEAR = 2000
SUPPORT_PER_KEY = 8  # sentences kept per key point only for the support step's looser test
ROWS_PER_BLOCK = 256  # rows scored at once (x Scores.BLOCK sentences: bounded memory)


def _scores(
    scorer: Scores, is_anchor: np.ndarray, src_of: np.ndarray, params: GroupingParams
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(kept, scores, best_in): the sentences grouping needs, their similarity matrix (-1 for
    two sentences of one source), and each one's best score within each source.

    With every sentence an anchor that is the whole matrix. Otherwise only the key points and
    the sentences that come near one of them are kept (a sentence far from every key point can
    join no point); their rows are computed against every sentence, for `best_in`, a block of
    rows at a time, so memory stays bounded whatever the length of the texts.
    """
    n = len(is_anchor)
    sources = int(src_of.max()) + 1 if n else 0
    key = np.flatnonzero(is_anchor)
    if is_anchor.all() or not len(key):
        kept = key
    else:
        closest = np.full(n, -1.0)  # each sentence's best score with another source's key
        for start in range(0, len(key), ROWS_PER_BLOCK):
            part = key[start : start + ROWS_PER_BLOCK]
            for lo, hi, block in scorer.blocks(part):
                block[src_of[part][:, None] == src_of[None, lo:hi]] = -1.0
                closest[lo:hi] = np.maximum(closest[lo:hi], block.max(axis=0))
        # A key point alone may join a sentence at the support step's looser score.
        supporting = closest >= min(params.threshold, params.lone)
        near = _nearest(np.flatnonzero((closest >= params.threshold) & ~is_anchor), closest)
        # ... and those near one of these (a non-key member may bring its counterpart).
        for start in range(0, len(near), ROWS_PER_BLOCK):
            part = near[start : start + ROWS_PER_BLOCK]
            for lo, hi, block in scorer.blocks(part):
                block[src_of[part][:, None] == src_of[None, lo:hi]] = -1.0
                closest[lo:hi] = np.maximum(closest[lo:hi], block.max(axis=0))
        near = np.flatnonzero((closest >= params.threshold) & ~is_anchor)
        # ... at most a few of those per key point (long texts: each kept row is a pass over
        # every sentence).
        extra = np.flatnonzero(supporting & (closest < params.threshold) & ~is_anchor)
        cap = SUPPORT_PER_KEY * len(key)
        if len(extra) > cap:
            extra = extra[np.argsort(-closest[extra], kind="stable")[:cap]]
        near = _nearest(np.sort(np.concatenate([near, extra])), closest)
        kept = np.concatenate([key, near])
    scores = np.empty((len(kept), len(kept)))
    best_in = np.full((len(kept), max(sources, 1)), -1.0)
    # Rows x every sentence is never held (a 5 MB text is a million sentences): each block of
    # columns updates `best_in` and gives up the kept columns it holds.
    by_column = np.argsort(kept, kind="stable")
    kept_sorted = kept[by_column]
    for start in range(0, len(kept), ROWS_PER_BLOCK):
        part = kept[start : start + ROWS_PER_BLOCK]
        mine = slice(start, start + len(part))
        for lo, hi, block in scorer.blocks(part):
            block[src_of[part][:, None] == src_of[None, lo:hi]] = -1.0  # never two of one source
            in_block = src_of[lo:hi]
            for s in np.unique(in_block).tolist():
                best = block[:, in_block == s].max(axis=1)
                best_in[mine, s] = np.maximum(best_in[mine, s], best)
            a, b = np.searchsorted(kept_sorted, [lo, hi])
            if b > a:
                scores[mine, by_column[a:b]] = block[:, kept_sorted[a:b] - lo]
    # Symmetric and rounded: float32 sums in another order differ in the 8th digit, and two
    # links that tie (the same sentence in two outlets) must tie exactly, to be broken by
    # position; a row computed for one sentence must agree with the column of the same pair.
    scores = np.round(np.maximum(scores, scores.T), 6)
    return kept, scores, np.round(best_in, 6)


def _nearest(near: np.ndarray, closest: np.ndarray) -> np.ndarray:
    """The MAX_NEAR sentences of `near` closest to a key point, in document order.

    Applied before the second pass as after it: that pass scores each near sentence against
    every sentence, so uncapped a text of a million alike lines took a million squared scores.
    """
    if len(near) <= MAX_NEAR:
        return near
    return np.sort(near[np.argsort(-closest[near], kind="stable")[:MAX_NEAR]])


def _lead(source: Offered, title: str | None) -> int | None:
    """The index of the source's lead, its first sentence after the headline, when a key point."""
    for i in sorted(range(len(source.texts)), key=source.positions.__getitem__):
        if title is not None and source.texts[i].strip() == title.strip():
            continue
        return i if i in source.key else None
    return None


def compare(
    articles: Sequence[Article],
    params: GroupingParams | None = None,
    *,
    whole_text: bool = True,
) -> Comparison:
    """Group the key points of several articles into shared and source-specific points.

    Each key point is matched against the whole text of every other source (`whole_text`), not
    only that source's own key points: an outlet that reports a fact outside its top N still
    reports it. Such a sentence joins the point as a member with `key_point=False`; a point
    needs at least one key point.

    Points are ordered by how many sources report them (most first); shared points of equal
    reach by the earliest position at which any source reports them, then by source order; a
    point only one source reports comes under that source (sources in input order), in document
    order.
    """
    articles, repeats = distinct(articles)
    if len(articles) < 2:
        given = f"{len(articles)}" + "".join(f"; {note}" for note in repeats)
        raise CompareError(f"compare needs at least two different articles; got {given}")

    per_source = [offered(a, whole_text) for a in articles]
    context = [
        p.text for a in articles if a.translation is not None for p in a.translation.sentences
    ]
    params = params or GroupingParams()
    texts = [src.texts for src in per_source]
    keys = [src.key for src in per_source]
    sim, scorer = _similarity(texts, context, params)
    titles = [display_title(a) for a in articles]
    leads = [_lead(src, title) for src, title in zip(per_source, titles, strict=True)]
    groups = group_sentences(
        texts, context=context, params=params, anchors=keys, similarity=(sim, scorer), leads=leads
    )
    groups = once(groups, texts, context, params, sim)
    groups = by_figure(groups, texts, keys)
    groups = join_items(groups, texts, keys, [src.items for src in per_source], sim, params)
    if params.mutual <= 1.0:
        groups = mutual(groups, texts, keys, scorer, params)
    if params.adopt:
        groups = adopted(groups, texts, keys, scorer, params)
    filled, added = fill(groups, texts, keys, similarity=(sim, scorer), leads=leads)
    del sim, scorer
    # Two lone points of two outlets, each the other's best match, both gain the other: one
    # point (a member is said in the text only where neither point had it).
    unique: dict[tuple[tuple[int, int], ...], set[tuple[int, int]]] = {}
    for group, extra in zip(filled, added, strict=True):
        key = tuple(group)
        unique[key] = unique[key] & extra if key in unique else set(extra)
    filled = [list(key) for key in unique]
    gained = {id(g): unique[tuple(g)] for g in filled}

    def order(group: list[tuple[int, int]]) -> tuple:
        positions = [per_source[s].positions[i] for s, i in group]
        reach = len({s for s, _ in group})
        if reach == 1:
            return (-1, group[0][0], min(positions))
        return (-reach, min(positions), group[0][0])

    named = Referents(articles)
    points = []
    for group in sorted(filled, key=order):
        members = point_members(group, articles, per_source, gained[id(group)], named)
        points.append(Point(members=members, differs=differs(members)))

    labels = source_labels(articles)
    sources = [
        SourceInfo(
            id=a.id,
            language=a.language,
            text_language=a.text_language,
            label=label,
            title=title,
            title_language=title_language(a),
        )
        for a, label, title in zip(articles, labels, titles, strict=True)
    ]
    return Comparison(sources=sources, points=points, notes=repeats)
