"""The terms two sentences are compared by: content words as canonical stems (synonyms one
term), numbers as digits, and the stop words left out. Shared by the similarity scores and
the figures (what a figure counts).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from summarizer.stemming import get_stemmer

# Function words: they carry no claim of their own. Written for this module (not a copied list).
STOPWORDS = frozenset(
    """
    a an the and or but nor so yet if then than that this these those there here where when while
    which who whom whose what why how of in on at by for from to into onto upon with without within
    about above below over under after before during since until till between among through across
    against toward towards around near via per as is are was were be been being am do does did done
    doing have has had having will would shall should can could may might must ought not no nt
    i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
    itself himself herself themselves ourselves myself yourself one ones also too very just only
    even still already again ever never always often some any all each every both either neither
    other another such same own more most much many few less least several quite rather really
    well now soon later earlier yet ago s t d ll m re ve amp like according whether because
    although though however therefore thus hence meanwhile moreover furthermore besides
    approximately roughly nearly almost around about some up down out off away back
    """.split()
)


# Synonym groups: every word in a group is read as the group's first word. Kept to news
# vocabulary where two translators commonly pick different words for one source word.
_SYNONYM_GROUPS = [
    "say said says saying tell told tells stated stating report reported reports "
    "announce announced announces declare declared note noted explain explained add added "
    "claim claimed remark remarked comment commented stress stressed emphasize emphasized "
    "emphasise emphasised underline underlined pointed indicate indicated",
    "rain rains rainfall downpour downpours precipitation shower showers",
    "warning warnings alert alerts alarm alarms",
    "government governments authorities authority administration officials",
    "people persons residents inhabitants citizens population public individuals civilians",
    "begin began begun beginning start started starting starts launch launched commence",
    "end ended ending finish finished conclude concluded completion",
    "big large huge major massive vast great significant substantial bigger biggest larger "
    "largest",
    "small little minor tiny",
    "increase increased increases rise rose risen rising grow grew grown growth climb climbed "
    "surge surged jump jumped boost boosted raise raised",
    "decrease decreased decreases fall fell fallen falling drop dropped decline declined reduce "
    "reduced reduction cut cuts slump slumped",
    "kill killed die died dead death deaths deadly fatalities",
    "injure injured injuries injury wound wounded hurt",
    "buy bought purchase purchased acquire acquired acquisition",
    "help helped helping aid assistance assist assisted support supported",
    "meeting meetings talks negotiations summit consultations discussion discussions",
    "agreement agreements deal deals accord treaty pact",
    "propose proposed proposal proposals suggest suggested suggestion offer offered",
    "restore restored restoration resume resumed resumption renew renewed reinstate "
    "reinstated reinstatement revive revived",
    "return returned returning",
    "release released releases releasing freed freeing",
    "swap swaps swapped exchange exchanges exchanged",
    "journalist journalists reporter reporters correspondent correspondents",
    "property properties assets compounds premises estate",
    "flight flights air aviation airline airlines",
    "relation relations ties relationship",
    "barrier barriers obstacle obstacles impediment impediments hurdle hurdles irritant irritants",
    "usa u.s. us.a america american americans washington",
    "russia russian russians moscow kremlin",
    "ukraine ukrainian ukrainians kyiv kiev",
    "turkey türkiye turkiye turkish ankara",
    "trial court courts hearing",
    "attack attacked attacks strike strikes struck assault",
    "try tried attempt attempted attempts effort efforts",
    "need needed necessary required require requires must",
    "expect expected expects anticipate anticipated forecast forecasts predicted",
    "leader head chief",
    "soldier soldiers troops military army servicemen",
    "reservist reservists reserve reserves",
    "money funds funding financing",
    "law laws legislation bill",
    "ban banned prohibit prohibited prohibition forbid forbidden",
    "detain detained arrest arrested custody",
    "vaccination vaccinations vaccine vaccines jab jabs inoculation immunization",
    "doctor doctors physician physicians",
    "car cars vehicle vehicles automobile",
    "truck trucks lorry lorries",
    "child children kid kids",
    "company companies firm firms corporation business",
    "country countries nation nations",
    "city cities town towns",
    "message statement announcement announcements",
    "fair just justified",
    "amazing wonderful remarkable excellent great",
    "complaint appeal",
    "fire fires blaze blazes flames",
    "shoot shooting shoots fired firing gunfire",
    "halt halted halting halts stop stopped stopping stops cease ceased",
    "withdraw withdrew withdrawn withdrawal withdrawing retreat retreated retreating pullout",
    "blast blasts explosion explosions explode exploded detonate detonated",
    "sink sank sunk sinking sinks",
    "flee fled fleeing flees",
    "spy spies spying espionage",
    "ship ships vessel vessels warship warships",
    "missile missiles rocket rockets",
    "sceptical skeptical sceptic skeptic cautious caution wary doubt doubts doubtful",
    "confirm confirmed confirmation verify verified verification",
    "accuse accused accuses accusing blame blamed blames blaming",
    "church churches cathedral cathedrals",
    "husband spouse",
    "disappear disappeared disappearance missing vanish vanished",
    "cause causes reason reasons",
    "crash crashed crashes plummet plummeted accident accidents collision collisions",
    "destroy destroyed destruction wreck wrecked ruin ruined",
    "argument arguments disagreement disagreements dispute disputes quarrel",
    "fight fights fistfight brawl scuffle altercation",
    "outrage outraged anger angered indignation upset",
    "fraud scam scams swindle swindling swindler swindlers fraudster fraudsters scammer scammers",
    "warehouse warehouses storage depot depots",
    "region regions district districts province provinces oblast krai",
    "postpone postponed reschedule rescheduled delay delayed",
    "online internet",
    "shop shops store stores",
    "reject rejected rejects dismiss dismissed refuse refused",
    "broker brokered mediate mediated facilitate facilitated",
    "link linked linking tie tied tying contingent",
    "progress advance advances advancement advancements headway",
    "ceasefire ceasefires armistice truce truces",
    "fake false bogus",
    "spread spreading circulate circulated circulating disseminate disseminated",
    "plane planes airplane airplanes aircraft airliner airliners",
    "memory memories recollection recollections",
    "record recorded registered",
    "police policeman policemen officer officers cop cops",
    "hospital hospitals clinic clinics",
    "home homes house houses",
    "rule rules regulation regulations",
    "show showed shown demonstrate demonstrated reveal revealed",
    "receive received obtain obtained",
    "allow allowed permit permitted",
    "build built construct constructed construction",
    "sell sold sale sales",
    "win won victory",
    "lose lost loss defeat defeated",
    "choose chose chosen select selected pick picked",
    "village villages settlement settlements",
    "road roads highway highways",
    "prison prisons jail jails",
    "victim victims casualties",
    "incident incidents event events episode",
    "information data details",
    "stall stalled stalling standstill stagnant stagnate stagnated stagnation stalemate deadlock "
    "impasse",
    "demand demanded demanding demands insist insisted push pushed pushing seek seeking sought",
    "seize seized seizure confiscate confiscated confiscation expropriate expropriated capture "
    "captured",
    "priority priorities important importance key main",
]


_NUMBER_WORDS = {
    "zero": "0",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
}


# Thousands grouped by spaces, as Russian and Ukrainian write them and their translations
# keep ("16 000 children"), but not a day and a count after a month ("March 17 200 people").
_MONTH_WORDS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
SPACED_NUMBER = (
    "".join(
        rf"(?<!{m}{dot} )"
        for name in _MONTH_WORDS
        for m in (name, name.lower(), name.upper())
        for dot in ("", ".")
    )
    + r"(?<!\d)(?<!\d )\d{1,3}(?: \d{3})+(?![\d.,]?\d)"
)
_TOKEN = re.compile(
    rf"U\.S\.(?:A\.)?|{SPACED_NUMBER}|\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE
)


_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    # The summarizer's English stemmer: NLTK's Snowball, loaded on first use without SciPy.
    return get_stemmer("en")(word)


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    stem = _stem
    table: dict[str, str] = {}
    for group in _SYNONYM_GROUPS:
        words = group.split()
        head = words[0]
        # Exact forms only, plus the head's stem: adding every word's stem would let "stated"
        # (stem "state") pull "states" into the wrong group.
        for word in words:
            table.setdefault(word, head)
        table.setdefault(stem(head), head)
    return table


# Words whose stem is a group's head in another sense: "reasonable" is no "reason", "relatives"
# no "relations", "minors" not "minor", "heading back" no leader.
_OWN_SENSE = frozenset(
    "reasonable reasonably assistant assistants relative relatives minors commentator "
    "commentators heading headed striking".split()
)

_SCALES = {
    "thousand": 1_000,
    "thousands": 1_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "mln": 1_000_000,
    "billion": 1_000_000_000,
    "billions": 1_000_000_000,
    "bln": 1_000_000_000,
}


# Digits grouped by commas: thousands ("13,300"), or lakhs as Indian outlets write them
# ("3,00,000" is 300,000); any other comma is a decimal point.
GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?")


def spelled_number(words: Sequence[str], k: int) -> tuple[int, int] | None:
    """(value, how many words) of a number spelled out at words[k] ("three hundred thousand"
    -> 300000, 3 words; "twelve" -> 12, 1), or None; `words` lower-cased."""
    if words[k] not in _NUMBER_WORDS:
        return None
    value, used = int(_NUMBER_WORDS[words[k]]), 1
    if k + used < len(words) and words[k + used] == "hundred":
        value, used = value * 100, used + 1
    if k + used < len(words) and words[k + used] in _SCALES:
        value, used = value * _SCALES[words[k + used]], used + 1
    return value, used


def _normalise_number(token: str, scale: int | None = None) -> str:
    """One spelling per figure: "10,000", "10000" and "10 thousand" are all "10000".

    A comma between groups of three digits separates thousands; any other comma is a decimal
    point ("2,5" in a translation of Russian figures is 2.5).
    """
    token = token.replace(" ", "")  # "16 000"
    if GROUPED.fullmatch(token):
        token = token.replace(",", "")
    else:
        token = token.replace(",", ".")
    if scale is None:
        return token
    try:
        value = float(token) * scale
    except ValueError:
        return token
    return str(int(value)) if value == int(value) else str(value)


@lru_cache(maxsize=65536)
def _tagged_terms(sentence: str) -> tuple[tuple[str, str], ...]:
    """(canonical term, kind) for each content word, numbers as digits, in order.

    kind: "name" for a word written with a capital inside the sentence, "first" for the
    sentence's first word (capitalised whatever it is), "word" otherwise.
    """
    stem = _stem
    synonyms = _synonyms()
    terms: list[tuple[str, str]] = []
    tokens = _TOKEN.findall(sentence.replace("’", "'").replace("ʼ", "'"))
    lowered: list[str] | None = None
    skip = 0
    for k, raw in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if raw[0].isdigit():
            scale = _SCALES.get(tokens[k + 1].lower()) if k + 1 < len(tokens) else None
            terms.append((_normalise_number(raw, scale), "word"))
            continue
        if raw.lower() in _SCALES and k and tokens[k - 1][0].isdigit():
            continue  # "13.3 thousand" is the figure 13300, counted above
        if raw in ("US", "U.S.", "U.S.A.", "USA"):
            terms.append(("usa", "name"))
            continue
        if raw == "States" and k and tokens[k - 1] == "United":
            continue  # "United States" is the U.S., counted at "United"
        if raw == "United" and k + 1 < len(tokens) and tokens[k + 1] == "States":
            terms.append(("usa", "first" if k == 0 else "name"))
            continue
        word = raw.lower()
        if word.endswith("'s"):
            word = word[:-2]
        ordinal = _ORDINAL.match(word)
        if ordinal:
            terms.append((ordinal.group(1), "word"))
            continue
        if word in _NUMBER_WORDS:
            lowered = lowered or [t.lower() for t in tokens]
            value, used = spelled_number(lowered, k) or (0, 1)
            terms.append((str(value), "word"))
            skip = used - 1
            continue
        if word in STOPWORDS or len(word) < 2:
            continue
        found = synonyms.get(word) or (None if word in _OWN_SENSE else synonyms.get(stem(word)))
        canonical = found or stem(word)
        kind = "first" if k == 0 else "name" if raw[0].isupper() else "word"
        terms.append((canonical, kind))
    return tuple(terms)


def content_terms(sentence: str) -> tuple[str, ...]:
    """The sentence's content words as canonical stems, numbers as digits, in order."""
    return tuple(term for term, _ in _tagged_terms(sentence))
