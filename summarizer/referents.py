"""Who a sentence's opening pronoun means, read from the sentences before it (English only).

A key point is read without the sentence before it, so "He issued a warning…" must bring its
referent ("[Trump] He issued…") or give way to another sentence (`summarizer.ranking`); a
sentence `compare` shows from an outlet's text brings it too, where it can. "He"/"she" take the
name from the sentence before, or further back through sentences that speak of the same person
by pronoun only (`PERSON_CHAIN`); "it"/"they" take that sentence's subject when it is a name or
a noun phrase that agrees in number (`summarizer.names`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.names import Lexicon, quote_speaker, quoted_body, referent, subject
from summarizer.news import PERSONAL, SUBJECT, opening_pronoun, stands_for_nothing
from summarizer.quotes import goes_on_quoting, opens_quote, says_on

# A "he" or "she" looks back at most this many sentences for the name, through sentences that
# speak of the same person by pronoun only.
PERSON_CHAIN = 3
_HE = re.compile(r"\b(?:he|his|him)\b", re.IGNORECASE)
_SHE = re.compile(r"\b(?:she|her)\b", re.IGNORECASE)


def asks_for_one(sentences: Sequence[str], position: int) -> bool:
    """Whether the sentence, read alone, leaves out who it is about: it opens with a pronoun,
    or it is a whole quotation after one that named its speaker (cheap: no lexicon)."""
    return opening_pronoun(sentences[position]) is not None or goes_on_quoting(sentences, position)


def resolve(sentences: Sequence[str], position: int, lexicon: Lexicon) -> bool | str:
    """True (the sentence opens with no pronoun), the name its pronoun brings, or False (it
    cannot be resolved). `lexicon`: the document's words (`Lexicon(sentences)`), counted once
    by the caller however many sentences it asks about."""
    sentence = sentences[position]
    pronoun = opening_pronoun(sentence)
    if pronoun is None:
        if goes_on_quoting(sentences, position):
            # '"Today, at noon, the city was taken," Prigozhin said. "We took the whole city."':
            # the second is his too, and read alone it names no one.
            return quote_speaker(sentences[position - 1]) or True
        return True
    before = position - 1
    if before < 0:
        return False
    if opens_quote(sentence):
        return False  # '"He knows what he fears…"': the speaker's "he", not the writer's
    if pronoun in PERSONAL:
        # Back through the sentences that speak of the same person by pronoun only
        # ('"…," he added.  He also said…'), to the one that names them.
        family = _HE if pronoun in ("he", "his") else _SHE
        for earlier in range(before, max(-1, before - PERSON_CHAIN), -1):
            name = referent(sentences[earlier], lexicon)
            if name or not family.search(sentences[earlier]):
                return name or False
        return False
    if pronoun in SUBJECT and not stands_for_nothing(sentence):
        found = subject(sentences[before], lexicon, pronoun in ("they", "their"))
        if not found and says_on(sentence) == "it":
            # '"…three people were killed," Russia's investigative committee said in a
            # statement. It said they were likely…': the body the quotation was put to.
            found = quoted_body(sentences[before])
        return found or False
    return False


def referent_of(sentences: Sequence[str], position: int, language: str = "en") -> str | None:
    """The name the pronoun that opens `sentences[position]` stands for, or None (no pronoun,
    none found, or not English)."""
    if language != "en" or opening_pronoun(sentences[position]) is None:
        return None
    found = resolve(sentences, position, Lexicon(sentences))
    return found if isinstance(found, str) else None
