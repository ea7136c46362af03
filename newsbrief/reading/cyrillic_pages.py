"""Which Cyrillic code page turns these bytes into text that reads like Russian or Ukrainian.

A byte of cp1251, koi8-r/koi8-u, mac-cyrillic or cp866 is a Cyrillic letter in every one of them,
so a wrong page does not fail: it gives fluent-looking mojibake. Each page is therefore tried and
scored on how its text reads (common letter pairs, normal letter case, no stray symbols); the
best-reading page wins, and none wins when nothing reads plausibly.
"""

from __future__ import annotations

from dataclasses import dataclass

# Single-byte Cyrillic code pages, in order of preference when two decode to the same text.
CYRILLIC_PAGES = ("cp1251", "koi8_r", "koi8_u", "mac_cyrillic", "cp866", "iso8859_5")

# The most frequent letter pairs inside words of Russian and Ukrainian news text (computed once
# from public news/encyclopaedic text; together they cover about 90% of all pairs). A correctly
# decoded text is mostly made of them; a text decoded with the wrong page is mostly not, because
# the pages order the alphabet differently.
COMMON_PAIRS = frozenset(
    (
        "ст то но ни на ен ра по ко ро ов ан пр ре ли ол ос та ер ны от го не ор во ва ет ль "
        "те ле ка од ал ес ом ри он ог ть ти ат об ел ит ме ин де ве ла за ск ак ло тр ас ми "
        "мо ся ие ем да ки ой ия ед со ил до ис ав че тв им же ам ви нн бо ар из ля се тс бы "
        "ди ма ци аз вы их ча ые сл ру ив ей ьн ик ых пе ии чт сп ры ож нт ок ая ек ий ое вл "
        "ир ег тн оп па эт хо ут ги ич га ад ют оз чи ым дн ту ев са си ае жн ку кр ез ше гр "
        "аю ыл ты нс ах ще ши ду вн бе вс лю ый ую оч ее щи ят му жи дл зо ид це уч ац ур чн "
        "св зн вр кт уд рн бр ну сь пи лу сн бл ач ьс рт нд аж су яв аб иц жд ул сс ус зв ио "
        "ои мн би ьш бу пл гл пу ап др уг зд еж мы ющ ай кл аг дв ке ня йс жа ыв уп уж нь ды "
        "иа дс еч яе ию рс ні ві ід ів ін ці рі мі як іс лі кі що іл пі ьк ті ув ді ій ою іт "
        "бі ії ої ає ба із сі ьо ік гі ір іч йо йн дж ія ву ім іш нк єт ям зм нш зу ох сц жу "
        "юч ує ші юд зи ун чо"
    ).split()
)

# Letters of the Russian and Ukrainian alphabets (other Cyrillic letters mean a misread page).
_ALPHABET = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ")
LETTERS = _ALPHABET | frozenset(ch.upper() for ch in _ALPHABET)
_ONE_LETTER_WORDS = frozenset("авиксуяоійзє")

# Non-letter characters that legitimately occur in Cyrillic text (typography, currency, units).
_QUOTES = frozenset("«»„“”‘‚‹›")
_DASHES = frozenset("—–−")
_INNER = frozenset("’ʼ‘`‐‑\u00ad")
SPACES = frozenset("\u00a0\u2009\u202f\u200b\u2007\u2002\u2003")
TYPOGRAPHY = _QUOTES | _DASHES | _INNER | frozenset("…№•·°§©®™€×±′″")
EXPECTED = LETTERS | TYPOGRAPHY | SPACES

# Scoring a sample is enough to tell the pages apart and keeps big files fast.
SAMPLE = 4096


@dataclass
class Candidate:
    encoding: str
    text: str
    score: float


# The plausibility under which a Cyrillic decoding is taken as mojibake (see cyrillic_plausibility).
PLAUSIBLE = 0.15


def best_cyrillic(data: bytes, threshold: float = PLAUSIBLE) -> Candidate | None:
    """The Cyrillic code page under which `data` reads most like Russian/Ukrainian text.

    None when no page gives plausible text (the bytes are not Cyrillic, or too damaged), so the
    caller can try other encodings or refuse.
    """
    best: Candidate | None = None
    sample = _non_ascii_sample(data)
    for encoding in CYRILLIC_PAGES:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = cyrillic_plausibility(text)
        if best is None or score > best.score + 1e-9:
            best = Candidate(encoding, text, score)
    if best is None or best.score < threshold:
        return None
    try:
        best.text = data.decode(best.encoding)
    except UnicodeDecodeError:  # a byte the page lacks, past the sample
        return None
    return best


