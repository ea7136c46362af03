"""Language identification for routing: which model (ru→en, uk→en, none) a text needs.

Why not plain langdetect: it samples n-grams at random (so it needs a seed to be repeatable), it is
slow (hundreds of sentences a second), it has no Belarusian, Serbian or Kazakh profile (so it sends
those to Russian/Ukrainian), and on one or two words it confuses Russian and Ukrainian.

What this module does instead, deterministically:
1. Script: Cyrillic words against Latin/other words decide which family of models scores the text.
2. Cyrillic: a naive-Bayes sum of log-probabilities of every 1-3 letter n-gram, using langdetect's
   own profiles for ru, uk, bg, mk and its Croatian profile transliterated into Serbian Cyrillic
   for sr (Serbian and Croatian share almost all their words). Belarusian and Kazakh have no
   profile: they borrow the closest profile's score less a fixed cost, and win through alphabets.
3. Alphabets (translator.alphabets): every letter a language does not write costs that language a
   fixed penalty, so і+ы reads as Belarusian/Kazakh, ў as Belarusian, ј/љ/њ as Serbian/Macedonian.
4. Frequent function words written per language add positive evidence.
5. Word frequencies (translator.langid_wordfreq, from the wordfreq package's lists for ru, uk, bg,
   mk, sr): each word adds its Zipf frequency in every language that lists it and a fixed low
   value where a language does not. This is what separates one- and two-word inputs. Belarusian
   and Kazakh have no list: a word counts for them at a fixed value, so a Cyrillic word unknown
   to all five lists leans to them. For listed words the n-grams count only a little.
6. Russian and Ukrainian carry priors by text length (one word, two, more), so the balance
   between "ru/uk" and "a look-alike" is set separately for very short inputs.
7. Latin and other scripts: the same naive-Bayes sum over langdetect's other profiles, with a prior
   for English (the one Latin-script language the project passes through).

All of a word's evidence is computed once and memoised (bounded), so a sentence costs a few
dictionary hits and one small matrix product. The weights are tuned on the dev half of FLORES by
benchmarks/tune_langid.py. Profiles and lists are loaded lazily, once, into cached objects, so
importing this module is cheap.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from translator.alphabets import ALPHABETS, WORDS
from translator.langid_wordfreq import (
    LATIN_TO_SERBIAN,
    WordFrequencies,
    mark_used,
    store_arrays,
)
from translator.langid_wordfreq import SCALE as ZIPF_SCALE
from translator.languages import language_name as language_name
from translator.records import Detection, ParagraphLanguage

if TYPE_CHECKING:  # numpy is imported where used: `newsbrief --help` must not pay for it
    import numpy as np

SUPPORTED: tuple[str, ...] = ("ru", "uk", "en")

# Cyrillic candidates; the first five have n-gram columns, be and kk borrow one.
CYRILLIC: tuple[str, ...] = ("ru", "uk", "bg", "mk", "sr", "be", "kk")
_PROFILED = 5

# Weights of the evidence, tuned on the first half of the FLORES devtest lines by
# benchmarks/tune_langid.py (benchmarks/bench_langid.py reports the other half as held-out).
@dataclass(frozen=True)
class Weights:
    ngram_scale: float = 1.0  # weight of the n-gram log-likelihood against the rest
    ngram_listed: float = 0.1  # its share for words a frequency list has
    borrow_be: float = -3.45  # Belarusian n-gram score = best of ru/uk n-gram scores - this
    borrow_kk: float = 0.25  # Kazakh n-gram score = Russian n-gram score - this
    letter_penalty: float = 68.85  # per letter outside a language's alphabet
    apostrophe_penalty: float = 9.0  # per word-internal apostrophe where the language writes none
    word_main: float = 9.35  # per ru/uk function word
    word_other: float = 8.6  # per function word of a look-alike language
    # Word frequencies: each word adds freq x its Zipf value in a language that lists it, or
    # freq x the language's `unlisted_*` value where it does not (a value per language: the small
    # lists stop at Zipf 3, the large ones at MIN_ZIPF, so missing from one says less).
    freq: float = 1.1
    unlisted_ru: float = -5.8
    unlisted_uk: float = -7.0
    unlisted_bg: float = -4.5
    unlisted_mk: float = -6.65
    unlisted_sr: float = -6.45
    unlisted_name: float = -0.65  # the same for a capitalised word, in every language
    # Belarusian and Kazakh have no list: every word counts as this Zipf value for them ...
    zipf_be: float = -0.3
    zipf_kk: float = -1.75
    # ... and a word no list knows (nor any function-word list) adds this to both (a separate
    # value for a capitalised word, likely a name).
    unknown_word: float = 0.0
    unknown_name: float = 0.35
    # Priors of Russian and Ukrainian over the look-alikes, by the number of Cyrillic words.
    prior_ru_1: float = 1.6
    prior_uk_1: float = 1.95
    prior_ru_2: float = -0.6
    prior_uk_2: float = -0.25
    prior_ru: float = 0.0
    prior_uk: float = 0.0
    be_marks: float = 16.0
    be_marks_name: float = 8.0


WEIGHTS = Weights()
EN_PRIOR = 10.0  # Latin-script tie-breaker towards English
ASCII_EN_PRIOR = 15.0  # more of it when no word has a diacritic
SHORT_LATIN_WORDS = 3  # up to this many plain-ASCII words: English (the only Latin we route)
CONFIDENCE_TEMPERATURE = 2.0
# Plain English prose is recognised without the 50-profile world model (about 0.5 s to load and
# a millisecond a paragraph): at least EN_PROSE_MIN_WORDS words, "the" or two different
# EN_STRONG words among them, at least EN_PROSE_SHARE of them English function words, and at most
# EN_PROSE_NON_ASCII of them with a letter outside ASCII (names such as "Erdoğan" or "Galápagos"
# are common in English news). The EN_STRONG words are written by no other language newsbrief
# meets, and the languages written without diacritics (Dutch, Indonesian, Swahili, ...) share at
# most "is/was/had/for" with the longer list (tests/test_langid.py holds such sentences).
# Anything else goes to the full model.
EN_STRONG = frozenset(
    "the and that with which their they would were from this said who his".split()
)
EN_PROSE_WORDS = frozenset(
    "the of and to that for with was were is are has have had been this which said from their "
    "they his her its by at would who".split()
)
EN_PROSE_MIN_WORDS = 6
EN_PROSE_SHARE = 0.1
EN_PROSE_NON_ASCII = 0.2
EN_PROSE_CONFIDENCE = 0.99
# Large lists (ru, uk, mk) are read down to this Zipf value (3 words in 100 million): below it
# they hold mostly typos and foreign words (Belarusian in the Russian list), and reading on
# doubles memory and loading time; on the dev half 1.5 scored as well as 1.0 and better than 2.0.
MIN_ZIPF = 1.5

_WORD_CACHE_SIZE = 200_000

# A paragraph with fewer letters than this is "short": it is routed with its neighbours.
SHORT_PARAGRAPH_LETTERS = 25

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def _profile_dir() -> Path:
    import langdetect  # imported here: keeps `import translator.langid` cheap

    return Path(langdetect.__file__).resolve().parent / "profiles"


def _read_profile(code: str) -> tuple[dict[str, float], list[float]]:
    """One langdetect profile as lower-cased n-gram counts plus its per-length totals."""
    data = json.loads((_profile_dir() / code).read_text(encoding="utf-8"))
    counts: dict[str, float] = {}
    for gram, n in data["freq"].items():
        key = gram.lower()
        if len(key) != len(gram):
            continue  # a letter whose lower case is two characters (İ): not worth the trouble
        counts[key] = counts.get(key, 0.0) + n
    return counts, [float(x) for x in data["n_words"]]


def _to_serbian_cyrillic(gram: str) -> str | None:
    """Croatian Latin n-gram → Serbian Cyrillic (Gaj's alphabet maps one to one)."""
    out = gram
    for latin, cyr in LATIN_TO_SERBIAN:
        out = out.replace(latin, cyr)
    if any("a" <= ch <= "z" for ch in out):
        return None  # q, w, x, y: not Serbian
    return out


@dataclass
class _NgramModel:
    """Log-probabilities of n-grams for a fixed tuple of languages (one column each)."""

    languages: tuple[str, ...]
    index: dict[str, int]
    table: np.ndarray  # shape (n-grams, languages)
    word_rows: dict[str, tuple[int, ...]] = field(default_factory=dict)  # memo of _rows_of

    @classmethod
    def build(cls, profiles: dict[str, tuple[dict[str, float], list[float]]]) -> _NgramModel:
        import numpy as np

        languages = tuple(profiles)
        grams = sorted({g for counts, _ in profiles.values() for g in counts if g.strip()})
        index = {g: i for i, g in enumerate(grams)}
        lengths = np.array([len(g) for g in grams])
        # float32: half the memory and the stored size of float64 (the world model is ~80,000
        # n-grams x 50 languages); a text's score sums a few hundred values, far from its limits.
        table = np.empty((len(grams), len(languages)), dtype=np.float32)
        for col, lang in enumerate(languages):
            counts, totals = profiles[lang]
            # An n-gram pruned from a profile was rarer than the rarest one kept: half of that.
            for n in (1, 2, 3):
                kept = [c for g, c in counts.items() if len(g) == n]
                table[lengths == n, col] = math.log(0.5 * min(kept, default=1.0) / totals[n - 1])
            for g, c in counts.items():
                row = index.get(g)
                if row is not None:
                    table[row, col] = math.log(c / totals[len(g) - 1])
        return cls(languages, index, table)

    def score(self, words: list[str]) -> np.ndarray:
        import numpy as np

        rows: list[int] = []
        cache = self.word_rows
        for w in words:
            found = cache.get(w)
            if found is None:
                found = self._rows_of(w)
                if len(cache) >= _WORD_CACHE_SIZE:
                    cache.clear()  # bounded; answers never depend on what is cached
                cache[w] = found
            rows.extend(found)
        if not rows:
            return np.zeros(len(self.languages))
        return self.table[rows].sum(axis=0)

    def score_word(self, word: str) -> np.ndarray:
        """score([word]) without the memo (the caller keeps its own)."""
        return self.table[list(self._rows_of(word))].sum(axis=0)

    def _rows_of(self, word: str) -> tuple[int, ...]:
        """Rows of the word's 1-3 letter n-grams, the word padded with spaces as langdetect does."""
        index = self.index
        padded = f" {word} "
        rows = []
        for i in range(1, len(padded) - 1):
            for gram in (padded[i], padded[i - 1 : i + 1], padded[i - 1 : i + 2]):
                r = index.get(gram)
                if r is not None:
                    rows.append(r)
        r = index.get(padded[-2:])
        if r is not None:
            rows.append(r)
        return tuple(rows)


# Bump when _NgramModel's tables or how they are built change: stored copies are then ignored.
_MODEL_FORMAT = 2


def _stored_model(name: str, build: Callable[[], _NgramModel]) -> _NgramModel:
    """`build()`, kept in the user cache folder so that later runs load it in milliseconds.

    Building reads dozens of langdetect JSON profiles (about 0.6 s for the world model); the
    stored copy is keyed by langdetect's version. Any failure to read or write it only means
    building again.
    """
    import hashlib

    import langdetect
    import numpy as np

    from translator.cache import default_cache_dir

    version = getattr(langdetect, "__version__", "?")
    key = f"{_MODEL_FORMAT}|{name}|{version}|{Path(langdetect.__file__).resolve().parent}"
    path = default_cache_dir() / (
        f"langid-{name}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}.npz"
    )
    try:
        with np.load(path, allow_pickle=False) as data:
            languages, grams, table = data["languages"], data["grams"], data["table"]
        if table.shape == (len(grams), len(languages)):
            index = {g: i for i, g in enumerate(grams.tolist())}
            mark_used(path)
            return _NgramModel(tuple(languages.tolist()), index, table)
    except (OSError, ValueError, KeyError):
        pass
    model = build()
    grams_out = np.array(sorted(model.index, key=model.index.__getitem__), dtype=str)
    store_arrays(path, languages=np.array(model.languages, dtype=str), grams=grams_out,
                 table=model.table)
    return model


@lru_cache(maxsize=1)
def _cyrillic_model() -> _NgramModel:
    return _stored_model("cyrillic", _build_cyrillic_model)


def _build_cyrillic_model() -> _NgramModel:
    profiles = {code: _read_profile(code)[0] for code in ("ru", "uk", "bg", "mk")}
    sr_counts: dict[str, float] = {}
    for gram, n in _read_profile("hr")[0].items():
        cyr = _to_serbian_cyrillic(gram)
        if cyr and cyr.strip():
            sr_counts[cyr] = sr_counts.get(cyr, 0.0) + n
    profiles["sr"] = sr_counts
    # Model n-grams of Cyrillic text only: Wikipedia profiles also count Latin names and markup,
    # in different shares per language, which would tilt every Cyrillic n-gram's probability.
    cyrillic = {}
    for code, counts in profiles.items():
        kept = {g: c for g, c in counts.items() if _is_cyrillic(g) and not _has_latin(g)}
        totals = [sum(c for g, c in kept.items() if len(g) == n) for n in (1, 2, 3)]
        cyrillic[code] = (kept, totals)
    return _NgramModel.build(cyrillic)


def _has_latin(text: str) -> bool:
    return any("a" <= ch <= "z" or "à" <= ch <= "ž" for ch in text)


@lru_cache(maxsize=1)
def _world_model() -> _NgramModel:
    return _stored_model("world", _build_world_model)


def _build_world_model() -> _NgramModel:
    skip = {"ru", "uk", "bg", "mk"}
    codes = sorted(p.name for p in _profile_dir().iterdir() if p.name not in skip)
    return _NgramModel.build({code: _read_profile(code) for code in codes})


@lru_cache(maxsize=1)
def _out_of_alphabet() -> dict[str, tuple[float, ...]]:
    """Per letter some CYRILLIC language does not write: 1 for each language lacking it.

    Letters every candidate writes (most of them) are left out: they cost nothing to look at.
    The apostrophe is counted apart (_APOS), with its own weight.
    """
    letters = set().union(*ALPHABETS.values())
    out = {ch: tuple(float(ch not in ALPHABETS[lang]) for lang in CYRILLIC) for ch in letters}
    return {ch: flags for ch, flags in out.items() if any(flags) and ch != "'"}


@lru_cache(maxsize=1)
def _word_frequencies() -> WordFrequencies:
    from translator.cache import default_cache_dir

    return WordFrequencies.load(MIN_ZIPF, default_cache_dir())


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, tuple[int, ...]]:
    """Function word -> positions in CYRILLIC of the languages whose list has it."""
    out: dict[str, list[int]] = {}
    for i, lang in enumerate(CYRILLIC):
        for w in WORDS[lang]:
            out.setdefault(w, []).append(i)
    return {w: tuple(v) for w, v in out.items()}


