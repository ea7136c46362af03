"""A list item is matched with the line that introduces it (`newsbrief.grouping.lists`): an
outlet's "The union's demands … include:" / "Night work: …" is the other outlet's "The union is
demanding higher pay for night shifts", not a fact of its own. Texts written for this test."""

from __future__ import annotations

import newsbrief
from newsbrief.grouping.lists import MAX_ITEMS, is_item, lead_ins
from newsbrief.records import Document, SentencePair

LEAD_IN = "The union's demands to the port authority are understood to include:"
COURIER = "\n\n".join(
    [
        "Port strike talks resume",
        "Dock workers and the port authority met again on Monday after a week-long strike "
        "closed the harbour.",
        LEAD_IN,
        "Night work: Shifts after ten would earn half as much again.",
        "Crane checks: An independent inspection of every crane each year.",
        "The harbour master said ships were waiting offshore.",
    ]
)
HERALD = "\n\n".join(
    [
        "Harbour still shut",
        "Talks between dockers and the port authority restarted on Monday, seven days into a "
        "strike that has shut the harbour.",
        "The union is demanding higher pay for night shifts, a spokesman said.",
        "Dozens of container ships are anchored offshore.",
    ]
)


def points(courier: str) -> list[list[tuple[str, str]]]:
    docs = [Document(id="courier", text=courier), Document(id="herald", text=HERALD)]
    result = newsbrief.compare(docs, count=4)
    return [[(m.source, m.text.split(":")[0]) for m in p.members] for p in result.points]


def test_an_item_joins_the_point_its_lead_in_makes_it_match() -> None:
    found = points(COURIER)
    herald = "The union is demanding higher pay for night shifts, a spokesman said."
    assert [("courier", "Night work"), ("herald", herald)] in found
    # The other item is the courier's own: it stays "only in courier".
    assert [("courier", "Crane checks")] in found


def test_without_its_lead_in_the_same_item_stands_alone() -> None:
    found = points(COURIER.replace(LEAD_IN + "\n\n", ""))
    assert [("courier", "Night work")] in found


def pairs(*paragraphs: list[str]) -> list[SentencePair]:
    return [
        SentencePair(source=s, text=s, paragraph=n)
        for n, sentences in enumerate(paragraphs)
        for s in sentences
    ]


def test_items_are_bullets_numbers_and_labels_after_a_paragraph_ending_in_a_colon() -> None:
    text = pairs(
        ["Talks went on all night.", "The demands were these:"],
        ["• Higher pay.", "For every shift."],
        ["2) Safer cranes."],
        ["Night work: Shifts after ten."],
        ["The harbour stayed shut."],
        ["- Not an item: the list had ended."],
    )
    found = lead_ins(text)
    assert found == dict.fromkeys([2, 3, 4, 5], "The demands were these:")


def test_a_colon_inside_a_paragraph_or_before_a_quote_opens_no_list() -> None:
    assert lead_ins(pairs(["He said:", "More was coming."], ["• A bullet."])) == {}
    assert lead_ins(pairs(["Peskov told reporters:"], ["We hope this will not happen."])) == {}
    assert lead_ins(pairs(["Note:"], ["• Too short a lead-in."])) == {}


def test_a_list_lends_its_lead_in_to_at_most_max_items() -> None:
    text = pairs(["The towns were these:"], *[[f"- Town {n}."] for n in range(MAX_ITEMS + 5)])
    assert len(lead_ins(text)) == MAX_ITEMS


def test_what_opens_like_an_item() -> None:
    assert is_item("Resumption of direct flights: Reconnecting the two nations.")
    assert is_item("3. Safer cranes.")
    assert not is_item("Moscow has handed a road map to Washington: it wants barriers removed.")
    assert not is_item("The harbour stayed shut.")
