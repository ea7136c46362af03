"""Figures in an English sentence, and whether two accounts of one fact give different ones.

`compare` puts together sentences of several outlets that state one fact; when one says "six
properties" and another "two compounds", or "13,300" against "15,000", the reader should see
that the accounts disagree. Two things make that honest:

- one figure written two ways is one figure: "13.3 thousand" == "13,300", "six" == 6,
  "Feb. 27" == "27 February";
- only figures of the same thing are compared: a figure is keyed by the content words right
  after it ("six diplomatic properties": property), or by its month for a date; a count of
  years and a count of people in one point are not a disagreement; nor are the dead and the
  injured ("five killed and 31 wounded" against "31 wounded"), or distances from two places
  ("530 km southwest of Moscow" against "6 miles from the border").

And a member that gives a figure the other leaves out (one says "on February 27, 2025", the other
"on February 27") is more detail, not a difference: a difference needs each side to give a value
of that thing that the other does not.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from newsbrief.grouping.terms import GROUPED, SPACED_NUMBER, STOPWORDS, content_terms
from newsbrief.records import FigureNote, PointMember

_MONTHS = {
    name: k + 1
    for k, names in enumerate(
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ]
    )
    for name in names.split()
}
_WORDS = {
    w: k
    for k, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70})
_WORDS.update({"eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12})
_SCALES = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_SCALES.update({"bln": 1e9, "trillion": 1e12, "k": 1e3})

# A number with its separators, or a word; "19-year" splits at the hyphen.
_TOKEN = re.compile(rf"{SPACED_NUMBER}|\d+(?:[.,]\d+)*|[^\W\d_]+\.?|%|\$|€|£", re.UNICODE)
# Words before a plain four-digit number that counts nothing and is then a year ("born in 2788,"),
# not a code or a clock time ("call 044 235 1234", "at 1500,").
_YEAR_CUES = frozenset({"in", "since", "from", "until", "by", "of", "year"})
_BEYOND = frozenset({"other", "further", "additional"})  # "30 others" is a count of its own
_END = re.compile(r"[;:!?\"“”()]|,\s|\.\s|\.$|\s[—–-]\s")  # where what follows stops counting
# A time of day: "6:07", "12 noon", "10 a.m.", "18 o'clock", "1000 GMT". A bare number with no
# colon or marker ("At 1500, troops moved") is none; "noon" alone is a word, not a figure.
_TIME = re.compile(
    r"(?<![\w.,:])(?:(?P<h>\d{1,2}):(?P<m>\d{2})(?!\d)\s*(?P<ap>[ap]\.?m\b\.?)?"
    r"|(?P<h2>\d{1,2})(?:[.:](?P<m2>\d{2}))?\s*(?P<mark>[ap]\.?m\b\.?|o['’]clock|noon\b|midnight\b)"
    r"|(?P<h3>\d{2})(?P<m3>\d{2})\s*(?:GMT|UTC|hrs)\b)",
    re.IGNORECASE,
)


# What befell the people a count counts: "five civilians have been killed and 31 wounded" gives a
# count of the dead and one of the injured, and "31 civilians … had been wounded" in another
# outlet is no disagreement with the five (the Kursk story's "five civilians" ≠ "31 civilians").
_STATES = {"killed": "dead", "dead": "dead", "died": "dead", "killing": "dead"}
_STATES.update({"deaths": "dead", "fatalities": "dead", "wounded": "injured", "hurt": "injured"})
_STATES.update({"injured": "injured", "wounding": "injured", "injuring": "injured"})
_STATES.update({"injuries": "injured", "missing": "missing", "evacuated": "evacuated"})
_STATES.update({"escaped": "escaped", "rescued": "rescued", "detained": "detained"})
_STATES.update({"arrested": "detained"})
_QUALIFIERS = sorted(set(_STATES.values()))
_STATE_BEFORE = frozenset({"killing", "wounding", "injuring"})  # "killing at least 13 people"
_HEDGES = frozenset("at least about some nearly almost around more than over up to".split())
_STATE_AFTER = 8  # words after a count where what befell them is said
# "530 km (330 miles) southwest of Moscow" and "6 miles from the border" are two distances.
_DISTANCES = "km kilometres kilometers miles metres meters yards feet"
_COMPASS = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
_FROM = re.compile(
    rf"\s*\)?\s*(?:\([^)]{{0,40}}\)\s*)?(?:away\s+)?(?:{_COMPASS}\s+)?(?:of|from)\s+(?:the\s+)?"
    r"([^\W\d_][\w'’-]*)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    """One figure of a sentence: its value, what it counts, and how it was written."""

    value: str  # normalised: "13300", "6", "2026"
    thing: frozenset[str]  # canonical terms that say what it counts; ("month:2",) for a date
    text: str  # as written, for the reader: "13.3 thousand", "February 5"
    # What the sentence says of what it counts, when it does: what befell them ("dead",
    # "injured"), or where a distance is measured from ("from:moscow"). Two figures of one
    # thing with different qualifiers count different things.
    qualifier: str = ""


def _state(words: list[str], k: int, last: int) -> str:
    """What befell the count at words[k] (its last word words[last]), or ""."""
    j = k - 1
    while j >= 0 and k - j <= 4 and words[j] in _HEDGES:
        j -= 1
    if j >= 0 and k - j <= 4 and words[j] in _STATE_BEFORE:
        return _STATES[words[j]]
    return next((_STATES[w] for w in words[last + 1 : last + 1 + _STATE_AFTER] if w in _STATES), "")


@lru_cache(maxsize=4)
def _canonical(words: str) -> frozenset[str]:
    """The canonical terms of a word list (on first use, not at import: the stemmer loads)."""
    return frozenset(content_terms(words))


def _measured_from(sentence: str, end: int) -> str:
    """Where a distance ending at `end` is measured from: "530 km (330 miles) southwest of
    Moscow" -> "from:moscow", "6 miles from the border" -> "from:border"; or "" when not said."""
    match = _FROM.match(sentence, end)
    if not match:
        return ""
    terms = content_terms(match.group(1))
    return f"from:{terms[0]}" if terms else ""


