"""Of two sentences saying one thing, the summary keeps the one the outlet leads with: asking
for more points never trades the lead for its echo further down (the seed story's Izvestia
article leads with "…are among the priority issues for Moscow…" and says it again two
paragraphs on). Texts written for this test."""

from __future__ import annotations

import numpy as np

from summarizer.features import sentence_terms
from summarizer.ranking import _lead_before_its_restatement

TEXTS = [
    "Higher night pay and safer cranes are among the main demands of the dock union in its "
    "talks with the port authority, union leader Mara Quist told the Courier.",
    "The port authority has offered a smaller rise in night pay.",
    "Higher night pay and safer cranes remain the main demands of the dock union in its talks "
    "with the port authority, the union leader said on Monday.",
    "Ships are waiting offshore, and two have left for another port.",
]


def reordered(order: list[int]) -> list[int]:
    counts = sentence_terms(TEXTS, "en").counts
    return _lead_before_its_restatement(np.array(order), counts, TEXTS).tolist()


def test_the_lead_takes_the_place_of_its_restatement_ranked_above_it() -> None:
    assert reordered([3, 2, 1, 0]) == [3, 0, 2, 1]


def test_a_lead_ranked_above_its_echo_or_echoed_by_nothing_stays_where_it_is() -> None:
    assert reordered([0, 2, 1, 3]) == [0, 2, 1, 3]
    assert reordered([3, 1, 0, 2]) == [3, 1, 0, 2]  # 1 and 3 say something else
    assert reordered([3, 1]) == [3, 1]  # no lead among the candidates


QUOTED = [
    *TEXTS[:3],
    "— Night pay is one of the important issues along with the cranes: I mean both the day "
    "and the night shifts.",
    *TEXTS[3:],
]


def test_a_quotation_beside_the_leads_echo_tells_the_lead_again() -> None:
    """The echo is left out as a repeat of the lead; the union leader's words quoted beside it
    are the same point a third time (the seed's "— This is one of the important issues…",
    three sentences after the lead), so the next fact takes the place."""
    from summarizer.selection import select

    counts = sentence_terms(QUOTED, "en").counts
    picked = select([0, 2, 3, 1, 4], counts, QUOTED, 3, facts=True)
    assert picked == [0, 1, 4]
