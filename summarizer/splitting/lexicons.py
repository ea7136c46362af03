"""The word lists and word endings the sentence splitter (summarizer/splitting/) consults.

Language data only, no rules: abbreviations that a period after them does not end a sentence
with (used by summarizer/splitting/punctuation.py), capitalised function words that open a sentence,
and the first names, title-introducing words and Russian/Ukrainian/English endings that weigh
for or against a headline cut with no punctuation (used by summarizer/headlines/glued.py).
Lower case throughout, abbreviations without their final dot.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.stopwords import stop_words

# Words an English article never stands before: conjunctions, auxiliaries and prepositions.
NO_ARTICLE = frozenset(
    "and or but nor is are was were has have had will would can could to of in on at by with "
    "from for as than".split()
)
# Abbreviations (lower case, without the final dot) after which a capital never starts a sentence:
# titles before names, and words before a proper name or a street/place name.
NEVER_FINAL = frozenset(
    """
    mr mrs ms dr prof st gen sen rep gov lt col capt sgt maj rev hon messrs mt ft gen adm cmdr
    e.g i.e vs cf approx
    т.е т.к т.н т.ч им ул пл пр просп пер наб ш кв стр вул пров бул б-р акад проф ген св см ср
    напр англ нем франц лат рус укр гр гос тов г-н г-жа пан пані д-р о с смт пос дер обл р-н
    оз о-в п-ов хр доц канд чл.-корр зам ред изд ім т.зв т.с див пп вид акад доц канд ст.н.с
    supt pres fr mmes viz
    """.split()
)
# Two-letter initials of names written with a digraph: "Чарльз Дж. Филлипс", "Вл. Соловьёв",
# "Wm. Shakespeare".  Like one-letter initials, they end a sentence only before a function word.
INITIAL_DIGRAPHS = frozenset("дж вл ал wm chas jas geo thos".split())
# Times of day: "at 6 p.m. Mr. Smith then…" ends a sentence, "At 5 a.m. Mr. Smith went…" does not.
TIME_OF_DAY = frozenset("a.m p.m".split())
# Abbreviations that are not sentence-final when a number follows ("Feb. 27", "No. 5", "ст. 12").
BEFORE_NUMBER = frozenset(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec no nos n° nº № p pp vol art ch fig sec par
    ст п ч рис гл разд т ст ч ч.1 абз
    янв фев мар апр июн июл авг сен сент окт нояб дек
    січ лют бер квіт трав черв лип серп вер жовт лист груд
    """.split()
)
# Lower-case abbreviations that may end a sentence when a capital follows.
MAY_END = frozenset("etc inc ltd co corp jr sr т.д т.п др пр и.т.д тыс млн млрд".split())
# Company forms: one may follow another inside a name ("Co. Ltd.").
COMPANY = frozenset("inc ltd co corp llc plc".split())
# One-letter Russian/Ukrainian words that can end a sentence (not abbreviations like "т." or "с.").
PRONOUN_LETTERS = frozenset("я")
# Year after a number ("1998 г.", "2022 р."), town or village before a name ("г. Москва").
YEAR_OR_PLACE = frozenset("г гг р рр м".split())


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
def sentence_starters(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """(The language's own starters, the English ones): English words open sentences in
    Russian and Ukrainian text too (quoted titles, names of outlets)."""
    code = (language or "en").lower()[:2]
    own = _starters(code)
    english = _starters("en")
    return own, english


@lru_cache(maxsize=8)
def function_words(language: str) -> frozenset[str]:
    """The language's stop words (English for a language without a list of its own)."""
    return stop_words(language) or stop_words("en")


# Russian/Ukrainian endings: nominative adjectives ("Новый", "Всемирная", "Російська"), nouns made
# with common-noun suffixes ("Производство", "Эффективность", "Заместитель", "Вирусолог"), and
# oblique-case endings that capitalised names take inside a sentence ("Турции", "Лондонской").
ADJECTIVE_ENDINGS = {
    "ru": re.compile(r"(?:ый|[кхжчшщн]ий|ой|ая|яя|ое|ее|ые|ие)$"),
    "uk": re.compile(r"(?:ий|ній|[сцз]ька|(?<![иії])на|ва|[сцз]ьке|[нв]е|[сцз]ькі|[нв]і)$"),
}
# "-ства" is left out: it is mostly the genitive that carries a noun phrase on ("из ответов |
# Министерства иностранных дел", "решение Правительства"), seldom a plural opening a lead.
COMMON_NOUN_ENDINGS = re.compile(
    r"(?:ство|ние|ния|ция|ции|ость|ости|тель|тели|ники|ник|лог|логи|ист|исты|ування|ення|"
    r"ання|ція|ість|ач|ачи|ери|еры|оры|ары)$"
)
# English endings of common words ("Studies", "Scientists", "Attackers", "Protests").
COMMON_ENGLISH_ENDINGS = re.compile(
    r"(?:ies|tions?|sions?|ments?|ness|ity|ists|ers|ors|ants|ents|ing|ed)$"
)
# Adverbs in the stop-word lists that can end a headline ("…in six dozen states already").
MAY_END_HEADLINE = frozenset(
    "already again yet now here there today together ago too уже еще ещё тоже также здесь там "
    "сейчас сегодня вместе вже ще теж також тут там зараз сьогодні разом".split()
)
# Finite verbs and "-ован-" participles ("Существует", "Опубликована", "Відбувається") do not
# begin names, so after a lower-case word they open a sentence (names such as "Елена" or
# "Светлана" end in "-ена"/"-ана", which is why short participles in general are left out).
VERBAL_ENDINGS = re.compile(
    r"(?:[уая]ет|[ую]ют|[иеь]тся|[ую]ется|ован[аоыі]?|[уаяю]є|ється|ються)$"
)
# Russian/Ukrainian surname endings ("Песков", "Голошейкина", "Шевченко", "Зеленський"): after a
# capitalised first name such a word goes on the name ("Дмитрий Песков").
SURNAME_ENDINGS = re.compile(r"(?:[оеё]ва?|[иы]на?|енко|[юу]к|[сц]ький|[сц]ька|[сц]кий|[сц]кая)$")
# Oblique-case endings: a capitalised word with one is a name inside a sentence ("Турции").
OBLIQUE_ENDINGS = re.compile(
    r"(?:ии|ого|ему|ому|ых|их|ым|ими|ыми|ой|ей|ою|ої|ів|ам|ах|ям|ях|ом|ем)$"
)
# Common Russian and Ukrainian first names (nominative).  A cut with no punctuation right after
# one is nearly always inside "First Surname" ("президент Украины Владимир | Зеленский заявил",
# "Журналістка Наталія | Нагорна"), never after a headline.
FIRST_NAMES = frozenset(
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
BEFORE_TITLE = frozenset(
    """film films movie movies comedy drama fable thriller musical album albums hit hits single
    song songs series show novel book play opera cartoon documentary programme band bands
    include includes including included called named titled dubbed""".split()
)
