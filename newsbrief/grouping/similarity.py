"""How alike two English sentences are in meaning, offline and deterministically.

Cross-source comparison must see that "Hanna is expected to reach Mexico on Sunday morning" and
"The arrival of Hanna in Mexico is expected on Sunday morning" state the same thing, while two
sentences about different events that share a few common words do not. No embedding model is
available offline, so the score blends three lexical signals that each cover a weakness of the
others:

- content-word overlap: stems of non-function words, with hand-written synonym groups folded to
  one form, weighted by IDF so rare names and numbers count more than "said" or "people";
- character n-grams of those words (TF-IDF cosine): catches spelling and transliteration variants
  (Sergey/Sergei, Zelensky/Zelenskyy) and morphology the stemmer misses;
- numbers: sentences quoting different figures of different things are unlikely to be the same
  statement (the same thing counted differently is one statement that disagrees: `figures`).

IDF is learnt from the sentences being compared (plus any extra context sentences given), so it
adapts to the story at hand: the name every outlet repeats carries less weight than a detail.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import numpy as np

from newsbrief.grouping.terms import _TOKEN, STOPWORDS, _tagged_terms, content_terms


@lru_cache(maxsize=8192)
def _term_counts(sentence: str) -> Counter[str]:
    """Content-term counts of a sentence (cached: read, never changed)."""
    return Counter(content_terms(sentence))


def claim_terms(sentence: str) -> frozenset[str]:
    """The content terms written in lower case, and numbers: what is said rather than who.

    Two sentences of one story share its names (Putin, Trump, the U.S.) whatever they say; two
    sentences that state the same thing also share some of this (or a synonym of it).
    """
    tagged = _tagged_terms(sentence)
    # "said", "announced", "stressed": every quote has one, whatever it quotes.
    words = frozenset(term for term, kind in tagged if kind == "word" and term != "say")
    if len(words) <= 1:
        # A headline in title case: capitals say nothing about names there.
        return frozenset(term for term, _ in tagged)
    return words


def numbers_in(terms: Iterable[str]) -> frozenset[str]:
    return frozenset(t for t in terms if t[0].isdigit())


def _is_count(value: str) -> bool:
    """A figure's value of 10 or more that is no year: rare enough to tell one fact's accounts
    ("²" is a digit to `isdigit` but no number; a 5000-digit run is no count either)."""
    if not (value.isascii() and value.isdigit()) or len(value) > 15:
        return False
    number = int(value)
    return number >= 10 and not 1900 <= number <= 2100


@lru_cache(maxsize=65536)
def _word_ngrams(word: str, sizes: tuple[int, ...] = (3, 4, 5)) -> tuple[str, ...]:
    padded = f"<{word}>"
    return tuple(padded[i : i + n] for n in sizes for i in range(len(padded) - n + 1))


def _char_ngrams(words: Sequence[str]) -> Counter[str]:
    grams: Counter[str] = Counter()
    for word in words:
        grams.update(_word_ngrams(word))
    return grams


@lru_cache(maxsize=8192)
def _sentence_grams(sentence: str) -> Counter[str]:
    """Character n-gram counts of the sentence's words (cached: read, never changed)."""
    return _char_ngrams(_raw_words(sentence))


def _raw_words(sentence: str) -> list[str]:
    # Character n-grams come from the surface words (not stems) so that spelling variants of
    # names still share most of their grams; stopwords are dropped all the same.
    out = []
    for raw in _TOKEN.findall(sentence.replace("’", "'").replace("ʼ", "'")):
        word = raw.lower()
        if word not in STOPWORDS and (len(word) > 1 or word.isdigit()):
            out.append(word)
    return out


@dataclass(frozen=True)
class Weights:
    """How the signals are blended; the defaults were tuned on half of the paraphrase dev set."""

    word: float = 0.5
    char: float = 0.5
    number_mismatch: float = 0.5  # multiplier when both quote figures and share none
    # ... when they share what a figure counts but not its value ("19-year term", "28-year
    # term"): one statement whose accounts disagree (flagged, `figures`) as often as two.
    figure_mismatch: float = 1.0
    names_only: float = 0.5  # multiplier when the two share no claim term (see claim_terms)
    # ... when they share a count of 10 or more that is no year ("at least 115 had died",
    # "115 people were killed"): long accounts of one fact share few words but its figure.
    number_match: float = 1.6


