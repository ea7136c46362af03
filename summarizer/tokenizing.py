"""A word and sentence tokenizer with the interface sumy's summarizers expect, fully offline.

sumy's own `Tokenizer` needs NLTK's punkt data (a download) and splits Ukrainian with a bare
regex.  sumy only ever calls `to_sentences(paragraph)` and `to_words(sentence)` on the object it
is given, so this class provides exactly those, backed by newsbrief's splitter and a regex word
tokenizer that keeps the words sumy would keep (letters, with inner apostrophes and hyphens).
"""

from __future__ import annotations

import re

from summarizer.splitting import split_sentences

# Letters, optionally joined by an apostrophe or hyphen ("don't", "Ростов-на-Дону", "п'ять").
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
# Runs of letters or digits: how long a sentence is, for the key-point length rules.
_TOKEN = re.compile(r"[^\W_]+")
# English possessive and contracted endings carry no topic ("Putin's" → "Putin").
_EN_CLITIC = re.compile(r"['’ʼ](?:s|re|ve|ll|d|m|t)$", re.IGNORECASE)


def count_words(sentence: str) -> int:
    """Words and numbers in a sentence ("4%" and "2026" count): its length for ranking."""
    return len(_TOKEN.findall(sentence))


class Tokenizer:
    """sumy-compatible tokenizer for an ISO 639-1 language code ("en", "ru", "uk", ...)."""

    def __init__(self, language: str = "en") -> None:
        self._language = (language or "en").lower()[:2]

    @property
    def language(self) -> str:
        return self._language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph, self._language))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        words = _WORD.findall(sentence)
        if self._language == "en":
            words = [_EN_CLITIC.sub("", w) for w in words]
        return tuple(w for w in words if w)
