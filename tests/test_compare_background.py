"""A definition ("The Skua Line is a ferry company…") is background: it does not join an
outlet's account of what happened, however many words they share (texts written for this test)."""

from __future__ import annotations

import newsbrief
from newsbrief.grouping.background import defines
from newsbrief.records import Document

PORT = "\n\n".join(
    [
        "Skua Line halts its island ferries",
        "The head of the Skua Line ferry company said he had ordered its ferries to halt their "
        "crossings to Skerry Island because of the storm.",
        "About 300 passengers were waiting at the harbour on Monday.",
    ]
)
COAST = "\n\n".join(
    [
        "Island ferries stopped",
        "The Skua Line is a small ferry company that sails to Skerry Island.",
        "The Skua Line chief told passengers at the harbour the ferries would stay in port.",
        "Some 300 passengers were left waiting on Monday.",
    ]
)


def test_a_definition_does_not_join_an_account_of_events() -> None:
    assert defines("The Skua Line is a ferry company that has run crossings for decades.")
    assert defines("It is a war crime to attack a nuclear power plant.")
    assert not defines("The Skua Line chief said the ferries would stay in port.")
    result = newsbrief.compare([Document(id="port", text=PORT), Document(id="coast", text=COAST)])
    definition = next(
        p for p in result.points if any(m.text.startswith("The Skua Line is") for m in p.members)
    )
    assert {m.source for m in definition.members} == {"coast"}
