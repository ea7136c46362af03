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
    with pytest.raises(CompareError, match=f"at least two different articles; got {count}"):
        compare(story_articles()[:count])
    assert issubclass(CompareError, ValueError)


def test_an_article_given_twice_is_one_outlet():
    """The same id twice (one file named twice) is compared once: with one id for two sources,
    every point would read as one outlet's own. The caller is told which input was left out;
    one article left is no comparison."""
    articles = story_articles()
    once = compare(articles)
    again = compare([*articles, articles[0]])
    assert [p.sources for p in again.points] == [p.sources for p in once.points]
    assert [s.id for s in again.sources] == [a.id for a in articles]
    assert again.notes == ["wire-en.txt: given twice; compared once"]
    assert once.notes == []

    # Two names with one text may be two sites carrying one wire story: both stand, noted.
    copy = copy_of(articles[1], "copy.txt")
    renamed = compare([*articles, copy])
    assert [s.id for s in renamed.sources] == [*(a.id for a in articles), "copy.txt"]
    assert renamed.notes == [
        f"copy.txt: the same text as {articles[1].id}; each is counted as an outlet"
    ]

    with pytest.raises(CompareError, match="got 1; wire-en.txt: given twice"):
        compare([articles[0], articles[0]])


def test_one_file_under_two_spellings_of_its_path_is_one_input(tmp_path, monkeypatch):
    """"a.txt" and "./a.txt" name one file: compared once, as when it is named twice alike."""
    from dataclasses import replace

    monkeypatch.chdir(tmp_path)
    (tmp_path / "wire.txt").write_text("x", encoding="utf-8")
    first, second, third = story_articles()
    named = replace(first, id="wire.txt", path="wire.txt")
    again = replace(first, id="./wire.txt", path="./wire.txt")
    cmp = compare([named, second, again, third])
    assert [s.id for s in cmp.sources] == ["wire.txt", second.id, third.id]
    assert cmp.notes == ["./wire.txt: given twice; compared once"]


def copy_of(article: Article, new_id: str) -> Article:
    from dataclasses import replace

    return replace(article, id=new_id)


def test_a_source_saying_a_shared_fact_twice_is_never_only_its_own():
    """Its second "150 km/h" sentence stands in the point as its second sentence (issue 27:
    "only in X" only where no other outlet's text says it); the other source's one sentence
    is never taken twice."""
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
    assert [sorted(m.source for m in p.members) for p in cmp.points] == [["a", "a", "b"]]


def test_grouping_is_deterministic_and_independent_of_input_order():
    arts = story_articles()
    first = compare(arts)
    again = compare(arts)
    assert point_sets(first) == point_sets(again)
    reversed_sets = point_sets(compare(list(reversed(arts))))
    assert sorted(map(sorted, point_sets(first))) == sorted(map(sorted, reversed_sets))


def test_figures_of_different_things_keep_otherwise_similar_sentences_apart():
    a = make_article("a", "en", [(0, "The storm killed 12 people in the north.", None)])
    b = make_article("b", "en", [(0, "The storm destroyed 40 houses in the north.", None)])
    c = make_article("c", "en", [(0, "Twelve people died in the storm in the north.", None)])
    cmp = compare([a, b, c])
    sets = point_sets(cmp)
    assert {("a", 0), ("c", 0)} in sets
    assert {("b", 0)} in sets
    assert not any(p.differs for p in cmp.points)  # 12 == twelve: written two ways


def test_one_fact_counted_differently_is_grouped_and_flagged():
    a = make_article("a", "en", [(0, "The storm killed 12 people in the north on Monday.", None)])
    b = make_article("b", "en", [(0, "The storm killed 40 people in the north on Monday.", None)])
    (point,) = compare([a, b]).points
    assert {m.source for m in point.members} == {"a", "b"}
    assert {(d.source, d.figure) for d in point.differs} == {("a", "12 people"), ("b", "40 people")}


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


# --- whole-text matching ----------------------------------------------------------------------


def whole_article(article_id: str, sentences: list[str], key: list[int]) -> Article:
    """An English article of `sentences` whose key points are the sentences at `key`."""
    pairs = [SentencePair(source=s, text=s, paragraph=i) for i, s in enumerate(sentences)]
    kps = [
        KeyPoint(rank=n + 1, position=i, score=0.5, text=sentences[i], original=sentences[i])
        for n, i in enumerate(key)
    ]
    return Article(
        id=article_id,
        language="en",
        translation=Translation(language="en", text="\n".join(sentences), sentences=pairs),
        summary=Summary(algorithm="test", key_points=kps),
    )


