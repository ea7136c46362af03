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
Германии…", "…inevitable The head…"), and otherwise where weighed evidence says the capitalised
word opens a sentence rather than names someone: the text's own use of the word (seen in lower
case elsewhere, or capitalised mid-sentence elsewhere), its ending (Russian/Ukrainian adjective
and common-noun endings, English common-word endings), the words around it and its position (a
headline opens the text), and a capitalised finite verb ("Существует", "Існує") opens a lead.
A lead that repeats two or more of the headline's content words is strong evidence of a headline
cut, and a title, subtitle and lead at the top of a text are all cut (each further heading must
be repeated by the text after it).  newsbrief splits one paragraph at a time, so every English body
paragraph opens "a text": there a cut with no punctuation needs more than its place (a lead that
repeats three of the headline's words, or two with a common word or a function word opening it),
and none is made after a day number, inside a clause with a comma, between a role and a name
("…company chairman | Tomas Vidal…", "…chairman Tomas | Vidal…") or before a capitalised title of
a work ("…a version of | We Are Young…", "…her novel | My Quiet Garden…", "…the 2004 film | The
Long Harbour…"); measured on BBC
paragraphs (benchmarks/bench_split.py, secondary check).  In Russian and Ukrainian no such cut
follows a common first name ("лидер Владимир | Полянский заявил…").
Emoji after the final punctuation stay with their sentence; numbered and bulleted items after a
colon are pieces of their own and keep their number ("1. Открыть сайт.").  Measured on news-docs,
tuned on one half of the documents and checked on the other (benchmarks/bench_split.py).

Only the standard library is imported: the translation engine splits every paragraph with this.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from summarizer.stopwords import stop_words

_CLOSERS = "\"'»”’)]"
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
# A word with no final punctuation, whitespace, then a capitalised word (headline glued to a lead).
# (Lower-case Latin and Cyrillic letters are ruled out in the pattern itself: it keeps this fast.)
_GLUED_BOUNDARY = re.compile(r"(?<=[\w\"»”’])(?<!_)(\s+)(?=[^\W\d_a-zа-яёіїєґ])")
_GLUED_QUOTES = '"»”’'
_NEXT_WORD = re.compile(r"[\w.'’-]*")

# Words an English article never stands before: conjunctions, auxiliaries and prepositions.
_NO_ARTICLE = frozenset(
    "and or but nor is are was were has have had will would can could to of in on at by with "
    "from for as than".split()
)
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
    янв фев мар апр июн июл авг сен сент окт нояб дек
    січ лют бер квіт трав черв лип серп вер жовт лист груд
    """.split()
)
# Lower-case abbreviations that may end a sentence when a capital follows.
_MAY_END = frozenset("etc inc ltd co corp jr sr т.д т.п др пр и.т.д тыс млн млрд".split())
# Company forms: one may follow another inside a name ("Co. Ltd.").
_COMPANY = frozenset("inc ltd co corp llc plc".split())
# One-letter Russian/Ukrainian words that can end a sentence (not abbreviations like "т." or "с.").
_PRONOUN_LETTERS = frozenset("я")
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
    if lower in _NEVER_FINAL and (len(core) > 1 or core.islower()):
        # "с." (село) and "о." (остров) are lower case; a capital "С." is a letter or an initial
        # ("витамин С. Кроме того"), which the initials rule below decides.
        return True
    if lower in _BEFORE_NUMBER and next_char.isdigit():
        return True  # "Locomotive Co. Ltd."
    if lower in _YEAR_OR_PLACE:
        # "в 1998 г. Потом" ends a sentence; "в г. Москве" and "м. Київ" do not.
        return not _number_before(text, next_pos)
    if lower in _MAY_END:
        # A company form followed by another ("Locomotive Co. Ltd.") is one name.
        return lower in _COMPANY and _next_word(text, next_pos).lower() in _COMPANY
    letters = core.replace(".", "")
    # Initials: "В.", "J.", "Н.И." (single capitals, possibly chained with dots).
    if letters.isalpha() and letters.isupper() and all(len(p) == 1 for p in core.split(".") if p):
        # Initials and dotted acronyms: "В. Путин", "U.S. President" (no break) vs "витамин С.
        # Кроме того", "in the U.S. The talks" (break before a capitalised function word).
        return not _next_is_starter(text, next_pos, language)
    # A single lower-case letter: "т.", "с.", "п." (part of "т. е.", "с. Иваново"), but a unit
    # after a number ("3 тыс. м.") or the tail of "т. д." ends a sentence.
    if len(core) == 1 and core.isalpha() and core.islower():
        if lower in _PRONOUN_LETTERS and language in ("ru", "uk"):
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


def _next_word(text: str, pos: int) -> str:
    """The word starting at `pos`, without a final dot."""
    match = _NEXT_WORD.match(text, pos)
    return match.group(0).rstrip(".") if match else ""


def _article_is_letter(text: str, pos: int) -> bool:
    """True when the word after the "A"/"The" ending at `pos` never follows an article ("A and
    G", "A are produced"): the capital is then a letter or a name, not an article."""
    rest = text[pos : pos + 40].lstrip()
    return _next_word(rest, 0).lower() in _NO_ARTICLE


def _next_is_starter(text: str, pos: int, language: str) -> bool:
    match = _NEXT_WORD.match(text, pos)
    token = match.group(0) if match else ""
    if len(token) == 2 and token[0].isupper() and token[1] == ".":
        return False  # another initial: "В. К. Арсеньева"
    word = token.rstrip(".").lower()
    own, english = _language_rules(language)
    return word in own or word in english


def _punct_boundaries(text: str, language: str) -> list[int]:
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
    return not before or before[-1] in ":;.!?…" + _CLOSERS


def _glued_boundaries(text: str, language: str) -> list[int]:
    """Boundaries with no punctuation: a lower-case word, then a capitalised function word."""
    own, english = _language_rules(language)
    ending_stops = _stops("en") - _MAY_END_HEADLINE
    cuts = []
    for match in _GLUED_BOUNDARY.finditer(text):
        cut = match.start()
        # The character before the whitespace, or a letter or digit and a closing quote after it.
        before_start = cut - 1
        if text[before_start] in _GLUED_QUOTES and cut > 1 and text[cut - 2].isalnum():
            before_start -= 1
        last = text[before_start]
        if not (last.islower() or last.isdigit() or text[cut - 1] in _GLUED_QUOTES):
            continue
        # The whole previous word must be lower case or a number: "By Our Correspondent" and
        # Title Case headlines ("Frustration Over Stalled Talks") stay whole.
        start = text.rfind(" ", 0, before_start) + 1
        if text[start : before_start + 1][:1].isupper():
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
            # "told The Moscow Times": an English function word before a capitalised word opens
            # a name or a title ("the film Being Julia", "his hit When a Man…"), and so does one
            # after a function word ("a version of We Will Rock You"); a capital "A" before "and"
            # or "are" is a letter ("immunoglobulins A and G").
            if (
                lower in english
                and not after[1:2].isupper()
                and _word_before(text, cut).lower().strip('"»”’') not in ending_stops
                and not (
                    lower in ("the", "a", "an") and _article_is_letter(text, next_pos + len(word))
                )
            ):
                cuts.append(cut)
        elif lower in own:
            cuts.append(cut)
    return cuts


# Evidence for a boundary that has no punctuation at all ("…неизбежна Четвертая вакцинация…"):
# a word, whitespace, maybe opening quotes, then a capitalised word and (maybe) the word after it.
# (The word before is found by the caller: a pattern that starts at the whitespace is faster.)
_UNPUNCTUATED = re.compile(r"(?<=\S)(\s+)(?=([\"«“„'(]*)([^\W\d_a-zа-яёіїєґ]\S*)(?:\s+(\S))?)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_WORD_CHAR = re.compile(r"[\w'’-]")
# Russian/Ukrainian endings: nominative adjectives ("Новый", "Всемирная", "Російська"), nouns made
# with common-noun suffixes ("Производство", "Эффективность", "Заместитель", "Вирусолог"), and
# oblique-case endings that capitalised names take inside a sentence ("Турции", "Лондонской").
_ADJECTIVE = {
    "ru": re.compile(r"(?:ый|[кхжчшщн]ий|ой|ая|яя|ое|ее|ые|ие)$"),
    "uk": re.compile(r"(?:ий|ній|[сцз]ька|(?<![иії])на|ва|[сцз]ьке|[нв]е|[сцз]ькі|[нв]і)$"),
}
# "-ства" is left out: it is mostly the genitive that carries a noun phrase on ("из ответов |
# Министерства иностранных дел", "решение Правительства"), seldom a plural opening a lead.
_COMMON_NOUN = re.compile(
    r"(?:ство|ние|ния|ция|ции|ость|ости|тель|тели|ники|ник|лог|логи|ист|исты|ування|ення|"
    r"ання|ція|ість|ач|ачи|ери|еры|оры|ары)$"
)
# English endings of common words ("Studies", "Scientists", "Attackers", "Protests").
_COMMON_ENGLISH = re.compile(
    r"(?:ies|tions?|sions?|ments?|ness|ity|ists|ers|ors|ants|ents|ing|ed)$"
)
# Adverbs in the stop-word lists that can end a headline ("…in six dozen states already").
_MAY_END_HEADLINE = frozenset(
    "already again yet now here there today together ago too уже еще ещё тоже также здесь там "
    "сейчас сегодня вместе вже ще теж також тут там зараз сьогодні разом".split()
)
# Finite verbs and "-ован-" participles ("Существует", "Опубликована", "Відбувається") do not
# begin names, so after a lower-case word they open a sentence (names such as "Елена" or
# "Светлана" end in "-ена"/"-ана", which is why short participles in general are left out).
_VERBAL = re.compile(r"(?:[уая]ет|[ую]ют|[иеь]тся|[ую]ется|ован[аоыі]?|[уаяю]є|ється|ються)$")
# Russian/Ukrainian surname endings ("Песков", "Голошейкина", "Шевченко", "Зеленський"): after a
# capitalised first name such a word goes on the name ("Дмитрий Песков").
_SURNAME = re.compile(r"(?:[оеё]ва?|[иы]на?|енко|[юу]к|[сц]ький|[сц]ька|[сц]кий|[сц]кая)$")
_OBLIQUE = re.compile(r"(?:ии|ого|ему|ому|ых|их|ым|ими|ыми|ой|ей|ою|ої|ів|ам|ах|ям|ях|ом|ем)$")
# Weights of the evidence, fitted as a logistic regression on the "tune" half of the news-docs
# documents (benchmarks/bench_split.py) and rounded; a candidate is a boundary when its score is
# above zero and it is the best candidate of its stretch of text.
# Heading lines looked for at the top of a text (title, subtitle, …) before its lead.
_HEADINGS = 3
_WEIGHTS_CYRILLIC = {
    "bias": -2.0,
    "after_lower": -1.5,
    "after_digit": 0.5,
    "after_quote": 0.5,
    "after_acronym": -1.0,
    "starter": 0.5,
    "acronym": -1.0,
    "latin": -1.0,
    "quoted": -1.0,
    "next_capital": -1.0,
    "no_next": -1.0,
    "repeats": 0.5,
    "lower_elsewhere": 1.0,
    "stem_elsewhere": 1.0,
    "name_elsewhere": -2.0,
    "first": 2.5,
    "short": -1.0,
    "long": -1.0,
    "short_rest": -1.0,
    "adjective": 1.5,
    "oblique": -1.0,
    "common_noun": 1.5,
    "verbal": 1.5,
    "lead_repeats": 2.0,
}
_WEIGHTS_LATIN = {
    "bias": -2.0,
    "after_lower": -1.0,
    "after_quote": -0.5,
    "after_title": -1.0,
    "after_acronym": 0.5,
    "starter": 2.0,
    "quoted": -1.0,
    "no_next": -1.0,
    "repeats": 1.0,
    "stem_elsewhere": 0.5,
    "name_elsewhere": -1.0,
    "first": 2.5,
    "short": -0.5,
    "long": -0.5,
    "short_rest": -1.0,
    "common_noun": 1.0,
    "lead_repeats": 2.0,
}


def _word_before(text: str, pos: int) -> str:
    """The run of non-space characters that ends at `pos` (a bounded look-back first)."""
    window = text[max(0, pos - 64) : pos]
    parts = window.rsplit(None, 1)
    if len(parts) == 2 or pos <= 64:
        return parts[-1] if parts else ""
    return text[:pos].rsplit(None, 1)[-1]


def _title_before(text: str, pos: int) -> bool:
    """True when the word ending just before `pos` (whitespace skipped) is capitalised."""
    return _word_before(text, pos)[:1].isupper()


def _stem(word: str) -> str:
    """A crude stem that lets inflected forms meet ("вакцинация"/"вакцинации")."""
    return word[:5]


def _content_stems(text: str, stops: frozenset[str]) -> set[str]:
    """Stems of the content words (four letters or more, not function words) of `text`."""
    return {
        _stem(word.lower())
        for word in _WORD.findall(text)
        if len(word) >= 4 and word.lower() not in stops
    }


def _shared_stems(first: str, second: str, stops: frozenset[str]) -> int:
    """How many content-word stems the two texts share."""
    return len(_content_stems(first, stops) & _content_stems(second, stops))


class _WordEvidence:
    """What the whole text says about each capitalised word (after Mikheev's document-centred
    approach): seen in lower case elsewhere means a common word, seen capitalised after a
    lower-case word elsewhere means a name.  Names are counted only for the words asked about:
    most of a text's capitalised words never need it."""

    def __init__(self, text: str, stops: frozenset[str]) -> None:
        self.text = text
        self.stops = stops
        self.lower = {word for word in _WORD.findall(text) if word[0].islower()}
        self.stems = {_stem(word) for word in self.lower}
        self._names: dict[str, int] = {}

    def names(self, word: str) -> int:
        """How often `word` follows a lower-case word that is not a function word, with only
        whitespace between them."""
        count = self._names.get(word)
        if count is None:
            count = 0
            text, size = self.text, len(word)
            at = text.find(word)
            while at >= 0:
                end = at + size
                whole = end == len(text) or not _WORD_CHAR.match(text, end)
                if whole and at and text[at - 1].isspace():
                    gap = at - 1
                    while gap > 0 and text[gap - 1].isspace():
                        gap -= 1
                    previous = _word_before(text, gap) if gap else ""
                    # The last char is a letter, so the last word runs to the end of the token.
                    if previous and previous[-1].islower():
                        if _WORD.findall(previous)[-1].lower() not in self.stops:
                            count += 1
                at = text.find(word, end)
            self._names[word] = count
        return count


# Common Russian and Ukrainian first names (nominative).  A cut with no punctuation right after
# one is nearly always inside "First Surname" ("президент Украины Владимир | Зеленский заявил",
# "Журналістка Наталія | Нагорна"), never after a headline.
_FIRST_NAMES = frozenset(
    """Александр Алексей Анатолий Андрей Антон Аркадий Артем Артём Борис Вадим Валентин Валерий
    Василий Виктор Виталий Владимир Владислав Вячеслав Геннадий Георгий Глеб Григорий Даниил
    Денис Дмитрий Евгений Егор Иван Игорь Илья Кирилл Константин Леонид Максим Михаил Никита
    Николай Олег Павел Петр Пётр Роман Руслан Сергей Станислав Степан Тимур Федор Фёдор Юрий
    Ярослав Александра Алена Алёна Алина Алла Анастасия Анна Валентина Валерия Вера Виктория
    Галина Дарья Екатерина Елена Елизавета Ирина Карина Кристина Ксения Лариса Любовь Людмила
    Маргарита Марина Мария Надежда Наталья Наталия Нина Оксана Ольга Полина Светлана Софья
    Татьяна Юлия Яна Олександр Олексій Анатолій Андрій Богдан Валерій Василь Віктор Віталій
    Володимир В'ячеслав Геннадій Григорій Дмитро Євген Ігор Ілля Кирило Костянтин Леонід Михайло
    Микола Остап Павло Петро Сергій Станіслав Тарас Юрій Сашко Арсен Олександра Анастасія Ганна
    Вікторія Дарина Катерина Олена Єлизавета Ірина Христина Ксенія Людмила Марія Надія Наталя
    Наталія
    Ніна Поліна Світлана Софія Тетяна Юлія Уляна Соломія Зоряна""".split()
)


# English words that introduce a name or a title of a work ("the film | The Life of …", "bands
# including | The Libertines", "a comedy called | Because of …"): a headline never ends on them.
_BEFORE_TITLE = frozenset(
    """film films movie movies comedy drama fable thriller musical album albums hit hits single
    song songs series show novel book play opera cartoon documentary programme band bands
    include includes including included called named titled dubbed""".split()
)


def _candidate_features(
    text: str,
    code: str,
    bounds: list[int],
    evidence: _WordEvidence,
    heading: int = 0,
    top_only: bool = False,
) -> Iterator[tuple[int, int, dict[str, bool]]]:
    """(stretch index, cut offset, evidence) for each place a headline could end: a word with no
    final punctuation, whitespace, then a capitalised word.  `bounds` are the sorted boundaries
    found so far; the stretch index says which stretch between them the candidate is in.  The
    stretches that start at or before `heading` (the last cut known to end a heading at the top of
    the text, 0 for none) count as the first one; with `top_only` only their candidates are
    given."""
    stops = _stops(code)
    own, english = _language_rules(code)
    starters = own | english
    adjective = _ADJECTIVE.get(code)
    common = _COMMON_ENGLISH if code == "en" else _COMMON_NOUN
    for match in _UNPUNCTUATED.finditer(text):
        quotes, after, next_char = match.group(2, 3, 4)
        pos = match.start()
        before = _word_before(text, pos)
        last = before[-1]
        if not (last.isalnum() or last in _CLOSERS) or not after[0].isupper():
            continue
        if before.lower().strip('"«»“”()') in stops - _MAY_END_HEADLINE:
            continue  # "в Украину", "of Ukraine": a headline never ends with a function word
        if adjective is not None and before[0].isupper() and adjective.search(before):
            continue  # "Верховна Рада", "Белый Дом": a capitalised adjective starts a name
        if code in ("ru", "uk") and before.replace("’", "'") in _FIRST_NAMES:
            continue  # "Владимир | Зеленский": a first name goes on to its surname
        if code == "en" and before.lower() in _BEFORE_TITLE:
            continue  # "the film | The Life of David Gale": a title follows, not a lead
        index = bisect.bisect_left(bounds, pos)
        if index < len(bounds) and bounds[index] == pos:
            continue
        start = bounds[index - 1] if index else 0
        if top_only and start > heading:
            break  # past the stretch after the headings
        end = bounds[index] if index < len(bounds) else len(text)
        word_match = _WORD.match(after)
        word = word_match.group() if word_match else after
        lower = word.lower()
        if "(" in quotes or lower == "i" or lower[:2] in ("i'", "i’"):
            continue  # "(WHO)" is an aside; "every day I want…" is the pronoun, not a new start
        if lower in ("a", "an", "the") and _article_is_letter(text, match.end(3)):
            continue  # "vitamins A and E": a letter, not an article
        segment = text[start:pos]
        n_before = segment.count(" ") + 1
        n_after = text.count(" ", pos + 1, end)
        features = {
            "bias": True,
            "after_lower": last.islower(),
            "after_digit": last.isdigit(),
            "after_quote": last in _CLOSERS,
            "after_title": before[:1].isupper(),
            "after_acronym": len(before) > 1 and before.isupper(),
            "starter": lower in starters,
            "acronym": len(word) > 1 and word.isupper(),
            "latin": code != "en" and "a" <= lower[:1] <= "z",
            "quoted": bool(quotes),
            "next_capital": bool(next_char) and next_char.isupper(),
            "no_next": not next_char or after[-1] in ",:",
            "repeats": _stem(lower) in segment.lower(),
            "lower_elsewhere": lower in evidence.lower,
            "stem_elsewhere": _stem(lower) in evidence.stems,
            "name_elsewhere": evidence.names(word)
            > (1 if last.islower() and before.lower() not in stops else 0),
            "first": start <= heading,
            "short": n_before < 3,
            "long": n_before > 15,
            # (A short piece between two headings is a short subheading, not a fragment.)
            "short_rest": n_after < 6 and end > heading,
            "adjective": adjective is not None and bool(adjective.search(lower)),
            "oblique": code != "en" and bool(_OBLIQUE.search(lower)),
            "common_noun": bool(common.search(lower)),
            "verbal": code != "en" and bool(_VERBAL.search(lower)),
        }
        # A headline's lead repeats its topic words ("Biologist listed the early signs of dementia
        # Semen Golosheykin … listed the early signs of dementia"); the words after a name inside
        # a sentence seldom repeat the words before it.  A quoted word, an oblique case and a word
        # before a colon or comma are left out: they are names inside the sentence far more often.
        shared = (
            _shared_stems(segment, text[match.end(3) : end], stops)
            if start <= heading
            and not (features["quoted"] or features["oblique"] or features["no_next"])
            else 0
        )
        features["repeated"] = shared > 1  # not weighed: lets a further heading be looked for
        # "…Atlantic Shipping Company chairman | Tomas Vidal…": a lower-case word after a name
        # and before another (a role between an organisation and a person) is inside a sentence.
        role = (
            code == "en"
            and before.isalpha()
            and before.islower()
            and features["next_capital"]
            and not features["starter"]
            and _title_before(text, pos - len(before))
        )
        # "…chairman Tomas | Vidal said…": a capitalised word after a lower-case content word is
        # a first name more often than the end of a headline ("…dose in Kenya | Health workers").
        previous = _word_before(text, pos - len(before)) if features["after_title"] else ""
        first_name = previous.isalpha() and previous.islower() and previous not in stops
        # newsbrief splits one paragraph at a time, so the top of every English body paragraph
        # looks like a headline; there the place alone is no evidence ("…at the Lisbon summit of
        # European | Union leaders…", "…officer | Brian Dunne and…", "…on 8 | December…").  An
        # English cut at the top (no heading found above it yet) needs the lead to repeat three
        # of its words, or two when a common word opens the lead, or a function word that does
        # not open a capitalised name; a comma before it marks a clause, not a headline.
        features["unsupported"] = role or (
            code == "en"
            and features["first"]
            and not heading
            and (
                features["after_digit"]
                or "," in segment
                or (first_name and not (features["starter"] or features["common_noun"]))
                or not (
                    shared > 2
                    or (features["starter"] and (shared > 1 or not features["next_capital"]))
                    or (features["common_noun"] and shared > 1)
                )
            )
        )
        # A surname after a capitalised word goes on a name ("президента РФ Дмитрий Песков").
        features["surname"] = (
            code != "en"
            and before[1:2].islower()
            and features["after_title"]
            and bool(_SURNAME.search(lower))
        )
        # An English word after a capitalised one is part of a name far more often too ("the
        # Supreme Federal Court"), unless it stands alone after a lone capitalised word ("in
        # Kazakhstan Information has been…").
        features["lead_repeats"] = features["repeated"] and not (
            features["surname"]
            or (
                code == "en"
                and features["after_title"]
                and (features["next_capital"] or _title_before(text, pos - len(before)))
            )
        )
        yield index, pos, features


def _headline_boundaries(text: str, language: str, cuts: list[int], heading: int = 0) -> list[int]:
    """Boundaries with no punctuation where the next word is not a function word: a headline glued
    to its lead ("…неизбежна Четвертая вакцинация…", "…hypertension Studies have shown…").

    Each candidate is scored from the words around it, what the rest of the text says about the
    capitalised word, and where it sits (a headline opens the text and is a few words long); the
    best candidate of each stretch between existing boundaries is kept when its score is positive.
    The top of a text may hold several heading lines before the lead ("title | subtitle | lead"):
    the stretches that start at or before `heading` (the last cut known to end a heading) count as
    the first one, but past the first a heading is cut only where the text after it repeats it.
    A heading found at the top is added to them and they are looked at again, a few times at most.
    """
    code = language if language in ("ru", "uk") else "en"
    weights = _WEIGHTS_CYRILLIC if code in ("ru", "uk") else _WEIGHTS_LATIN
    evidence = _WordEvidence(text, _stops(code))
    bounds = sorted(cuts)
    lead_end = min((cut for cut in bounds if cut > heading), default=len(text))
    found: list[int] = []
    for round_number in range(_HEADINGS):
        best: dict[int, tuple[float, int]] = {}
        candidates = _candidate_features(text, code, bounds, evidence, heading, round_number > 0)
        for index, cut, features in candidates:
            if index and features["first"] and not features["repeated"]:
                continue  # a further heading needs the text after it to repeat it
            if features["unsupported"]:
                continue
            score = sum(weights.get(name, 0.0) for name, on in features.items() if on)
            if score > 0 and score > best.get(index, (0.0, 0))[0]:
                best[index] = (score, cut)
        new = [cut for _, cut in best.values()]
        found += new
        top = [cut for cut in new if cut < lead_end]
        if not top:
            break
        heading = max(heading, *top)
        bounds = sorted(set(bounds) | set(new))
    return found


@lru_cache(maxsize=8)
def _stops(language: str) -> frozenset[str]:
    return stop_words(language) or stop_words("en")


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
    punct = _punct_boundaries(text, code)
    glued = _glued_boundaries(text, code)
    # Cuts before the first sentence end with punctuation split headings from each other.
    lead_end = min(punct, default=len(text))
    heading = max((cut for cut in glued if cut < lead_end), default=0)
    cuts = sorted(set(punct) | set(glued))
    cuts = sorted(set(cuts) | set(_headline_boundaries(text, code, cuts, heading)))
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