# Layout of a Cyrillic word's (and, summed, a text's) feature vector; see _word_features.
_NB = slice(0, 5)  # n-gram log-likelihood, ru uk bg mk sr
_OOV = slice(5, 12)  # letters outside each CYRILLIC language's alphabet
_APOS = 12  # word-internal apostrophes
_HITS = slice(13, 20)  # function-word list hits per CYRILLIC language
_ZIPF = slice(20, 25)  # Zipf value in each LISTED language's frequency list (0: unlisted)
_UNLISTED = slice(25, 30)  # 1 per LISTED language whose list lacks the word
_LISTS_ON = 30  # 1 per word when frequency lists are loaded (the be/kk baseline counts these)
_UNKNOWN = 31  # lower-case word no frequency or function-word list knows
_UNKNOWN_NAME = 32  # the same, capitalised
_COUNT = 33  # 1 per word
_UNLISTED_NAME = slice(34, 39)  # _UNLISTED for a capitalised word (often a name: less telling)
_LISTS_ON_NAME = 39  # _LISTS_ON for a capitalised word
_NB_LISTED = slice(40, 45)  # _NB of a word some frequency list has (_NB then holds 0)
_BE_MARKS = 45  # spellings only Belarusian uses (see _BELARUSIAN_SPELLING), lower-case words
_BE_MARKS_NAME = 46  # the same in a capitalised word
N_FEATURES = 47
# Russian writes ъ only before е ё ю я ("объём"); Bulgarian writes it as a vowel ("във", "път").
_VOWEL_HARD_SIGN = re.compile(r"ъ(?![еёюя])")
# Spellings of Belarusian that Russian and Ukrainian do not use: a consonant before э ("гэта",
# "рэспубліка"; Russian writes е there, Ukrainian has no э), soft дз ("дзеці", "будзе"; Ukrainian
# дз is rare and mostly дзв-), and іі ("Азіі"; Ukrainian writes ії). Russian does write consonant
# + э after a prefix ("сэкономить", "двухэтажный") and д + з across one ("подземный", "надзор"):
# those are not counted. Foreign names ("Хэмилтон") are, but capitalised words weigh less.
_BELARUSIAN_SPELLING = re.compile(r"([бвгджзклмнпрстфхцчшщ])э|(д)з[еяію]|іі")
_RUSSIAN_PREFIXES = frozenset(
    "с из ис раз рас без бес от над под пред двух трех трёх меж сверх об в вз вс".split()
)


