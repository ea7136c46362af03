"""What each source offers `compare`: its key points and, with the whole text, every other
sentence that states something (page furniture, subheads and broken-off quote pieces left out).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from newsbrief.grouping.fragments import is_fragment
from newsbrief.grouping.lists import lead_ins
from newsbrief.records import Article, KeyPoint, SentencePair

# A source's whole text offers its first this many sentences (key points are always in): an
# article has tens to hundreds, and a 5 MB text's 200,000 held 100 MB of n-gram vectors.
MAX_WHOLE_TEXT = 50_000


@dataclass
class Offered:
    """One source as `compare` sees it: every sentence it may offer, and which are key points."""

    texts: list[str]
    originals: list[str]
    positions: list[int]
    key: set[int]  # indices into texts
    # The lead-in of each key point that is a list item (`newsbrief.grouping.lists`).
    items: dict[int, str] = field(default_factory=dict)


def _key_points(article: Article) -> list[KeyPoint]:
    """The article's key points; an article that was never summarised offers all its sentences."""
    if article.summary is not None:
        return sorted(article.summary.key_points, key=lambda kp: kp.position)
    if article.translation is not None:
        return [
            KeyPoint(rank=i + 1, position=i, score=0.0, text=p.text, original=p.source)
            for i, p in enumerate(article.translation.sentences)
        ]
    return []


def offered(article: Article, whole_text: bool) -> Offered:
    """The key points plus, with `whole_text`, every other sentence that states something.

    Page furniture (appeals, credits, bylines: `summarizer.boilerplate`) is left out: a
    subscription appeal is not a report of anything, whichever outlet carries it.
    """
    from summarizer.boilerplate import boilerplate_mask, caption_mask

    points = _key_points(article)
    pairs = article.translation.sentences if article.translation is not None else []
    texts: list[str] = []
    originals: list[str] = []
    positions: list[int] = []
    key: set[int] = set()
    at: dict[int, int] = {}
    fragment = _fragments(pairs)
    if whole_text and pairs:
        english = boilerplate_mask([p.text for p in pairs])
        # The original only where it differs (an English article would be checked twice).
        translated = any(p.source != p.text for p in pairs)
        source = boilerplate_mask([p.source for p in pairs]) if translated else english
        captions = caption_mask([p.text for p in pairs], [p.paragraph for p in pairs])
        english = [a or b for a, b in zip(english, captions, strict=True)]
        for pos, pair in enumerate(pairs):
            if len(texts) >= MAX_WHOLE_TEXT:
                break
            if pair.text.strip() and not (english[pos] or source[pos] or fragment[pos]):
                at[pos] = len(texts)
                texts.append(pair.text)
                originals.append(pair.source)
                positions.append(pos)
    by_text: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        by_text.setdefault(text, []).append(index)
    for kp in points:
        if 0 <= kp.position < len(fragment) and fragment[kp.position]:
            continue  # a subhead or a piece of a quote states nothing on its own
        index = at.get(kp.position)
        if index is None or texts[index] != kp.text or index in key:
            # Not where its position says (a summary made from other sentence numbering):
            # the same sentence by text, else the key point on its own. A key point the
            # boilerplate filter would drop is still the source's point.
            index = next((i for i in by_text.get(kp.text, []) if i not in key), None)
        if index is None:
            index = len(texts)
            texts.append(kp.text)
            originals.append(kp.original)
            positions.append(kp.position)
        positions[index] = kp.position
        key.add(index)
    found = lead_ins(pairs) if pairs else {}
    items = {i: found[positions[i]] for i in key if positions[i] in found}
    return Offered(texts, originals, positions, key, items)


def _fragments(pairs: Sequence[SentencePair]) -> list[bool]:
    """Which sentences are subheads or broken-off quote pieces (`newsbrief.grouping.fragments`)."""
    # Counted in an array where paragraph numbers are 0…n (a dict of a million was 50 MB); in a
    # dict where an upstream record numbers them otherwise.
    numbers = np.fromiter((p.paragraph for p in pairs), dtype=np.int64, count=len(pairs))
    dense = len(numbers) and numbers.min() >= 0 and numbers.max() <= 2 * len(numbers)
    per_paragraph = np.bincount(numbers) if dense else Counter(numbers.tolist())
    return [
        is_fragment(p.text, first=pos == 0, alone=bool(per_paragraph[p.paragraph] == 1))
        for pos, p in enumerate(pairs)
    ]
