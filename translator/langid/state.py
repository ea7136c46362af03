"""Everything the language detector loads once and keeps: its module-level caches, in one place.

The n-gram models (translator/langid/ngrams.py), the word-frequency lists
(translator/langid/wordfreq.py), the per-letter and function-word tables built from
translator/langid/alphabets.py, and the bounded memo of word features.  Each is built on first use
(importing stays cheap) and lives for the process; `cache_clear()` on any of them starts again.
No answer depends on what is cached.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from translator.langid.alphabets import ALPHABETS, WORDS
from translator.langid.features import CYRILLIC, N_FEATURES, word_features
from translator.langid.ngrams import (
    WORD_CACHE_SIZE,
    NgramModel,
    build_cyrillic_model,
    build_world_model,
    stored_model,
)
from translator.langid.wordfreq import WordFrequencies

if TYPE_CHECKING:  # numpy is imported where used: `newsbrief --help` must not pay for it
    import numpy as np

# Large lists (ru, uk, mk) are read down to this Zipf value (3 words in 100 million): below it
# they hold mostly typos and foreign words (Belarusian in the Russian list), and reading on
# doubles memory and loading time; on the dev half 1.5 scored as well as 1.0 and better than 2.0.
MIN_ZIPF = 1.5


@lru_cache(maxsize=1)
def cyrillic_model() -> NgramModel:
    """The n-gram model of ru, uk, bg, mk and sr (Cyrillic n-grams only)."""
    return stored_model("cyrillic", build_cyrillic_model)


@lru_cache(maxsize=1)
def world_model() -> NgramModel:
    """The n-gram model of every other profile: loaded only for text that is not Cyrillic."""
    return stored_model("world", build_world_model)


@lru_cache(maxsize=1)
def out_of_alphabet() -> dict[str, tuple[float, ...]]:
    """Per letter some CYRILLIC language does not write: 1 for each language lacking it.

    Letters every candidate writes (most of them) are left out: they cost nothing to look at.
    The apostrophe is counted apart (APOS), with its own weight.
    """
    letters = set().union(*ALPHABETS.values())
    out = {ch: tuple(float(ch not in ALPHABETS[lang]) for lang in CYRILLIC) for ch in letters}
    return {ch: flags for ch, flags in out.items() if any(flags) and ch != "'"}


@lru_cache(maxsize=1)
def word_frequencies() -> WordFrequencies:
    """The ru, uk, bg, mk, sr frequency lists (empty when wordfreq is not installed)."""
    from translator.cache import default_cache_dir

    return WordFrequencies.load(MIN_ZIPF, default_cache_dir())


@lru_cache(maxsize=1)
def word_lists() -> dict[str, tuple[int, ...]]:
    """Function word -> positions in CYRILLIC of the languages whose list has it."""
    out: dict[str, list[int]] = {}
    for i, lang in enumerate(CYRILLIC):
        for w in WORDS[lang]:
            out.setdefault(w, []).append(i)
    return {w: tuple(v) for w, v in out.items()}


class WordMemo:
    """Bounded memo of word_features: a word's evidence never changes, and news repeats words."""

    def __init__(self) -> None:
        self.rows: dict[str, np.ndarray] = {}

    def features(self, tokens: list[str]) -> np.ndarray:
        import numpy as np

        rows = self.rows
        found = []
        for token in tokens:
            row = rows.get(token)
            if row is None:
                row = word_features(
                    token, cyrillic_model(), out_of_alphabet(), word_lists(), word_frequencies()
                )
                if len(rows) >= WORD_CACHE_SIZE:
                    rows.clear()  # bounded; answers never depend on what is cached
                rows[token] = row
            found.append(row)
        return np.add.reduce(found) if found else np.zeros(N_FEATURES)


@lru_cache(maxsize=1)
def word_memo() -> WordMemo:
    """The process's one memo of word features."""
    return WordMemo()


def cyrillic_features(tokens: list[str]) -> np.ndarray:
    """Evidence about the Cyrillic words of a text (as written), summed over the words."""
    return word_memo().features(tokens)