def _belarusian_spellings(word: str) -> int:
    """How many of _BELARUSIAN_SPELLING a lower-case word has, prefix junctions left out."""
    n = 0
    for m in _BELARUSIAN_SPELLING.finditer(word):
        before = word[: m.start() + 1] if m.group(1) or m.group(2) else ""
        if before not in _RUSSIAN_PREFIXES:
            n += 1
    return n
_NOT_VOWEL_HARD_SIGN = tuple(float(lang in ("ru", "kk")) for lang in CYRILLIC)
_WRITES_APOSTROPHE = tuple(lang in ("uk", "be") for lang in CYRILLIC)


def _word_features(token: str) -> np.ndarray:
    """Evidence about one Cyrillic word as written, before any weighting.

    Built as a Python list and converted once: numpy's per-call cost would dominate otherwise.
    """
    import numpy as np

    word = token.lower()
    f = [0.0] * N_FEATURES
    nb = _cyrillic_model().score_word(word).tolist()
    oov = _out_of_alphabet()
    for ch in set(word) & oov.keys():
        n = word.count(ch)
        for i, flag in enumerate(oov[ch]):
            f[_OOV.start + i] += flag * n
    if "ъ" in word:
        n = len(_VOWEL_HARD_SIGN.findall(word))
        for i, flag in enumerate(_NOT_VOWEL_HARD_SIGN):
            f[_OOV.start + i] += flag * n
    f[_APOS] = float(word.count("'"))
    f[_BE_MARKS if token == word else _BE_MARKS_NAME] = float(_belarusian_spellings(word))
    hits = _word_lists().get(word, ())
    for i in hits:
        f[_HITS.start + i] += 1.0
    freqs = _word_frequencies()
    listed = False
    if freqs:
        zipf = freqs.zipf(word)
        listed = any(zipf)
        f[_ZIPF] = [z / ZIPF_SCALE for z in zipf]
        name = token != word
        f[_UNLISTED_NAME if name else _UNLISTED] = [float(z == 0) for z in zipf]
        f[_LISTS_ON_NAME if name else _LISTS_ON] = 1.0
        if not listed and not hits:
            f[_UNKNOWN_NAME if name else _UNKNOWN] = 1.0
    # The lists' frequencies say more than the n-grams about a listed word: weighed apart.
    f[_NB_LISTED if listed else _NB] = nb
    f[_COUNT] = 1.0
    return np.array(f)


