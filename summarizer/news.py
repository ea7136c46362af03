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
  any other ("this", "these", an "it" after "In a statement…") gives way to the next candidate.
English cues only: other languages get the position and list cues, not the pronoun rule.
"""

from __future__ import annotations

import re
from collections import Counter
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
_FIRST_WORD = re.compile(r"[\W_]*([^\W\d_]+)")
_FINAL = ".!?…;:"
# Double quotation marks (apostrophe-like single marks are too ambiguous to count).
_OPENING_QUOTES = '"«“„'
_QUOTES = frozenset('"«»“”„')
_QUOTE_MARK = re.compile('["«»“”„]')
# A list item: a bullet or number, or a short label before a colon ("Direct flights: …").
_ITEM = re.compile(r"^\s*(?:[•▪►‣◦*–—-]\s|\d{1,2}[.)]\s|[^:.!?]{2,60}:\s)")
# A run of capitalised words, possibly joined by particles ("Abu al-Hassan", "Charles de Gaulle").
_NAME = re.compile(
    r"[A-Z][\w'’.-]*[\w](?:\s+(?:(?:de|van|von|bin|al|da|del|la|le)\s+)?[A-Z][\w'’.-]*[\w])*"
)
# Endings of a capitalised first word that is no name ("Seen", "Speaking", "Officials", "Russians").
_NOT_NAME_ENDINGS = ("ed", "en", "ing", "ly", "er", "als", "ists", "ians")
# A sentence that opens with "The" and up to four more words before a reporting or linking
# verb: its subject ("The company said…", "The two sides have agreed…").
_NOUN_SUBJECT = re.compile(
    r"^[\W_]*((?:The|the)(?: [\w'’-]+){1,4}?) (?:said|says|added|told|announced|reported|"
    r"is|are|was|were|has|have|had|will|would|can|could|may|might|must|should)\b"
)
_LETTERS = re.compile(r"[^\W\d_]+")
# A capitalised word inside a sentence: after a word, a comma or a semicolon and a space.
_INSIDE = re.compile(r"(?<=[\w,;]) +([^\W\d_a-z][^\W\d_]*)")
_AFTER_THE = re.compile(r"\b[Tt]he\s+([A-Z][^\W\d_]*)")
_POSSESSIVE = re.compile(r"['’ʼ]s?$")
_OWNS = re.compile(r"['’ʼ]")  # what follows a name that opens a possessive ("Navalny's")
_VERBS = r"(?:said|says|told|added|announced|reported|claimed|wrote)\b"
# The words of a title: between a place or a body and a person's name ("Linmouth council leader
# Ana Duarte", "Kremlin spokesman Dmitry Peskov"), or before it ("President Joe Biden").
_TITLE_WORDS = frozenset(
    "leader spokesman spokeswoman spokesperson minister president chief head governor mayor "
    "adviser advisor aide ambassador commander official envoy secretary chairman chairwoman "
    "director prosecutor lawyer judge general commissioner representative deputy editor "
    "correspondent reporter justice journalist manager coach host columnist boss executive "
    "founder captain".split()
)
# Longer runs of capitals are no name a bracket could show.
MAX_NAME_WORDS = 6
MAX_NAME_CHARS = 80
# Words that make a name a body, not a person ("the Russian Security Service", "Foreign Ministry").
_BODIES = frozenset(
    "service ministry committee council court office agency bureau department party group army "
    "forces government union bank company corporation university journal times news post "
    "commission parliament assembly administration police guard navy fleet duma kremlin "
    "embassy institute foundation organisation organization authority".split()
)
_TITLE = rf"\s+(?:[a-z][\w-]*\s+){{0,2}}(?:\w+-)?(?:{'|'.join(sorted(_TITLE_WORDS))})\s+"
_REPORTS = re.compile(rf",?\s+{_VERBS}")
# What follows a speaker's name: an appositive at most ("Vladimir Leontyev, the mayor of Nova
# Kakhovka, said…"), a reporting verb, and the reported clause.
_SPEAKS = re.compile(rf"(?:,[^,;\"«»“”]{{1,120}},|,)?\s+{_VERBS}\s*(?:that\s+)?")
# A name after one of these is where or whose, not who ("The mayor of Port Alder, Tomas Reyes,
# said…").
_PLACED = re.compile(r"\b(?:of|in|at|from|for)\s+$")
# Capitalised words that are not names of people, however they are placed.
_NOT_PERSON = frozenset(
    "the a an in on at of for and but or so as by to from with after before while since when "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december mr mrs ms dr".split()
)


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


def opening_pronoun(sentence: str) -> str | None:
    """The pronoun a sentence opens with (lower-cased), unless a bracket already names it."""
    match = _FIRST_WORD.match(sentence)
    if not match or match.group(1).lower() not in PRONOUNS:
        return None
    # "— This [the restoration of direct flights] is…": the writer gave the referent.
    if "[" in sentence[: match.end() + 3]:
        return None
    return match.group(1).lower()


def _names(sentence: str) -> list[str]:
    """Runs of capitalised words that may name a person, in order (first words of the sentence
    that are function words or titles dropped)."""
    found = []
    for match in _NAME.finditer(sentence):
        words = match.group(0).split()
        while words and (
            words[0].lower().rstrip(".") in _NOT_PERSON or words[0].lower() in PRONOUNS
        ):
            words = words[1:]
        if words:
            found.append(_POSSESSIVE.sub("", " ".join(words)))
    return found


class Lexicon:
    """What a document writes, counted once (each look-up then costs nothing, however long the
    text and however many pronouns): every word's count, the words it writes capitalised inside
    a sentence, the words it writes in lower case."""

    def __init__(self, document: Sequence[str]) -> None:
        self.counts: Counter[str] = Counter()
        self.inside: set[str] = set()
        self.after_the: set[str] = set()  # capitalised words written after "the": no persons
        for sentence in document:
            self.counts.update(_LETTERS.findall(sentence))
            self.inside.update(_INSIDE.findall(sentence))
            self.after_the.update(_AFTER_THE.findall(sentence))
        self.document = document
        self._surnames: dict[str, bool] = {}

    def names_a_body(self, word: str) -> bool:
        """Whether a capitalised word is a body's name: written after "the" ("the Kremlin"),
        and never the last word of a longer name ("the Trump administration" beside "Donald
        Trump" is a person's). Each word is looked up in the text once."""
        if word not in self.after_the:
            return False
        if word not in self._surnames:
            self._surnames[word] = any(
                len(words) > 1 and words[-1] == word
                for sentence in self.document
                if word in sentence
                for words in (m.split() for m in _NAME.findall(sentence))
            )
        return not self._surnames[word]

    def first_word_is_name(self, word: str) -> bool:
        """Whether a sentence's capitalised first word is a name: the document writes it
        capitalised inside a sentence too, or never in lower case and it has no ending of a
        participle or adverb ("Seen as…", "Speaking on…", "Earlier…")."""
        if word in self.inside:
            return True
        lower = word.lower()
        return not (lower.endswith(_NOT_NAME_ENDINGS) or self.counts[lower])

    def mentions(self, name: str) -> int:
        """How often the document names `name` by its last word (a surname)."""
        words = _LETTERS.findall(name)
        return self.counts[words[-1]] if words else 0


def _lexicon(document: Sequence[str] | Lexicon) -> Lexicon:
    return document if isinstance(document, Lexicon) else Lexicon(document)


def referent(previous: str, document: Sequence[str] | Lexicon) -> str | None:
    """The person "he" or "she" most likely means: a name in the sentence before.

    Of its names, the one the document mentions most (the story's protagonist over a name in a
    side clause), the first on a tie; the sentence's first word counts as a name only when it
    looks like one (`Lexicon.first_word_is_name`).
    """
    names = _names(previous)
    if not names:
        return None
    lexicon = _lexicon(document)
    first_word = _FIRST_WORD.match(previous)
    start = first_word.group(1) if first_word else ""
    kept = []
    for name in names:
        words = name.split()
        if words[0] == start and previous.lstrip().startswith(start):
            if len(words) == 1 and not lexicon.first_word_is_name(start):
                continue
        kept.append(name)
    # "He" is a person: not an initialism ("U.S.", "MFA"), nor what the document writes after
    # "the" ("the Kremlin" in "Kremlin spokesman Dmitry Peskov"); what is left of "US President
    # Joe Biden" is the name shown.
    person = {name: _person(name, lexicon) for name in kept}
    kept = [name for name in kept if person[name]]
    if not kept:
        return None
    found = _subject_or_speaker(previous, kept, lexicon)
    return person[found]


def _person(name: str, lexicon: Lexicon) -> str:
    """The name without the words before it that name no person ("US President Joe Biden" ->
    "President Joe Biden"); "" where none is left ("Kremlin", "U.S.", "President")."""
    words = name.split()
    if len(words) > MAX_NAME_WORDS or len(name) > MAX_NAME_CHARS:
        return ""  # a run of capitals, not a name
    while words and (
        _is_initialism(words[0]) or lexicon.names_a_body(words[0]) or _OWNS.search(words[0])
    ):
        words = words[1:]  # "US", "Kremlin", "The Guardian's" before the person
    bodies = [k for k, w in enumerate(words) if w.lower() in _BODIES]
    if bodies:
        # "Police Chief Mark Rowley": the person after the body; "Security Service": none.
        words = words[bodies[-1] + 1 :]
        if len(words) < 2:
            return ""
    if all(w.lower() in _TITLE_WORDS for w in words):
        return ""  # "President": no one "he" can be
    return " ".join(words)


def _subject_or_speaker(previous: str, kept: list[str], lexicon: Lexicon) -> str:
    """Of the sentence's names, the one "he" or "she" goes on with."""
    # The sentence's subject, when it opens with a person's name ("Peskov acknowledged that
    # the Kremlin was aware of Trump's ultimatum. He reiterated…": Peskov), is who "he" goes on
    # being; a possessive opening ("Navalny's widow said…") is not the subject.
    opening = previous.lstrip(" \t\"«“„‘'—–-")
    rest = opening[len(kept[0]) :]
    reports = len(kept) > 1 and _REPORTS.match(rest)  # "Zakharova said Lavrov would fly…"
    if opening.startswith(kept[0]) and not _OWNS.match(rest) and not reports:
        # "Linmouth council leader Ana Duarte…": a name before a title is no person, the name
        # after it is.
        if len(kept) > 1 and re.match(rf"{_TITLE}{re.escape(kept[1])}", rest):
            return kept[1]
        return kept[0]
    speaker = _speaker(previous, kept)
    if speaker:
        return speaker
    return max(kept, key=lambda name: (lexicon.mentions(name), -kept.index(name)))


def _speaker(sentence: str, names: list[str]) -> str | None:
    """The one name that reports what the sentence says ("On the riverbank, Vladimir Leontyev,
    the mayor of Nova Kakhovka, said the city was underwater"): "he" goes on with the speaker,
    not with a place the document names more often. None where the reported clause opens with
    another of the names ("Diaz said Kovacs would visit…": that one is who "he" goes on with)."""
    found = []
    for name in names:
        at = sentence.find(name)
        match = _SPEAKS.match(sentence, at + len(name)) if at >= 0 else None
        if match and not _PLACED.search(sentence[:at]):
            reported = sentence[match.end() :]
            if any(reported.startswith(other) for other in names if other != name):
                return None
            found.append(name)
    return found[0] if len(found) == 1 else None


def _is_initialism(word: str) -> bool:
    letters = word.replace(".", "")
    return letters.isupper() and (len(letters) <= 4 or "." in word)


def subject(
    previous: str, document: Sequence[str] | Lexicon, plural: bool = False
) -> str | None:
    """What "it" or (`plural`) "they" most likely means: the subject of the sentence before,
    when it opens with one ("The company said… It added…" gives "The company") and agrees in
    number ("The jet was carrying seven passengers. They were all killed." is not the jet), or
    a name it opens with ("Russia is pushing for… It is also seeking…"; "it" only)."""
    phrase = _NOUN_SUBJECT.match(previous)
    if phrase:  # "The company said… It added…": the subject, as written
        found = phrase.group(1)
        verb = previous[phrase.end(1) :].split(None, 1)[0].lower()
        if verb in ("is", "was", "has"):
            many = False
        elif verb in ("are", "were", "have"):
            many = True
        else:  # "said", "will"…: the noun's ending tells ("The police said" stays unknown)
            head = found.split()[-1].lower()
            many = head.endswith("s") and not head.endswith(("ss", "us", "is", "'s", "’s", "ʼs"))
        return found if many == plural else None
    if plural:
        return None
    names = _names(previous)
    if not names:
        return None
    opening = re.sub(r"^[\W_]*(?:the\s+)?", "", previous, flags=re.IGNORECASE)
    name = names[0]
    if not opening.startswith(name):
        return None
    # A single word must be written capitalised inside a sentence too ("…talks with Russia"):
    # "Western governments…" opens with an adjective, not a name.
    if len(name.split()) == 1 and name not in _lexicon(document).inside:
        return None
    return name


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
