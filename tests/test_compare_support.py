""" "Only in X" must be true: a key point that another outlet states in its own words, in a
sentence that outlet did not pick, is not the first outlet's own (texts written for these tests)."""

from __future__ import annotations

from newsbrief.grouping import GroupingParams, group_sentences
from newsbrief.grouping.figures import disagreements

FIRST = [
    "Linmouth's harbour bridge was closed to traffic on Tuesday after a crack was found.",
    (
        "Restoring the night bus service and reopening the old market hall remain the council's "
        "priorities for the year, deputy mayor Ilse Varga told the Courier."
    ),
    "A new ferry pier will open in Westgate in June, the port authority said.",
]
SECOND = [
    "The council shut the harbour bridge on Tuesday when inspectors found a crack.",
    "Repairs should take three weeks.",
    (
        "Linmouth also wants the night buses back and the market hall in use again, and is "
        "seeking money for both from the region."
    ),
    "Work on the Westgate seafront is still under review.",
]
THIRD = [
    (
        "Linmouth wants the night buses back and the market hall in use again, and seeks money "
        "for both from the region, the council said."
    ),
    "Rain is expected all week.",
]
NO_SUPPORT = GroupingParams(lone=2.0)


def test_a_key_point_said_in_other_words_elsewhere_is_not_only_its_outlets():
    anchors = [{0, 1, 2}, {0, 1}]
    groups = group_sentences([FIRST, SECOND], anchors=anchors)
    # Too unlike by wording to group, but the other outlet's text says it: not "only in" FIRST.
    assert [(0, 1), (1, 2)] in groups
    assert [(0, 1)] in group_sentences([FIRST, SECOND], anchors=anchors, params=NO_SUPPORT)
    # The scoop, which shares a place and a source with a sentence of the other, stays alone.
    assert [(0, 2)] in groups


def test_the_point_so_made_takes_every_outlet_that_says_it():
    groups = group_sentences([FIRST, SECOND, THIRD], anchors=[{0, 1, 2}, {0, 1}, {1}])
    assert [(0, 1), (1, 2), (2, 0)] in groups


def test_two_outlets_lone_key_points_join_only_when_key_points_were_picked():
    second = [*SECOND]
    second[2] = (
        "Linmouth also wants the night buses back and the market hall reopened, and is seeking "
        "money for both from the region."
    )
    # Both outlets ranked their sentence among their few key points: evidence of one fact.
    assert [(0, 1), (1, 2)] in group_sentences([FIRST, second], anchors=[{0, 1, 2}, {0, 1, 2}])
    # With every sentence a key point, being one says nothing: the pair stays apart.
    groups = group_sentences([FIRST, second])
    assert [(0, 1)] in groups and [(1, 2)] in groups


def test_the_two_nations_is_who_is_meant_not_a_figure():
    reconnect = "Reconnecting the two nations after years of travel bans."
    assert not disagreements([reconnect, "Flights from almost 40 countries were banned."], "ab")
    assert disagreements(["Two nations signed.", "Forty nations signed."], "ab")
