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
memory and loading time. Building the table takes about 0.6 s, which every run that meets
Cyrillic text would pay again; so the built table (two numpy arrays, ~13 MB) is kept in the
user cache folder, keyed by the wordfreq version and the settings, and later runs load it in
milliseconds. A missing, unreadable or unwritable cache only means building it again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
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
LATIN_TO_SERBIAN = (
    ("dž", "џ"), ("lj", "љ"), ("nj", "њ"), ("a", "а"), ("b", "б"), ("c", "ц"), ("č", "ч"),
    ("ć", "ћ"), ("d", "д"), ("đ", "ђ"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"),
    ("i", "и"), ("j", "ј"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"),
    ("p", "п"), ("r", "р"), ("s", "с"), ("š", "ш"), ("t", "т"), ("u", "у"), ("v", "в"),
    ("z", "з"), ("ž", "ж"),
)
_SERBIAN_LATIN = frozenset("abcčćdđefghijklmnoprsštuvzž")
# Bump when the table's layout or hashing changes: old cache files are then ignored.
TABLE_FORMAT = 2


def latin_to_serbian(word: str) -> str | None:
    """A Serbo-Croatian Latin word in Serbian Cyrillic; None if it has letters Serbian lacks."""
    if not word or not set(word) <= _SERBIAN_LATIN:
        return None
    for latin, cyr in LATIN_TO_SERBIAN:
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


def word_key(word: str) -> int:
    """A 64-bit hash of the word (BLAKE2b, little-endian, signed int64).

    Unlike Python's `hash(str)` it is the same in every process, so a table built once can be
    stored and reused; hashlib does it in C, which keeps looking up a new word cheap.
    """
    digest = hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def word_keys(words: list[str]) -> Any:
    """`word_key` of every word (numpy int64 array)."""
    import numpy as np

    return np.fromiter(map(word_key, words), dtype=np.int64, count=len(words))


# A stored table of an older build that no run has read for this long is removed (see store_arrays).
STALE_AFTER_S = 30 * 24 * 3600


def store_arrays(path: Path, **arrays: Any) -> None:
    """Keep numpy arrays in an .npz file, atomically; a failure (read-only home, full disk) only
    means they are built again next time, so it is ignored.

    `path` is named "<kind>-<digest>.npz", the digest standing for what the arrays were built
    from. Copies of the same kind under another digest come from another version (an upgrade, or
    a second installation sharing the cache folder): those that no run has read for
    STALE_AFTER_S are removed, so upgrades do not pile up 10-30 MB each, while two installations
    in use do not delete each other's copies (reading one marks it used: `mark_used`).
    """
    import io
    import time

    import numpy as np

    from translator.atomic_files import atomic_write

    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    try:
        atomic_write(path, buffer.getvalue())
    except OSError:
        return
    kind = path.stem.rsplit("-", 1)[0]
    cutoff = time.time() - STALE_AFTER_S
    for old in path.parent.glob(f"{kind}-*{path.suffix}"):
        try:
            if (old != path and old.stem.rsplit("-", 1)[0] == kind
                    and old.stat().st_mtime < cutoff):
                old.unlink()
        except OSError:
            pass


def mark_used(path: Path) -> None:
    """Record that a stored table was read just now, so store_arrays keeps it."""
    try:
        os.utime(path)
    except OSError:
        pass


@dataclass
class WordFrequencies:
    """Zipf frequency of a lower-case Cyrillic word in each LISTED language (0 where unlisted).

    About a million words are listed. As Python strings in dicts they took ~160 MB for the whole
    run, a third of the memory budget of a translation run; here each word is only its 64-bit
    `word_key` in one sorted int64 array, with its values in a uint8 matrix: ~13 MB. A hash
    collision between two of a million words is vanishingly unlikely and would only blur one
    word's evidence.
    """

    min_zipf: float = 1.0
    keys: Any = None  # numpy int64 array, sorted, unique
    values: Any = None  # numpy uint8 array, one row per key, one column per LISTED language

    @classmethod
    def load(cls, min_zipf: float = 1.0, cache_dir: Path | None = None) -> WordFrequencies:
        """The table from `cache_dir` when built there before, else built and stored there."""
        from importlib import metadata

        try:  # the version only: importing wordfreq itself costs 0.3 s that a stored table saves
            version = metadata.version("wordfreq")
        except metadata.PackageNotFoundError:
            return cls(min_zipf)  # no lists: no evidence
        if cache_dir is None:
            return cls.build(min_zipf)
        key = f"{TABLE_FORMAT}|{version}|{min_zipf}|{SCALE}|{LISTED}"
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
        path = Path(cache_dir) / f"langid-wordfreq-{digest}.npz"
        found = cls._read(path, min_zipf)
        if found is not None:
            return found
        built = cls.build(min_zipf)
        if built:
            built._write(path)
        return built

    @classmethod
    def _read(cls, path: Path, min_zipf: float) -> WordFrequencies | None:
        import numpy as np

        try:
            with np.load(path, allow_pickle=False) as data:
                keys, values = data["keys"], data["values"]
        except (OSError, ValueError, KeyError):
            return None
        if keys.dtype != np.int64 or values.shape != (len(keys), len(LISTED)):
            return None
        mark_used(path)
        return cls(min_zipf, keys, values)

    def _write(self, path: Path) -> None:
        store_arrays(path, keys=self.keys, values=self.values)

    @classmethod
    def build(cls, min_zipf: float = 1.0) -> WordFrequencies:
        """Read wordfreq's lists (about 0.6 s)."""
        import numpy as np
        import wordfreq

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
                hashes = word_keys(words)
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
        key = word_key(word)
        row = int(self.keys.searchsorted(key))
        if row < len(self.keys) and self.keys[row] == key:
            return tuple(self.values[row].tolist())
        return _NOTHING
