"""A point holds every outlet that says its fact, even in a sentence another point holds."""

from __future__ import annotations

from newsbrief.grouping import compare
from newsbrief.grouping.filling import fill
from tests.test_compare import whole_article

# Three outlets on one ferry accident, written for this test. The first packs two facts into
# its lead; the others give them one sentence each.
PORT = [
    "A ferry ran aground off Skerry Island on Monday, and all 40 passengers were taken off "
    "safely by lifeboat crews.",
    "The harbour master said the tide was unusually low.",
]
TIMES = [
    "The island ferry Skua ran aground on rocks off Skerry Island on Monday morning.",
    "Lifeboat crews took all 40 passengers off the ferry safely within two hours.",
    "The operator has cancelled its sailings until Friday.",
]
HERALD = [
    "Lifeboat crews rescued all 40 passengers after the ferry ran aground.",
    "The ferry had run aground off Skerry Island shortly after nine.",
    "A diver will inspect the hull on Wednesday.",
]


def points_of(cmp) -> list[set[tuple[str, bool]]]:
    return [{(m.source, m.key_point) for m in p.members} for p in cmp.points]


def test_a_lead_with_two_facts_stands_in_both_points() -> None:
    articles = [
        whole_article("port", PORT, [0, 1]),
        whole_article("times", TIMES, [0, 1, 2]),
        whole_article("herald", HERALD, [0, 1, 2]),
    ]
    cmp = compare(articles)
    shared = [p for p in points_of(cmp) if len({s for s, _ in p}) == 3]
    # The aground point and the rescue point both hold all three outlets; the port's lead is a
    # key point in one of them and said in the text in the other.
    assert len(shared) == 2
    port = sorted(k for p in shared for s, k in p if s == "port")
    assert port == [False, True]
    # What only one outlet says stays its own.
    alone = [p for p in points_of(cmp) if len(p) == 1]
    assert {next(iter(p))[0] for p in alone} == {"port", "times", "herald"}


def test_nothing_is_added_without_a_close_match() -> None:
    texts = [["The council approved the budget."], ["A storm closed the coast road."]]
    groups, added = fill([[(0, 0)], [(1, 0)]], texts, [{0}, {0}])
    assert groups == [[(0, 0)], [(1, 0)]] and added == [set(), set()]


def test_an_outlet_saying_a_point_twice_does_not_bring_the_other_outlet_twice() -> None:
    texts = [
        [
            "Hurricane Hanna made landfall in Texas with winds of 150 km/h.",
            "Hurricane Hanna hit Texas with 150 km/h winds.",
        ],
        ["Hanna reached the coast of Texas with 150 km/h winds."],
    ]
    groups, added = fill([[(0, 0), (1, 0)], [(0, 1)]], texts, [{0, 1}, {0}])
    assert groups[1] == [(0, 1)] and added[1] == set()


def test_a_shared_count_brings_two_long_accounts_of_one_fact_together() -> None:
    from newsbrief.grouping.similarity import SentenceSimilarity, Weights

    one = (
        "The regional committee said late on Sunday that at least 115 homes had been lost to "
        "the fire, which spread from the forest road towards the lake villages."
    )
    other = (
        "At least 115 houses burned down in the blaze near the lakes, officials said on Monday, "
        "warning that the figure was likely to rise."
    )
    same_year = [s.replace("115", "2024") for s in (one, other)]
    plain = SentenceSimilarity([one, other], Weights(number_match=1.0))
    counted = SentenceSimilarity([one, other], Weights(number_match=1.6))
    assert Weights().number_match > 1.0
    assert counted.score(one, other) >= plain.score(one, other) * 1.5 > 0
    # A year shared is no such evidence: every account of a story may give it.
    years = SentenceSimilarity(same_year, Weights(number_match=1.6))
    assert years.score(*same_year) == SentenceSimilarity(
        same_year, Weights(number_match=1.0)
    ).score(*same_year)


def test_odd_digits_and_endless_numbers_never_fail_grouping() -> None:
    from newsbrief.grouping import group_sentences

    for odd in ("A flood destroyed 120 homes and 5² units.", "Code " + "7" * 5000 + " was sent."):
        groups = group_sentences([[odd], ["Floods wrecked 120 houses."]])
        assert sorted(m for g in groups for m in g) == [(0, 0), (1, 0)]


def test_a_shared_day_of_the_month_is_no_shared_count() -> None:
    from newsbrief.grouping.similarity import SentenceSimilarity, Weights

    one = "The ferry ran aground off Skerry Island on 23 August, the coastguard said."
    other = "The harbour master retired a week after the grounding on 23 August."
    texts = [one, other]
    counted = SentenceSimilarity(texts, Weights(number_match=1.6)).score(one, other)
    assert counted == SentenceSimilarity(texts, Weights(number_match=1.0)).score(one, other)


def test_two_lone_points_that_fill_each_other_are_one_point() -> None:
    harbour = whole_article("harbour", ["The ferry Skua ran aground off Skerry Island."], [0])
    times = whole_article("times", ["The ferry Skua ran aground off Skerry Island."], [0])
    cmp = compare([harbour, times])
    assert len(cmp.points) == 1 and len(cmp.points[0].members) == 2


def test_an_outlets_lead_joins_the_other_outlets_lead_on_a_looser_score() -> None:
    """Two leads tell the story each in its own words: where the other outlet's lead stands in
    another point (beside this outlet's other sentence), it still joins this lead's point."""
    gazette = [
        "The Linmouth ferry agreement is de facto terminated, the harbour board said on Monday, "
        "ready to restore it once paid.",
        "Signed in May, the agreement let 900 cars a day cross the bay on the night ferry.",
    ]
    courier = [
        "A deal that let the night ferry carry cars across the bay is over, the board said Monday.",
        "Fares on the night ferry rose twice this year.",
    ]
    groups = [[(0, 0)], [(0, 1), (1, 0)]]
    keys = [{0, 1}, {0, 1}]
    # Below the score any sentence needs, the lead stays alone ...
    assert fill(groups, [gazette, courier], keys)[0][0] == [(0, 0)]
    # ... and the other lead joins it when the leads are known; only leads do.
    filled, added = fill(groups, [gazette, courier], keys, leads=[0, 0])
    assert filled[0] == [(0, 0), (1, 0)] and added[0] == {(1, 0)}
    assert fill(groups, [gazette, courier], keys, leads=[0, 1])[0][0] == [(0, 0)]