@lru_cache(maxsize=8)
def _weight_matrix(w: Weights) -> np.ndarray:
    """Linear part of the scoring: features (N_FEATURES) -> CYRILLIC scores (7)."""
    import numpy as np

    m = np.zeros((N_FEATURES, len(CYRILLIC)))
    for i in range(_PROFILED):
        m[_NB.start + i, i] = w.ngram_scale
        m[_NB_LISTED.start + i, i] = w.ngram_scale * w.ngram_listed
    for i in range(len(CYRILLIC)):
        m[_OOV.start + i, i] = -w.letter_penalty
        m[_HITS.start + i, i] = w.word_main if i < 2 else w.word_other
        if not _WRITES_APOSTROPHE[i]:
            m[_APOS, i] = -w.apostrophe_penalty
    unlisted = (w.unlisted_ru, w.unlisted_uk, w.unlisted_bg, w.unlisted_mk, w.unlisted_sr)
    for i, value in enumerate(unlisted):
        m[_ZIPF.start + i, i] = w.freq
        m[_UNLISTED.start + i, i] = w.freq * value
        m[_UNLISTED_NAME.start + i, i] = w.freq * w.unlisted_name
    be, kk = CYRILLIC.index("be"), CYRILLIC.index("kk")
    m[_LISTS_ON, be], m[_LISTS_ON, kk] = w.freq * w.zipf_be, w.freq * w.zipf_kk
    m[_LISTS_ON_NAME, [be, kk]] = w.freq * w.unlisted_name
    m[_UNKNOWN, [be, kk]] = w.unknown_word
    m[_UNKNOWN_NAME, [be, kk]] = w.unknown_name
    m[_BE_MARKS, be] = w.be_marks
    m[_BE_MARKS_NAME, be] = w.be_marks_name
    return m


