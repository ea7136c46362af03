"""The bounds that keep a 5 MB text within memory and linear time: what each one cuts, and that
it cuts nothing from a text below it (the figures themselves: benchmarks/bench_output_memory.py).
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np

import newsbrief.grouping as grouping
from newsbrief import key_points, titles
from newsbrief.grouping import sources
from newsbrief.packed import PackedPairs
from newsbrief.pipeline import Options, process
from newsbrief.records import (
    Article,
    Document,
    KeyPoint,
    SentencePair,
    Summary,
    Translation,
)

# Filler lines, each unlike the others, then the sentence a reader would pick.
FILLER = [f"Line {n} of the {w} notes was filed on a {d}." for n, w, d in zip(
    range(12), "blue red green grey gold pink teal plum navy rust sand jade".split(),
    "Monday Tuesday Friday Sunday Monday Tuesday Friday Sunday Monday Tuesday Friday Sunday"
    .split(), strict=True)]
LEAD = (
    "The city council approved a new budget for river flood defences on Tuesday, after "
    "the river rose to a record level and flooded the city council building."
)


def _summarise(text: str) -> list[int]:
    [article] = process([Document(id="t", text=text)], "summarize", Options(translate=False))
    return [kp.position for kp in article.summary.key_points]


def test_key_points_are_ranked_among_the_first_sentences_only(monkeypatch):
    text = "\n".join([*FILLER, LEAD, "The river rose to a record level this week."])
    whole = _summarise(text)
    assert max(whole) >= 6  # ranked whole: a sentence past the sixth is picked

    monkeypatch.setattr(key_points, "MAX_RANKED_SENTENCES", 6)
    cut = _summarise(text)
    assert cut and all(position < 6 for position in cut)


def test_a_text_within_the_ranking_bound_is_ranked_as_before(monkeypatch):
    text = "\n".join([*FILLER, LEAD])
    before = _summarise(text)
    monkeypatch.setattr(key_points, "MAX_RANKED_SENTENCES", len(FILLER) + 1)
    assert _summarise(text) == before


def _article(paragraphs: list[str]) -> Article:
    pairs = [SentencePair(p, p, paragraph=i) for i, p in enumerate(paragraphs)]
    translation = Translation("en", "\n".join(paragraphs), pairs)
    return Article(id="a", language="en", translation=translation)


def test_a_headline_is_looked_for_in_the_first_paragraphs_only(monkeypatch):
    furniture = ["Subscribe"] * 5  # one-word lines: page furniture
    headline = "Council backs new flood defences after the record river"
    paragraphs = [*furniture, headline, LEAD]
    assert titles.display_title(_article(paragraphs)) == headline
    monkeypatch.setattr(titles, "MAX_HEAD_PARAGRAPHS", 5)  # the headline is the 6th
    assert titles.display_title(_article(paragraphs)) is None


def test_nearest_keeps_the_closest_sentences_in_document_order(monkeypatch):
    monkeypatch.setattr(grouping, "MAX_NEAR", 3)
    closest = np.array([0.9, 0.3, 0.5, 0.8, 0.4, 0.7])
    near = np.arange(6)
    assert grouping._nearest(near, closest).tolist() == [0, 3, 5]
    assert grouping._nearest(near[:3], closest).tolist() == [0, 1, 2]  # within the bound: all


def _source(article_id: str, sentences: list[str], key: list[int]) -> Article:
    pairs = [SentencePair(s, s, paragraph=i) for i, s in enumerate(sentences)]
    points = [
        KeyPoint(rank=n + 1, position=i, score=1.0, text=sentences[i], original=sentences[i])
        for n, i in enumerate(key)
    ]
    return Article(
        id=article_id,
        language="en",
        translation=Translation("en", " ".join(sentences), pairs),
        summary=Summary(algorithm="test", key_points=points),
    )


def test_the_whole_text_offered_to_compare_is_bounded(monkeypatch):
    fact = "The river rose to a record level and flooded the council building on Tuesday."
    first = _source("a.txt", [fact, "Schools in the north will stay closed until Friday."], [0])
    # The second outlet states the fact late, outside its key points.
    later = [
        "Trains to the coast were cancelled after the storm.",
        "Volunteers handed out sandbags near the old bridge.",
        "On Tuesday the river rose to a record level and flooded the council building.",
    ]
    second = _source("b.txt", later, [0])

    def members_of(articles):
        return [
            sorted((m.source, m.position, m.key_point) for m in point.members)
            for point in grouping.compare(articles).points
        ]

    whole = members_of([first, second])
    assert [("a.txt", 0, True), ("b.txt", 2, False)] in whole

    monkeypatch.setattr(sources, "MAX_WHOLE_TEXT", 2)  # b's third sentence is past the bound
    cut = members_of([first, second])
    assert [("a.txt", 0, True)] in cut
    assert all(("b.txt", 2, False) not in point for point in cut)
    assert [("b.txt", 0, True)] in cut  # a key point past the bound would still be offered


def test_packed_pairs_read_back_as_the_pairs_they_hold():
    pairs = [
        SentencePair("Привет.", "Hello.", 0, "ru"),
        SentencePair("Київ", "Київ", 1, "uk", translated=False),
        SentencePair("Ok.", "Ok.", 3, "en"),
    ]
    packed = PackedPairs(pairs)
    assert len(packed) == 3
    assert list(packed) == pairs
    assert packed[-1] == pairs[-1] and packed[1:] == pairs[1:]


def test_the_stemmers_load_without_scipy():
    # A fresh interpreter: what importing NLTK's stemmers brings in.
    code = (
        "import sys; from summarizer.stemming import get_stemmer; "
        "assert get_stemmer('en')('governments') == 'govern'; "
        "assert get_stemmer('ru')('санкции') == 'санкц'; "
        "assert 'scipy' not in sys.modules, 'scipy imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
