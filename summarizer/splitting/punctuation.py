"""Sentence boundaries after punctuation: . ! ? … (and runs of them), vetoed where the period
belongs to an abbreviation or an initial; list items after a colon.

A boundary is proposed after sentence-final punctuation (closing quotes, brackets and emoji
included) that is followed by whitespace and something that can open a sentence (a capital, a
digit, an opening quote, a bullet).  A period is then vetoed after an abbreviation that never
ends a sentence ("т.е.", "ул.", "Mr."), after initials before a name ("В. Путин", "J. Smith"),
after a month or number abbreviation before a digit ("Feb. 27", "No. 5") and after a dotted
acronym before a name ("U.S. President"); dotted degrees ("к.п.н.") and two-letter initials
("Дж.") count as initials, and a time of day ("8 p.m.") ends a sentence unless the sentence is
nothing but the time so far.  An ellipsis inside brackets ("[...]") marks words left out, a
spaced one (". . .") is one mark, and the period of a list label ("2.) The second item", found
by lists.py) ends nothing.  The word lists are in lexicons.py.
"""

from __future__ import annotations

import re
import unicodedata

from summarizer.splitting.lexicons import (
    BEFORE_NUMBER,
    COMPANY,
    INITIAL_DIGRAPHS,
    MAY_END,
    NEVER_FINAL,
    PRONOUN_LETTERS,
    TIME_OF_DAY,
    YEAR_OR_PLACE,
    sentence_starters,
)
from summarizer.splitting.lists import list_items

CLOSERS = "\"'»”’)]"
_OPENERS = "\"'«“„‘([—–-"
# Sentence-final punctuation, any closing quotes/brackets after it, then whitespace.
# Emoji may follow the punctuation ("…автомобілем.☝☝☝ Інші…"); the cut goes after them.
_EMOJI = "\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d"
_PUNCT_BOUNDARY = re.compile(rf"([.!?…]+)([\"'»”’)\]]*[{_EMOJI}]*)(\s+)")
# A bulleted item starts a new piece after a colon or semicolon ("…: • паспорт; • довідка"),
# and so does an emoji-marked one after a colon ("…питання: 👉 Як…").
# (The pattern starts at the colon, not in a look-behind: the search is much faster.)
_LIST_BOUNDARY = re.compile(
    rf"[:;](\s+)(?=[•▪►‣◦])|:(\s+)(?=[{_EMOJI}]|1[.)]\s+[^\W\d_a-zа-яёіїєґ])"
)
NEXT_WORD = re.compile(r"[\w.'’-]*")
# A dash that opens a line of dialogue, maybe after opening quotes; the author's words after one.
_DASH_OPENING = re.compile(r"\s*[\"'«“„]*[—–-]\s")
_ATTRIBUTION = re.compile(r"[,!?…][\"'»”’]*\s+[—–-]\s+[^\W\d_A-ZА-ЯЁІЇЄҐ]")
# A label that opens a numbered piece: "4.", "8.1.", "§2.", "IV." (the period is not an end).
_PIECE_LABEL = re.compile(r"(?:§\s?)?(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6})")
# "к.п.н", "д.т.н", "т.н": a chain of one- or two-letter lower-case parts joined by periods.
_DOTTED_CHAIN = re.compile(r"[^\W\d_]{1,2}(?:\.[^\W\d_]{1,2})+")
# A short bracket after a sentence's last word, and then lower case or punctuation: it glosses
# that word ("at 6:07 a.m. (0307 GMT) in a truck", "… 6:07 a.m. (0307 GMT)."), no new sentence.
_GLOSS = re.compile(r"\((?![\divxIVX]{1,4}\)|\w\))[^()\n]{1,40}\)[ \t]*(?:[a-zа-яёіїєґ]|[,.;:])")
# A sentence opening with nothing but a time: "At 5 a.m." is no sentence ("At 5 a.m. Mr. Smith…").
_TIME_PHRASE = re.compile(
    r"(?:^|[.!?…]\s+)(?:at|by|from|until|till|before|after|around|about|since|on)\s+[\d:.]+\s*$",
    re.IGNORECASE,
)


