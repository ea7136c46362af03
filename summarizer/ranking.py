"""From sentences to ranked key points: boilerplate filter, a ranker, redundancy-aware selection.

Every algorithm goes through the same three steps so that they differ only in how they rate:
1. boilerplate (appeals, credits, bylines, "Read more") and fragments of under four words are set
   aside; if nothing else is left they are ranked after all, so a document always gets a summary;
2. the chosen ranker rates the remaining sentences (sumy's classes are quadratic in pure Python,
   so on long texts they rate only the best candidates by the fast default ranker);
3. sentences are taken best first, skipping any that repeats an already chosen one (cosine
   similarity of stemmed content words above `DUPLICATE_SIMILARITY`).
"""

from __future__ import annotations

import math
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
# The most sentences each sumy algorithm rates directly (about a second each on this machine);
# longer texts are first cut to that many candidates by the default ranker.
SUMY_CANDIDATES = {name: a.candidates for name, a in REGISTRY.items() if a.candidates}


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[term] for term, count in a.items() if term in b)
    if not dot:
        return 0.0
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm


def _order(scores: np.ndarray) -> list[int]:
    """Best first; ties go to the earlier sentence (deterministic)."""
    return [int(i) for i in np.lexsort((np.arange(len(scores)), -scores))]


def _select(order: Sequence[int], counts: Sequence[Counter[str]], want: int) -> list[int]:
    chosen: list[int] = []
    for index in order:
        if len(chosen) == want:
            break
        if counts[index] and any(
            _cosine(counts[index], counts[other]) > DUPLICATE_SIMILARITY for other in chosen
        ):
            continue
        chosen.append(index)
    return chosen


def _top_words(counts: Sequence[Counter[str]], title: frozenset[str], size: int = 10) -> list[str]:
    total: Counter[str] = Counter()
    for counter in counts:
        total.update(counter)
    return sorted(title) + [term for term, _ in total.most_common(size)]


def candidate_sentences(sentences: Sequence[str]) -> tuple[list[int], list[int]]:
    """(non-boilerplate indices, indices the rankers rate): step 1 of the module docstring."""
    mask = boilerplate_mask(list(sentences))
    news = [i for i, is_boilerplate in enumerate(mask) if not is_boilerplate]
    # Fragments ("We'll see.", "He said.") carry no point; they are used only if nothing else is.
    candidates = [i for i in news if count_words(sentences[i]) >= MIN_WORDS]
    return news, candidates or news or list(range(len(sentences)))


def rank_sentences(
    sentences: Sequence[str],
    want: int,
    *,
    language: str = "en",
    algorithm: str = "default",
    title: str | None = None,
) -> list[tuple[int, float]]:
    """(index, score 0..1) of up to `want` key sentences, best first."""
    news, candidates = candidate_sentences(sentences)
    texts = [sentences[i] for i in candidates]
    terms = sentence_terms(texts, language, title)
    scores = default_scores(terms, texts, want)

    if algorithm != "default":
        from summarizer.sumy_rankers import sumy_scores

        limit = SUMY_CANDIDATES[algorithm]
        keep = sorted(_order(scores)[:limit]) if len(texts) > limit else list(range(len(texts)))
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
    chosen = _select(order, terms.counts, want)
    low, high = float(scores.min()), float(scores.max())
    span = high - low if high > low else 1.0
    ranked = [
        (candidates[i], 1.0 if high == low else (float(scores[i]) - low) / span) for i in chosen
    ]
    # A short text may have fewer full sentences than asked for: its short sentences then fill
    # the remaining places, last and in document order (boilerplate never does).
    taken = {index for index, _ in ranked}
    for index in news:
        if len(ranked) >= want:
            break
        if index not in taken and sentences[index].strip():
            ranked.append((index, 0.0))
    return ranked
