"""Extractive key-point summaries, offline, for English, Russian and Ukrainian sentences.

`summarize(sentences, ...)` returns the positions of the key sentences (`Pick`s) in document
order.  Every sumy algorithm is available by name and runs through sumy's own classes, fed by
newsbrief's tokenizer, stemmers and stop words; "default" combines several rankers with position
and title signals and removes redundancy (see `summarizer.default`).  Boilerplate (appeals,
credits, bylines, "Read more") is removed before any ranking.

Importing this package is cheap: numpy, NLTK and sumy are imported on first use.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Every name `summarize()` accepts; summarizer.algorithms is their one registry.
from summarizer.algorithms import ALGORITHMS

# OpenBLAS's thread pool makes small SVDs (sumy's LSA) 100x slower on small machines: set
# OPENBLAS_NUM_THREADS=1 before numpy is imported. The entry points do (newsbrief.console); this
# package, being a library, leaves the process environment alone.


class EmptyTextError(ValueError):
    """Raised when there is no sentence with text to summarise."""

    def __init__(self, message: str = "no text to summarise") -> None:
        super().__init__(message)


@dataclass
class Pick:
    """One key sentence: its index in the input, its score (0..1, 1 = best) and rank (1 = best).

    `referent`: for a sentence opening with "he" or "she", the name it refers to, taken from the
    sentence before (shown in brackets before the sentence: "[Trump] He issued…"); else None.
    """

    position: int
    score: float
    rank: int
    referent: str | None = None


def _wanted(n: int, count: int | None, ratio: float | None) -> int:
    if ratio is not None:
        if not 0 < ratio <= 1:
            raise ValueError(f"ratio must be in (0, 1], got {ratio}")
        want = math.ceil(ratio * n)
    elif count is None:
        want = 5
    else:
        if count < 1:
            raise ValueError(f"count must be at least 1, got {count}")
        want = count
    return max(1, min(want, n))


def summarize(
    sentences: list[str],
    *,
    language: str = "en",
    count: int | None = 5,
    ratio: float | None = None,
    algorithm: str = "default",
    title: str | None = None,
    originals: Sequence[str] | None = None,
    paragraphs: Sequence[int] | None = None,
    evidence: Sequence[float] | None = None,
) -> list[Pick]:
    """Pick the key sentences of a document.

    `sentences` are the document's sentences in order (already split); `language` is an
    ISO 639-1 code (en/ru/uk have their own stemmers and stop words; others are lower-cased
    only).  `ratio` (0 < R <= 1), when given, overrides `count` with ceil(R * n).  Returns at
    most that many picks and never more than there are non-empty sentences, in document order,
    `rank` 1 being the best.  Raises `EmptyTextError` when no sentence has text and
    `ValueError` for an unknown algorithm or a bad count/ratio.  `originals`, when given, are
    the same sentences in the other language of a translation (one per sentence): a sentence is
    boilerplate when either side is, since a model may garble a dateline or a credit.
    `paragraphs`, when given, is each sentence's paragraph number: a short paragraph with no
    final punctuation is a subhead, and the first paragraphs are the lead (`summarizer.news`).
    `evidence`, when given, is a logit per sentence that the default ranker adds to its own
    prior: evidence from outside the text (other outlets reporting the same fact).
    """
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r}; choose one of: {', '.join(ALGORITHMS)}")
    # Indices as a numpy array: a Python list of a million ints is 36 MB, this is 8.
    import numpy as np

    live = np.flatnonzero(
        np.fromiter((bool(s and s.strip()) for s in sentences), dtype=bool, count=len(sentences))
    )
    if not len(live):
        raise EmptyTextError()
    if originals is not None and len(originals) != len(sentences):
        raise ValueError(f"{len(originals)} originals for {len(sentences)} sentences")
    if paragraphs is not None and len(paragraphs) != len(sentences):
        raise ValueError(f"{len(paragraphs)} paragraph numbers for {len(sentences)} sentences")
    if evidence is not None and len(evidence) != len(sentences):
        raise ValueError(f"{len(evidence)} evidence values for {len(sentences)} sentences")
    want = _wanted(len(live), count, ratio)

    from summarizer.ranking import rank_sentences

    # Every sentence live (the usual case): the lists themselves, not copies of a million items.
    everyone = len(live) == len(sentences)
    if everyone:
        live = None  # positions are indices: no array of a million of them
    if originals is not None and not (live is None and all(originals)):
        originals = [originals[i] or "" for i in (range(len(sentences)) if live is None else live)]
    if paragraphs is not None and live is not None:
        paragraphs = [paragraphs[i] for i in live]
    if evidence is not None and live is not None:
        evidence = [evidence[i] for i in live]
    ranked = rank_sentences(
        sentences if live is None else [sentences[i] for i in live],
        want,
        language=language,
        algorithm=algorithm,
        title=title,
        originals=originals,
        paragraphs=paragraphs,
        evidence=evidence,
    )
    picks = [
        Pick(
            position=index if live is None else int(live[index]),
            score=round(score, 6),
            rank=rank,
            referent=name,
        )
        for rank, (index, score, name) in enumerate(ranked[:want], start=1)
    ]
    return sorted(picks, key=lambda pick: pick.position)


__all__ = ["ALGORITHMS", "EmptyTextError", "Pick", "summarize"]
