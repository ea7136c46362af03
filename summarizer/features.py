"""Fast sentence features for the default ranker, vectorised with numpy, in bounded memory.

sumy's graph rankers compare every pair of sentences in pure Python, which takes minutes on a
2,000-sentence text.  The same quantities are computed here from the sentence-term counts: two
sentences only interact through the terms they share (`overlap[i, j] = Σ_t count_i(t) ·
count_j(t)`, the product of the sparse sentence-term matrix with its transpose).

Up to `EXACT_LIMIT` sentences (every real article) the n×n pair matrix is built, as before.
Beyond that it never is: an n×n matrix of 100,000 sentences ("Hi." repeated, well inside the
5 MB input limit) is 75 GiB, and a sparse one is no better when one word is in every sentence
(a million pairs per thousand sentences).  Windowed or top-k similarity would bound it, but
would change what the ratings mean (a restatement three pages later would no longer count).
Instead both graph ratings are rewritten as products through the term space, which give the
same numbers in O(non-zero counts) time and memory per product:
- LexRank's PageRank only needs the row sums of the cosine matrix and one matrix-vector product
  per iteration, and `S v = N (C (Cᵀ (N v)))` minus the diagonal, with C the counts and N the
  inverse norms — two passes over the non-zero counts;
- Reduction divides each pair by `log|i| + log|j|`, which depends on j only through its length,
  so the sum over j is taken per length class: one pass per distinct length.  Real texts have a
  few dozen lengths; past `LENGTH_CLASSES` distinct lengths they are grouped in quarter-octaves
  (the divisor then differs by under 9% of a log, only on inputs no article resembles).
Time is O(non-zero counts × (PageRank iterations + length classes)), linear in the text.

Features (one row per sentence):
- reduction: Σ_j overlap(i, j) / (log|i| + log|j|), sumy's Reduction rating.
- lexrank: PageRank over cosine similarities of the term counts (continuous LexRank).  Of the
  graph ratings it separates the BBC reference sentences best (per-article AUC 0.883, against
  0.873 for Reduction and 0.874 for TextRank over Reduction's edges).
- title: share of the title's content words the sentence contains.
- position: 1 for the first sentence, falling as 1 / (1 + index / 3).
- length: content words in the sentence (log scale).
- first: the lead sentence.
- quote: the sentence opens a quotation (`summarizer.quotes`: a quote mark or a dialogue dash;
  quotes are rarely the key point).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarizer.quotes import opens_quote
from summarizer.stemming import get_stemmer
from summarizer.stopwords import stop_words
from summarizer.tokenizing import Tokenizer

# Up to this many sentences the n×n pair matrix is built (8 MB); longer texts go through the
# term space (see the module docstring).  The two give the same ratings to 1e-9.
EXACT_LIMIT = 1000
# Past this many distinct sentence lengths, Reduction groups lengths in quarter-octaves.
LENGTH_CLASSES = 64
# PageRank's damping, iterations and convergence threshold (sum of absolute changes).
_DAMPING = 0.85
_ITERATIONS = 60
_TOLERANCE = 1e-7

FEATURES = ("reduction", "lexrank", "title", "position", "length", "first", "quote")
_QUOTES = set("\"'«“„‘")


@dataclass
class SentenceTerms:
    """Stemmed content-word counts per sentence, and the title's stems.

    Identical sentences share one Counter object: treat them as read-only.
    """

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

    # A repeated sentence shares its Counter (read-only everywhere): a text of 1,000,000 "Hi."
    # holds one Counter, not a million (about 200 bytes each).
    seen: dict[str, Counter[str]] = {}
    counts = []
    for sentence in sentences:
        counter = seen.get(sentence)
        if counter is None:
            counter = seen[sentence] = Counter(terms(sentence))
        counts.append(counter)
    del seen
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


def _pagerank(
    weights: np.ndarray, damping: float = _DAMPING, iterations: int = _ITERATIONS
) -> np.ndarray:
    n = len(weights)
    rows = weights.sum(axis=1, keepdims=True)
    rows[rows == 0] = 1.0
    transition = (weights / rows).T
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        updated = (1 - damping) / n + damping * (transition @ rank)
        if np.abs(updated - rank).sum() < _TOLERANCE:
            return updated
        rank = updated
    return rank


@dataclass
class _Entries:
    """The non-zero sentence-term counts as three parallel arrays (a sparse matrix, COO)."""

    rows: np.ndarray  # sentence index
    cols: np.ndarray  # term index
    values: np.ndarray  # count
    n: int  # sentences
    terms: int  # distinct terms


def _entries(counts: Sequence[Counter[str]]) -> _Entries:
    # array.array holds 8 bytes an entry where a list holds a 28-36-byte object.
    ids: dict[str, int] = {}
    rows, cols, values = array("q"), array("q"), array("d")
    for i, counter in enumerate(counts):
        for term, c in counter.items():
            rows.append(i)
            cols.append(ids.setdefault(term, len(ids)))
            values.append(c)
    return _Entries(
        np.frombuffer(rows, dtype=np.int64),
        np.frombuffer(cols, dtype=np.int64),
        np.frombuffer(values, dtype=float),
        len(counts),
        len(ids),
    )


def _times_transpose(
    e: _Entries, weights: np.ndarray, vector: np.ndarray, diagonal: np.ndarray | None = None
) -> np.ndarray:
    """(W Wᵀ v) without the diagonal, W being the entries scaled by `weights` (one per entry).

    `diagonal`: W Wᵀ's diagonal, when the caller keeps it across calls (it depends on W only).
    """
    # Products in place, one temporary an entry at a time (same numbers as `weights * x[i]`).
    gathered = vector[e.rows].astype(float, copy=False)
    gathered *= weights
    per_term = np.bincount(e.cols, gathered, minlength=e.terms)
    gathered = per_term[e.cols].astype(float, copy=False)  # bincount of nothing is int
    gathered *= weights
    del per_term
    product = np.bincount(e.rows, gathered, minlength=e.n)
    del gathered
    if diagonal is None:
        diagonal = np.bincount(e.rows, weights * weights, minlength=e.n)
    product -= diagonal * vector
    return product


def _lexrank_sparse(e: _Entries, norms: np.ndarray) -> np.ndarray:
    """`_pagerank` of the cosine matrix, computed through the term space (no n×n matrix)."""
    n = e.n
    scaled = e.values / norms[e.rows]
    diagonal = np.bincount(e.rows, scaled * scaled, minlength=n)
    row_sums = _times_transpose(e, scaled, np.ones(n), diagonal)
    # A sentence sharing no term has a zero row (up to rounding): it passes no rank on.
    connected = row_sums > 1e-10
    inverse = np.where(connected, 1.0 / np.where(connected, row_sums, 1.0), 0.0)
    del row_sums, connected
    rank = np.full(n, 1.0 / n)
    # In place where the arithmetic is the same (a million sentences: each temporary is 8 MB).
    for _ in range(_ITERATIONS):
        updated = _times_transpose(e, scaled, rank * inverse, diagonal)
        updated *= _DAMPING
        updated += (1 - _DAMPING) / n
        change = updated - rank
        if np.abs(change, out=change).sum() < _TOLERANCE:
            return updated
        del change
        rank = updated
    return rank


def _classes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(values, return_inverse=True) for small non-negative whole numbers (lengths in
    words), by counting rather than sorting: a sort of a million values holds half a dozen
    arrays that size at once."""
    whole = values.astype(np.int64)
    if len(whole) == 0 or whole.min() < 0 or whole.max() > 1_000_000 or (whole != values).any():
        return np.unique(values, return_inverse=True)
    present = np.flatnonzero(np.bincount(whole))
    lookup = np.zeros(int(whole.max()) + 1, dtype=np.int64)
    lookup[present] = np.arange(len(present))
    return present.astype(values.dtype), lookup[whole]


