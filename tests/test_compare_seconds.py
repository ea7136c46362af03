"""An outlet that splits a shared fact over two sentences: the second, which nobody picked,
joins the point its outlet already stands in (`grouping.links.seconds`; texts written for
these tests)."""

from __future__ import annotations

from newsbrief.grouping import GroupingParams, group_sentences

FIRST = [
    "The harbour bridge in Linmouth was closed on Tuesday after inspectors found a crack.",
    (
        "The council said it had no word on the cost and that an engineer was now driving to "
        "Linmouth, where the bridge is."
    ),
    '"An engineer is now driving to Linmouth, where the bridge is," Mara Holt said.',
    'Deputy mayor Ilse Varga said on Tuesday the bridge had been "neglected for years".',
]
SECOND = [
    "Linmouth's harbour bridge was shut on Tuesday when inspectors found a crack.",
    "Council spokeswoman Mara Holt said the council had no word on the cost.",
    '"An engineer is now driving to Linmouth," where the bridge is, she said in a post online.',
    'Ilse Varga, the deputy mayor, said the bridge had been "neglected for years".',
    "Shop owners on Tuesday said the council was to blame for the bridge being neglected.",
]
# Key points picked: the quotes on the engineer and the shop owners' line are none.
ANCHORS = [{0, 1, 3}, {0, 1, 3}]


def test_the_second_half_of_a_split_fact_joins_its_outlets_point():
    groups = group_sentences([FIRST, SECOND], anchors=ANCHORS)
    assert [(0, 1), (1, 1), (1, 2)] in groups
    assert [(0, 0), (1, 0)] in groups


def test_without_the_rule_it_is_left_out():
    groups = group_sentences([FIRST, SECOND], anchors=ANCHORS, params=GroupingParams(seconds=False))
    assert [(0, 1), (1, 1)] in groups
    assert not any((1, 2) in g for g in groups)


def test_a_sentence_that_its_outlets_member_says_better_stays_out():
    # The shop owners' line shares the deputy mayor's row's words ("the bridge", "neglected"),
    # which SECOND's own member there says better: another fact, not the rest of that one.
    groups = group_sentences([FIRST, SECOND], anchors=ANCHORS)
    assert [(0, 3), (1, 3)] in groups
    assert not any((1, 4) in g for g in groups)


def test_a_sentence_that_repeats_its_outlets_member_stays_out():
    # SECOND states the engineer twice; the repeat adds nothing to the point it is in.
    second = [*SECOND[:3], '"An engineer is now driving to Linmouth," Mara Holt wrote.']
    groups = group_sentences([FIRST, second], anchors=[{0, 1, 3}, {0, 1, 2}])
    assert not any((1, 3) in g and (1, 2) in g for g in groups)
