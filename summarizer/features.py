"""Fast sentence features for the default ranker, vectorised with numpy.

sumy's graph rankers compare every pair of sentences in pure Python, which takes minutes on a
2,000-sentence text.  The same quantities are computed here from an inverted index: two sentences
only interact through the terms they share, so the pair weights are accumulated term by term
(`overlap[i, j] = Σ_t count_i(t) · count_j(t)`), which costs Σ df² instead of n² · words.

Features (one row per sentence):
- reduction: Σ_j overlap(i, j) / (log|i| + log|j|), sumy's Reduction rating.
- lexrank: PageRank over cosine similarities of the term counts (continuous LexRank).  Of the
  graph ratings it separates the BBC reference sentences best (per-article AUC 0.883, against
  0.873 for Reduction and 0.874 for TextRank over Reduction's edges).
- title: share of the title's content words the sentence contains.
- position: 1 for the first sentence, falling as 1 / (1 + index / 3).
- length: content words in the sentence (log scale).
- first: the lead sentence.
- quote: the sentence opens with a quotation mark (quotes are rarely the key point).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarizer.stemming import get_stemmer
from summarizer.stopwords import stop_words
from summarizer.tokenizing import Tokenizer

FEATURES = ("reduction", "lexrank", "title", "position", "length", "first", "quote")
_QUOTES = set("\"'«“„‘")


@dataclass
class SentenceTerms:
    """Stemmed content-word counts per sentence, and the title's stems."""

    counts: list[Counter[str]]
    title: frozenset[str]


def sentence_terms(
    sentences: Sequence[str], language: str, title: str | None = None
) -> SentenceTerms:
    tokenizer = Tokenizer(language)
    stem = get_stemmer(language)
    stops = stop_words(language)

    def terms(text: str) -> list[str]:
        words = (w.lower() for w in tokenizer.to_words(text))
        return [stem(w) for w in words if w not in stops and len(w) > 1]

    counts = [Counter(terms(s)) for s in sentences]
    return SentenceTerms(counts, frozenset(terms(title)) if title else frozenset())


def overlap_matrix(counts: Sequence[Counter[str]]) -> np.ndarray:
    """overlap[i, j] = Σ_t count_i(t) · count_j(t) for i != j (0 on the diagonal)."""
    n = len(counts)
    postings: dict[str, tuple[list[int], list[float]]] = {}
    for i, counter in enumerate(counts):
        for term, c in counter.items():
            entry = postings.setdefault(term, ([], []))
            entry[0].append(i)
            entry[1].append(float(c))
    matrix = np.zeros((n, n))
    for rows, values in postings.values():
        if len(rows) < 2:
            continue
        idx = np.asarray(rows)
        vec = np.asarray(values)
        matrix[np.ix_(idx, idx)] += np.outer(vec, vec)
    np.fill_diagonal(matrix, 0.0)
    return matrix


def _pagerank(weights: np.ndarray, damping: float = 0.85, iterations: int = 60) -> np.ndarray:
    n = len(weights)
    rows = weights.sum(axis=1, keepdims=True)
    rows[rows == 0] = 1.0
    transition = (weights / rows).T
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        updated = (1 - damping) / n + damping * (transition @ rank)
        if np.abs(updated - rank).sum() < 1e-7:
            return updated
        rank = updated
    return rank


def feature_matrix(terms: SentenceTerms, sentences: Sequence[str]) -> np.ndarray:
    """Rows: sentences; columns: FEATURES (raw values, not normalised)."""
    counts = terms.counts
    n = len(counts)
    lengths = np.array([sum(c.values()) for c in counts], dtype=float)
    overlap = overlap_matrix(counts)
    logs = np.log(np.maximum(lengths, 1.0))
    norm = logs[:, None] + logs[None, :]
    norm[norm == 0] = 1.0
    reduction = (overlap / norm).sum(axis=1)
    del norm
    norms = np.sqrt([sum(c * c for c in counter.values()) for counter in counts])
    norms[norms == 0] = 1.0
    overlap /= norms[:, None]
    overlap /= norms[None, :]
    lexrank = _pagerank(overlap)
    del overlap
    if terms.title:
        title = np.array([len(terms.title & c.keys()) / len(terms.title) for c in counts])
    else:
        title = np.zeros(n)
    index = np.arange(n)
    position = 1.0 / (1.0 + index / 3.0)
    length = np.log1p(lengths)
    first = (index == 0).astype(float)
    quote = np.array([s.lstrip()[:1] in _QUOTES for s in sentences], dtype=float)
    return np.column_stack([reduction, lexrank, title, position, length, first, quote])
