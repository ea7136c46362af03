"""Word frequencies of the Cyrillic look-alike languages, from the `wordfreq` package's lists.

Why: one or two words rarely carry a tell-tale letter, but how often each language writes a word
separates them well: "который" is frequent Russian and absent from Ukrainian, "який" the reverse,
"също" is Bulgarian, "што" Macedonian or Serbian. wordfreq ships these lists inside its wheel
(Apache-2.0 code, CC BY-SA data: no download, works offline): large lists (down to Zipf 1, one
occurrence per hundred million words) for Russian, Ukrainian and Macedonian, small ones (down to
Zipf 3) for Bulgarian and Serbo-Croatian. The Serbo-Croatian list is written in Latin letters; it
is transliterated into Serbian Cyrillic (Gaj's and Karadžić's alphabets map letter to letter).
Belarusian and Kazakh have no list; the detector judges them by alphabet and function words.

Only Cyrillic words are kept, and from the large lists only words down to `min_zipf`, to bound
memory and loading time (about a second, paid once, on the first text that needs the lists).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# Languages with a list, in the order of the returned tuples.
LISTED: tuple[str, ...] = ("ru", "uk", "bg", "mk", "sr")
# (wordfreq list name, wordfreq language code) per listed language.
_SOURCES: dict[str, tuple[str, str]] = {
    "ru": ("large", "ru"),
    "uk": ("large", "uk"),
    "bg": ("small", "bg"),
    "mk": ("large", "mk"),
    "sr": ("small", "sh"),
}
# Zipf values are stored as small integers (Zipf x SCALE) in one bytes object per word.
SCALE = 20
_NOTHING = (0,) * len(LISTED)

# Serbo-Croatian Latin -> Serbian Cyrillic; digraphs first.
_LATIN_TO_SERBIAN = (
    ("dž", "џ"), ("lj", "љ"), ("nj", "њ"), ("a", "а"), ("b", "б"), ("c", "ц"), ("č", "ч"),
    ("ć", "ћ"), ("d", "д"), ("đ", "ђ"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"),
    ("i", "и"), ("j", "ј"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"),
    ("p", "п"), ("r", "р"), ("s", "с"), ("š", "ш"), ("t", "т"), ("u", "у"), ("v", "в"),
    ("z", "з"), ("ž", "ж"),
)
_SERBIAN_LATIN = frozenset("abcčćdđefghijklmnoprsštuvzž")


def latin_to_serbian(word: str) -> str | None:
    """A Serbo-Croatian Latin word in Serbian Cyrillic; None if it has letters Serbian lacks."""
    if not word or not set(word) <= _SERBIAN_LATIN:
        return None
    for latin, cyr in _LATIN_TO_SERBIAN:
        word = word.replace(latin, cyr)
    return word


def _read_buckets(path: str, min_value: int) -> Iterator[tuple[int, list[str]]]:
    """(Zipf x SCALE, words) for each non-empty frequency bucket of a wordfreq "cBpack" file.

    The file is a gzipped msgpack array: a header, then one list of words per centibel of
    frequency, most frequent first (wordfreq.read_cBpack documents the format). Reading it as a
    stream stops at the first bucket under `min_value`: the rare tail is most of the file, and
    decoding it would cost most of the loading time. One bucket at a time is held in memory.
    """
    import gzip

    import msgpack  # a dependency of wordfreq

    with gzip.open(path, "rb") as stream:
        unpacker = msgpack.Unpacker(stream, raw=False)
        count = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB":
            raise ValueError(f"{path}: not a wordfreq frequency list")
        for centibels in range(count - 1):
            value = round((9.0 - centibels / 100.0) * SCALE)
            if value < min_value:
                break
            words = unpacker.unpack()
            if words:
                yield value, words


@dataclass
class WordFrequencies:
    """Zipf frequency of a lower-case Cyrillic word in each LISTED language (0 where unlisted).

    About a million words are listed. As Python strings in dicts they took ~160 MB for the whole
    run, a third of the memory budget of a translation run; here each word is only its hash
    (this process's `hash(str)`, stable within the process that built the table) in one sorted
    int64 array, with its values in a uint8 matrix: ~13 MB. A 64-bit hash collision between two
    of a million words is vanishingly unlikely and would only blur one word's evidence.
    """

    min_zipf: float = 1.0
    keys: Any = None  # numpy int64 array, sorted, unique
    values: Any = None  # numpy uint8 array, one row per key, one column per LISTED language

    @classmethod
    def load(cls, min_zipf: float = 1.0) -> WordFrequencies:
        """Read wordfreq's lists; no lists (no evidence) when wordfreq is not installed."""
        try:
            import wordfreq
        except ImportError:
            return cls(min_zipf)
        import numpy as np

        available = {name: wordfreq.available_languages(name) for name in ("large", "small")}
        keys, langs, values = [], [], []
        for column, lang in enumerate(LISTED):
            size, code = _SOURCES[lang]
            path = available[size].get(code)
            if path is None:
                continue
            for value, words in _read_buckets(path, round(min_zipf * SCALE)):
                if lang == "sr":
                    words = [w for w in map(latin_to_serbian, words) if w]
                hashes = np.fromiter(map(hash, words), dtype=np.int64, count=len(words))
                keys.append(hashes)
                langs.append(np.full(len(hashes), column, dtype=np.intp))
                values.append(np.full(len(hashes), value, dtype=np.uint8))
        if not keys:
            return cls(min_zipf)
        unique, rows = np.unique(np.concatenate(keys), return_inverse=True)
        table = np.zeros((len(unique), len(LISTED)), dtype=np.uint8)
        # A word listed twice for one language (Serbian after transliteration) keeps the higher.
        np.maximum.at(table, (rows, np.concatenate(langs)), np.concatenate(values))
        return cls(min_zipf, unique, table)

    def __bool__(self) -> bool:
        return self.keys is not None and len(self.keys) > 0

    def zipf(self, word: str) -> tuple[int, ...]:
        """Zipf x SCALE per LISTED language (0 where the language does not list the word)."""
        if not self:
            return _NOTHING
        key = hash(word)
        row = int(self.keys.searchsorted(key))
        if row < len(self.keys) and self.keys[row] == key:
            return tuple(self.values[row].tolist())
        return _NOTHING
