"""What the detector knows about one Cyrillic word, before any weighting: its feature vector.

A word's evidence is its n-gram log-likelihood per profiled language, the letters each candidate
language does not write, apostrophes, hits in each language's function-word list, its Zipf value
in each frequency list (or its absence from them), and spellings only Belarusian uses.  A text's
evidence is the sum of its words' vectors; translator/langid/scoring.py turns it into scores.
The layout below is shared by both, and by benchmarks/tune_langid.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from translator.langid.ngrams import NgramModel
from translator.langid.wordfreq import SCALE as ZIPF_SCALE
from translator.langid.wordfreq import WordFrequencies

if TYPE_CHECKING:  # numpy is imported where used: `newsbrief --help` must not pay for it
    import numpy as np

# Cyrillic candidates; the first five have n-gram columns, be and kk borrow one.
CYRILLIC: tuple[str, ...] = ("ru", "uk", "bg", "mk", "sr", "be", "kk")
PROFILED = 5
# Layout of a Cyrillic word's (and, summed, a text's) feature vector; see word_features.
NB = slice(0, 5)  # n-gram log-likelihood, ru uk bg mk sr
OOV = slice(5, 12)  # letters outside each CYRILLIC language's alphabet
APOS = 12  # word-internal apostrophes
HITS = slice(13, 20)  # function-word list hits per CYRILLIC language
ZIPF = slice(20, 25)  # Zipf value in each LISTED language's frequency list (0: unlisted)
UNLISTED = slice(25, 30)  # 1 per LISTED language whose list lacks the word
LISTS_ON = 30  # 1 per word when frequency lists are loaded (the be/kk baseline counts these)
UNKNOWN = 31  # lower-case word no frequency or function-word list knows
UNKNOWN_NAME = 32  # the same, capitalised
COUNT = 33  # 1 per word
UNLISTED_NAME = slice(34, 39)  # UNLISTED for a capitalised word (often a name: less telling)
LISTS_ON_NAME = 39  # LISTS_ON for a capitalised word
NB_LISTED = slice(40, 45)  # NB of a word some frequency list has (NB then holds 0)
BE_MARKS = 45  # spellings only Belarusian uses (see _BELARUSIAN_SPELLING), lower-case words
BE_MARKS_NAME = 46  # the same in a capitalised word
NOT_BE = 47  # spellings Belarusian does not write (two о's, soft т/д), lower-case words
NOT_BE_NAME = 48  # the same in a capitalised word (names and loans break the rule more often)
KK_DISHARMONY = 49  # back and front vowels in one lower-case word (Kazakh words keep to one)
N_FEATURES = 50
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


def _not_belarusian(word: str) -> int:
    """How many spellings a lower-case word has that Belarusian does not write.

    Belarusian writes its vowels as they sound: an unstressed о is written а ("малако", not
    "молоко"), so a word holds one о at most, the stressed one.  And a soft т or д is written ц
    or дз ("дзеці", "цішыня", "рабіць"), so т and д never stand before е і я ю ё ь ("діти",
    "сміються", "те").  A word with either is Ukrainian or Russian (or another look-alike),
    whatever its other letters say.
    """
    return max(0, word.count("о") - 1) + len(_SOFT_T_D.findall(word))


_SOFT_T_D = re.compile("[тд][еіяюёь]")


# Kazakh vowel harmony: a native word has back vowels (а о ұ ы) or front ones (ә ө ү і е), not
# both; loans from Russian ("телефон") break it, Russian and Ukrainian words mostly mix them.
_BACK_VOWELS = frozenset("аоұы")
_FRONT_VOWELS = frozenset("әөүіе")


_NOT_VOWEL_HARD_SIGN = tuple(float(lang in ("ru", "kk")) for lang in CYRILLIC)
WRITES_APOSTROPHE = tuple(lang in ("uk", "be") for lang in CYRILLIC)


def word_features(
    token: str,
    model: NgramModel,
    oov: dict[str, tuple[float, ...]],
    lists: dict[str, tuple[int, ...]],
    freqs: WordFrequencies,
) -> np.ndarray:
    """Evidence about one Cyrillic word as written, before any weighting.

    From the Cyrillic n-gram `model`, the `oov` letter table, the function-word table `lists`
    and the frequency lists `freqs` (empty without wordfreq): translator/langid/state.py holds
    them, loaded once.

    Built as a Python list and converted once: numpy's per-call cost would dominate otherwise.
    """
    import numpy as np

    word = token.lower()
    f = [0.0] * N_FEATURES
    nb = model.score_word(word).tolist()
    letters = set(word)
    for ch in letters & oov.keys():
        n = word.count(ch)
        for i, flag in enumerate(oov[ch]):
            f[OOV.start + i] += flag * n
    if "ъ" in word:
        n = len(_VOWEL_HARD_SIGN.findall(word))
        for i, flag in enumerate(_NOT_VOWEL_HARD_SIGN):
            f[OOV.start + i] += flag * n
    f[APOS] = float(word.count("'"))
    lower_case = token == word
    if "э" in letters or "дз" in word or "іі" in word:
        f[BE_MARKS if lower_case else BE_MARKS_NAME] = float(_belarusian_spellings(word))
    if "о" in letters or "т" in letters or "д" in letters:
        f[NOT_BE if lower_case else NOT_BE_NAME] = float(_not_belarusian(word))
    if lower_case and not letters.isdisjoint(_BACK_VOWELS):
        f[KK_DISHARMONY] = float(not letters.isdisjoint(_FRONT_VOWELS))
    hits = lists.get(word, ())
    for i in hits:
        f[HITS.start + i] += 1.0
    listed = False
    if freqs:
        zipf = freqs.zipf(word)
        listed = any(zipf)
        f[ZIPF] = [z / ZIPF_SCALE for z in zipf]
        name = token != word
        f[UNLISTED_NAME if name else UNLISTED] = [float(z == 0) for z in zipf]
        f[LISTS_ON_NAME if name else LISTS_ON] = 1.0
        if not listed and not hits:
            f[UNKNOWN_NAME if name else UNKNOWN] = 1.0
    # The lists' frequencies say more than the n-grams about a listed word: weighed apart.
    f[NB_LISTED if listed else NB] = nb
    f[COUNT] = 1.0
    return np.array(f)
