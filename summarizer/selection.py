"""Step 3 of `summarizer.ranking`: the ranked sentences taken best first, one fact one bullet.

A candidate is skipped when it repeats a chosen one, when the chosen ones already hold its
words (`COVERED`, unless it brings a new figure), when it is a quotation beside the sentence
reporting it (or beside one left out as that sentence's repeat), when it goes on with the
speaker just chosen or is the other half of a chosen speech, or when it opens with a pronoun
it cannot resolve.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from summarizer.quotes import goes_on_quoting, opens_quote, says_on

# Two bullets whose content words overlap this much say the same thing.
DUPLICATE_SIMILARITY = 0.7
# A restatement ("The mutual opening of airspace and the return of diplomatic property remain
# priority issues for Russia…" after the lead "The restoration of direct flights and the return of
# diplomatic property are among the priority issues for Moscow…": cosine 0.65) also repeats
# phrases: above RESTATEMENT_SIMILARITY, sharing this share of the shorter one's word pairs.
# On BBC it drops 8 picks, nearly all a quote beside the sentence reporting it.
RESTATEMENT_SIMILARITY = 0.6
RESTATEMENT_BIGRAMS = 0.4
# A candidate whose (rarity-weighted) content words the chosen sentences hold this much.
COVERED = 0.55
# A quotation beside the sentence reporting it, sharing this much of its weighted words.
QUOTE_SHARE = 0.2
QUOTE_WINDOW = 2
ECHOES_QUOTED = True
# A candidate with a figure ("8.6%", "966m") that no chosen point gives is never `COVERED`: a
# new figure is a new fact.  On BBC it keeps 0.003 ROUGE-2 that the covered rule took.
NEW_FIGURES = True
_TOKEN = re.compile(r"[^\W_]+")
# A sentence that goes on with the speaker of the key point just before it ("…, the mayor said
# the harbour was under water." "He said six buses were…") tells more of that account, not a fact
# of its own: it gives way. 2026-12-07: six stories' duplicates 0.106 -> 0.097 and core-fact
# coverage 0.913 -> 0.942 (its place goes to another fact); BBC ROUGE-2 unchanged (-0.0003).
SPEAKER_GOES_ON = True
# A bare quotation right after a sentence that opens with the same speaker's words ('"Today,
# at noon, the city was taken," X said. "We took the whole city, house by house."') is one
# speech: once either is chosen, the other gives way (QUOTE_GOES_ON). Moving the sentence that
# names the speaker up to its continuation's rank cost BBC 0.003 ROUGE-2; without that, -0.0002.
QUOTE_GOES_ON = True
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def _figures(sentence: str) -> set[str]:
    return set(_FIGURE.findall(sentence))


def _bigrams(sentence: str) -> set[tuple[str, str]]:
    words = _TOKEN.findall(sentence.lower())
    return set(zip(words, words[1:], strict=False))


def _repeats(a: str, b: str) -> bool:
    """Whether `a` and `b` share at least RESTATEMENT_BIGRAMS of the shorter one's word pairs."""
    first, second = _bigrams(a), _bigrams(b)
    shorter = min(len(first), len(second))
    return shorter > 0 and len(first & second) >= RESTATEMENT_BIGRAMS * shorter


def is_repeat(similarity: float, text: str, other: str) -> bool:
    if similarity > DUPLICATE_SIMILARITY:
        return True
    return similarity > RESTATEMENT_SIMILARITY and _repeats(text, other)


def cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(count * b[t] for t, count in a.items() if t in b)
    norms = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norms if norms else 0.0

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

    def repeated(self, index: int) -> int | None:
        """The chosen sentence that `index` repeats, if any."""
        counter = self.counts[index]
        if not counter:
            return None
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
                if is_repeat(similarity, self.texts[index], self.texts[other]):
                    return other
        return None

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


