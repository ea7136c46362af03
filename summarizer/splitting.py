"""Offline sentence splitting for Russian, Ukrainian and English news text.

Chosen by measurement (benchmarks/bench_split.py): pysbd and razdel both stop short of 0.98 boundary
F1 on the news-docs set and pysbd is slow, so newsbrief uses these rules.  A boundary is proposed
after sentence-final punctuation (. ! ? … and runs of them, closing quotes and brackets included)
that is followed by whitespace and something that can open a sentence (a capital letter, a digit,
an opening quote or a dash before a capital).  It is then vetoed for abbreviations that never end
a sentence ("т.е.", "ул.", "Mr.", "Dr."), initials ("В. Путин", "J. Smith", "Н.И. Пирогова"),
month and number abbreviations before a digit ("Feb. 27", "No. 5") and dotted acronyms before a
name ("U.S. President").  Headlines glued to the next sentence without punctuation (as happens
when a title and a lead are joined) are split before a capitalised function word ("…неизбежна В
Германии…", "…inevitable The head…").

Only the standard library is imported: the translation engine splits every paragraph with this.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from summarizer.stopwords import stop_words

_CLOSERS = "\"'»”’)]"
_OPENERS = "\"'«“„‘([—–-"

# Sentence-final punctuation, any closing quotes/brackets after it, then whitespace.
_PUNCT_BOUNDARY = re.compile(r"([.!?…]+)([\"'»”’)\]]*)(\s+)")
# A word with no final punctuation, whitespace, then a capitalised word (headline glued to a lead).
_GLUED_BOUNDARY = re.compile(r"([^\W_][\"»”’]?|[\"»”’])(\s+)(?=[^\W\d_])")
_NEXT_WORD = re.compile(r"[\w.'’-]*")

# Abbreviations (lower case, without the final dot) after which a capital never starts a sentence:
# titles before names, and words before a proper name or a street/place name.
_NEVER_FINAL = frozenset(
    """
    mr mrs ms dr prof st gen sen rep gov lt col capt sgt maj rev hon messrs mt ft gen adm cmdr
    e.g i.e vs cf approx
    т.е т.к т.н т.ч им ул пл пр просп пер наб ш кв стр вул пров бул б-р акад проф ген св см ср
    напр англ нем франц лат рус укр гр гос тов г-н г-жа пан пані д-р о с смт пос дер обл р-н
    """.split()
)
# Abbreviations that are not sentence-final when a number follows ("Feb. 27", "No. 5", "ст. 12").
_BEFORE_NUMBER = frozenset(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec no nos p pp vol art ch fig sec par
    ст п ч рис гл разд т ст ч ч.1 абз
    """.split()
)
# Lower-case abbreviations that may end a sentence when a capital follows.
_MAY_END = frozenset("etc inc ltd co corp jr sr т.д т.п др пр и.т.д тыс млн млрд".split())
# Year after a number ("1998 г.", "2022 р."), town or village before a name ("г. Москва").
_YEAR_OR_PLACE = frozenset("г гг р рр м".split())


def _starters(language: str) -> frozenset[str]:
    """Capitalised function words that open a sentence and almost never sit inside one."""
    words = stop_words(language) or stop_words("en")
    # Words that do appear capitalised inside English sentences (titles, names, "I").
    # Words that do appear capitalised inside sentences: titles, names, "I", and the polite
    # Russian/Ukrainian "Вы/Ви" forms ("Дякую Вам", "хочу у Вас дізнатися").
    return words - {
        "i",
        "me",
        "us",
        "may",
        "will",
        "mr",
        "mrs",
        "ms",
        "dr",
        "no",
        "do",
        "said",
        "вы",
        "вам",
        "вас",
        "вами",
        "ваш",
        "ваша",
        "ваше",
        "ваши",
        "ви",
        "ваші",
    }


@lru_cache(maxsize=8)
def _language_rules(language: str) -> tuple[frozenset[str], frozenset[str]]:
    code = (language or "en").lower()[:2]
    own = _starters(code)
    english = _starters("en")
    return own, english


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
    # Bullets and emoji ("◻️ Захисники…") open a sentence; other punctuation does not.
    return ch in "•·▪►" or unicodedata.category(ch).startswith("S")