def _cyrillic_scores(f: np.ndarray, w: Weights = WEIGHTS) -> np.ndarray:
    """Scores of the CYRILLIC candidates for feature rows `f` (shape (..., N_FEATURES))."""
    import numpy as np

    if f.ndim == 1:
        return _one_text_scores(f, w)
    scores = f @ _weight_matrix(w)
    nb = w.ngram_scale * (f[..., _NB] + w.ngram_listed * f[..., _NB_LISTED])
    scores[..., 5] += np.maximum(nb[..., 0], nb[..., 1]) - w.borrow_be
    scores[..., 6] += nb[..., 0] - w.borrow_kk
    count = f[..., _COUNT]
    one, two = count == 1, count == 2
    scores[..., 0] += np.where(one, w.prior_ru_1, np.where(two, w.prior_ru_2, w.prior_ru))
    scores[..., 1] += np.where(one, w.prior_uk_1, np.where(two, w.prior_uk_2, w.prior_uk))
    return scores


def _one_text_scores(f: np.ndarray, w: Weights) -> np.ndarray:
    """_cyrillic_scores for one text, with Python scalars where numpy's per-call cost dominates."""
    scores = f @ _weight_matrix(w)
    nb_ru = w.ngram_scale * (f[_NB.start] + w.ngram_listed * f[_NB_LISTED.start])
    nb_uk = w.ngram_scale * (f[_NB.start + 1] + w.ngram_listed * f[_NB_LISTED.start + 1])
    scores[5] += max(nb_ru, nb_uk) - w.borrow_be
    scores[6] += nb_ru - w.borrow_kk
    count = f[_COUNT]
    if count == 1:
        scores[0] += w.prior_ru_1
        scores[1] += w.prior_uk_1
    elif count == 2:
        scores[0] += w.prior_ru_2
        scores[1] += w.prior_uk_2
    else:
        scores[0] += w.prior_ru
        scores[1] += w.prior_uk
    return scores


