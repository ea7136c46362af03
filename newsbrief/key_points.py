"""The summarise stage of the pipeline: each document's key points from its sentence pairs.

The ranking itself is summarizer/'s; this module decides what it is given: the body sentences
without the headline (which steers the ranking as its title), both sides of the translation for
the boilerplate check, each sentence's paragraph number, and (for `compare`) a logit per
sentence of evidence from the other outlets. It turns the picks into `KeyPoint` records, with a
pronoun's referent in brackets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsbrief.packed import PairView, SentencesFrom, Work
from newsbrief.records import Article, KeyPoint, SentencePair, Summary
from newsbrief.settings import Options

# Key points are ranked among the first this many body sentences. A news article has tens to a
# few hundred; a 5 MB text of one-word lines has a million, and ranking them all held about
# 270 MB of the ranker's arrays at once (memory and time grew with the text, past the 500 MB
# bound). Shorter texts are ranked whole, as before.
MAX_RANKED_SENTENCES = 50_000


def title_of(work: Work) -> str | None:
    """The headline: a first paragraph that looks like one (summarizer.headlines), else None so
    that a text starting with its lead keeps the lead as a candidate key point."""
    from summarizer.headlines import looks_like_headline

    if len(work.paragraphs) < 2:
        return None
    first = work.paragraphs.sentences_of(0)
    if looks_like_headline(first, SentencesFrom(work.paragraphs, 1)):
        return first[0]
    return None


def pick(
    sentences: list[str],
    language: str,
    options: Options,
    title: str | None,
    has_title: bool | None = None,
    originals: list[str] | None = None,
    paragraphs: Sequence[int] | None = None,
    evidence: Sequence[float] | None = None,
) -> list:
    """Key points among the body sentences.

    A detected headline steers the ranking (the title signal) but is not itself a key point: it
    is shown as the article's title, and as a candidate it would always win, being most like
    itself. `has_title` says there is a headline to skip even when its text cannot steer the
    ranking (a headline left untranslated is not in the ranking's language). `originals` are the
    same sentences on the other side of the translation: a sentence either side calls
    boilerplate (a Russian dateline the model garbles) is left out. `paragraphs`: each
    sentence's paragraph number (subheads and lead paragraphs are told by them). `evidence`: a
    logit per sentence from outside the text (`newsbrief.grouping.evidence`).
    """
    import summarizer

    if has_title is None:
        has_title = title is not None
    offset = 1 if has_title and len(sentences) > 1 else 0
    body = sentences[offset:] if offset else sentences
    if originals is not None and originals is not sentences:
        originals = originals[offset:] if offset else originals
    else:  # the same list (nothing translated): the same body, not a second copy
        originals = body if originals is not None else None
    if paragraphs is not None and offset:
        paragraphs = paragraphs[offset:]
    if evidence is not None and offset:
        evidence = evidence[offset:]
    body, originals, paragraphs = _ranked_part(body, originals, paragraphs)
    if evidence is not None:
        evidence = evidence[: len(body)]
    picks = summarizer.summarize(
        body,
        language=language,
        count=options.count,
        ratio=options.ratio,
        algorithm=options.algorithm,
        title=title,
        originals=originals,
        paragraphs=paragraphs,
        evidence=evidence,
    )
    return [replace(pick, position=pick.position + offset) for pick in picks]


def _ranked_part(
    body: list[str], originals: list[str] | None, paragraphs: Sequence[int] | None
) -> tuple[list[str], list[str] | None, Sequence[int] | None]:
    """The first MAX_RANKED_SENTENCES body sentences (with their originals and paragraph
    numbers): the ones the ranker reads. Positions stay valid: the cut is at the end."""
    if len(body) <= MAX_RANKED_SENTENCES:
        return body, originals, paragraphs
    cut = MAX_RANKED_SENTENCES
    same = originals is body
    body = body[:cut]
    originals = body if same else (originals[:cut] if originals is not None else None)
    return body, originals, paragraphs[:cut] if paragraphs is not None else None


def _paragraph_numbers(work: Work, pairs: Sequence[SentencePair]):
    """Each sentence's paragraph number, as a numpy array (a million sentences: 8 MB)."""
    import numpy as np

    if isinstance(pairs, PairView) and work.paragraphs:
        starts = np.frombuffer(work.paragraphs.starts, dtype=np.int64)
        return np.repeat(np.arange(len(starts) - 1), np.diff(starts))
    return np.fromiter((p.paragraph for p in pairs), dtype=np.int64, count=len(pairs))


def _with_referent(text: str, referent: str | None) -> str:
    """A pronoun-initial key point with the name it refers to: "[Trump] He issued…"."""
    return f"[{referent}] {text}" if referent else text


def summarize_work(work: Work, options: Options) -> Summary:
    """The key points of one routed (and translated) document."""
    pairs: Sequence[SentencePair] = (
        work.pairs if work.pairs is not None else (work.pending or [])
    )
    # Nothing translated (an English text): both sides are one list, neither held twice nor
    # checked twice for boilerplate (a million lines of "Hi.": 10 MB a list, seconds).
    same = all(p.text is p.source or p.text == p.source for p in pairs)
    sides = None
    if same and isinstance(pairs, PairView):
        sides = (pairs.paragraphs.sentences,) * 2  # the pairs' sources, as they are
    has_title = work.has_title if work.has_title is not None else title_of(work) is not None
    numbers = _paragraph_numbers(work, pairs)
    return _summary(
        pairs, options, work.detection.language, has_title, numbers, same=same, sides=sides
    )


def _summary(
    pairs: Sequence[SentencePair],
    options: Options,
    source_language: str,
    has_title: bool,
    numbers: Sequence[int],
    evidence: Sequence[float] | None = None,
    same: bool | None = None,
    sides: tuple[Sequence[str], Sequence[str]] | None = None,
) -> Summary:
    """The key points among `pairs`, ranked on the side `options` says (the English, or the
    article as written), the other side checked for boilerplate. `same`: whether every pair's
    two sides are one text, when the caller knows; `sides`: the two lists, when it has them."""
    in_source = options.summarize_in == "source" or not options.translate
    if sides is None:
        sentences = [p.source if in_source else p.text for p in pairs]
        if same is None:
            same = all(p.text == p.source for p in pairs)
        others = sentences if same else [p.text if in_source else p.source for p in pairs]
    else:
        sentences, others = sides
    language = source_language if in_source else "en"
    has_title = has_title and bool(pairs)
    title = None
    if has_title and (in_source or pairs[0].translated):
        title = pairs[0].source if in_source else pairs[0].text
    picks = pick(sentences, language, options, title, has_title, others, numbers, evidence)
    return Summary(algorithm=options.algorithm, key_points=_key_points(pairs, picks))


def _key_points(pairs: Sequence[SentencePair], picks: list) -> list[KeyPoint]:
    return [
        KeyPoint(
            rank=pick.rank,
            position=pick.position,
            score=float(pick.score),
            # A referent comes only from English ranking: it goes with the English text (and
            # with the source when that is the same sentence, so it reads as one).
            text=_with_referent(pairs[pick.position].text, pick.referent),
            original=_with_referent(pairs[pick.position].source, pick.referent)
            if pairs[pick.position].source == pairs[pick.position].text
            else pairs[pick.position].source,
            translated=pairs[pick.position].translated,
            language=pairs[pick.position].language,
        )
        for pick in picks
    ]


def summarize_again(article: Article, options: Options, evidence: Sequence[float]) -> Summary:
    """The article's key points picked again, as `summarize_work` picked them, with `evidence` (a
    logit per sentence of its translation) added to the ranking: `compare` re-picks each
    outlet's key points once the other outlets are known. The headline is told again from the
    sentences' own paragraphs (the article keeps no `Work`)."""
    from summarizer.headlines import looks_like_headline

    pairs = article.translation.sentences if article.translation is not None else []
    if not pairs:
        raise ValueError("no sentences to pick from")
    paragraphs: dict[int, list[str]] = {}
    for pair in pairs:
        paragraphs.setdefault(pair.paragraph, []).append(pair.source)
    ordered = [paragraphs[k] for k in sorted(paragraphs)]
    has_title = len(ordered) >= 2 and looks_like_headline(ordered[0], ordered[1:])
    numbers = [p.paragraph for p in pairs]
    return _summary(pairs, options, article.language, has_title, numbers, evidence)
