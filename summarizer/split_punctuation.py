"""Sentence boundaries after punctuation: . ! ? … (and runs of them), vetoed where the period
belongs to an abbreviation or an initial; list items after a colon.

A boundary is proposed after sentence-final punctuation (closing quotes, brackets and emoji
included) that is followed by whitespace and something that can open a sentence (a capital, a
digit, an opening quote, a bullet).  A period is then vetoed after an abbreviation that never
ends a sentence ("т.е.", "ул.", "Mr."), after initials before a name ("В. Путин", "J. Smith"),
after a month or number abbreviation before a digit ("Feb. 27", "No. 5") and after a dotted
acronym before a name ("U.S. President").  The word lists are in summarizer/split_lexicons.py.
"""

from __future__ import annotations

import re
import unicodedata

from summarizer.split_lexicons import (
    BEFORE_NUMBER,
    COMPANY,
    MAY_END,
    NEVER_FINAL,
    PRONOUN_LETTERS,
    YEAR_OR_PLACE,
    sentence_starters,
)

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


def _is_upper_start(text: str, pos: int) -> bool:
    """True when a sentence can start at `pos`: a capital or digit, maybe after opening quotes."""
    n = len(text)
    i = pos
    while i < n and text[i] in _OPENERS:
        if text[i] in "—–-":
            # A dash after a sentence end continues reported speech ("…, - объясняет он. - Он
            # подойдет…") or an attribution («…!» — сказал он): not a boundary.
            return False
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
    letters = core.replace(".", "")
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
    # Dotted lower-case abbreviations such as "т.е", "т.к", "e.g" handled above; others end.
    return False


def _is_tail_of_abbreviation(text: str, next_pos: int) -> bool:
    """ "т. д." / "т. п." are sentence-final; the caller sees only "д" so look back."""
    before = text[max(0, next_pos - 20) : next_pos].rstrip()
    return bool(re.search(r"\b(?:т\.\s?[дп]|и\s?т\.\s?[дп]|т\.\s?ін|і\s?т\.\s?ін)\.$", before))


def _number_before(text: str, next_pos: int) -> bool:
    """True for "… 3 тыс. м." style units: the word before the abbreviation is a number."""
    before = text[max(0, next_pos - 40) : next_pos].rstrip()
    return bool(re.search(r"\d[\d\s.,]*(?:\s\w{1,9}\.?)?\s\w\.$", before))


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
    cuts = [match.start(1 if match.group(1) else 2) for match in _LIST_BOUNDARY.finditer(text)]
    for match in _PUNCT_BOUNDARY.finditer(text):
        punct = match.group(1)
        next_pos = match.end()
        if next_pos >= len(text) or not _is_upper_start(text, next_pos):
            continue
        if punct == ".":
            # A bounded look-back keeps long texts linear.
            word = text[max(0, match.start() - 40) : match.start()].rsplit(None, 1)[-1:]
            word = word[0] if word and not text[match.start() - 1].isspace() else ""
            if word.isdigit() and len(word) <= 3 and _opens_piece(text, match.start() - len(word)):
                continue  # a list number: "Порядок: 1. Открыть сайт. 2. Ввести код."
            if word and word[-1].isdigit() and "." in word and word.replace(".", "").isdigit():
                # "1.2." section numbers or dates "12.03." before a capital: a boundary.
                pass
            elif _veto_period(word, text, next_pos, language):
                continue
        cuts.append(match.end(2))
    return cuts


def _opens_piece(text: str, pos: int) -> bool:
    """True when `pos` starts the text or follows a colon or sentence-final punctuation."""
    before = text[max(0, pos - 3) : pos].rstrip()
    return not before or before[-1] in ":;.!?…" + CLOSERS