def _reduction_sparse(e: _Entries, lengths: np.ndarray) -> np.ndarray:
    """Σ_j overlap(i, j) / (log|i| + log|j|), summed per class of sentence length j."""
    logs = np.log(np.maximum(lengths, 1.0))
    classes, inverse = _classes(lengths)
    if len(classes) > LENGTH_CLASSES:
        # Quarter-octaves, each divided by the mean log length of its members.
        bucket = np.floor(np.log2(np.maximum(lengths, 1.0)) * 4).astype(np.int64)
        classes, inverse = _classes(bucket)
        del bucket
    class_logs = np.bincount(inverse, logs) / np.bincount(inverse)
    own = np.bincount(e.rows, e.values * e.values, minlength=e.n)
    reduction = np.zeros(e.n)
    # One length class (a text of "Hi." lines): every entry and sentence is in it, so no
    # per-entry class array or masks, which would be three more arrays of a million.
    single = len(class_logs) == 1
    entry_class = None if single else inverse[e.rows]
    for k, class_log in enumerate(class_logs):
        if entry_class is None:
            totals = np.bincount(e.cols, e.values, minlength=e.terms)
        else:
            members = entry_class == k
            totals = np.bincount(e.cols[members], e.values[members], minlength=e.terms)
            del members
        per_entry = totals[e.cols].astype(float, copy=False)  # bincount of nothing is int
        per_entry *= e.values
        overlap = np.bincount(e.rows, per_entry, minlength=e.n)
        del per_entry
        if single:
            overlap -= own
        else:
            mine = inverse == k
            overlap[mine] -= own[mine]
            del mine
        norm = logs + class_log
        norm[norm == 0] = 1.0
        overlap /= norm
        del norm
        reduction += overlap
    return reduction


