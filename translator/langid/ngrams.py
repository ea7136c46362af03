"""The detector's n-gram models: langdetect's profiles read into log-probability tables.

A model is a table of log-probabilities, one row per 1-3 letter n-gram and one column per
language; a text's score is the sum of its n-grams' rows.  Two models are built: the Cyrillic one
(ru, uk, bg, mk from langdetect's profiles, and sr from its Croatian profile written in Cyrillic)
and the world one (every other profile).  Building reads dozens of JSON profiles, so a built table
is stored in the user cache folder (`stored_model`) and later runs load it in milliseconds.
Loading once per process is translator/langid/state.py's job.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from translator.langid.alphabets import is_cyrillic
from translator.langid.wordfreq import LATIN_TO_SERBIAN, mark_used, store_arrays

if TYPE_CHECKING:  # numpy is imported where used: `newsbrief --help` must not pay for it
    import numpy as np

WORD_CACHE_SIZE = 200_000


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
class NgramModel:
    """Log-probabilities of n-grams for a fixed tuple of languages (one column each)."""

    languages: tuple[str, ...]
    index: dict[str, int]
    table: np.ndarray  # shape (n-grams, languages)
    word_rows: dict[str, tuple[int, ...]] = field(default_factory=dict)  # memo of _rows_of

    @classmethod
    def build(cls, profiles: dict[str, tuple[dict[str, float], list[float]]]) -> NgramModel:
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
                if len(cache) >= WORD_CACHE_SIZE:
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


# Bump when NgramModel's tables or how they are built change: stored copies are then ignored.
MODEL_FORMAT = 2


def stored_model(name: str, build: Callable[[], NgramModel]) -> NgramModel:
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
    key = f"{MODEL_FORMAT}|{name}|{version}|{Path(langdetect.__file__).resolve().parent}"
    path = default_cache_dir() / (
        f"langid-{name}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}.npz"
    )
    try:
        with np.load(path, allow_pickle=False) as data:
            languages, grams, table = data["languages"], data["grams"], data["table"]
        if table.shape == (len(grams), len(languages)):
            index = {g: i for i, g in enumerate(grams.tolist())}
            mark_used(path)
            return NgramModel(tuple(languages.tolist()), index, table)
    except (OSError, ValueError, KeyError):
        pass
    model = build()
    grams_out = np.array(sorted(model.index, key=model.index.__getitem__), dtype=str)
    store_arrays(path, languages=np.array(model.languages, dtype=str), grams=grams_out,
                 table=model.table)
    return model


def build_cyrillic_model() -> NgramModel:
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
        kept = {g: c for g, c in counts.items() if is_cyrillic(g) and not _has_latin(g)}
        totals = [sum(c for g, c in kept.items() if len(g) == n) for n in (1, 2, 3)]
        cyrillic[code] = (kept, totals)
    return NgramModel.build(cyrillic)


def _has_latin(text: str) -> bool:
    return any("a" <= ch <= "z" or "à" <= ch <= "ž" for ch in text)


def build_world_model() -> NgramModel:
    skip = {"ru", "uk", "bg", "mk"}
    codes = sorted(p.name for p in _profile_dir().iterdir() if p.name not in skip)
    return NgramModel.build({code: _read_profile(code) for code in codes})
