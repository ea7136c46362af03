"""Cross-source grouping: paraphrases from different outlets form one point, ordering, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.grouping import CompareError, compare, group_sentences
from newsbrief.records import (
    Article,
    KeyPoint,
    SentencePair,
    Summary,
    Translation,
)

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def make_article(article_id: str, language: str, points: list[tuple[int, str, str | None]]):
    """An article whose summary is `points` = [(position, English, original or None)]."""
    kps = [
        KeyPoint(rank=n + 1, position=pos, score=0.5, text=text, original=orig or text)
        for n, (pos, text, orig) in enumerate(points)
    ]
    pairs = [SentencePair(source=kp.original, text=kp.text, language=language) for kp in kps]
    translation = Translation(
        language=language, text=" ".join(kp.text for kp in kps), sentences=pairs
    )
    return Article(
        id=article_id,
        language=language,
        translation=translation,
        summary=Summary(algorithm="test", key_points=kps),
    )


def story_articles() -> list[Article]:
    """Three outlets (English, Russian, Ukrainian) on one story, written for these tests.

    Shared: the flights proposal (all three, worded differently), the proposals being sent and
    the diplomatic property (English and Russian). Each also has a point of its own.
    """
    en = make_article(
        "wire-en.txt",
        "en",
        [
            (
                0,
                "Russia has sent the United States proposals to remove obstacles to restoring "
                "relations, the foreign ministry said.",
                None,
            ),
            (
                2,
                "Moscow wants the return of six diplomatic properties seized in Maryland and "
                "New York.",
                None,
            ),
            (3, "The proposals include resuming direct flights between the two countries.", None),
            (
                5,
                "The ministry expects Washington to stop tying cooperation to unrelated political "
                "issues.",
                None,
            ),
        ],
    )
    ru = make_article(
        "tass-ru.txt",
        "ru",
        [
            (
                0,
                "The Russian Foreign Ministry said it had handed Washington proposals for removing "
                "barriers to normalising relations.",
                "МИД России заявил, что передал Вашингтону предложения по устранению "
                "препятствий для нормализации отношений.",
            ),
            (
                1,
                "Among them is the resumption of direct air service between Russia and the US.",
                "Среди них — возобновление прямого авиасообщения между Россией и США.",
            ),
            (
                4,
                "Moscow demands that the confiscated diplomatic property in New York and Maryland "
                "be returned.",
                "Москва требует вернуть конфискованную дипломатическую собственность в Нью-Йорке и "
                "Мэриленде.",
            ),
            (
                6,
                "The ministry's spokeswoman said the next round of consultations could take place "
                "in Istanbul.",
                "Официальный представитель министерства сообщила, что следующий раунд консультаций "
                "может пройти в Стамбуле.",
            ),
        ],
    )
    uk = make_article(
        "kyiv-uk.txt",
        "uk",
        [
            (
                1,
                "The Kremlin proposes that the United States restore direct flights.",
                "Кремль пропонує США відновити пряме авіасполучення.",
            ),
            (
                3,
                "Ukrainian diplomats warned that easing sanctions would reward aggression.",
                "Українські дипломати попередили, що послаблення санкцій стане винагородою "
                "за агресію.",
            ),
        ],
    )
    return [en, ru, uk]


def point_sets(cmp) -> list[set[tuple[str, int]]]:
    return [{(m.source, m.position) for m in p.members} for p in cmp.points]


def test_paraphrased_points_group_across_sources_and_unrelated_ones_do_not():
    points = point_sets(compare(story_articles()))
    flights = {("wire-en.txt", 3), ("tass-ru.txt", 1), ("kyiv-uk.txt", 1)}
    property_ = {("wire-en.txt", 2), ("tass-ru.txt", 4)}
    proposals = {("wire-en.txt", 0), ("tass-ru.txt", 0)}
    assert flights in points
    assert property_ in points
    assert proposals in points
    for own in [("wire-en.txt", 5), ("tass-ru.txt", 6), ("kyiv-uk.txt", 3)]:
        assert {own} in points
    # Every key point is in exactly one point.
    assert sum(len(p) for p in points) == 10


def test_members_keep_their_original_and_source_language_order():
    cmp = compare(story_articles())
    assert [s.id for s in cmp.sources] == ["wire-en.txt", "tass-ru.txt", "kyiv-uk.txt"]
    assert [s.language for s in cmp.sources] == ["en", "ru", "uk"]
    first = cmp.points[0]
    assert [m.source for m in first.members] == ["wire-en.txt", "tass-ru.txt", "kyiv-uk.txt"]
    ru_member = first.members[1]
    assert ru_member.original.startswith("Среди них")
    assert ru_member.text.startswith("Among them")


def test_points_are_ordered_by_reach_then_position_and_singletons_by_source():
    cmp = compare(story_articles())
    sizes = [len(p.members) for p in cmp.points]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] == 3
    shared_two = [p for p in cmp.points if len(p.members) == 2]
    # "proposals sent" (positions 0, 0) comes before "property" (positions 2, 4).
    assert [min(m.position for m in p.members) for p in shared_two] == [0, 2]
    singles = [p.members[0] for p in cmp.points if len(p.members) == 1]
    assert [m.source for m in singles] == ["wire-en.txt", "tass-ru.txt", "kyiv-uk.txt"]


def test_a_source_with_no_shared_points_is_listed_with_its_own_points():
    weather = make_article(
        "weather.txt",
        "en",
        [
            (0, "Heavy snow is forecast for the Carpathians at the weekend.", None),
            (1, "Forecasters expect temperatures to drop to minus fifteen degrees.", None),
        ],
    )
    cmp = compare(story_articles() + [weather])
    assert "weather.txt" in [s.id for s in cmp.sources]
    mine = [p for p in cmp.points if any(m.source == "weather.txt" for m in p.members)]
    assert len(mine) == 2
    assert all(len(p.members) == 1 for p in mine)
    # Its points are the last ones: single-source points follow the shared ones, by source.
    assert cmp.points[-2:] == mine


@pytest.mark.parametrize("count", [0, 1])
def test_fewer_than_two_articles_is_a_clear_error(count):
    with pytest.raises(CompareError, match=f"at least two articles; got {count}"):
        compare(story_articles()[:count])
    assert issubclass(CompareError, ValueError)


def test_a_point_never_takes_two_sentences_from_one_source():
    a = make_article(
        "a",
        "en",
        [
            (0, "Hurricane Hanna made landfall in Texas with winds of 150 km/h.", None),
            (1, "Hurricane Hanna hit Texas with 150 km/h winds.", None),
        ],
    )
    b = make_article(
        "b", "en", [(0, "Hanna reached the coast of Texas with 150 km/h winds.", None)]
    )
    cmp = compare([a, b])
    for p in cmp.points:
        sources = [m.source for m in p.members]
        assert len(sources) == len(set(sources))
    assert sorted(len(p.members) for p in cmp.points) == [1, 2]


def test_grouping_is_deterministic_and_independent_of_input_order():
    arts = story_articles()
    first = compare(arts)
    again = compare(arts)
    assert point_sets(first) == point_sets(again)
    reversed_sets = point_sets(compare(list(reversed(arts))))
    assert sorted(map(sorted, point_sets(first))) == sorted(map(sorted, reversed_sets))


def test_different_figures_keep_otherwise_similar_sentences_apart():
    a = make_article("a", "en", [(0, "The storm killed 12 people in the north.", None)])
    b = make_article("b", "en", [(0, "The storm killed 40 people in the south.", None)])
    c = make_article("c", "en", [(0, "Twelve people died in the storm in the north.", None)])
    sets = point_sets(compare([a, b, c]))
    assert {("a", 0), ("c", 0)} in sets
    assert {("b", 0)} in sets


def test_an_article_without_summary_offers_its_translated_sentences():
    arts = story_articles()
    arts[2].summary = None
    cmp = compare(arts)
    kyiv = [m for p in cmp.points for m in p.members if m.source == "kyiv-uk.txt"]
    assert len(kyiv) == 2


def test_complete_link_stops_chaining_unrelated_sentences():
    # b bridges a and c (it mentions both flights and property); a and c share nothing, so they
    # must not end up in one point even though each is close to b.
    groups = group_sentences(
        [
            ["Russia proposed resuming direct flights with the United States."],
            ["Russia proposed resuming direct flights and the return of diplomatic property."],
            ["The return of diplomatic property is a Russian demand."],
        ]
    )
    for g in groups:
        assert not ({(0, 0), (2, 0)} <= set(g))


def _paraphrase_docs(limit: int) -> list[dict]:
    path = DATA / "paraphrase" / "dev.jsonl"
    if not path.exists():
        pytest.skip("../shared/data/paraphrase not available")
    with path.open(encoding="utf-8") as fh:
        lines = fh.read().splitlines()[:limit]
    return [json.loads(line) for line in lines]


def test_two_translations_of_one_text_pair_up_sentence_by_sentence():
    tp = fp = fn = 0
    for doc in _paraphrase_docs(12):
        groups = group_sentences([doc["a_sents"], doc["b_sents"]])
        pred = {(g[0][1], g[1][1]) for g in groups if len(g) == 2}
        gold = {(i, i) for i in range(len(doc["a_sents"]))}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    assert tp / (tp + fp) >= 0.9
    assert tp / (tp + fn) >= 0.9