FLIGHTS_A = [
    "Moscow is demanding the return of six diplomatic properties seized by Washington.",
    "U.S. officials have linked the reinstatement of flights to advancements toward a ceasefire.",
    "The talks were held in Istanbul on February 27.",
]
FLIGHTS_B = [
    "The Kremlin adviser said the embassies still cannot work normally.",
    "A third round of talks has stalled over the choice of venue.",
    "U.S. officials have made the resumption of direct flights contingent on progress toward a "
    "ceasefire.",
]


def test_a_key_point_finds_its_match_outside_the_other_sources_key_points():
    a = whole_article("a", FLIGHTS_A, key=[1])
    b = whole_article("b", FLIGHTS_B, key=[0, 1])  # the flights sentence is not a key point
    cmp = compare([a, b])
    flights = next(p for p in cmp.points if any(m.source == "a" for m in p.members))
    assert [(m.source, m.position, m.key_point) for m in flights.members] == [
        ("a", 1, True),
        ("b", 2, False),
    ]
    # b's own key points stay one-source; nothing in a says them.
    assert sum(len(p.members) == 1 for p in cmp.points) == 2
    # Key points only: the same comparison without whole-text matching misses the point.
    narrow = compare([a, b], whole_text=False)
    assert all(len(p.members) == 1 for p in narrow.points)


def test_sentences_nobody_picked_never_make_a_point_of_their_own():
    a = whole_article("a", FLIGHTS_A, key=[1])
    b = whole_article("b", [FLIGHTS_A[2], FLIGHTS_B[1]], key=[1])
    cmp = compare([a, b])
    # "talks held in Istanbul" is in both texts but a key point of neither: not shown.
    shown = [m.text for p in cmp.points for m in p.members]
    assert FLIGHTS_A[2] not in shown
    assert all(any(m.key_point for m in p.members) for p in cmp.points)


def test_a_sentence_goes_to_its_real_counterpart_not_to_a_key_point_sharing_its_names():
    a = whole_article(
        "a",
        [
            "His comments followed remarks by U.S. President Donald Trump, who expressed his "
            "disappointment with Russian President Vladimir Putin.",
            "So far, Putin has dismissed Trump's attempts to facilitate a truce.",
        ],
        key=[0],
    )
    b = whole_article(
        "b",
        [
            "The Kremlin said the next round of talks would be held soon.",
            "President Vladimir Putin has so far rejected U.S. President Donald Trump's efforts "
            "to broker a truce.",
        ],
        key=[0],
    )
    cmp = compare([a, b])
    assert all(len(p.members) == 1 for p in cmp.points)


def test_page_furniture_is_never_offered_as_a_match():
    a = whole_article(
        "a", ["Support The Moscow Times!", "The ministry confirmed the flights proposal."], [1]
    )
    b = whole_article(
        "b",
        ["The ministry confirmed the flights proposal today.", "Support The Moscow Times!"],
        [0],
    )
    cmp = compare([a, b])
    texts = [m.text for p in cmp.points for m in p.members]
    assert "Support The Moscow Times!" not in texts
    assert len(cmp.points) == 1 and len(cmp.points[0].members) == 2


def test_figures_written_with_a_scale_word_are_the_same_figure():
    from newsbrief.grouping.similarity import content_terms, numbers_in

    same = numbers_in(content_terms("Of these, 13.3 thousand people died."))
    assert same == numbers_in(content_terms("Of those, 13,300 people died."))
    assert numbers_in(content_terms("about 4 thousand scams")) == {"4000"}
    assert numbers_in(content_terms("2.5 million doses")) == {"2500000"}
    # Lakhs as Indian outlets group them, and numbers spelled out in words.
    assert numbers_in(content_terms("some 3,00,000 reservists")) == {"300000"}
    assert numbers_in(content_terms("Three hundred thousand troops")) == {"300000"}
    assert numbers_in(content_terms("two hundred people, 12,34,567 votes")) == {"200", "1234567"}


