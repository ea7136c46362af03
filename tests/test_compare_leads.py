"""Two outlets' leads, each telling the story in its own words, are one point at a lower score
than other sentences need (`GroupingParams.lead_link`); leads that share too little stay apart.
Texts written for this test."""

from __future__ import annotations

import newsbrief
from newsbrief.grouping import GroupingParams
from newsbrief.grouping import compare as compare_articles
from newsbrief.records import Document

COURIER = "\n\n".join(
    [
        "Alder dam gives way",
        "Floodwater burst through the Alder dam on Tuesday, swamping four villages downstream "
        "and forcing hundreds from their homes.",
        "The regional governor said rescue boats had reached every village by noon.",
        "Engineers had warned in March that the concrete was cracking, according to a report "
        "seen by the Courier.",
        "The ferry across the lake will not run this week.",
    ]
)
HERALD = "\n\n".join(
    [
        "Villagers flee as reservoir empties",
        "A wall of water tore through the ageing dam above Alder overnight, and whole villages "
        "were under water by dawn.",
        "Schools in the valley will stay closed until Friday, the education office said.",
        "A local farmer, Petra Lind, said she lost forty sheep.",
        "The national weather service expects more rain on Thursday.",
    ]
)
POST = "\n\n".join(
    [
        "Collapse at Alder",
        "The Alder reservoir dam collapsed early on Tuesday, flooding the valley below.",
        "Police closed the main road to the coast.",
        "The dam was built in 1961 and last inspected two years ago.",
        "Insurers said claims would run into millions.",
    ]
)


def shared(params: GroupingParams | None = None) -> list[list[str]]:
    texts = {"courier": COURIER, "herald": HERALD, "post": POST}
    articles = [newsbrief.summarize(Document(id=k, text=t), count=4) for k, t in texts.items()]
    result = compare_articles(articles, params)
    return [sorted(m.source for m in p.members) for p in result.points if len(p.members) > 1]


def test_two_leads_in_other_words_are_one_point() -> None:
    assert shared() == [["courier", "herald"]]
    # The same two sentences anywhere else in the text would score too little to link.
    assert shared(GroupingParams(lead_link=1.0)) == []