def feature_matrix(terms: SentenceTerms, sentences: Sequence[str]) -> np.ndarray:
    """Rows: sentences; columns: FEATURES (raw values, not normalised)."""
    counts = terms.counts
    n = len(counts)
    # fromiter, and the columns written into one matrix as they come: a million sentences
    # ("Hi." lines) would otherwise hold lists and a dozen loose columns at once.
    lengths = np.fromiter((sum(c.values()) for c in counts), dtype=float, count=n)
    norms = np.sqrt(
        np.fromiter((sum(c * c for c in counter.values()) for counter in counts), float, n)
    )
    norms[norms == 0] = 1.0
    if n > EXACT_LIMIT:
        entries = _entries(counts)
        reduction = _reduction_sparse(entries, lengths)
        lexrank = _lexrank_sparse(entries, norms)
        del entries
    else:
        overlap = overlap_matrix(counts)
        logs = np.log(np.maximum(lengths, 1.0))
        norm = logs[:, None] + logs[None, :]
        norm[norm == 0] = 1.0
        reduction = (overlap / norm).sum(axis=1)
        del norm
        overlap /= norms[:, None]
        overlap /= norms[None, :]
        lexrank = _pagerank(overlap)
        del overlap
    del norms
    matrix = np.empty((n, len(FEATURES)))
    matrix[:, 0] = reduction
    del reduction
    matrix[:, 1] = lexrank
    del lexrank
    if terms.title:
        matrix[:, 2] = np.fromiter(
            (len(terms.title & c.keys()) / len(terms.title) for c in counts), float, n
        )
    else:
        matrix[:, 2] = 0.0
    index = np.arange(n)
    matrix[:, 3] = 1.0 / (1.0 + index / 3.0)
    matrix[:, 4] = np.log1p(lengths)
    matrix[:, 5] = index == 0
    matrix[:, 6] = np.fromiter(
        (s.lstrip()[:1] in _QUOTES or opens_quote(s) for s in sentences), bool, n
    )
    return matrix
