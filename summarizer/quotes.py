"""What opens a quotation: the speaker's words, not the writer's.

A quote mark, or a dash and a space: Russian and Ukrainian print direct speech as a paragraph
that opens with a dash ("— This is one of the important issues…", Izvestia on the seed story),
and a translation keeps the dash. A quotation beside the sentence that reports it is one fact
told twice (`summarizer.ranking`), and a quotation's "he" is the speaker's (`referents`).
"""

from __future__ import annotations

import re

OPENING_QUOTES = "\"«“„"
_DIALOGUE_DASHES = ("— ", "– ")


def opens_quote(sentence: str) -> bool:
    """Whether the sentence opens a quotation ('"We will…', '«Мы…', '— We will…', '— "We…')."""
    text = sentence.lstrip()
    return text.lstrip(" —–-")[:1] in OPENING_QUOTES or text.startswith(_DIALOGUE_DASHES)


# A sentence that is all quotation: opens and closes with double quote marks, nothing after.
_WHOLE = re.compile(r'^\s*["«“„][^"«»“”„]+[.!?…]["»”]\s*$')


def is_whole_quote(sentence: str) -> bool:
    """Whether the sentence is nothing but a quotation ('"We took the whole city."'): its
    speaker is named, if anywhere, in the sentence before."""
    return bool(_WHOLE.match(sentence))