class SentenceSimilarity:
    """Pairwise similarity of sentences, with IDF learnt from a collection of sentences."""

    def __init__(self, collection: Iterable[str], weights: Weights | None = None) -> None:
        self.weights = weights or Weights()
        docs = list(collection)
        self._n = len(docs)
        self._word_df: Counter[str] = Counter()
        self._char_df: Counter[str] = Counter()
        for sentence in docs:
            self._word_df.update(set(content_terms(sentence)))
            self._char_df.update(_sentence_grams(sentence).keys())

    def idf(self, term: str) -> float:
        """The smoothed IDF of a content term in the collection (as the word vectors use)."""
        return math.log((self._n + 1) / (self._word_df.get(term, 0) + 1)) + 1.0

    def scores(self, sentences: Sequence[str]) -> Scores:
        """A scorer over `sentences` that computes rows of their similarity matrix on demand.

        Built sentence by sentence into compact arrays (no per-sentence Counter or set is kept):
        a 5 MB text is a million sentences, and their Counters alone took gigabytes.
        """
        words = _tfidf_rows((_term_counts(s) for s in sentences), self._word_df, self._n)
        chars = _tfidf_rows((_sentence_grams(s) for s in sentences), self._char_df, self._n)
        # Imported here: figures.py reads what a figure counts with this module's terms.
        from newsbrief.grouping.figures import count_keys, figure_keys
        from newsbrief.grouping.figures import figures as figures_of

        figures, things, claims, counts = _Binary(), _Binary(), _Binary(), _Binary()
        for s in sentences:
            numbers = numbers_in(content_terms(s))
            figures.add(numbers)
            # What a figure counts, not a day of a month or a clock time ("on 23 August").
            found = figures_of(s)
            days = {f.value for f in found if any(t.startswith("month:") for t in f.thing)}
            counts.add(
                key
                for n in numbers
                if _is_count(n) and n not in days
                for key in count_keys(n, {f.qualifier for f in found if f.value == n})
            )
            things.add(k for k in set(figure_keys(s)) if k[0] == "#")
            claims.add(claim_terms(s))
        return Scores(
            words,
            chars,
            figures.sparse(),
            things.sparse(),
            claims.sparse(),
            self.weights,
            counts.sparse(),
        )

    def pairwise(self, sentences: Sequence[str]) -> np.ndarray:
        """Similarity of every sentence to every other, as a symmetric matrix in [0, 1].

        The diagonal (a sentence with itself) is not meaningful: see `Scores`.
        """
        scorer = self.scores(sentences)
        return scorer.rows(range(len(sentences)))

    def matrix(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        """Similarity of every sentence of `left` to every sentence of `right`."""
        full = self.pairwise(list(left) + list(right))
        return full[: len(left), len(left) :]

    def score(self, a: str, b: str) -> float:
        return float(self.pairwise([a, b])[0, 1])


class Scores:
    """Rows of the similarity matrix of a list of sentences, computed only where asked.

    Vectorised (one product per signal) because a comparison of several outlets scores thousands
    of pairs; by rows because `compare` needs only the rows of key points and of the sentences
    near them; and sparse in storage, each product made dense only over the terms of the rows
    asked for and a block of sentences at a time, so memory stays bounded on long texts
    (`blocks` hands the row blocks over one at a time: rows x every sentence never exists).
    """

    BLOCK = 512  # sentences per dense block (x the terms of the rows asked for)

    def __init__(
        self,
        words: _Sparse,
        chars: _Sparse,
        quoted: _Sparse,
        things: _Sparse,
        claims: _Sparse,
        w: Weights,
        counts: _Sparse | None = None,
    ) -> None:
        self.weights = w
        self.size = len(quoted.indptr) - 1
        self._words = words
        self._chars = chars
        self._quoted = quoted
        self._has = np.diff(quoted.indptr) > 0
        self._things = things
        self._claims = claims
        self._counts = counts

    def rows(self, index: Iterable[int]) -> np.ndarray:
        """Similarity of the sentences `index` (in that order) to every sentence."""
        idx = np.fromiter(index, dtype=int)
        out = np.empty((len(idx), self.size))
        for start, stop, block in self.blocks(idx):
            out[:, start:stop] = block
        return out

    def between(self, rows: Sequence[int], columns: Sequence[int]) -> np.ndarray:
        """Similarity of the sentences `rows` to the sentences `columns` (both in that order),
        a block of sentences at a time: the rows x every sentence are never held."""
        cols = np.asarray(columns, dtype=int)
        order = np.argsort(cols, kind="stable")
        ordered = cols[order]
        out = np.empty((len(rows), len(cols)))
        for start, stop, block in self.blocks(rows):
            a, b = np.searchsorted(ordered, [start, stop])
            out[:, order[a:b]] = block[:, ordered[a:b] - start]
        return out

    def blocks(self, index: Iterable[int]) -> Iterator[tuple[int, int, np.ndarray]]:
        """(start, stop, similarity of `index` to sentences start..stop), BLOCK at a time."""
        idx = np.fromiter(index, dtype=int)
        w = self.weights
        signals = (self._words, self._chars, self._quoted, self._things, self._claims)
        left = [m.left(idx) for m in signals]
        counted = None
        if w.number_match != 1.0 and self._counts is not None:
            counted = self._counts.left(idx)
        for start in range(0, self.size, self.BLOCK):
            stop = min(start + self.BLOCK, self.size)
            out = w.word * self._words.product(left[0], start, stop)
            out += w.char * self._chars.product(left[1], start, stop)
            shared = self._quoted.product(left[2], start, stop) > 0
            mismatch = self._has[idx][:, None] & self._has[None, start:stop] & ~shared
            same_thing = self._things.product(left[3], start, stop) > 0
            out[mismatch & ~same_thing] *= w.number_mismatch
            out[mismatch & same_thing] *= w.figure_mismatch
            if w.names_only != 1.0:
                out[self._claims.product(left[4], start, stop) <= 0] *= w.names_only
            if w.number_match != 1.0 and counted is not None:
                out[self._counts.product(counted, start, stop) > 0] *= w.number_match
                np.minimum(out, 1.0, out=out)
            yield start, stop, out


class _Sparse:
    """Rows of term weights in compressed form (row pointers, term ids, values)."""

    def __init__(self, indptr: np.ndarray, terms: np.ndarray, values: np.ndarray) -> None:
        self.indptr = indptr
        self.terms = terms
        self.values = values

    def left(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(vocabulary, dense rows) of the rows `idx`: made once for all `product`s with them."""
        own = np.concatenate(
            [self.terms[self.indptr[i] : self.indptr[i + 1]] for i in idx] or [np.empty(0, int)]
        )
        vocab = np.unique(own)
        return vocab, self._dense(idx, vocab)

    def product(self, left: tuple[np.ndarray, np.ndarray], start: int, stop: int) -> np.ndarray:
        """Dot products of the rows of `left` with rows start..stop, dense over their terms."""
        vocab, dense = left
        lo, hi = self.indptr[start], self.indptr[stop]
        terms = self.terms[lo:hi]
        pos = np.searchsorted(vocab, terms)
        pos[pos == len(vocab)] = 0
        hit = vocab[pos] == terms if len(vocab) else np.zeros(len(terms), dtype=bool)
        right = np.zeros((stop - start, max(len(vocab), 1)), dtype=np.float32)
        # Each entry's row within the block (made here: a row number per entry of a million
        # sentences would be stored for nothing).
        row_of = np.repeat(np.arange(stop - start), np.diff(self.indptr[start : stop + 1]))
        right[row_of[hit], pos[hit]] = self.values[lo:hi][hit]
        # einsum rather than `@`: a threaded BLAS call costs far more than the arithmetic on a
        # busy machine (measured 100x slower under load).
        return np.einsum("ij,kj->ik", dense, right).astype(np.float64)

    def _dense(self, idx: np.ndarray, vocab: np.ndarray) -> np.ndarray:
        out = np.zeros((len(idx), max(len(vocab), 1)), dtype=np.float32)
        for row, i in enumerate(idx.tolist()):
            lo, hi = self.indptr[i], self.indptr[i + 1]
            out[row, np.searchsorted(vocab, self.terms[lo:hi])] = self.values[lo:hi]
        return out


class _Binary:
    """Sets of terms (a sentence's figures, its claim terms) added one at a time, as a 0/1
    `_Sparse`: compact arrays, not a set per sentence."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.terms = array("q")
        self.lengths = array("q")

    def add(self, terms: Iterable[str]) -> None:
        before = len(self.terms)
        self.terms.extend(self.ids.setdefault(t, len(self.ids)) for t in terms)
        self.lengths.append(len(self.terms) - before)

    def sparse(self) -> _Sparse:
        indptr = np.zeros(len(self.lengths) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum(np.frombuffer(self.lengths, dtype=np.int64))
        terms = np.frombuffer(self.terms, dtype=np.int64).copy()
        return _Sparse(indptr, terms, np.ones(len(terms), dtype=np.float32))


def _tfidf_rows(counts: Iterable[Counter[str]], df: Counter[str], n: int) -> _Sparse:
    """Unit-length TF-IDF rows.

    TF is sublinear (1 + log count); IDF smoothed, log((n + 1) / (df + 1)) + 1, so a term
    absent from the collection is as rare as a term seen once. float32: scores are compared
    with thresholds two decimals wide, and the product runs ~3x faster on it. The rows are
    read _CHUNK at a time into arrays, so no more than _CHUNK Counters are alive at once.
    Terms that only one row holds are stored too: they add nothing to a product between two
    rows (only to a row with itself, which nobody reads), and dropping them needed a second
    copy of every entry, the largest allocation of a comparison of long texts.
    """
    ids: dict[str, int] = {}
    idf_of: list[float] = []  # by term id
    top = math.log(n + 1) + 1.0  # idf = top - log(df + 1)
    # Growing buffers (realloc'd in place), not pieces to join: the entries of a long text are
    # tens of millions (10 M char n-grams for a 5 MB text), and joining would hold them twice.
    all_terms = array("i")
    all_weights = array("f")
    lengths: list[np.ndarray] = []
    it = iter(counts)
    while True:
        chunk = list(islice(it, _CHUNK))
        if not chunk:
            break
        sizes = np.fromiter((len(c) for c in chunk), dtype=np.int64, count=len(chunk))
        total = int(sizes.sum())
        for c in chunk:
            for t in c:
                if t not in ids:
                    ids[t] = len(ids)
                    idf_of.append(top - math.log(df.get(t, 0) + 1.0))
        terms = np.fromiter((ids[t] for c in chunk for t in c), dtype=np.int32, count=total)
        tf = np.fromiter((k for c in chunk for k in c.values()), dtype=np.float64, count=total)
        idf = np.asarray(idf_of)[terms]
        rows = np.repeat(np.arange(len(chunk)), sizes)
        weight = (1.0 + np.log(tf)) * idf if total else tf
        norms = np.sqrt(np.bincount(rows, weights=weight * weight, minlength=len(chunk)))
        norms[norms == 0] = 1.0
        all_terms.frombytes(terms.tobytes())
        all_weights.frombytes((weight / norms[rows]).astype(np.float32).tobytes())
        lengths.append(sizes)
    if not lengths:
        return _Sparse(np.zeros(1, dtype=np.int64), np.empty(0, np.int64), np.empty(0, np.float32))
    terms = np.frombuffer(all_terms, dtype=np.int32)
    weights = np.frombuffer(all_weights, dtype=np.float32)
    indptr = np.zeros(sum(len(x) for x in lengths) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum(np.concatenate(lengths))
    return _Sparse(indptr, terms, weights)


_CHUNK = 4096  # rows turned into arrays at a time
