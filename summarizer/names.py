"""Who a pronoun may mean: the names of a sentence and the subject it opens with (English).

`summarizer.referents` asks these for the sentence before a key point that opens with "he",
"she", "it" or "they" (`summarizer.news.opening_pronoun`): a person's name for "he"/"she" (the
sentence's subject or speaker, else the name the document mentions most), a name or a noun
phrase that agrees in number for "it"/"they". What is no person is never one: an initialism,
a body ("the Kremlin"), a title alone, a word that opens a quotation ("That's why…").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from summarizer.news import FIRST_WORD, PRONOUNS

# A sentence that ends in a quotation with no speaker after it.
_ENDS_QUOTING = re.compile('["»”][\\W_]*$')
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
# A clause with a subject of its own after the first ("… and the bridge linking it … was opened").
_SECOND_SUBJECT = re.compile(r"(?:,\s*|\s)(?:and|but|while|whereas)\s+(?:the|a|an|its)\s")
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
    "because although though if unless despite during amid "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december mr mrs ms dr".split()
)



def _names(sentence: str) -> list[str]:
    """Runs of capitalised words that may name a person, in order (first words of the sentence
    that are function words or titles dropped)."""
    found = []
    for match in _NAME.finditer(sentence):
        words = match.group(0).split()
        while words and (
            words[0].lower().rstrip(".") in _NOT_PERSON
            or _POSSESSIVE.sub("", words[0]).lower() in PRONOUNS  # "That's why…"
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
    first_word = FIRST_WORD.match(previous)
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
    return person[found] if found else None


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
    if _ENDS_QUOTING.search(previous):
        # 'Because of Russian bureaucracy and the "whims" of Shoigu, "five times more guys
        # died…"': speech with no speaker named after it; "he" is that speaker, named before.
        return ""
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
    if not opening.startswith(name) or _SECOND_SUBJECT.search(opening, len(name)):
        return None  # "Russia seized Crimea … and the bridge … was opened": "it" may be either
    # A single word must be written capitalised inside a sentence too ("…talks with Russia"):
    # "Western governments…" opens with an adjective, not a name.
    if len(name.split()) == 1 and name not in _lexicon(document).inside:
        return None
    return name


_SAYING = r"(?:said|says|added|told|explained|continued|continues|wrote|stated|noted|stressed)"
# After a quotation's closing mark: the speaker, then the verb ('," Surovikin explained.'), or
# the verb, then the speaker ('," said Ministry spokesman Oleg Varenko.').
_SPEAKER_THEN_VERB = re.compile(rf"^[\s,]*(?P<who>[^,.;:\"«»“”]{{1,60}}?)\s+{_SAYING}\b")
_VERB_THEN_SPEAKER = re.compile(rf"^[\s,]*{_SAYING}\s+(?P<who>[^,.;:\"«»“”]{{1,60}})")
_CLOSING = re.compile('["»”]')
# A body an owner's name opens ("Russia's investigative committee", "Ukraine's navy").
_OWNED_BODY = re.compile(
    rf"[A-Z][\w-]*['’ʼ]s(?: [a-z][\w-]*){{0,2}} (?:{'|'.join(sorted(_BODIES))})$"
)


def quote_speaker(sentence: str) -> str | None:
    """Who a quotation is put to, after its closing mark: a person's name ("Prigozhin", "WSJ
    editor-in-chief Emma Tucker" -> "Emma Tucker") or a body in a few words ("the statement"
    -> "The statement"); None where the sentence names no one that way."""
    closing = [m.end() for m in _CLOSING.finditer(sentence)]
    if not closing:
        return None
    tail = sentence[closing[-1] :]
    match = _SPEAKER_THEN_VERB.match(tail) or _VERB_THEN_SPEAKER.match(tail)
    if not match:
        return None
    who = match.group("who").strip()
    words = who.split()
    if words and words[0].lower() == "the" and len(words) <= 4:
        return "The " + " ".join(words[1:]) if len(words) > 1 else None
    if _OWNED_BODY.match(who):  # "Russia's investigative committee": the body, not "Russia"
        return who
    names = _names(who)
    return names[-1] if names and len(names[-1].split()) <= MAX_NAME_WORDS else None


def quoted_body(sentence: str) -> str | None:
    """The body a quotation is put to ("the statement", "Russia's investigative committee"), not
    a person: what a following "It said…" goes on with."""
    who = quote_speaker(sentence)
    return who if who and (who.startswith("The ") or _OWNED_BODY.match(who)) else None

