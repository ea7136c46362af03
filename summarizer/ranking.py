"""From sentences to ranked key points: boilerplate filter, a ranker, redundancy-aware selection.

Every algorithm goes through the same three steps so that they differ only in how they rate:
1. boilerplate (appeals, credits, bylines, "Read more"; on either side of a translation), lead-ins
   that end with a colon ("Key demands include:", the list is the point) and fragments of under
   four words are set aside; if nothing else is left they are ranked after all, so a document
   always gets a summary;
2. the chosen ranker rates the remaining sentences (sumy's classes are quadratic in pure Python,
   so on long texts they rate only the best candidates by the fast default ranker);
3. sentences are taken best first, skipping any that repeats an already chosen one (cosine
   similarity of stemmed content words above `DUPLICATE_SIMILARITY`, or a restatement: above
   `RESTATEMENT_SIMILARITY` and sharing many word pairs).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from summarizer.algorithms import REGISTRY
from summarizer.boilerplate import boilerplate_mask
from summarizer.default import default_scores
from summarizer.features import sentence_terms
from summarizer.tokenizing import count_words

# A key point has at least this many words.
MIN_WORDS = 4
# Two bullets whose content words overlap this much say the same thing.
DUPLICATE_SIMILARITY = 0.7
# A restatement ("The mutual opening of airspace and the return of diplomatic property remain
# priority issues for Russia…" after the lead "The restoration of direct flights and the return of
# diplomatic property are among the priority issues for Moscow…": cosine 0.65) also repeats
# phrases: above RESTATEMENT_SIMILARITY, sharing this share of the shorter one's word pairs.
# On BBC it drops 8 picks, nearly all a quote beside the sentence reporting it.
RESTATEMENT_SIMILARITY = 0.6
RESTATEMENT_BIGRAMS = 0.4
_TOKEN = re.compile(r"[^\W_]+")
# The most sentences each sumy algorithm rates directly (about a second each on this machine);
# longer texts are first cut to that many candidates by the default ranker.
SUMY_CANDIDATES = {name: a.candidates for name, a in REGISTRY.items() if a.candidates}


def _order(scores: np.ndarray) -> np.ndarray:
    """Indices best first; ties go to the earlier sentence (deterministic)."""
    return np.lexsort((np.arange(len(scores)), -scores))


def _bigrams(sentence: str) -> set[tuple[str, str]]:
    words = _TOKEN.findall(sentence.lower())
    return set(zip(words, words[1:], strict=False))


def _repeats(a: str, b: str) -> bool:
    """Whether `a` and `b` share at least RESTATEMENT_BIGRAMS of the shorter one's word pairs."""
    first, second = _bigrams(a), _bigrams(b)
    shorter = min(len(first), len(second))
    return shorter > 0 and len(first & second) >= RESTATEMENT_BIGRAMS * shorter


def _is_repeat(similarity: float, text: str, other: str) -> bool:
    if similarity > DUPLICATE_SIMILARITY:
        return True
    return similarity > RESTATEMENT_SIMILARITY and _repeats(text, other)


class _Chosen:
    """The sentences chosen so far, indexed so that a candidate meets only those it may repeat.

    Comparing each candidate with every chosen sentence costs n × picks, quadratic when a ratio
    asks for a share of a long text.  A repeat has cosine above RESTATEMENT_SIMILARITY (τ), and
    two sentences can only get there by sharing one of the rarer terms of each: if every shared
    term is among a sentence's most frequent terms (in the text) whose weight is ≤ τ of its norm,
    the cosine is ≤ τ.  So each chosen sentence is indexed by its other, rarer terms only (the
    prefix-filtering bound of similarity joins): the answers are exactly those of comparing all
    pairs, while the lists of common words stay out of the index.
    """

    def __init__(self, counts: Sequence[Counter[str]], texts: Sequence[str]) -> None:
        self.counts = counts
        self.texts = texts
        self.frequency: Counter[str] = Counter()
        for counter in counts:
            self.frequency.update(counter.keys())
        self.by_term: dict[str, list[int]] = {}
        self.indices: list[int] = []
        self.norms: dict[int, float] = {}

    def repeats(self, index: int) -> bool:
        counter = self.counts[index]
        if not counter:
            return False
        norm = math.sqrt(sum(v * v for v in counter.values()))
        seen: set[int] = set()
        for term in counter:
            for other in self.by_term.get(term, ()):
                if other in seen:
                    continue
                seen.add(other)
                theirs = self.counts[other]
                dot = sum(count * theirs[t] for t, count in counter.items() if t in theirs)
                similarity = dot / (norm * self.norms[other])
                if _is_repeat(similarity, self.texts[index], self.texts[other]):
                    return True
        return False

    def add(self, index: int) -> None:
        self.indices.append(index)
        counter = self.counts[index]
        self.norms[index] = math.sqrt(sum(v * v for v in counter.values()))
        terms = sorted(counter, key=lambda term: (self.frequency[term], term))  # rarest first
        allowance = RESTATEMENT_SIMILARITY**2 * sum(v * v for v in counter.values())
        common = 0.0
        keep = len(terms)
        while keep > 1 and common + counter[terms[keep - 1]] ** 2 <= allowance:
            keep -= 1
            common += counter[terms[keep]] ** 2
        for term in terms[:keep]:
            self.by_term.setdefault(term, []).append(index)