class _Covered:
    """The content words of the chosen sentences, weighted by rarity in the document.

    A candidate whose words (weighted by log(1 + n / document frequency), so that the story's
    names, in every sentence, count little) are mostly already in the chosen sentences adds no
    fact: "one fact, one bullet".  One set for all chosen sentences: linear in the picks.
    """

    def __init__(
        self, counts: Sequence[Counter[str]], frequency: Counter[str], texts=None
    ) -> None:
        self.counts = counts
        self.texts = texts
        self.figures: set[str] = set()
        self.frequency = frequency
        self.size = len(counts)
        self.terms: set[str] = set()

    def _weight(self, term: str) -> float:
        return math.log1p(self.size / max(self.frequency[term], 1))

    def covers(self, index: int) -> bool:
        counter = self.counts[index]
        if not counter or not self.terms:
            return False
        if NEW_FIGURES and self.texts is not None and _figures(self.texts[index]) - self.figures:
            return False  # a figure the chosen points do not give is a fact of its own
        total = sum(self._weight(t) for t in counter)
        held = sum(self._weight(t) for t in counter if t in self.terms)
        return total > 0 and held >= COVERED * total

    def share(self, index: int, *others: int) -> float:
        """How much of `index`'s (weighted) content words the sentences `others` hold."""
        counter = self.counts[index]
        theirs = set().union(*(self.counts[o].keys() for o in others))
        total = sum(self._weight(t) for t in counter)
        held = sum(self._weight(t) for t in counter if t in theirs)
        return held / total if total > 0 else 0.0

    def add(self, index: int) -> None:
        self.terms.update(self.counts[index])
        if self.texts is not None:
            self.figures |= _figures(self.texts[index])


def _quotes_its_neighbour(
    index: int, texts: Sequence[str], told: dict[int, int], covered: _Covered
) -> bool:
    """A quotation beside the chosen sentence that reports it ("X said A." / "'A,' X said"),
    within QUOTE_WINDOW sentences: the reported and the quoted words are one fact told twice
    (the quotation shares QUOTE_SHARE of its weighted words with the report). `told`: each
    sentence that tells a chosen point -> that point's chosen sentence (itself, or the one it
    repeats: the point's words are both's)."""
    quoting = opens_quote(texts[index])
    for other, point in told.items():
        if other == index or abs(other - index) > QUOTE_WINDOW:
            continue
        other_quotes = opens_quote(texts[other])
        if quoting and not other_quotes and covered.share(index, other, point) >= QUOTE_SHARE:
            return True
        if other_quotes and not quoting and covered.share(other, index) >= QUOTE_SHARE:
            return True
    return False


def _one_speech(index: int, texts: Sequence[str], told: dict[int, int]) -> bool:
    """Whether `index` and a chosen neighbour are one speech: a sentence that opens a quotation
    and the bare quotation right after it (which brings the speaker's name in brackets)."""
    if told.get(index - 1) == index - 1 and goes_on_quoting(texts, index):
        return True
    return index + 1 < len(texts) and told.get(index + 1) == index + 1 and (
        goes_on_quoting(texts, index + 1)
    )


def select(
    order: Sequence[int],
    counts: Sequence[Counter[str]],
    texts: Sequence[str],
    want: int,
    resolve=None,
    referents: dict[int, str] | None = None,
    *,
    facts: bool = False,
) -> list[int]:
    """The chosen indices, best first: each candidate in `order` unless it repeats a chosen one;
    with `facts`, also unless the chosen ones hold its words (`COVERED`) or it is a quotation
    beside the sentence reporting it.  A "He said…" right after a chosen sentence gives way
    (`SPEAKER_GOES_ON`).  `resolve(index)` says whether a pronoun-initial candidate
    may stand (False: it gives way), or gives the name it brings (put in `referents`)."""
    chosen = _Chosen(counts, texts)
    covered = _Covered(counts, chosen.frequency, texts)
    # Each chosen sentence -> itself, and each left out as its repeat -> it: a quotation beside
    # such an echo tells the chosen point again (ECHOES_QUOTED).
    told: dict[int, int] = {}
    for position in order:
        if len(chosen.indices) == want:
            break
        index = int(position)
        repeated = chosen.repeated(index)
        if repeated is not None:
            if ECHOES_QUOTED:
                told[index] = repeated
            continue
        if facts and (
            covered.covers(index) or _quotes_its_neighbour(index, texts, told, covered)
        ):
            continue
        if SPEAKER_GOES_ON and told.get(index - 1) == index - 1 and says_on(texts[index]):
            continue  # more of the account just chosen
        if QUOTE_GOES_ON and _one_speech(index, texts, told):
            continue  # the rest of a speech already chosen
        if resolve is not None:
            verdict = resolve(index)
            if verdict is False:
                continue
            elif isinstance(verdict, str) and referents is not None:
                referents[index] = verdict
        chosen.add(index)
        covered.add(index)
        told[index] = index
    return chosen.indices
