"""A member `compare` takes from an outlet's text that opens with "he" or "she" brings the name
it stands for, as a key point does ("[Ana Duarte] She said…"); texts written for this test."""

from __future__ import annotations

import newsbrief
from newsbrief.records import Document

TOWN = "\n\n".join(
    [
        "Linmouth bridge to reopen in May",
        "The harbour bridge in Linmouth will reopen to traffic in May after repairs to its cracked "
        "main span, the city council said on Tuesday.",
        "Buses will use the river road until then.",
    ]
)
HALL = "\n\n".join(
    [
        "Council chief on the bridge",
        "Linmouth council leader Ana Duarte spoke to reporters at the town hall on Tuesday about "
        "the harbour crossing.",
        "She said the harbour bridge would reopen to traffic in May once the cracked main span "
        "was repaired.",
        "The ferry will keep running all winter.",
    ]
)


def test_a_member_from_the_text_brings_its_referent() -> None:
    result = newsbrief.compare(
        [Document(id="town", text=TOWN), Document(id="hall", text=HALL)], count=1
    )
    shared = next(p for p in result.points if len({m.source for m in p.members}) == 2)
    said = next(m for m in shared.members if "reopen" in m.text and m.source == "hall")
    assert not said.key_point
    # The name after a title, not the town before it ("Linmouth council leader Ana Duarte").
    assert said.text.startswith("[Ana Duarte] She said")
    assert said.original == said.text  # an English article: one sentence, referent included


def test_a_bare_quotation_from_the_text_brings_its_speaker() -> None:
    quoted = "\n\n".join(
        [
            "Council chief on the bridge",
            "Linmouth council leader Ana Duarte spoke at the town hall on Tuesday.",
            '"The ferry keeps running all winter," Duarte said after the meeting. "The harbour '
            'bridge will reopen to traffic in May once the cracked main span is repaired."',
            "The council meets again on Friday.",
        ]
    )
    result = newsbrief.compare(
        [Document(id="town", text=TOWN), Document(id="hall", text=quoted)], count=1
    )
    said = next(m for p in result.points for m in p.members if m.text.endswith('repaired."'))
    assert not said.key_point and said.text.startswith('[Duarte] "The harbour bridge')
