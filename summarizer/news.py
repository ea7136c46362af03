"""How news is written, as evidence for key points: the lead, list items, subheads, pronouns.

The rankers rate sentences by their words; a news article also says what matters by its form.
Measured on a multi-outlet story with gold facts (benchmarks/bench_stories.py), lead-5 carried
every core fact while the default missed one in four, picked subheads and opened a bullet with
"He" that the reader could not resolve.  So:
- the lead (the first full sentence) is what the outlet says the story is: the openings of the
  first paragraphs weigh more (`news_prior`), the lead is the first key point when chosen and
  the only one when one is asked for (forcing it into every summary cost 0.012 ROUGE-2 on BBC);
- the items of a list introduced by a colon line ("Key demands include:") are what the lead-in
  announces: the lead-in is set aside (`is_lead_in`) and its items weigh more;
- a section subhead (a short paragraph with no final punctuation) and a piece of a quotation
  that began in an earlier sentence (`quotation_mask`) are never key points on their own;
- a key point that opens with a pronoun is read without the sentence before it: "he" or "she"
  brings the name from that sentence (or from the one before it that "he" continues), in
  brackets ("[Trump] He issued…"); "it" or "they"
  brings that sentence's subject when the subject is a name ("[Russia] It is also seeking…");
  any other ("this", "these", an "it" after "In a statement…") gives way to the next candidate
  (`opening_pronoun` here; the names and subjects in `summarizer.names`).
English cues only: other languages get the position and list cues, not the pronoun rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from summarizer.splitting.punctuation import CLOSERS
from summarizer.tokenizing import count_words

# Logit added to the opening sentence of paragraph k (0-based, k < LEAD_PARAGRAPHS) and to
# later sentences of those paragraphs (LATER_SHARE of it), and to list items after a lead-in
# (the first few of which `summarizer.ranking` also puts right after the lead). 2026-12-07:
# LATER_SHARE 0.5 -> 0.75 took story core-fact coverage 0.899 -> 0.913 (six stories) and
# 0.927 -> 0.948 (four more, kept aside) and BBC ROUGE-2 0.693 -> 0.694 (docs/benchmarks.md).
LEAD_BONUS = 1.0
LEAD_PARAGRAPHS = 4
LATER_SHARE = 0.75
LIST_BONUS = 1.5
# A list after a lead-in has at most this many items.
MAX_ITEMS = 8
# Without paragraphs, a quotation runs over at most this many sentences.
QUOTE_SPAN = 6
# A subhead has at most this many words.
SUBHEAD_WORDS = 20

PRONOUNS = frozenset("he she it they this these that those his her their its".split())
PERSONAL = frozenset("he she his her".split())
# Pronouns whose referent is the subject of the sentence before, when a name is that subject.
SUBJECT = frozenset("it its they their".split())
FIRST_WORD = re.compile(r"[\W_]*([^\W\d_]+)")
_FINAL = ".!?…;:"
# Double quotation marks (apostrophe-like single marks are too ambiguous to count).
_OPENING_QUOTES = '"«“„'
_QUOTES = frozenset('"«»“”„')
_QUOTE_MARK = re.compile('["«»“”„]')
# A list item: a bullet or number, or a short label before a colon ("Direct flights: …").
_ITEM = re.compile(r"^\s*(?:[•▪►‣◦*–—-]\s|\d{1,2}[.)]\s|[^:.!?]{2,60}:\s)")

def is_lead_in(sentence: str) -> bool:
    """A sentence that ends with a colon introduces what follows ("Key demands include:")."""
    return sentence.rstrip().rstrip("\"'»”’)]").rstrip().endswith(":")


def _unpunctuated(sentence: str) -> bool:
    text = sentence.rstrip().rstrip(CLOSERS).rstrip()
    return bool(text) and text[-1] not in _FINAL


def subhead_mask(sentences: Sequence[str], paragraphs: Sequence[int] | None) -> np.ndarray:
    """Section subheads: a paragraph of one short sentence with no final punctuation.

    A text that hardly punctuates at all (most of its sentences end bare: a feed of lines, a
    garbled translation) has no subheads to tell apart, so nothing is marked there.
    """
    n = len(sentences)
    bare = np.fromiter((_unpunctuated(s) for s in sentences), dtype=bool, count=n)
    if n == 0 or bare.sum() * 2 > n:
        return np.zeros(n, dtype=bool)
    short = np.fromiter((count_words(s) <= SUBHEAD_WORDS for s in sentences), bool, n)
    mask = bare & short
    if paragraphs is not None and n:
        numbers = np.asarray(paragraphs)
        alone = np.ones(n, dtype=bool)
        same_as_next = numbers[1:] == numbers[:-1]
        alone[:-1] &= ~same_as_next
        alone[1:] &= ~same_as_next
        mask &= alone
    return mask


def is_quote_fragment(sentence: str) -> bool:
    """The end of a quotation that began in an earlier sentence ('…established," he said.'):
    it closes a quotation mark it never opened.  One that opens a longer quotation reads on
    its own."""
    return _marks(sentence, False)[0]


def _marks(sentence: str, inside: bool) -> tuple[bool, bool]:
    """(whether the sentence starts inside a quotation, whether one is open at its end), given
    whether one was open before it.  Curly and angle marks say which way they face; a straight
    one opens after a space, a bracket or a dash (or at the start) and closes elsewhere."""
    starts_inside = inside and sentence.lstrip(" —–-")[:1] not in _OPENING_QUOTES
    opened = False  # a quotation opened within this sentence
    for mark in _QUOTE_MARK.finditer(sentence):
        char, position = mark.group(0), mark.start()
        if char == '"':
            before = sentence[position - 1] if position else " "
            opening = before.isspace() or before in "([—–-"
        else:
            opening = char in "«“„"
        if not opening and not inside and not opened:
            starts_inside = True  # it closes a quotation that began before it: a tail
        inside = opened = opening
    return starts_inside, inside


def quotation_mask(sentences: Sequence[str], paragraphs: Sequence[int] | None) -> np.ndarray:
    """Sentences that start inside a quotation an earlier sentence opened.

    '"Navalny felt bad after a walk.  Medical staff arrived.  Paramedics confirmed the death of
    the convict.  The causes are being established," the statement said.': the first sentence
    opens the quotation and reads as a quotation; the others are someone's words without a
    quotation mark or a speaker, and would read as the outlet's own, or end on a stray mark.
    A quotation ends with its paragraph (or after QUOTE_SPAN sentences without paragraphs), and
    a sentence that opens with a quotation mark starts a new one: a stray mark never swallows
    the rest of a text.
    """
    n = len(sentences)
    mask = np.zeros(n, dtype=bool)
    numbers = None if paragraphs is None else np.asarray(paragraphs)
    inside, span = False, 0
    for index, sentence in enumerate(sentences):
        new_paragraph = numbers is not None and index and numbers[index] != numbers[index - 1]
        if new_paragraph or span >= QUOTE_SPAN:
            inside, span = False, 0
        mask[index], inside = _marks(sentence, inside)
        span = span + 1 if inside else 0
    return mask


# "It" that stands for no thing: "It comes after…", "It is not yet clear…", "It appears…".
_EXPLETIVE = re.compile(
    r"[\W_]*It\s+(?:(?:comes|came)\s+(?:after|as|amid|days|weeks|hours|just|only)\b"
    r"|(?:is|was|remains|remained)\s+(?:not\s+)?(?:yet\s+|still\s+)?(?:clear|unclear|known|"
    r"unknown|expected|likely|unlikely|possible|impossible|understood|believed|thought|feared|"
    r"hoped|reported|said|too\s+early|time)\b|(?:appears|appeared|seems|seemed)\b"
    r"|(?:is|was|has\s+been|had\s+been)\s+(?:established|alleged|reported|confirmed|announced|"
    r"revealed|claimed|agreed|decided|suggested|estimated|noted|learned|understood|believed|"
    r"thought|feared|expected|assumed)\s+that\b)"  # "It was established that…"
)


def stands_for_nothing(sentence: str) -> bool:
    """Whether the sentence opens with an "it" that refers to nothing ("It comes after…"): no
    subject of the sentence before is its referent, and it reads as a fragment on its own."""
    return bool(_EXPLETIVE.match(sentence))


# A connective before the subject ("Additionally, it has sought…", "However, he said…"): the
# pronoun after it opens the sentence as much as a first word does.
_CONNECTIVE = re.compile(
    r"[\W_]*(?:Additionally|However|Meanwhile|Moreover|Furthermore|Also|Separately|Instead|"
    r"Still|Nevertheless|Nonetheless|Later|Previously|In addition|At the same time),\s+"
    r"(?=(?:he|she|it|they|this|these|that|those|his|her|their|its)\b)"
)


def opening_pronoun(sentence: str) -> str | None:
    """The pronoun a sentence opens with (lower-cased), unless a bracket already names it; after
    a connective too ("Additionally, it…")."""
    connective = _CONNECTIVE.match(sentence)
    match = FIRST_WORD.match(sentence, connective.end() if connective else 0)
    if not match or match.group(1).lower() not in PRONOUNS:
        return None
    # "— This [the restoration of direct flights] is…": the writer gave the referent.
    if "[" in sentence[: match.end() + 3]:
        return None
    return match.group(1).lower()


def list_items(sentences: Sequence[str]) -> np.ndarray:
    """The items of each list a lead-in introduces (indices into `sentences`).

    After a lead-in, the following sentences shaped as items (a bullet, a number or a short
    label before a colon) are its items; when the next sentence has no such shape, it alone is
    what the lead-in announces.
    """
    items: list[int] = []
    for index, sentence in enumerate(sentences):
        if not is_lead_in(sentence):
            continue
        following = index + 1
        while following < len(sentences) and following - index <= MAX_ITEMS:
            if not _ITEM.match(sentences[following]) or is_lead_in(sentences[following]):
                break
            items.append(following)
            following += 1
        if following == index + 1 and following < len(sentences):
            items.append(following)
    return np.array(sorted(set(items)), dtype=np.int64)


def news_prior(
    sentences: Sequence[str], candidates: np.ndarray, paragraphs: np.ndarray | None
) -> np.ndarray:
    """Logit bonus per candidate (aligned with `candidates`): lead paragraphs and list items.

    Without paragraphs, each sentence counts as its own paragraph.
    """
    bonus = np.zeros(len(candidates))
    if not len(candidates):
        return bonus
    numbers = paragraphs[candidates] if paragraphs is not None else candidates
    # Paragraph ranks among the candidates' paragraphs (furniture before the lead is not one).
    distinct, rank = np.unique(numbers, return_inverse=True)
    del distinct
    opening = np.ones(len(candidates), dtype=bool)
    opening[1:] = numbers[1:] != numbers[:-1]
    early = rank < LEAD_PARAGRAPHS
    bonus[early & opening] = LEAD_BONUS
    bonus[early & ~opening] = LEAD_BONUS * LATER_SHARE
    items = list_items(sentences)
    if len(items):
        bonus[np.isin(candidates, items)] += LIST_BONUS
    return bonus