def odd_characters(text: str) -> bool:
    """Non-ASCII characters that are neither ru/uk letters nor typography: "√ородской" is a
    cp1251 capital read as mac-cyrillic, which costs too little of the score to show there."""
    return any(ch >= "\x80" for ch in set(text) - EXPECTED)


def _non_ascii_sample(data: bytes) -> bytes:
    """About SAMPLE bytes of the lines that hold non-ASCII bytes (only those tell pages apart).

    An HTML page's first kilobytes are often all markup and scripts; its text comes later.
    """
    if len(data) <= SAMPLE:
        return data
    picked: list[bytes] = []
    size = 0
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        picked.append(line[:SAMPLE])
        size += len(picked[-1]) + 1
        if size >= SAMPLE:
            break
    return b"\n".join(picked) if picked else data[:SAMPLE]


def cyrillic_plausibility(text: str) -> float:
    """How much the non-ASCII part of `text` reads like Russian/Ukrainian: mean score per char.

    Only non-ASCII characters are scored (ASCII bytes decode the same under every candidate
    page), and the score is a mean over them: every page turns one byte into one character, so
    candidates decoded from the same bytes compare fairly. A common letter pair earns +1 and an
    uncommon one -0.25; a letter outside the Russian and Ukrainian alphabets, a capital inside a
    lowercase word ("пРИВЕТ"), a Cyrillic letter glued to a Latin one, a symbol wedged between
    letters and a text in capitals all cost more. Correct decodings of real sentences score
    0.5-1, wrong pages near or below 0.
    """
    total = 0.0
    scored = letters = capitals = 0
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch < "\x80":
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i < last else " "
        scored += 1
        if "\u0400" <= ch <= "\u04ff":
            letters += 1
            capitals += ch.isupper()
            total += _letter_score(ch, prev, nxt, text, i)
        elif ch in SPACES:
            continue
        elif ch in TYPOGRAPHY:
            total += _symbol_score(ch, prev, nxt)
        else:
            total -= 3.0
    if not scored:
        return 0.0
    # Real articles are mostly lowercase; a page misread as another is often mostly capitals.
    shouting = max(0.0, capitals / letters - 0.5) * 1.5 if letters >= 20 else 0.0
    return total / scored - shouting


def _letter_score(ch: str, prev: str, nxt: str, text: str, i: int) -> float:
    if ch not in LETTERS:
        return -2.0
    score = 0.0
    if prev in LETTERS:
        # Rare-but-real pairs cost little; misread pages are sunk by case and symbol penalties.
        score += 1.0 if (prev + ch).lower() in COMMON_PAIRS else -0.25
        if prev.islower() and ch.isupper():
            score -= 2.0
    else:
        if not nxt.isalpha():
            score += 0.5 if ch.lower() in _ONE_LETTER_WORDS else -1.0
        if _starts_sentence(text, i):
            score += 0.5 if ch.isupper() else -0.5
    if prev.isascii() and prev.isalpha() or nxt.isascii() and nxt.isalpha():
        score -= 2.0  # glued to a Latin letter: "cafй" is a Western text misread
    return score


def _starts_sentence(text: str, i: int) -> bool:
    """Whether position i begins a sentence: the text start, or after . ! ? and a space."""
    j = i - 1
    while j >= 0 and text[j] in "\"«„“'(—– ":
        j -= 1
    return j < 0 or (text[j] in ".!?…\n" and j < i - 1)


def _symbol_score(ch: str, prev: str, nxt: str) -> float:
    before, after = prev.isalpha(), nxt.isalpha()
    if ch in _INNER:  # apostrophes and hyphens belong between letters
        if ch in "’ʼ`" and not before and after:
            return -1.5  # a closing quote opening a word: usually a misread capital
        return 0.0
    if before and after:
        return -3.0
    if ch in _QUOTES:
        if ch in "”‚" and after:
            return -1.5  # closing-style quote opening a word: usually a misread capital
        return -2.0 if prev.isspace() and nxt.isspace() else 0.0
    return -2.0 if before or after else 0.0
