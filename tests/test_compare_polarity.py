"""Opposite claims in shared words are not one point; two denials of one thing still are."""

from __future__ import annotations

from newsbrief.grouping import compare
from newsbrief.grouping.polarity import denied, opposed
from tests.test_compare import whole_article


def test_a_claim_and_its_denial_are_opposed() -> None:
    assert denied("The council did not confirm that the pier would close.") >= {"confirm"}
    assert opposed(
        "The council did not confirm that the pier would close.",
        "The council confirmed on Monday that the pier would close.",
    )
    # Both deny: they agree ("no confirmation" and "not informed" of one closure).
    assert not opposed(
        "The harbour team said it had no confirmation of the closure.",
        "The harbour team had not been told of the closure, its spokesman said.",
    )
    # A negation elsewhere in the sentence, on a word the other does not hold, opposes nothing.
    assert not opposed(
        "The pier will close in May, though no date for the works was given.",
        "The council said the pier will close in May.",
    )


def test_compare_keeps_a_claim_apart_from_its_denial() -> None:
    harbour = whole_article(
        "harbour",
        [
            "The ferry operator said it trusts the council will no longer link the winter "
            "sailings to the pier dispute.",
            "Divers inspected the hull on Tuesday.",
        ],
        [0, 1],
    )
    council = whole_article(
        "council",
        [
            "According to the mayor, council officials have linked extra sailings to progress "
            "on repairs at the pier.",
            "The mayor visited the quay.",
        ],
        [0, 1],
    )
    cmp = compare([harbour, council])
    assert all(len({m.source for m in p.members}) == 1 for p in cmp.points)
    # Without the polarity rule the two were one point: the test above is not idle.
    from newsbrief.grouping import GroupingParams

    joined = compare([harbour, council], GroupingParams(opposed=False))
    assert any(len({m.source for m in p.members}) == 2 for p in joined.points)


def test_dismissed_is_fired_not_a_denial() -> None:
    assert not opposed(
        "The mayor dismissed the harbour master on Thursday.",
        "The mayor fired the harbour master on Thursday.",
    )


def test_a_dampened_pair_still_links_when_it_is_close() -> None:
    """Dampening lowers a score; it is no veto through the rival rule's stale best scores."""
    from newsbrief.grouping import group_sentences

    first = [
        "The council confirmed that the ferry Skua was on the rocks off Skerry Island.",
        "Rain fell all day over the harbour.",
    ]
    second = [
        "Snow closed the coast road.",
        "Officials did not confirm that the ferry Skua was on the rocks off Skerry Island.",
    ]
    groups = group_sentences([first, second], anchors=[{0}, {0}])
    assert [(0, 0), (1, 1)] in groups