def _is_upper_start(text: str, pos: int) -> bool:
    """True when a sentence can start at `pos`: a capital or digit, maybe after opening quotes."""
    n = len(text)
    i = pos
    while i < n and text[i] in _OPENERS:
        i += 1
        if text[i - 1] in "—–-":
            # A dash before a lower-case word is an attribution («…!» — сказал он); before a
            # capital it opens the next line of dialogue ("— Да, — сказал он. — Пойдём."),
            # which the checks below decide like any other sentence start.
            while i < n and text[i] == " ":
                i += 1
    if i >= n:
        return False
    ch = text[i]
    if ch.isupper() or ch.isdigit():
        return True
    # Bullets and emoji ("◻️ Захисники…") open a sentence, and so do a handle or a hashtag
    # ("@belzhd_live reports…"); other punctuation does not.
    if ch in "@#":
        return i + 1 < n and text[i + 1].isalnum()
    return ch in "•·▪►" or unicodedata.category(ch).startswith("S")


def _veto_period(word: str, text: str, next_pos: int, language: str) -> bool:
    """True when the period after `word` is an abbreviation or initial, not a sentence end."""
    core = word.lstrip(_OPENERS + "(")
    lower = core.lower()
    if not core:
        return False
    next_char = text[next_pos] if next_pos < len(text) else ""
    if lower in NEVER_FINAL and (len(core) > 1 or core.islower()):
        # "с." (село) and "о." (остров) are lower case; a capital "С." is a letter or an initial
        # ("витамин С. Кроме того"), which the initials rule below decides.
        return True
    if lower in BEFORE_NUMBER and next_char.isdigit():
        return True  # "Locomotive Co. Ltd."
    if lower in YEAR_OR_PLACE:
        # "в 1998 г. Потом" ends a sentence; "в г. Москве" and "м. Київ" do not.
        return not _number_before(text, next_pos)
    if lower in MAY_END:
        # A company form followed by another ("Locomotive Co. Ltd.") is one name.
        return lower in COMPANY and next_word(text, next_pos).lower() in COMPANY
    if lower in TIME_OF_DAY:
        # "at 6 p.m. Mr. Smith then…" ends a sentence unless all before it is the time itself
        # ("At 5 a.m. Mr. Smith went…"): a sentence needs more than a time of day.
        before = text[max(0, next_pos - 40) : next_pos - len(word) - 2]
        return bool(_TIME_PHRASE.search(before)) and not _next_is_starter(text, next_pos, language)
    letters = core.replace(".", "")
    if lower in INITIAL_DIGRAPHS and core[0].isupper():
        return not _next_is_starter(text, next_pos, language)  # "Чарльз Дж. Филлипс"
    # Initials: "В.", "J.", "Н.И." (single capitals, possibly chained with dots).
    if letters.isalpha() and letters.isupper() and all(len(p) == 1 for p in core.split(".") if p):
        # Initials and dotted acronyms: "В. Путин", "U.S. President" (no break) vs "витамин С.
        # Кроме того", "in the U.S. The talks" (break before a capitalised function word).
        return not _next_is_starter(text, next_pos, language)
    # A single lower-case letter: "т.", "с.", "п." (part of "т. е.", "с. Иваново"), but a unit
    # after a number ("3 тыс. м.") or the tail of "т. д." ends a sentence.
    if len(core) == 1 and core.isalpha() and core.islower():
        if lower in PRONOUN_LETTERS and language in ("ru", "uk"):
            return False  # "У тебе є я. Ти знаєш": the pronoun "я" ends a sentence
        if _is_tail_of_abbreviation(text, next_pos) or _number_before(text, next_pos):
            return False
        return True
    # Other dotted lower-case abbreviations ("к.п.н. И. П. Карташов", "д.т.н."): a degree or a
    # title before a name, unless a function word follows.
    if core.islower() and _DOTTED_CHAIN.fullmatch(core):
        return not _next_is_starter(text, next_pos, language)
    return False


def _is_tail_of_abbreviation(text: str, next_pos: int) -> bool:
    """ "т. д." / "т. п." are sentence-final; the caller sees only "д" so look back."""
    before = text[max(0, next_pos - 20) : next_pos].rstrip()
    return bool(re.search(r"\b(?:т\.\s?[дп]|и\s?т\.\s?[дп]|т\.\s?ін|і\s?т\.\s?ін)\.$", before))


def _number_before(text: str, next_pos: int) -> bool:
    """True for "… 3 тыс. м." style units: the word before the abbreviation is a number."""
    before = text[max(0, next_pos - 40) : next_pos].rstrip()
    # (A decade or an ordinal may carry an ending: "у 2010-х рр.", "в 90-е гг.")
    return bool(re.search(r"\d[\d\s.,]*(?:-[^\W\d_]{1,3})?(?:\s\w{1,9}\.?)?\s\w{1,2}\.$", before))


def next_word(text: str, pos: int) -> str:
    """The word starting at `pos`, without a final dot."""
    match = NEXT_WORD.match(text, pos)
    return match.group(0).rstrip(".") if match else ""