class _WordMemo:
    """Bounded memo of _word_features: a word's evidence never changes, and news repeats words."""

    def __init__(self) -> None:
        self.rows: dict[str, np.ndarray] = {}

    def features(self, tokens: list[str]) -> np.ndarray:
        import numpy as np

        rows = self.rows
        found = []
        for token in tokens:
            row = rows.get(token)
            if row is None:
                row = _word_features(token)
                if len(rows) >= _WORD_CACHE_SIZE:
                    rows.clear()  # bounded; answers never depend on what is cached
                rows[token] = row
            found.append(row)
        return np.add.reduce(found) if found else np.zeros(N_FEATURES)


@lru_cache(maxsize=1)
def _memo() -> _WordMemo:
    return _WordMemo()


def _cyrillic_features(tokens: list[str]) -> np.ndarray:
    """Evidence about the Cyrillic words of a text (as written), summed over the words."""
    return _memo().features(tokens)


def _score_cyrillic(words: list[str]) -> np.ndarray:
    return _cyrillic_scores(_cyrillic_features(words))


def _score_world(words: list[str]) -> tuple[tuple[str, ...], np.ndarray]:
    model = _world_model()
    words = [w.lower() for w in words]
    scores = model.score(words).copy()
    en = model.languages.index("en")
    hits = sum(1 for w in words if w in WORDS["en"])
    # Plain ASCII (no diacritics at all) is far likelier English than German, Czech or French.
    ascii_bonus = ASCII_EN_PRIOR if all(w.isascii() for w in words) else 0.0
    scores[en] += EN_PRIOR + ascii_bonus + WEIGHTS.word_main * hits
    return model.languages, scores


