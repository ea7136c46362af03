"""From sentences to ranked key points: boilerplate filter, a ranker, redundancy-aware selection.

Every algorithm goes through the same three steps so that they differ only in how they rate:
1. boilerplate (appeals, credits, bylines, "Read more"; on either side of a translation), lead-ins
   that end with a colon ("Key demands include:", the list is the point), section subheads, the
   tail of a quotation begun in an earlier sentence and fragments of under four words are set
   aside; if nothing else is left they are ranked after all, so a document always gets a summary;
2. the chosen ranker rates the remaining sentences (sumy's classes are quadratic in pure Python,
   so on long texts they rate only the best candidates by the fast default ranker); the default
   adds the news cues of `summarizer.news` (lead paragraphs, list items) and ranks the lead
   first when it is chosen (always when one point is asked for);
3. sentences are taken best first, skipping any that repeats an already chosen one (cosine
   similarity of stemmed content words above `DUPLICATE_SIMILARITY`, or a restatement: above
   `RESTATEMENT_SIMILARITY` and sharing many word pairs; or one whose content words the chosen
   ones already hold, `COVERED`, unless it brings a new figure), and any that opens with a
   pronoun it cannot resolve
   (`summarizer.news.opening_pronoun`; "he"/"she" take the name from the sentence before).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from summarizer.algorithms import REGISTRY
from summarizer.boilerplate import boilerplate_mask, caption_mask
from summarizer.default import default_scores
from summarizer.features import SentenceTerms, sentence_terms
from summarizer.news import (
    Lexicon,
    is_lead_in,
    list_items,
    news_prior,
    opening_pronoun,
    quotation_mask,
    subhead_mask,
)
from summarizer.quotes import opens_quote
from summarizer.referents import resolve as resolve_pronoun
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
# A candidate whose (rarity-weighted) content words the chosen sentences hold this much.
COVERED = 0.55
# A quotation beside the sentence reporting it, sharing this much of its weighted words.
QUOTE_SHARE = 0.2
QUOTE_WINDOW = 2
ECHOES_QUOTED = True
# The lead is the first key point when chosen, and always when at most LEAD_ALWAYS are asked
# for (see rank_sentences): a short summary opens with the outlet's own account, and asking for
# one point more never takes the lead away (BBC's measure asks for 5: unaffected).
LEAD_FIRST = True
LEAD_ALWAYS = 3
LEAD_TITLE_WORDS = 4
# The lead takes the place of a sentence ranked above it that restates it (see
# `_lead_before_its_restatement`).
LEAD_OVER_ECHO = True
# A candidate with a figure ("8.6%", "966m") that no chosen point gives is never `COVERED`: a
# new figure is a new fact.  On BBC it keeps 0.003 ROUGE-2 that the covered rule took.
NEW_FIGURES = True
_TOKEN = re.compile(r"[^\W_]+")
# A sentence that goes on with the speaker of the key point just before it ("…, the mayor said
# the harbour was under water." "He said six buses were…") tells more of that account, not a fact
# of its own: it gives way. 2026-12-07: six stories' duplicates 0.106 -> 0.097 and core-fact
# coverage 0.913 -> 0.942 (its place goes to another fact); BBC ROUGE-2 unchanged (-0.0003).
SPEAKER_GOES_ON = True
_SAYS_ON = re.compile(
    r"[\W_]*(?:He|She|They)\s+(?:also\s+)?(?:said|says|added|told|noted|stressed)\b"
)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
# The most sentences each sumy algorithm rates directly (about a second each on this machine);
# longer texts are first cut to that many candidates by the default ranker.
SUMY_CANDIDATES = {name: a.candidates for name, a in REGISTRY.items() if a.candidates}


def _order(scores: np.ndarray) -> np.ndarray:
    """Indices best first; ties go to the earlier sentence (deterministic)."""
    return np.lexsort((np.arange(len(scores)), -scores))


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


def _is_repeat(similarity: float, text: str, other: str) -> bool:
    if similarity > DUPLICATE_SIMILARITY:
        return True
    return similarity > RESTATEMENT_SIMILARITY and _repeats(text, other)


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(count * b[t] for t, count in a.items() if t in b)
    norms = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norms if norms else 0.0


def _lead_before_its_restatement(
    order: np.ndarray, counts: Sequence[Counter[str]], texts: Sequence[str]
) -> np.ndarray:
    """`order` with the lead (candidate 0) moved up to the place of the first sentence ranked
    above it that restates it (`_is_repeat`): of two sentences saying one thing, a summary keeps
    the one the outlet leads with, so asking for more points never swaps the lead for its echo
    further down ("…are among the priority issues for Moscow…" and, two paragraphs on, "…remain
    priority issues for Russia…")."""
    if not len(order) or not len(counts):
        return order
    at = int(np.flatnonzero(order == 0)[0]) if (order == 0).any() else -1
    for rank in range(max(at, 0)):
        other = int(order[rank])
        if _is_repeat(_cosine(counts[0], counts[other]), texts[0], texts[other]):
            return np.concatenate((order[:rank], [0], order[rank:][order[rank:] != 0]))
    return order


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
                if _is_repeat(similarity, self.texts[index], self.texts[other]):
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


def _select(
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
    members: set[int] = set()
    # Sentences left out as repeats of a chosen one stand for it: a quotation beside such an
    # echo tells the chosen point again (ECHOES_QUOTED).
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
        if SPEAKER_GOES_ON and index - 1 in members and _SAYS_ON.match(texts[index]):
            continue  # more of the account just chosen
        if resolve is not None:
            verdict = resolve(index)
            if verdict is False:
                continue
            elif isinstance(verdict, str) and referents is not None:
                referents[index] = verdict
            verdict = None
        chosen.add(index)
        covered.add(index)
        members.add(index)
        told[index] = index
    return chosen.indices


def _top_words(counts: Sequence[Counter[str]], title: frozenset[str], size: int = 10) -> list[str]:
    total: Counter[str] = Counter()
    for counter in counts:
        total.update(counter)
    return sorted(title) + [term for term, _ in total.most_common(size)]


def _tells_the_headline(terms: SentenceTerms) -> bool:
    """Whether the lead repeats `LEAD_TITLE_WORDS` of the headline's content words: the outlet
    then tells its headline's story in it, and the story's core fact is there."""
    return bool(terms.title) and len(terms.title.intersection(terms.counts[0])) >= LEAD_TITLE_WORDS


def candidate_sentences(
    sentences: Sequence[str],
    originals: Sequence[str] | None = None,
    paragraphs: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(non-boilerplate indices, indices the rankers rate): step 1 of the module docstring.

    With `originals` (the other side of a translation), a sentence is left out when either side
    is boilerplate, a lead-in or a subhead.  `paragraphs`: each sentence's paragraph number, so
    that a subhead is a paragraph of its own.  Index arrays rather than lists: a list of a
    million ints takes 36 MB, an array 8.
    """
    # The same list on both sides (nothing was translated): one side says it all.
    same = originals is None or originals is sentences
    sides = [sentences] if same else [sentences, originals]
    left_out = np.zeros(len(sentences), dtype=bool)
    for side in sides:
        listed = side if isinstance(side, list) else list(side)
        left_out |= np.array(boilerplate_mask(listed), dtype=bool)
        if paragraphs is not None:
            left_out |= np.array(caption_mask(listed, paragraphs), dtype=bool)
        left_out |= np.fromiter((is_lead_in(s) for s in side), dtype=bool, count=len(side))
        left_out |= subhead_mask(listed, paragraphs)
    left_out |= quotation_mask(sentences, paragraphs)
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


def _resolver(sentences: Sequence[str], candidates: np.ndarray, language: str):
    """`resolve(i)` for `_select`: True, a referent, or False (a pronoun left unresolved: the
    candidate gives way; `summarizer.referents`).  English only.  The document's words are
    counted once, at the first pronoun."""
    if language != "en":
        return None
    lexicon: list[Lexicon] = []

    def resolve(index: int) -> bool | str:
        position = int(candidates[index])
        if opening_pronoun(sentences[position]) is None:
            return True
        if not lexicon:
            lexicon.append(Lexicon(sentences))
        return resolve_pronoun(sentences, position, lexicon[0])

    return resolve


def rank_sentences(
    sentences: Sequence[str],
    want: int,
    *,
    language: str = "en",
    algorithm: str = "default",
    title: str | None = None,
    originals: Sequence[str] | None = None,
    paragraphs: Sequence[int] | None = None,
    evidence: Sequence[float] | None = None,
) -> list[tuple[int, float, str | None]]:
    """(index, score 0..1, referent or None) of up to `want` key sentences, best first.

    `originals`: the same sentences on the other side of a translation (see
    `candidate_sentences`); `paragraphs`: each sentence's paragraph number.  The referent is
    the name a pronoun-initial key point brings ("[Trump] He issued…").  `evidence`: a logit
    per sentence added to the default ranker's prior (what the caller knows beyond this text:
    other outlets reporting the same fact); other algorithms ignore it."""
    numbers = None if paragraphs is None else np.asarray(paragraphs, dtype=np.int64)
    if numbers is not None and len(numbers) != len(sentences):
        raise ValueError(f"{len(numbers)} paragraph numbers for {len(sentences)} sentences")
    news, candidates = candidate_sentences(sentences, originals, numbers)
    texts = sentences if len(candidates) == len(sentences) else [sentences[i] for i in candidates]
    terms = sentence_terms(texts, language, title)
    prior = news_prior(sentences, candidates, numbers) if algorithm == "default" else None
    if prior is not None and evidence is not None:
        prior = prior + np.asarray(evidence, dtype=float)[candidates]
    scores = default_scores(terms, texts, want, prior)

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
    if algorithm == "default" and len(order) and LEAD_FIRST:
        # Asked for up to three points, the lead is one: the outlet's own account in a
        # sentence; so it is when it repeats four of the headline's words (it tells the
        # headline's story: a wire lead the centralities rank 8th of 11).  Otherwise the lead
        # competes on its evidence (its paragraph's weight, `news_prior`) and is ranked first
        # when chosen; forcing it in always cost 0.011 ROUGE-2 on BBC (0.695 -> 0.684), whose
        # references leave out a quarter of the leads, and the headline rule 0.002.  Then the first
        # items of a list a lead-in announces ("Key demands include:"), up to half the picks.
        items = np.flatnonzero(np.isin(candidates, list_items(sentences)))
        lead = [0] if want <= LEAD_ALWAYS or _tells_the_headline(terms) else []
        first = np.concatenate((lead, items[items != 0][: max(1, want // 2)])).astype(np.int64)
        order = np.concatenate((first, order[~np.isin(order, first)]))
        # Their scores follow their ranks (the best score is the first key point's).
        top, spread = float(scores.max()), float(np.ptp(scores)) or 1.0
        scores = scores.astype(float, copy=True)
        scores[first] = top + spread * 1e-6 * np.arange(len(first), 0, -1)
    if algorithm == "default" and LEAD_FIRST and LEAD_OVER_ECHO:
        order = _lead_before_its_restatement(order, terms.counts, texts)
    referents: dict[int, str] = {}
    resolve = _resolver(sentences, candidates, language)
    chosen = _select(order, terms.counts, texts, want, resolve, referents, facts=True)
    if algorithm == "default" and LEAD_FIRST and 0 in chosen:
        chosen = [0] + [i for i in chosen if i != 0]  # the lead, when chosen, comes first
        scores = scores.astype(float, copy=True)
        scores[0] = max(float(scores.max()), float(scores[0]))
    low, high = float(scores.min()), float(scores.max())
    span = high - low if high > low else 1.0
    ranked = [
        (
            int(candidates[i]),
            1.0 if high == low else (float(scores[i]) - low) / span,
            referents.get(i),
        )
        for i in chosen
    ]
    # A short text may have fewer full sentences than asked for: its short sentences then fill
    # the remaining places, last and in document order (boilerplate never does, and neither does
    # a rated sentence left out as a repeat); then the pronoun-initial ones that gave way.
    if len(ranked) < want:
        rated = np.zeros(len(sentences), dtype=bool)
        rated[candidates] = True
        for position in news:
            if len(ranked) >= want:
                break
            index = int(position)
            if not rated[index] and sentences[index].strip():
                ranked.append((index, 0.0, None))
    if len(ranked) < want:
        taken = {index for index, _, _ in ranked}
        for position in candidates:
            if len(ranked) >= want:
                break
            index = int(position)
            if index not in taken and opening_pronoun(sentences[index]) is not None:
                ranked.append((index, 0.0, None))
    return ranked
