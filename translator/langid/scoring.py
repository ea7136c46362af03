"""The detector's scores for the Cyrillic candidates: tuned weights applied to word features.

Mostly linear (a weight matrix from the features of translator/langid/features.py to the seven
CYRILLIC languages), plus what is not: Belarusian and Kazakh borrow the n-gram score of ru/uk,
and Russian and Ukrainian carry priors by the number of words.  Two sets of weights are kept:
WEIGHTS for texts of two Cyrillic words or more, WEIGHTS_ONE for a single word (see
cyrillic_scores).  Both are tuned together by benchmarks/tune_langid.py on the dev half of FLORES.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from translator.langid.features import (
    APOS,
    BE_MARKS,
    BE_MARKS_NAME,
    COUNT,
    CYRILLIC,
    HITS,
    KK_DISHARMONY,
    LISTS_ON,
    LISTS_ON_NAME,
    N_FEATURES,
    NB,
    NB_LISTED,
    NOT_BE,
    NOT_BE_NAME,
    OOV,
    PROFILED,
    UNKNOWN,
    UNKNOWN_NAME,
    UNLISTED,
    UNLISTED_NAME,
    WRITES_APOSTROPHE,
    ZIPF,
)

if TYPE_CHECKING:  # numpy is imported where used: `newsbrief --help` must not pay for it
    import numpy as np


# Weights of the evidence, tuned on the first half of the FLORES devtest lines by
# benchmarks/tune_langid.py (benchmarks/bench_langid.py reports the other half as held-out).
@dataclass(frozen=True)
class Weights:
    ngram_scale: float = 1.0  # weight of the n-gram log-likelihood against the rest
    ngram_listed: float = 0.1  # its share for words a frequency list has
    borrow_be: float = -3.45  # Belarusian n-gram score = best of ru/uk n-gram scores - this
    borrow_kk: float = 0.25  # Kazakh n-gram score = Russian n-gram score - this
    letter_penalty: float = 76.85  # per letter outside a language's alphabet
    apostrophe_penalty: float = 9.0  # per word-internal apostrophe where the language writes none
    word_main: float = 9.35  # per ru/uk function word
    word_other: float = 8.6  # per function word of a look-alike language
    # Word frequencies: each word adds freq x its Zipf value in a language that lists it, or
    # freq x the language's `unlisted_*` value where it does not (a value per language: the small
    # lists stop at Zipf 3, the large ones at MIN_ZIPF, so missing from one says less).
    freq: float = 1.1
    unlisted_ru: float = -5.8
    unlisted_uk: float = -7.5
    unlisted_bg: float = -8.2
    unlisted_mk: float = -7.4
    unlisted_sr: float = -3.2
    unlisted_name: float = -0.65  # the same for a capitalised word, in every language
    # Belarusian and Kazakh have no list: every word counts as this Zipf value for them ...
    zipf_be: float = -0.3
    zipf_kk: float = -1.75
    # ... and a word no list knows (nor any function-word list) adds this to both (a separate
    # value for a capitalised word, likely a name).
    unknown_word: float = 0.1
    unknown_name: float = 0.35
    # Priors of Russian and Ukrainian over the look-alikes, by the number of Cyrillic words (a
    # one-word text is scored with WEIGHTS_ONE, so only its prior_*_1 are read there).
    prior_ru_1: float = 1.6
    prior_uk_1: float = 1.95
    prior_ru_2: float = -0.6
    prior_uk_2: float = -0.25
    prior_ru: float = 0.0
    prior_uk: float = 0.0
    be_marks: float = 16.0
    be_marks_name: float = 8.0
    # Spellings Belarusian never writes (two о's in a word, -ться), Kazakh vowel disharmony.
    not_be: float = 4.5
    not_be_name: float = 2.0
    kk_disharmony: float = -0.15


WEIGHTS = Weights()
# The weights of a one-word text (see cyrillic_scores), tuned on single words and the pairs that
# hold one Cyrillic word.
WEIGHTS_ONE = Weights(
    ngram_listed=0.25,
    borrow_be=-3.95,
    borrow_kk=-5.25,
    letter_penalty=82.85,
    word_main=5.6,
    word_other=7.95,
    freq=2.95,
    unlisted_ru=-6.3,
    unlisted_uk=-19.0,
    unlisted_bg=1.95,
    unlisted_mk=0.85,
    unlisted_sr=1.8,
    unlisted_name=1.3,
    zipf_be=1.2,
    zipf_kk=-0.4,
    unknown_word=7.25,
    unknown_name=-3.1,
    prior_ru_1=0.35,
    prior_uk_1=0.8,
    not_be=69.0,
    not_be_name=5.0,
    kk_disharmony=11.5,
)


@lru_cache(maxsize=8)
def weight_matrix(w: Weights) -> np.ndarray:
    """Linear part of the scoring: features (N_FEATURES) -> CYRILLIC scores (7)."""
    import numpy as np

    m = np.zeros((N_FEATURES, len(CYRILLIC)))
    for i in range(PROFILED):
        m[NB.start + i, i] = w.ngram_scale
        m[NB_LISTED.start + i, i] = w.ngram_scale * w.ngram_listed
    for i in range(len(CYRILLIC)):
        m[OOV.start + i, i] = -w.letter_penalty
        m[HITS.start + i, i] = w.word_main if i < 2 else w.word_other
        if not WRITES_APOSTROPHE[i]:
            m[APOS, i] = -w.apostrophe_penalty
    unlisted = (w.unlisted_ru, w.unlisted_uk, w.unlisted_bg, w.unlisted_mk, w.unlisted_sr)
    for i, value in enumerate(unlisted):
        m[ZIPF.start + i, i] = w.freq
        m[UNLISTED.start + i, i] = w.freq * value
        m[UNLISTED_NAME.start + i, i] = w.freq * w.unlisted_name
    be, kk = CYRILLIC.index("be"), CYRILLIC.index("kk")
    m[LISTS_ON, be], m[LISTS_ON, kk] = w.freq * w.zipf_be, w.freq * w.zipf_kk
    m[LISTS_ON_NAME, [be, kk]] = w.freq * w.unlisted_name
    m[UNKNOWN, [be, kk]] = w.unknown_word
    m[UNKNOWN_NAME, [be, kk]] = w.unknown_name
    m[BE_MARKS, be] = w.be_marks
    m[BE_MARKS_NAME, be] = w.be_marks_name
    m[NOT_BE, be] = -w.not_be
    m[NOT_BE_NAME, be] = -w.not_be_name
    m[KK_DISHARMONY, kk] = -w.kk_disharmony
    return m


def cyrillic_scores(f: np.ndarray, w: Weights = WEIGHTS, one: Weights | None = None) -> np.ndarray:
    """Scores of the CYRILLIC candidates for feature rows `f` (shape (..., N_FEATURES)).

    A text of one Cyrillic word is scored with the weights `one` (WEIGHTS_ONE unless given),
    every longer one with `w`: one word is a question of its own (nothing else to weigh it
    against), and the balance that suits it would cost word pairs dearly.
    """
    one = WEIGHTS_ONE if one is None else one
    if f.ndim == 1:
        return _one_text_scores(f, one if f[COUNT] == 1 else w)
    scores = _batch_scores(f, w)
    single = f[..., COUNT] == 1
    if single.any():
        scores[single] = _batch_scores(f[single], one)
    return scores


def _batch_scores(f: np.ndarray, w: Weights) -> np.ndarray:
    import numpy as np

    scores = f @ weight_matrix(w)
    nb = w.ngram_scale * (f[..., NB] + w.ngram_listed * f[..., NB_LISTED])
    scores[..., 5] += np.maximum(nb[..., 0], nb[..., 1]) - w.borrow_be
    scores[..., 6] += nb[..., 0] - w.borrow_kk
    count = f[..., COUNT]
    one, two = count == 1, count == 2
    scores[..., 0] += np.where(one, w.prior_ru_1, np.where(two, w.prior_ru_2, w.prior_ru))
    scores[..., 1] += np.where(one, w.prior_uk_1, np.where(two, w.prior_uk_2, w.prior_uk))
    return scores


def _one_text_scores(f: np.ndarray, w: Weights) -> np.ndarray:
    """cyrillic_scores for one text, with Python scalars where numpy's per-call cost dominates."""
    scores = f @ weight_matrix(w)
    nb_ru = w.ngram_scale * (f[NB.start] + w.ngram_listed * f[NB_LISTED.start])
    nb_uk = w.ngram_scale * (f[NB.start + 1] + w.ngram_listed * f[NB_LISTED.start + 1])
    scores[5] += max(nb_ru, nb_uk) - w.borrow_be
    scores[6] += nb_ru - w.borrow_kk
    count = f[COUNT]
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
