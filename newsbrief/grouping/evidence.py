"""Other outlets as evidence for an outlet's key points (`compare`, `batch --compare`).

Alone, an article's key points rest on what that text stresses: its lead, its headline, what it
repeats. Given several accounts of one story there is more evidence: a fact most outlets report
is what the story is about, even where one outlet tells it in its fourth paragraph and leads with
logistics. So once every article is summarised, each sentence is scored against the whole text
of every other outlet with the grouping's own similarity (`similarity.SentenceSimilarity`); the
share of other outlets that have a sentence alike enough (`REPORTED`) becomes a logit added to
the ranker's prior (`BOOST` for a fact every other outlet reports), and the key points are
picked again, as many as before. The summarizer is handed plain numbers: it never learns where
they came from.

A single `summarize` is unchanged: this runs only where several outlets are compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from newsbrief.grouping.similarity import SentenceSimilarity
from newsbrief.records import Article
from newsbrief.settings import Options

# A sentence of another outlet this alike (the grouping's score) reports the same fact.
REPORTED = 0.30
# Logit added to a sentence that every other outlet reports (a share of it for some of them).
# Strong on purpose: a fact two of three other outlets report must outrank the logistics an
# outlet leads with (the ranker's own logits span about ±3).  Measured 2026-12-06 on
# benchmarks/bench_grouping.py's compare setups (recall/precision, two / three / mixed):
# 0: 0.959/0.978, 0.963/0.992, 0.957/0.978; 1.5: 0.966/0.982, 0.972/0.991, 0.967/0.983;
# 3: 0.979/0.995, 0.981/0.995, 0.984/0.992; 4: 0.982/0.995, 0.983/0.994, 0.986/0.989.
# Only at 4 does the seed story's core fact (six diplomatic properties) become a key point
# of the two outlets that told it low; bench_stories' dev story is unchanged from 0 to 4.
BOOST = 4.0
# Every sentence is scored against every other: 8 articles of 40 sentences take 0.16 s, and the
# cost grows with the square. Past this many sentences in all, the key points stay as each
# article picked them alone.
MAX_SENTENCES = 1200
# Rows scored at a time: the scorer makes its rows dense over their terms, so memory stays
# bounded whatever the number of sentences.
_ROWS = 32


def outlet_evidence(texts: Sequence[Sequence[str]]) -> list[np.ndarray] | None:
    """Per article, per sentence: the share (0..1) of the other articles that report its fact.

    `texts`: each article's sentences (English side). None when there are too many sentences.
    """
    sizes = [len(t) for t in texts]
    total = sum(sizes)
    if len(texts) < 2 or total > MAX_SENTENCES:
        return None
    flat = [s for t in texts for s in t]
    bounds = np.cumsum([0, *sizes])
    scorer = SentenceSimilarity(flat).scores(flat)
    best = np.zeros((total, len(texts)))
    for first in range(0, total, _ROWS):
        rows = slice(first, min(first + _ROWS, total))
        for start, stop, block in scorer.blocks(range(rows.start, rows.stop)):
            for b in range(len(texts)):
                lo, hi = max(start, bounds[b]), min(stop, bounds[b + 1])
                if lo < hi:
                    seen = block[:, lo - start : hi - start].max(axis=1)
                    best[rows, b] = np.maximum(best[rows, b], seen)
    shares = []
    for a in range(len(texts)):
        rows = best[bounds[a] : bounds[a + 1]] >= REPORTED
        rows[:, a] = False  # an article is no evidence for itself
        shares.append(rows.sum(axis=1) / (len(texts) - 1))
    return shares


def _repickable(article: Article) -> bool:
    return (
        article.summary is not None
        and article.summary.algorithm == "default"
        and bool(article.summary.key_points)
        and article.translation is not None
        and bool(article.translation.sentences)
    )


def with_outlet_evidence(
    articles: Sequence[Article], options: Options | None = None, count: int | None = None
) -> list[Article]:
    """The articles with their key points picked again, other outlets counting as evidence.

    `options`: those the articles were summarised with (which side was ranked); the count is
    `count`, or else each article's own number of key points. An article that cannot be picked
    again (another algorithm, only its key points translated, no sentences) is returned as it is.
    """
    from newsbrief.key_points import summarize_again

    options = options or Options()
    articles = list(articles)
    if options.translate_only == "key-points":
        return articles  # only the key points were translated: nothing else to pick from
    texts = [
        [p.text for p in a.translation.sentences] if a.translation is not None else []
        for a in articles
    ]
    shares = outlet_evidence(texts)
    if shares is None:
        return articles
    out = []
    for article, share in zip(articles, shares, strict=True):
        if not _repickable(article) or (not share.any() and count is None):
            out.append(article)
            continue
        want = count if count is not None else len(article.summary.key_points)
        picking = replace(options, count=want, ratio=None)
        try:
            summary = summarize_again(article, picking, BOOST * share)
        except ValueError:
            out.append(article)
            continue
        out.append(replace(article, summary=summary))
    return out
