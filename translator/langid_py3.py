"""A second character-n-gram opinion per word, from py3langid's bundled naive-Bayes model.

Why: langdetect has no Belarusian, Serbian or Kazakh profile, and wordfreq has no Belarusian or
Kazakh list, so those two languages were judged by alphabet alone. py3langid (BSD-3-Clause,
a maintained fork of langid.py) ships a model trained on all of ru, uk, be, bg, mk, sr, kk inside
its wheel: offline, no download. Its byte n-grams (1-4) also know words' endings better than
langdetect's 1-3 letter profiles.

The model is asked about one word at a time (padded with spaces, so word edges count), so the
detector can memoise a word's evidence and sum it over a text, as it does for everything else.
Scores are log-likelihoods restricted to the asked languages, shifted so the best is 0: only the
differences between languages mean anything. Without py3langid installed there is no opinion
(None), and the detector runs on its other evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class WordModel:
    """py3langid restricted to `languages`; `scores(word)` in that order."""

    languages: tuple[str, ...]
    identifier: Any  # py3langid.langid.LanguageIdentifier

    @classmethod
    def load(cls, languages: tuple[str, ...]) -> WordModel | None:
        """The model, or None when py3langid (or one of the languages) is unavailable."""
        import numpy as np

        try:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier
        except ImportError:
            return None
        try:
            identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
            identifier.set_languages(list(languages))
            # float16 as shipped; numpy multiplies float32 many times faster
            identifier.nb_ptc = np.ascontiguousarray(identifier.nb_ptc, dtype=np.float32)
        except (OSError, ValueError):
            return None
        return cls(languages, identifier)

    def scores(self, word: str) -> tuple[float, ...]:
        """Per-language log-likelihood of the lower-case word, relative to the best (so <= 0)."""
        ranked = dict(self.identifier.rank(f" {word} "))
        values = [float(ranked.get(lang, 0.0)) for lang in self.languages]
        top = max(values)
        return tuple(v - top for v in values)
