"""Lines that state no fact on their own: section subheads, broken-off pieces of a quote, and
a sentence that only says where the one before it came from.

`compare` must not put "Negotiations between Russia and the United States on direct flights"
(a subhead over the paragraphs that say what happened) or `"There have already been two rounds.`
(the first half of a quote the next sentence finishes) in a point as if they reported
something: they share the story's words with every account, so they group with whatever is
near, and on their own they would be claimed as one outlet's news. So is "This is stated in the
court statement." (Russian and Ukrainian news close a paragraph with "Об этом говорится в…",
"Про це повідомляє…", and translation keeps it): it names a source and says nothing itself.
"""

from __future__ import annotations

import re

_SENTENCE_END = (".", "!", "?", "…", ":")
_CLOSERS = "\"'”’»)]"
_WORD = re.compile(r"[^\W_]+")
# A quote piece this short leans on the sentence it was cut from.
FRAGMENT_WORDS = 8
_FIRST_PERSON = frozenset("i we me us my our mine ours".split())
# "This is stated in…", "It was reported by…", "This was announced by…": no "that" clause (which
# would carry the fact: "It was reported that six died"), no figure, a short line.
_ATTRIBUTION = re.compile(
    r"\W*(?:this|that|it)\s+(?:is|was|has\s+been|had\s+been)\s+(?:also\s+)?"
    r"(?:stated|reported|said|announced|written|declared|noted|indicated|mentioned|claimed)"
    r"\s+(?:in|by|on|at)\b",
    re.IGNORECASE,
)
ATTRIBUTION_WORDS = 16


def is_subhead(text: str, *, first: bool, alone: bool) -> bool:
    """A line without a sentence's final mark, alone in its paragraph, that is not the article's
    first line (its headline, which does state the story)."""
    if first or not alone:
        return False
    return not text.rstrip().rstrip(_CLOSERS).rstrip().endswith(_SENTENCE_END)


def unbalanced_quote(text: str) -> bool:
    """An odd number of straight double quotes, or curly ones that do not pair."""
    return text.count('"') % 2 == 1 or text.count("“") != text.count("”")


def speaker_elsewhere(words: list[str]) -> bool:
    """A quote piece in the first person that names no one ("As soon as we have some
    information, we will report on it."): who "we" are is in the sentence it was cut from."""
    lowered = {w.lower() for w in words}
    return bool(lowered & _FIRST_PERSON) and not any(w[0].isupper() and w != "I" for w in words[1:])


def attribution_only(text: str) -> bool:
    """A sentence that only names where the one before it came from ("This is stated in the
    court statement.", "This was reported by the press service of the ministry.")."""
    if not _ATTRIBUTION.match(text) or any(ch.isdigit() for ch in text):
        return False
    words = [w.lower() for w in _WORD.findall(text)]
    return len(words) <= ATTRIBUTION_WORDS and "that" not in words[1:]


def is_fragment(text: str, *, first: bool = False, alone: bool = True) -> bool:
    """A subhead, a piece of a quote broken off the sentence that finishes it or that says
    who speaks, or a line that only says where the one before came from."""
    if is_subhead(text, first=first, alone=alone) or attribution_only(text):
        return True
    if not unbalanced_quote(text):
        return False
    words = _WORD.findall(text)
    return len(words) < FRAGMENT_WORDS or speaker_elsewhere(words)
