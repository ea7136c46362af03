"""An outlet that says a shared point's fact a second time, in other words, has not a scoop:
the repeat joins the row its outlet already stands in (texts written for these tests)."""

from __future__ import annotations

import dataclasses

from newsbrief.grouping import GroupingParams, group_sentences

FIRST = [
    (
        "Talks between the council and the bus drivers' union on the new timetable have reached "
        "a standstill, the council said on Monday."
    ),
    (
        '"The negotiation with the bus drivers over the timetable is currently stuck; we hope for '
        'progress before the summer," deputy mayor Ilse Varga told reporters at the town hall.'
    ),
    "A new ferry pier will open in Westgate in June, the port authority said.",
]
SECOND = [
    (
        "The council's negotiation with the bus drivers' union over the new timetable has "
        "stalled, officials said on Monday."
    ),
    "Rain is expected all week in Linmouth.",
]
# Key points picked (not every sentence): SECOND's weather line is none.
ANCHORS = [{0, 1, 2}, {0}]
# The coverage step off, so that only the support step's rule is at work.
PARAMS = GroupingParams(coverage=2.0)


def test_a_restatement_joins_its_outlets_row_not_only_in_x():
    groups = group_sentences([FIRST, SECOND], anchors=ANCHORS, params=PARAMS)
    assert [(0, 0), (0, 1), (1, 0)] in groups
    # The scoop stays its outlet's own.
    assert [(0, 2)] in groups


def test_without_the_rule_the_restatement_is_listed_alone():
    params = GroupingParams(coverage=2.0, repeats=False)
    groups = group_sentences([FIRST, SECOND], anchors=ANCHORS, params=params)
    assert [(0, 1)] in groups
    assert [(0, 0), (1, 0)] in groups


def test_a_second_key_point_pairs_with_the_other_outlets_not_with_its_lead():
    # Outlet 1's first sentence is in the shared row of the opening sentences; its second sentence
    # says the other outlet's second key point: it pairs there, not as a repeat of its lead.
    first = [
        "The harbour bridge in Linmouth was closed on Tuesday after inspectors found a crack.",
        (
            "The council said it had no word yet on the cost and that an engineer was heading "
            "to the harbour bridge."
        ),
    ]
    second = [
        "Linmouth's harbour bridge was shut on Tuesday when a crack was found by inspectors.",
        "The council's spokeswoman said it had not been told the cost of the repairs.",
    ]
    groups = group_sentences([first, second], anchors=[{0, 1}, {0, 1}], params=PARAMS)
    assert [(0, 0), (1, 0)] in groups
    assert [(0, 1), (1, 1)] in groups


def test_one_persons_quote_is_not_supported_by_another_persons_view(monkeypatch):
    from newsbrief.grouping import support
    from newsbrief.grouping.support import speaker

    first = [
        "The council shut the harbour bridge on Tuesday after inspectors found a crack.",
        (
            '"I can assume the region, despite some progress, is not yet ready to pay the costs '
            'of the repairs," deputy mayor Ilse Varga told reporters.'
        ),
    ]
    second = [
        "Linmouth's harbour bridge was closed on Tuesday when a crack was found.",
        (
            "It is much easier to pay the costs of repairs than to build anew, says engineer "
            "Tomas Brandt."
        ),
    ]
    assert speaker(first[1]) == {"Ilse", "Varga"} or speaker(first[1]) == {"Varga"}
    assert speaker(second[1]) == {"Tomas", "Brandt"}
    groups = group_sentences([first, second], anchors=[{0, 1}, {0}], params=PARAMS)
    assert [(0, 1)] in groups  # the deputy mayor's view stays hers
    assert [(0, 0), (1, 0)] in groups
    # Without the speakers read (and the denial "not yet ready to pay" read as no opposite
    # claim), the support step's looser test would take the analyst's remark.
    monkeypatch.setattr(support, "_two_speakers", lambda a, b: False)
    plain = dataclasses.replace(PARAMS, opposed=False)
    groups = group_sentences([first, second], anchors=[{0, 1}, {0}], params=plain)
    assert [(0, 1), (1, 1)] in groups