_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_KANA = re.compile("[\u3041-\u30ff]")


def _is_cyrillic(word: str) -> bool:
    return _CYRILLIC_LETTER.search(word) is not None


def _words(text: str) -> list[str]:
    """Words as written (case kept: a capital marks a name, which word lists may not know)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _WORD.findall(text.translate(_APOSTROPHES))


def _softmax_confidence(scores: np.ndarray, best: int) -> float:
    import numpy as np

    z = (scores - scores[best]) / CONFIDENCE_TEMPERATURE
    return float(1.0 / np.exp(z).sum())


def cyrillic_words(text: str) -> list[str] | None:
    """The Cyrillic words of a text that the Cyrillic model judges; None when it does not.

    A text is judged as Cyrillic when at least half its words are; the rest go to the Latin and
    other-script model (benchmarks/tune_langid.py uses this split too).
    """
    words = _words(text)
    cyrillic = [w for w in words if _is_cyrillic(w)]
    if cyrillic and len(cyrillic) * 2 >= len(words):
        return cyrillic
    return None


def detect_text(text: str, among: tuple[str, ...] | None = None) -> tuple[str, float]:
    """Language code (ISO 639-1, or "und") and confidence 0..1 for one piece of text.

    `among` restricts the answer to those languages (the way lingua's figures "restricted to
    ru/uk/en" are taken), so the benchmark can compare like with like; "und" when the text's
    script has none of them. Same input, same answer: nothing here is random.
    """
    import numpy as np

    cyrillic = cyrillic_words(text)
    if cyrillic is not None:
        languages, scores = CYRILLIC, _score_cyrillic(cyrillic)
    else:
        latin = [w for w in _words(text) if not _is_cyrillic(w)]
        if not latin:
            return "und", 0.0
        if len(latin) <= SHORT_LATIN_WORDS and all(w.isascii() for w in latin):
            # a short plain-ASCII phrase: English is what this tool expects
            return ("en", 0.9) if among is None or "en" in among else ("und", 0.0)
        if (among is None or "en" in among) and _is_english_prose(latin):
            return "en", EN_PROSE_CONFIDENCE
        languages, scores = _score_world(latin)
        if not any(_LATIN_LETTER.search(w) for w in latin):
            # No Latin letter at all (Chinese, Arabic, Greek…): the English priors would win
            # on text English cannot be written in ("最牡慢敧" is not English).
            keep = [i for i, lang in enumerate(languages) if lang != "en"]
            languages, scores = tuple(languages[i] for i in keep), scores[keep]
            if "ja" in languages and _KANA.search(text):
                # Kana are written only in Japanese; the n-gram profiles share the kanji.
                scores = scores.copy()
                scores[languages.index("ja")] = scores.max() + 10.0
    if among is not None:
        keep = [i for i, lang in enumerate(languages) if lang in among]
        if not keep:
            return "und", 0.0
        languages = tuple(languages[i] for i in keep)
        scores = scores[keep]
    best = int(np.argmax(scores))
    return languages[best], round(_softmax_confidence(scores, best), 4)


def _is_english_prose(words: list[str]) -> bool:
    if len(words) < EN_PROSE_MIN_WORDS:
        return False
    if sum(not w.isascii() for w in words) > EN_PROSE_NON_ASCII * len(words):
        return False
    lowered = [w.lower() for w in words]
    if "the" not in lowered and len(EN_STRONG.intersection(lowered)) < 2:
        return False
    return sum(w in EN_PROSE_WORDS for w in lowered) >= EN_PROSE_SHARE * len(lowered)


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


# Texts whose detection detect_paragraphs remembers (a repeated line is detected once); bounded,
# and the answer never depends on what is remembered.
_PARAGRAPH_MEMO_SIZE = 4096


def detect_paragraphs(paragraphs: Sequence[str]) -> Detection:
    """Per-paragraph languages plus the document language (weighted by letters).

    A short paragraph (a name, a dateline such as "3 февраля, 09:55", a byline) says too little to
    be judged alone, so it takes the language of its nearest long neighbours or of the document,
    using its own letters only to choose between those.

    Memory is a few machine words a paragraph besides the result (a 5 MB text of one-word lines
    has a million paragraphs): languages and confidences in flat lists sharing their objects,
    sizes and the long paragraphs' indices in arrays, neighbours found by bisection.
    """
    memo: dict[str, tuple[str, float, int]] = {}
    floats: dict[float, float] = {}
    langs: list[str] = []
    confs: list[float] = []
    sizes = array("q")
    for text in paragraphs:
        known = memo.get(text)
        if known is None:
            lang, conf = detect_text(text)
            if len(memo) >= _PARAGRAPH_MEMO_SIZE:
                memo.clear()
            if len(floats) >= _PARAGRAPH_MEMO_SIZE:
                floats.clear()
            known = memo[text] = (lang, floats.setdefault(conf, conf), _letters(text))
        langs.append(known[0])
        confs.append(known[1])
        sizes.append(known[2])
    del memo
    long_idx = array("q", (i for i, n in enumerate(sizes) if n >= SHORT_PARAGRAPH_LETTERS))

    # Document language: letter-weighted vote of the long paragraphs (all of them if none is long).
    voters = long_idx or (i for i, n in enumerate(sizes) if n > 0)
    weight: dict[str, float] = {}
    for i in voters:
        lang = langs[i]
        if lang != "und":
            weight[lang] = weight.get(lang, 0.0) + sizes[i] * max(confs[i], 0.05)
    if not weight:
        return Detection(
            "und", 0.0, [ParagraphLanguage(i, "und", 0.0) for i in range(len(paragraphs))]
        )
    doc_lang = max(sorted(weight), key=lambda k: weight[k])
    doc_conf = round(weight[doc_lang] / sum(weight.values()), 4)

    result = []
    for i, text in enumerate(paragraphs):
        lang, conf, size = langs[i], confs[i], sizes[i]
        if size >= SHORT_PARAGRAPH_LETTERS or not long_idx:
            result.append(ParagraphLanguage(i, lang if size else doc_lang, conf))
            continue
        # The nearest long paragraphs before and after (a short one is never among them).
        k = bisect_left(long_idx, i)
        prev = langs[long_idx[k - 1]] if k > 0 else None
        nxt = langs[long_idx[k]] if k < len(long_idx) else None
        candidates = [c for c in (doc_lang, nxt, prev) if c and c != "und"]
        if lang in candidates or size == 0:
            chosen = lang if size else doc_lang
        elif lang in SUPPORTED and not any(_can_write(text, c) for c in candidates):
            chosen = lang  # letters no candidate writes: "Київ" in a Russian article stays uk
        else:
            chosen = _best_of(text, candidates)
        result.append(ParagraphLanguage(i, chosen, conf if chosen == lang else doc_conf))
    return Detection(doc_lang, doc_conf, result)


def _can_write(text: str, lang: str) -> bool:
    """Whether `lang`'s alphabet has every letter of `text` (non-Cyrillic: no Cyrillic letters)."""
    letters = {ch for ch in text.lower().translate(_APOSTROPHES) if ch.isalpha() or ch == "'"}
    if lang in ALPHABETS:
        return letters <= ALPHABETS[lang]
    return not any(_is_cyrillic(ch) for ch in letters)


def _best_of(text: str, candidates: list[str]) -> str:
    """The candidate language this text's own letters favour most (first one on a tie)."""
    words = _words(text)
    cyrillic = [w for w in words if _is_cyrillic(w)]
    if not cyrillic:
        return candidates[0]
    scores = _score_cyrillic(cyrillic)
    ranked = [c for c in candidates if c in CYRILLIC]
    if not ranked:
        return candidates[0]
    return max(ranked, key=lambda c: (scores[CYRILLIC.index(c)], -candidates.index(c)))