def test_one_event_in_two_outlets_words_shares_its_terms():
    """ "freed … in the biggest prisoner swap" and "released … in the largest exchange" name one
    event; a reporter is no act of saying (the stem "report" is)."""
    from newsbrief.grouping.similarity import SentenceSimilarity, content_terms

    freed = "A reporter was freed in the biggest prisoner swap since the Cold War."
    released = "A reporter was released in the largest prisoner exchange since the Cold War."
    assert set(content_terms(freed)) == set(content_terms(released))
    assert "say" not in content_terms("Two reporters were among them.")
    # Nor is a word whose stem heads a group in another sense read as that group.
    pairs = (("relatives", "relations"), ("heading", "leader"), ("minors", "small"))
    for word, other in (*pairs, ("fired", "fire")):
        assert content_terms(word) != content_terms(other)
    assert content_terms("fired") == content_terms("shooting")  # "troops fired on the plant"
    assert content_terms("Türkiye") == content_terms("Turkey")  # the official name since 2022
    alike = (("halted", "stopped"), ("sank", "sunk"), ("blast", "explosion"))
    for one, other in (*alike, ("verify", "confirmed"), ("sceptical", "cautious")):
        assert content_terms(one) == content_terms(other)
    other = "The largest grain port reopened after the Cold War, a reporter wrote."
    sim = SentenceSimilarity([freed, released, other])
    assert sim.score(freed, released) > 2 * sim.score(freed, other)


def test_sources_are_labelled_by_outlet_or_shortest_distinct_name_and_headline():
    from newsbrief.titles import display_title, short_names, source_labels

    assert short_names(["/x/seeds/000_9b13bd906208b730.txt", "/x/seeds/003_0b5e5232c26a.txt"]) == [
        "000",
        "003",
    ]
    assert short_names(["a/report.txt", "b/report.txt"]) == ["a/report.txt", "b/report.txt"]
    assert short_names(["wire.txt", "wire.md"]) == ["wire.txt", "wire.md"]
    arts = [whole_article(i, FLIGHTS_A, [0]) for i in ("feed.jsonl:1", "feed.jsonl:2")]
    arts[0].extra = {"outlet": "Verbohrad Herald"}
    assert source_labels(arts) == ["Verbohrad Herald", "feed.jsonl:2"]
    arts[1].extra = {"outlet": "Verbohrad Herald", "title": "Ferry runs again"}
    assert source_labels(arts) == [
        "Verbohrad Herald (feed.jsonl:1)",
        "Verbohrad Herald (feed.jsonl:2)",
    ]
    assert display_title(arts[1]) == "Ferry runs again"
    page = whole_article(
        "p",
        ["Support The Moscow Times!", "U.S. 'Not Ready' to Restore Embassies", FLIGHTS_A[0]],
        [2],
    )
    assert display_title(page) == "U.S. 'Not Ready' to Restore Embassies"
    byline = whole_article("q", ["By Our Diplomatic Correspondent", *FLIGHTS_A], [1])
    assert display_title(byline) is None  # the lead follows the byline: no headline


def test_long_texts_keep_only_key_points_and_the_sentences_nearest_them(monkeypatch):
    import newsbrief.grouping as compare_module

    monkeypatch.setattr(compare_module, "MAX_NEAR", 1)
    monkeypatch.setattr(compare_module, "ROWS_PER_BLOCK", 2)
    lines_a = [f"Item {i} was logged by the clerk at the harbour office." for i in range(40)]
    lines_b = [f"Entry {i} was recorded by the clerk in the port office." for i in range(40)]
    seen: list[int] = []
    real = compare_module._scores

    def spy(*args):
        kept, scores, best_in = real(*args)
        seen.append(len(kept))
        return kept, scores, best_in

    monkeypatch.setattr(compare_module, "_scores", spy)
    cmp = compare([whole_article("a", lines_a, [5]), whole_article("b", lines_b, [7])])
    assert seen == [2 + 1]  # two key points and the one nearest sentence: no 80 x 80 matrix
    # Every key point is still in the result; the one kept sentence joins its best key point.
    members = [(m.source, m.position, m.key_point) for p in cmp.points for m in p.members]
    assert ("a", 5, True) in members and ("b", 7, True) in members
    # Beside them only each key point's counterpart in the other text, as said in the text
    # (grouping.filling): the same figure, the same clerk.
    assert sorted(members) == [("a", 5, True), ("a", 7, False), ("b", 5, False), ("b", 7, True)]