def _veto_period(word: str, text: str, next_pos: int, language: str) -> bool:
    """True when the period after `word` is an abbreviation or initial, not a sentence end."""
    core = word.lstrip(_OPENERS + "(")
    lower = core.lower()
    if not core:
        return False
    next_char = text[next_pos] if next_pos < len(text) else ""
    if lower in _NEVER_FINAL:
        return True
    if lower in _BEFORE_NUMBER and next_char.isdigit():
        return True  # "Locomotive Co. Ltd."
    if lower in _YEAR_OR_PLACE:
        # "в 1998 г. Потом" ends a sentence; "в г. Москве" and "м. Київ" do not.
        return not _number_before(text, next_pos)
    if lower in _MAY_END:
        return False
    letters = core.replace(".", "")
    # Initials: "В.", "J.", "Н.И." (single capitals, possibly chained with dots).
    if letters.isalpha() and letters.isupper() and all(len(p) == 1 for p in core.split(".") if p):
        # Initials and dotted acronyms: "В. Путин", "U.S. President" (no break) vs "витамин С.
        # Кроме того", "in the U.S. The talks" (break before a capitalised function word).
        return not _next_is_starter(text, next_pos, language)
    # A single lower-case letter: "т.", "с.", "п." (part of "т. е.", "с. Иваново"), but a unit
    # after a number ("3 тыс. м.") or the tail of "т. д." ends a sentence.
    if len(core) == 1 and core.isalpha() and core.islower():
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


def _next_is_starter(text: str, pos: int, language: str) -> bool:
    match = _NEXT_WORD.match(text, pos)
    token = match.group(0) if match else ""
    if len(token) == 2 and token[0].isupper() and token[1] == ".":
        return False  # another initial: "В. К. Арсеньева"
    word = token.rstrip(".").lower()
    own, english = _language_rules(language)
    return word in own or word in english


def _punct_boundaries(text: str, language: str) -> list[int]:
    cuts = []
    for match in _PUNCT_BOUNDARY.finditer(text):
        punct = match.group(1)
        next_pos = match.end()
        if next_pos >= len(text) or not _is_upper_start(text, next_pos):
            continue
        if punct == ".":
            # A bounded look-back keeps long texts linear.
            word = text[max(0, match.start() - 40) : match.start()].rsplit(None, 1)[-1:]
            word = word[0] if word and not text[match.start() - 1].isspace() else ""
            if word and word[-1].isdigit() and "." in word and word.replace(".", "").isdigit():
                # "1.2." section numbers or dates "12.03." before a capital: a boundary.
                pass
            elif _veto_period(word, text, next_pos, language):
                continue
        cuts.append(match.end(2))
    return cuts


def _glued_boundaries(text: str, language: str) -> list[int]:
    """Boundaries with no punctuation: a lower-case word, then a capitalised function word."""
    own, english = _language_rules(language)
    cuts = []
    for match in _GLUED_BOUNDARY.finditer(text):
        before = match.group(1)
        last = before[0]
        if not (last.islower() or last.isdigit() or before[-1] in '"»”’'):
            continue
        # The whole previous word must be lower case or a number: "By Our Correspondent" and
        # Title Case headlines ("Frustration Over Stalled Talks") stay whole.
        start = text.rfind(" ", 0, match.start(1)) + 1
        if text[start : match.start(1) + 1][:1].isupper():
            continue
        next_pos = match.end()
        word_match = _NEXT_WORD.match(text, next_pos)
        word = word_match.group(0) if word_match else ""
        if not word or not word[0].isupper() or (len(word) > 1 and word.isupper()):
            continue
        lower = word.lower()
        after = text[next_pos + len(word) : next_pos + len(word) + 2]
        if not after[:1].isspace():
            continue  # "группы В, витамин С" — a letter, not a word that opens a sentence
        if language == "en" or language not in ("ru", "uk"):
            # "told The Moscow Times": an English article before a name stays inside.
            if lower in english and not (lower in ("the", "a", "an") and after[1:2].isupper()):
                cuts.append(match.start(2))
        elif lower in own:
            cuts.append(match.start(2))
    return cuts


def split_sentences(text: str, language: str) -> list[str]:
    """Split one paragraph (or any run of text) into sentences, in order, stripped.

    `language` is an ISO 639-1 code; ru/uk/en have their own function-word lists and every other
    code falls back to the English ones (the punctuation rules are shared).  Empty or
    whitespace-only text gives an empty list.  The sentences, joined with single spaces, give back
    the text with its whitespace runs collapsed at the boundaries only.
    """
    if not text or not text.strip():
        return []
    code = (language or "en").lower()[:2]
    cuts = sorted(set(_punct_boundaries(text, code)) | set(_glued_boundaries(text, code)))
    sentences = []
    start = 0
    for cut in cuts:
        piece = text[start:cut].strip()
        if piece:
            sentences.append(piece)
        start = cut
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
