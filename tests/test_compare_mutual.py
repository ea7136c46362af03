"""Two outlets' lone key points, each the other's closest lone one, are one point
(`newsbrief.grouping.links.mutual`): two outlets each claiming one fact as their own. Names in
common are not enough (two statements of one ambassador are two facts). Texts written for this
test."""

from __future__ import annotations

from dataclasses import replace

from newsbrief.grouping import GroupingParams
from newsbrief.grouping.links import adopted, mutual
from newsbrief.grouping.similarity import SentenceSimilarity

COURIER = [
    "Ferry crews were sent home until the storm has passed.",
    "Envoy Mara Lind said the two towns had drawn up papers for a new bridge.",
]
HERALD = [
    "Boat crews in the islands are at home, waiting for calmer weather.",
    "Envoy Mara Lind said the two towns would take turns to host the next talks.",
    "Schools on the islands will stay shut on Wednesday.",
]
TEXTS = [COURIER, HERALD]
KEYS = [{0, 1}, {0, 1, 2}]
SIM = SentenceSimilarity(COURIER + HERALD)
SCORER = SIM.scores(COURIER + HERALD)


def lone() -> list[list[tuple[int, int]]]:
    return [[(s, i)] for s, src in enumerate(TEXTS) for i in range(len(src))]


def joined(params: GroupingParams) -> list[list[tuple[int, int]]]:
    return [g for g in mutual(lone(), TEXTS, KEYS, SCORER, params) if len(g) > 1]


def test_each_others_closest_lone_key_points_become_one_point() -> None:
    score = SIM.score(COURIER[0], HERALD[0])
    assert joined(replace(GroupingParams(), mutual=score - 0.01)) == [[(0, 0), (1, 0)]]
    assert joined(replace(GroupingParams(), mutual=score + 0.01)) == []


def test_names_in_common_are_no_account_of_one_fact() -> None:
    # The two envoy sentences score higher than the crews' pair, but share one claim word.
    assert SIM.score(COURIER[1], HERALD[1]) > SIM.score(COURIER[0], HERALD[0])
    assert [(0, 1), (1, 1)] not in joined(replace(GroupingParams(), mutual=0.0))


def test_a_key_point_joins_only_the_one_whose_closest_it_is() -> None:
    closer = "Ferry crews were sent home by the operator until the storm has passed."
    texts = [COURIER, [*HERALD, closer]]
    keys = [{0, 1}, {0, 1, 2, 3}]
    sim = SentenceSimilarity(COURIER + texts[1])
    groups = [[(s, i)] for s, src in enumerate(texts) for i in range(len(src))]
    scorer = sim.scores(COURIER + texts[1])
    out = mutual(groups, texts, keys, scorer, replace(GroupingParams(), mutual=0.0))
    assert [(0, 0), (1, 3)] in out and [(1, 0)] in out


# `links.adopted`: a lone key point and a shared point's member that are each other's best
# account across the two outlets' texts.
GAZETTE = [
    "The council voted on Monday to close the old quay to heavy lorries.",
    "Harbour fees will rise in spring, the port authority said.",
]
WIDE = [*COURIER, "Boat crews on the islands stay at home, waiting for calmer weather."]


def adopt(texts, groups, keys, **changes) -> list[list[tuple[int, int]]]:
    sim = SentenceSimilarity([t for src in texts for t in src])
    scorer = sim.scores([t for src in texts for t in src])
    return adopted(groups, texts, keys, scorer, replace(GroupingParams(), **changes))


def test_a_lone_key_point_joins_the_shared_point_of_its_best_account() -> None:
    texts = [COURIER, HERALD, GAZETTE]
    # Herald's crews sentence is already shared with the Gazette's (say, by linking).
    groups = [[(0, 0)], [(0, 1)], [(1, 0), (2, 0)], [(1, 1)], [(1, 2)], [(2, 1)]]
    out = adopt(texts, groups, [{0, 1}, {0, 1, 2}, {0, 1}], adopt_score=0.0, adopt_floor=0.0)
    assert [(0, 0), (1, 0), (2, 0)] in out and [(0, 0)] not in out
    # The envoy's two statements share a name, not a claim: each stays its outlet's own.
    assert [(0, 1)] in out
    # Below the score, nothing moves.
    score = SentenceSimilarity([t for src in texts for t in src]).score(COURIER[0], HERALD[0])
    assert adopt(texts, groups, [{0, 1}, {0, 1, 2}, {0, 1}], adopt_score=score + 0.01) == groups


def test_it_joins_only_where_it_is_the_members_best_account_in_its_outlet() -> None:
    # Courier's own third sentence (no key point) says the crews' fact closer to the Herald's:
    # the Herald's member has a better counterpart there, so the key point stays alone.
    texts = [WIDE, HERALD, GAZETTE]
    sim = SentenceSimilarity([t for src in texts for t in src])
    assert sim.score(WIDE[2], HERALD[0]) > sim.score(WIDE[0], HERALD[0])
    groups = [[(0, 0)], [(0, 1)], [(1, 0), (2, 0)], [(1, 1)], [(1, 2)], [(2, 1)]]
    out = adopt(texts, groups, [{0, 1}, {0, 1, 2}, {0, 1}], adopt_score=0.0, adopt_floor=0.0)
    assert [(0, 0)] in out
