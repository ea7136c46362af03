"""What opens a quotation: the speaker's words, not the writer's.

A quote mark, or a dash and a space: Russian and Ukrainian print direct speech as a paragraph
that opens with a dash ("— This is one of the important issues…", Izvestia on the seed story),
and a translation keeps the dash. A quotation beside the sentence that reports it is one fact
told twice (`summarizer.ranking`), and a quotation's "he" is the speaker's (`referents`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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


def goes_on_quoting(sentences: Sequence[str], position: int) -> bool:
    """A whole quotation right after a sentence that opens one: the same speaker's words go on
    ('"Today, at noon, the city was taken," X said. "We took the whole city."')."""
    return (
        position > 0
        and is_whole_quote(sentences[position])
        and opens_quote(sentences[position - 1])
    )


# "He said…", "It added…": a sentence that goes on reporting what the one before reported.
_SAYS_ON = re.compile(
    r"[\W_]*(He|She|They|It)\s+(?:also\s+)?(?:said|says|added|told|stated|noted|stressed)\b"
)


def says_on(sentence: str) -> str | None:
    """The pronoun ("he", "it"…) of a sentence that opens by going on with its speaker's
    account ("He said…", "It added…"), or None."""
    match = _SAYS_ON.match(sentence)
    return match.group(1).lower() if match else None