def _next_is_starter(text: str, pos: int, language: str) -> bool:
    match = NEXT_WORD.match(text, pos)
    token = match.group(0) if match else ""
    if len(token) == 2 and token[0].isupper() and token[1] == ".":
        return False  # another initial: "В. К. Арсеньева"
    word = token.rstrip(".").lower()
    own, english = sentence_starters(language)
    return word in own or word in english


def punct_boundaries(text: str, language: str) -> list[int]:
    """Cuts after sentence-final punctuation and before list items, in no particular order."""
    cuts = [match.start(1 if match.group(1) else 2) for match in _LIST_BOUNDARY.finditer(text)]
    items, labels = list_items(text)
    cuts += items
    last_cut = 0
    for match in _PUNCT_BOUNDARY.finditer(text):
        punct = match.group(1)
        next_pos = match.end()
        if next_pos >= len(text) or match.end(2) in labels:
            continue  # "2.) The second item": the label's period ends no sentence
        if punct in ("...", "…") and text[match.start() - 1 : match.start()] in ("[", "("):
            continue  # "[...]" marks words left out of a quotation
        if punct == "." and text[match.start() - 2 : match.start()] == ". ":
            if text[next_pos] != ".":  # the last dot of ". . ."
                cuts += _spaced_ellipsis(text, match.start(), next_pos, language)
            continue
        if not _is_upper_start(text, next_pos):
            continue
        if _GLOSS.match(text, next_pos):
            continue  # "at 6:07 a.m. (0307 GMT) in a freight truck": the bracket goes on
        if _DASH_OPENING.match(text, next_pos) and not _dialogue_line(text, last_cut, next_pos):
            continue  # "…, — объясняет он. — Он подойдёт…": the speaker goes on
        if punct == ".":
            # A bounded look-back keeps long texts linear.
            word = text[max(0, match.start() - 40) : match.start()].rsplit(None, 1)[-1:]
            word = word[0] if word and not text[match.start() - 1].isspace() else ""
            start = match.start() - len(word)
            if _PIECE_LABEL.fullmatch(word) and _opens_piece(text, start):
                continue  # a numbered piece: "1. Открыть сайт.", "8.1. Зачем…", "IV. Итоги"
            if word and word[-1].isdigit() and "." in word and word.replace(".", "").isdigit():
                # "1.2." section numbers or dates "12.03." before a capital: a boundary.
                pass
            elif _veto_period(word, text, next_pos, language):
                continue
        cuts.append(match.end(2))
        last_cut = match.end(2)
    return cuts


def _dialogue_line(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a line of dialogue of its own: it opens with a dash and holds
    no author's words ("— Ты ей скажи. — А мне дашь?"), so a dash after it opens the next line.
    After the author's words ("— Да, — сказал он. — Пойдём.") the speaker's words go on, and
    after narration ("Питають: «Есть кто?» – Кажу…") the dashes mark reported speech inside it:
    neither is cut (news segments keep a quotation with its attribution).  The author's words
    are looked for in the last _DIALOGUE_LOOK_BACK characters only: long texts stay linear."""
    if not _DASH_OPENING.match(text, start):
        return False
    return not _ATTRIBUTION.search(text, max(start, end - _DIALOGUE_LOOK_BACK), end)


_DIALOGUE_LOOK_BACK = 2000


def _opens_piece(text: str, pos: int) -> bool:
    """True when `pos` starts the text or follows a colon or sentence-final punctuation."""
    before = text[max(0, pos - 3) : pos].rstrip()
    return not before or before[-1] in ":;.!?…" + CLOSERS


def _is_pronoun_i(text: str, pos: int, language: str) -> bool:
    return language not in ("ru", "uk") and next_word(text, pos) in ("I", "I'm", "I’m", "I'd")


def _spaced_ellipsis(text: str, last: int, next_pos: int, language: str) -> list[int]:
    """Cuts for a spaced ellipsis whose last dot is at `last` (". . .").

    After a word's own period ("compounds. . . . The practice") the period ends the sentence and
    the ellipsis opens the next one; standing alone ("is . . . I didn't") it is one mark, a
    sentence end only before a capital, as any ellipsis is.
    """
    first, dots = last, 1
    while text[first - 2 : first] == ". ":
        first -= 2
        dots += 1
    if not _is_upper_start(text, next_pos):
        return []
    if dots >= 4 and first and not text[first - 1].isspace():
        return [first + 1]
    if _is_pronoun_i(text, next_pos, language):
        return []
    return [last + 1]