def count_keys(value: str, qualifiers: set[str]) -> list[str]:
    """Keys under which two sentences share a count only when they may count one thing: "100"
    with what befell them ("100|injured"), and a count with no qualifier under every one
    (it may be any of them): "more than 100 injured" and "100 people escaped" share none."""
    said = sorted(q for q in qualifiers if q)
    if said and "" not in qualifiers:
        return [f"{value}|{q}" for q in said]
    return [f"{value}|", *(f"{value}|{q}" for q in _QUALIFIERS)]


def _compatible(a: str, b: str) -> bool:
    """Two figures may count the same thing unless each has a qualifier and they differ."""
    return not (a and b and a != b)


def _number(token: str) -> float | None:
    """13,300 -> 13300, 3,00,000 -> 300000 (lakhs); 2,5 -> 2.5 (any other comma is a decimal
    point)."""
    token = token.replace(" ", "")  # "13 300"
    if GROUPED.fullmatch(token):  # "13,300", "3,00,000"
        token = token.replace(",", "")
    else:
        token = token.replace(",", ".")
    try:
        value = float(token)
    except ValueError:
        return None
    return value if value < 1e15 else None  # a serial number, not a figure (and no infinity)


def _shown(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def figure_keys(sentence: str) -> frozenset[str]:
    """What the sentence's figures are and count: "6" and "#property" for "six properties".

    Two sentences that share none of these quote figures of different things (likely two
    statements); two that share a thing but not its value may be one statement that disagrees.
    """
    found = figures(sentence)
    return frozenset(f.value for f in found) | frozenset("#" + t for f in found for t in f.thing)


@lru_cache(maxsize=8192)
def figures(sentence: str) -> tuple[Figure, ...]:
    """The figures of `sentence` in order: counts and amounts keyed by what follows them,
    dates keyed by month (day and year are values of the same date)."""
    spans = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
    words = [s.lower().rstrip(".") for s, _, _ in spans]
    out: list[Figure] = []
    at: list[int] = []  # where each of `out` is written, to put the times of day among them
    used: set[int] = set()
    timed = _times(sentence, spans, used)
    for k, word in enumerate(words):
        if k in used:
            continue
        month = _MONTHS.get(word)
        if month and (word != "may" or spans[k][0][0] == "M"):
            found = _date(sentence, spans, words, k, month, used)
            out += found
            at += [spans[k][1]] * len(found)
            continue
        raw = spans[k][0]
        value = _number(raw) if raw[0].isdigit() else _WORDS.get(word)
        if value is None:
            continue
        if not raw[0].isdigit() and word == "one":
            continue  # "one of the toughest": a pronoun far more often than a count
        if not raw[0].isdigit() and k and words[k - 1] in ("the", "both"):
            continue  # "the two nations", "the two sides": who is meant, not a count
        if k + 1 < len(words) and words[k + 1] in _MONTHS and value <= 31:
            continue  # "16 February": the day of a date, read with its month
        if k + 1 < len(words) and words[k + 1] in _BEYOND:
            continue  # "five other passengers": the rest of a count, not the count
        last = k
        if not raw[0].isdigit() and k + 1 < len(words) and words[k + 1] in ("hundred", "dozen"):
            value *= _WORDS[words[k + 1]]  # "three hundred thousand", "two dozen villages"
            last = k + 1
            used.add(last)
        scaled = last + 1 < len(words) and words[last + 1] in _SCALES
        if scaled and _adjacent(sentence, spans, last):
            value *= _SCALES[words[last + 1]]
            last += 1
        end = spans[last][2]
        plain = raw.isdigit()
        if plain and 1900 <= value <= 2100:
            thing = frozenset({"calendar-year"})
        elif (
            _is_year(raw) and k and words[k - 1] in _YEAR_CUES
            and (k + 1 == len(words) or words[k + 1] in STOPWORDS)
        ):
            thing = frozenset({"calendar-year"})  # "seized in 2041 and …": a year, however wrong
        else:
            thing, end = _following(sentence, spans, last)
            if not thing and _is_year(raw) and k and words[k - 1] in _YEAR_CUES:
                thing = frozenset({"calendar-year"})  # "born in 1891," counts nothing: a year
        if k and words[k - 1] in ("$", "€", "£"):
            thing = thing | {words[k - 1]}
        start = spans[k - 1][1] if k and words[k - 1] in ("$", "€", "£") else spans[k][1]
        qualifier = ""
        if thing & _canonical(_DISTANCES):
            qualifier = _measured_from(sentence, end)
        elif "calendar-year" not in thing:
            qualifier = _state(words, k, last)
            if qualifier:  # "44 wounded", "12 people died": people, whatever befell them
                thing = (thing - _canonical(" ".join(_STATES))) or frozenset({"people"})
        out.append(Figure(_shown(value), thing, sentence[start:end].strip(" -"), qualifier))
        at.append(start)
    if timed:  # in the order written, as the rest
        every = [*zip(at, out, strict=True), *timed]
        out = [f for _, f in sorted(every, key=lambda pair: pair[0])]
    return tuple(f for f in out if f.thing)


def _times(sentence: str, spans: list, used: set[int]) -> list[tuple[int, Figure]]:
    """Times of day as (where, figure): the value in 24 hours ("10 p.m." -> "22:00"), keyed
    "time-of-day"; their numbers are `used`, so no count or date reads them again."""
    found: list[tuple[int, Figure]] = []
    starts = [a for _, a, _ in spans]
    for m in _TIME.finditer(sentence):
        hour = int(m["h"] or m["h2"] or m["h3"])
        minute = int(m["m"] or m["m2"] or m["m3"] or 0)
        mark = (m["ap"] or m["mark"] or "").lower().replace(".", "")
        if minute > 59 or (m["h3"] and hour > 24):
            continue
        if mark == "pm" and hour < 12:
            hour += 12
        elif mark == "am" and hour == 12:
            hour = 0
        value = f"{hour}:{minute:02d}"
        found.append((m.start(), Figure(value, frozenset({"time-of-day"}), m.group().strip())))
        first = bisect_left(starts, m.start())
        used.update(range(first, bisect_left(starts, m.end(), first)))
    return found


def _adjacent(sentence: str, spans: list, k: int) -> bool:
    return sentence[spans[k][2] : spans[k + 1][1]].strip() == ""


def _date(sentence: str, spans: list, words: list[str], k: int, month: int, used: set[int]):
    """A month with the day and/or year written next to it: "Feb. 27", "16 February", "February
    27, 2025", "February 2026". A month on its own is no figure."""
    values: list[str] = []
    first, last = k, k
    if k and spans[k - 1][0].isdigit() and int(spans[k - 1][0]) <= 31 and k - 1 not in used:
        values.append(spans[k - 1][0].lstrip("0"))
        first = k - 1
    j = k + 1
    while j < len(spans) and j <= k + 2 and spans[j][0].isdigit():
        number = int(spans[j][0])
        year_next = j + 1 < len(spans) and _is_year(spans[j + 1][0])
        short = len(spans[j][0]) <= 2
        if not values and (
            number <= 31 or (short and (year_next or not _following(sentence, spans, j)[0]))
        ):
            values.append(str(number))  # the day, even a wrong one ("February 35, 2022")
        elif _is_year(spans[j][0]) and (
            1900 <= number <= 2100 or not _following(sentence, spans, j)[0]
        ):
            values.append(str(number))  # "February 24, 2832," but not "March 3 1500 people"
        else:
            break
        used.add(j)
        last = j
        j += 1
    thing = frozenset({f"month:{month}"})
    text = sentence[spans[first][1] : spans[last][2]].rstrip(".")
    return [Figure(v, thing, text) for v in values]


def _is_year(token: str) -> bool:
    """Four plain digits: a year where a date has one ("February 24, 2022")."""
    return len(token) == 4 and token.isdigit() and token[0] != "0"


# Verbs that only report what a count is ("were described as", "are believed to be", "were
# listed in"): what it counts comes after them.
_PASSIVE_REPORT = frozenset(
    "described reported said believed thought known estimated feared listed understood "
    "considered confirmed".split()
)


def _following(sentence: str, spans: list, k: int) -> tuple[frozenset[str], int]:
    """What a figure counts, and where its words end: the canonical content terms of the (at
    most three) words after it, within its clause ("six diplomatic properties that ..." ->
    diplomat, property)."""
    at = spans[k][2]
    # Within 400 characters: slicing the rest of a long text for each of its figures was
    # quadratic (100 KB of "1 000 " took a minute).
    stop = _END.search(sentence, at, at + 400)
    rest = sentence[at : stop.start() if stop else at + 400]
    gap = len(rest) - len(rest.lstrip())
    if rest.lstrip()[:1] == "%" or rest.lstrip()[:7].lower() == "percent":
        return frozenset({"%"}), at + gap + (1 if rest.lstrip()[:1] == "%" else 7)
    tail: list[re.Match] = []
    looked = 0  # words looked at, the reporting verb and its "to be" not counted
    reported = False
    for w in islice(re.finditer(r"[^\W\d_]+", rest), 8):
        word = w.group().lower()
        if word in _WORDS:
            break  # "44 wounded, six of them children": another count
        if not tail and (word in _PASSIVE_REPORT or (reported and word in ("to", "be", "as"))):
            reported = True  # "85 were described to be in serious condition": what they are
            continue
        looked += 1
        if looked > 4:
            break
        if word not in STOPWORDS:
            tail.append(w)
        elif tail:
            break  # "two compounds in New York": the thing ends where its phrase does
    tail = tail[:3]
    terms = content_terms(" ".join(w.group() for w in tail))
    end = at + tail[-1].end() if tail else at
    return frozenset(t for t in terms if not t[0].isdigit()), end


@dataclass(frozen=True)
class Disagreement:
    """Members that give different values for one thing: (member index, figure as written)."""

    notes: tuple[tuple[int, str], ...]


def disagreements(
    sentences: Sequence[str], groups: Sequence[object] | None = None
) -> list[Disagreement]:
    """Where the sentences (one per source: `groups[i]` its source) disagree on a figure.

    Two sentences disagree on a thing when both give figures of it and each gives a value the
    other does not; then every figure of that thing in either is listed (once per sentence).
    """
    groups = list(range(len(sentences))) if groups is None else list(groups)
    found = [figures(s) for s in sentences]
    # Each sentence's distinct things: a hostile line of 17,000 figures of one thing is one
    # thing to compare, not 17,000 (pairs of figures were quadratic: 30 s for one 100 KB line).
    kinds = [list(dict.fromkeys((f.thing, f.qualifier) for f in fs)) for fs in found]
    notes: dict[int, list[tuple[int, str]]] = {}
    noted: dict[int, set[tuple[int, str]]] = {}
    keys: list[frozenset[str]] = []
    for a in range(len(sentences)):
        for b in range(a + 1, len(sentences)):
            if groups[a] == groups[b]:
                continue
            for ta, sa in kinds[a]:
                for tb, sb in kinds[b]:
                    thing = ta & tb
                    if not thing or not _compatible(sa, sb):
                        continue
                    qualifier = sa or sb
                    va = {f.value for f in _of(found[a], thing, qualifier)}
                    vb = {f.value for f in _of(found[b], thing, qualifier)}
                    if va - vb and vb - va:
                        key = next((i for i, kk in enumerate(keys) if kk & thing), None)
                        if key is None:
                            key = len(keys)
                            keys.append(thing)
                        seen = noted.setdefault(key, set())
                        for i, fs in ((a, found[a]), (b, found[b])):
                            for f in _of(fs, thing, qualifier):
                                if (i, f.text) not in seen:
                                    seen.add((i, f.text))
                                    notes.setdefault(key, []).append((i, f.text))
    return [Disagreement(tuple(sorted(n))) for _, n in sorted(notes.items())]


def _of(found: Sequence[Figure], thing: frozenset[str], qualifier: str) -> list[Figure]:
    """The figures of `found` that count `thing` with a qualifier compatible with `qualifier`."""
    return [f for f in found if f.thing & thing and _compatible(f.qualifier, qualifier)]


def differs(members: Sequence[PointMember]) -> list[FigureNote]:
    """The figures on which a point's members disagree, each once, by source."""
    if len(members) < 2:
        return []
    notes: list[FigureNote] = []
    for found in disagreements([m.text for m in members], [m.source for m in members]):
        for index, figure in found.notes:
            note = FigureNote(source=members[index].source, figure=figure)
            if note not in notes:
                notes.append(note)
    return notes