def _select(
    order: Sequence[int], counts: Sequence[Counter[str]], texts: Sequence[str], want: int
) -> list[int]:
    chosen = _Chosen(counts, texts)
    for position in order:
        if len(chosen.indices) == want:
            break
        index = int(position)
        if not chosen.repeats(index):
            chosen.add(index)
    return chosen.indices


def _top_words(counts: Sequence[Counter[str]], title: frozenset[str], size: int = 10) -> list[str]:
    total: Counter[str] = Counter()
    for counter in counts:
        total.update(counter)
    return sorted(title) + [term for term, _ in total.most_common(size)]


def is_lead_in(sentence: str) -> bool:
    """A sentence that ends with a colon introduces what follows ("Key demands include:")."""
    return sentence.rstrip().rstrip("\"'»”’)]").rstrip().endswith(":")


def candidate_sentences(
    sentences: Sequence[str], originals: Sequence[str] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(non-boilerplate indices, indices the rankers rate): step 1 of the module docstring.

    With `originals` (the other side of a translation), a sentence is left out when either side
    is boilerplate or a lead-in.  Index arrays rather than lists: a list of a million ints takes
    36 MB, an array 8.
    """
    # The same list on both sides (nothing was translated): one side says it all.
    same = originals is None or originals is sentences
    sides = [sentences] if same else [sentences, originals]
    left_out = np.zeros(len(sentences), dtype=bool)
    for side in sides:
        listed = side if isinstance(side, list) else list(side)
        left_out |= np.array(boilerplate_mask(listed), dtype=bool)
        left_out |= np.fromiter((is_lead_in(s) for s in side), dtype=bool, count=len(side))
    news = np.flatnonzero(~left_out)
    del left_out
    # Fragments ("We'll see.", "He said.") carry no point; they are used only if nothing else is.
    full = np.fromiter(
        (count_words(sentences[i]) >= MIN_WORDS for i in news), dtype=bool, count=len(news)
    )
    candidates = news[full]
    if not len(candidates):
        candidates = news if len(news) else np.arange(len(sentences))
    return news, candidates


def rank_sentences(
    sentences: Sequence[str],
    want: int,
    *,
    language: str = "en",
    algorithm: str = "default",
    title: str | None = None,
    originals: Sequence[str] | None = None,
) -> list[tuple[int, float]]:
    """(index, score 0..1) of up to `want` key sentences, best first.

    `originals`: the same sentences on the other side of a translation (see
    `candidate_sentences`)."""
    news, candidates = candidate_sentences(sentences, originals)
    texts = sentences if len(candidates) == len(sentences) else [sentences[i] for i in candidates]
    terms = sentence_terms(texts, language, title)
    scores = default_scores(terms, texts, want)

    if algorithm != "default":
        from summarizer.sumy_rankers import sumy_scores

        limit = SUMY_CANDIDATES[algorithm]
        keep = (
            sorted(_order(scores)[:limit].tolist())
            if len(texts) > limit
            else list(range(len(texts)))
        )
        rated = sumy_scores(
            algorithm,
            [texts[i] for i in keep],
            language,
            title,
            bonus_words=_top_words(terms.counts, terms.title),
        )
        floor = min(rated) - 1.0 if rated else 0.0
        scores = np.full(len(texts), floor)
        scores[keep] = rated

    order = _order(scores)
    chosen = _select(order, terms.counts, texts, want)
    low, high = float(scores.min()), float(scores.max())
    span = high - low if high > low else 1.0
    ranked = [
        (int(candidates[i]), 1.0 if high == low else (float(scores[i]) - low) / span)
        for i in chosen
    ]
    # A short text may have fewer full sentences than asked for: its short sentences then fill
    # the remaining places, last and in document order (boilerplate never does, and neither does
    # a rated sentence left out as a repeat).
    if len(ranked) < want:
        rated = np.zeros(len(sentences), dtype=bool)
        rated[candidates] = True
        for position in news:
            if len(ranked) >= want:
                break
            index = int(position)
            if not rated[index] and sentences[index].strip():
                ranked.append((index, 0.0))
    return ranked
