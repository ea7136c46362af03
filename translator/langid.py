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
4. Frequent function words written per language add positive evidence; Russian and Ukrainian carry
   a small prior, so a one-word input without evidence goes to a supported language.
5. Latin and other scripts: the same naive-Bayes sum over langdetect's other profiles, with a prior
   for English (the one Latin-script language the project passes through).

The profiles are loaded lazily, once, into a cached object, so importing this module is cheap.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsbrief.records import Detection, ParagraphLanguage
from translator.alphabets import ALPHABETS, LANGUAGE_NAMES, WORDS

if TYPE_CHECKING:  # numpy is imported where used: `newsbrief --help` must not pay for it
    import numpy as np

SUPPORTED: tuple[str, ...] = ("ru", "uk", "en")

# Cyrillic candidates; the first five have n-gram columns, be and kk borrow one.
CYRILLIC: tuple[str, ...] = ("ru", "uk", "bg", "mk", "sr", "be", "kk")
_PROFILED = 5

# Weights of the evidence, tuned on the first half of the FLORES devtest lines (see
# benchmarks/bench_langid.py, which reports the other half as held-out).
@dataclass(frozen=True)
class Weights:
    letter_penalty: float = 20.0  # per letter outside a language's alphabet
    apostrophe_penalty: float = 9.0  # per word-internal apostrophe where the language writes none
    borrow_be: float = 0.0  # Belarusian score = best of ru/uk n-gram scores - this
    borrow_kk: float = 2.0  # Kazakh score = Russian n-gram score - this
    word_main: float = 6.0  # per ru/uk function word
    word_other: float = 10.0  # per function word of a look-alike language
    dictionary: float = 6.0  # per word found in the ru (uk) morphological dictionary
    exclusive: float = 4.0  # more per word only one of the two dictionaries knows
    unknown_word: float = 14.0  # ru and uk pay this per lower-case word neither dictionary knows
    ngram_scale: float = 1.0  # weight of the n-gram log-likelihood against the rest
    prior_ru: float = 0.0
    prior_uk: float = 1.0


WEIGHTS = Weights()
EN_PRIOR = 10.0  # Latin-script tie-breaker towards English
ASCII_EN_PRIOR = 15.0  # more of it when no word has a diacritic
SHORT_LATIN_WORDS = 3  # up to this many plain-ASCII words: English (the only Latin we route)
DICTIONARY_WORDS = 5  # look up at most this many words of a text in the dictionaries
CAREFUL_WORDS = 3  # texts this short also check that a lower-case word is not only a name
CONFIDENCE_TEMPERATURE = 2.0

_WORD_CACHE_SIZE = 200_000

# A paragraph with fewer letters than this is "short": it is routed with its neighbours.
SHORT_PARAGRAPH_LETTERS = 25

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_SERBIAN_FROM_LATIN = (
    ("dž", "џ"), ("lj", "љ"), ("nj", "њ"), ("a", "а"), ("b", "б"), ("c", "ц"), ("č", "ч"),
    ("ć", "ћ"), ("d", "д"), ("đ", "ђ"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"),
    ("i", "и"), ("j", "ј"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"),
    ("p", "п"), ("r", "р"), ("s", "с"), ("š", "ш"), ("t", "т"), ("u", "у"), ("v", "в"),
    ("z", "з"), ("ž", "ж"),
)


def language_name(code: str) -> str:
    """English name of a language code ("be" → "Belarusian"); the code itself when unknown."""
    return LANGUAGE_NAMES.get(code, code)


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
    for latin, cyr in _SERBIAN_FROM_LATIN:
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
        table = np.empty((len(grams), len(languages)), dtype=np.float64)
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


@lru_cache(maxsize=1)
def _cyrillic_model() -> _NgramModel:
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
    skip = {"ru", "uk", "bg", "mk"}
    codes = sorted(p.name for p in _profile_dir().iterdir() if p.name not in skip)
    return _NgramModel.build({code: _read_profile(code) for code in codes})


@lru_cache(maxsize=1)
def _out_of_alphabet() -> dict[str, np.ndarray]:
    """Per letter (or apostrophe): 1 for each Cyrillic candidate that does not write it."""
    import numpy as np

    letters = set().union(*ALPHABETS.values())
    return {ch: np.array([ch not in ALPHABETS[lang] for lang in CYRILLIC], float) for ch in letters}


class _Dictionaries:
    """Russian and Ukrainian word-form lists (OpenCorpora / LanguageTool data via pymorphy3).

    Why: a one- or two-word input rarely holds a tell-tale letter, but almost every Russian or
    Ukrainian word form is listed in one language's dictionary and often not in the other's. Both
    lists also hold first names and surnames ("Только", "Мягкий" are Ukrainian surnames), which
    say nothing about the language of a lower-case word; for short texts such readings are
    dropped. When the packages are missing the detector works on n-grams and alphabets alone.
    """

    _NAME_TAGS = ("Name", "Surn", "Patr")

    def __init__(self) -> None:
        self.words: list = []
        self._memo: dict[tuple[str, bool], tuple[float, float]] = {}
        self._tags: list[tuple[list, list[bool]]] = []  # per language: paradigms, tag is a name
        try:
            import dawg_python
            import pymorphy3_dicts_ru
            import pymorphy3_dicts_uk
        except ImportError:
            return
        for pkg in (pymorphy3_dicts_ru, pymorphy3_dicts_uk):
            path = Path(pkg.get_path())
            self.words.append(dawg_python.RecordDAWG(">HH").load(str(path / "words.dawg")))
            tags = json.loads((path / "gramtab-opencorpora-int.json").read_text(encoding="utf-8"))
            is_name = [any(t in tag.replace(" ", ",").split(",") for t in self._NAME_TAGS)
                       for tag in tags]
            self._tags.append((_read_paradigms(path / "paradigms.array"), is_name))
        self._yo = dawg_python.DAWG.compile_replaces({"е": "ё"})

    def _common_word(self, lang: int, word: str) -> bool:
        """Whether some reading of a listed word is not a personal name (slow: short texts only)."""
        paradigms, is_name = self._tags[lang]
        records = self.words[lang].get(word) or [
            r for _, rs in self.words[lang].similar_items(word, self._yo) for r in rs
        ]
        for para_id, idx in records:
            paradigm = paradigms[para_id]
            if not is_name[paradigm[len(paradigm) // 3 + idx]]:
                return True
        return False

    def known(self, word: str, names_count: bool = True) -> tuple[float, float]:
        """(1 if Russian knows the word, 1 if Ukrainian does); (0, 0) without dictionaries."""
        if not self.words:
            return 0.0, 0.0
        key = (word, names_count)
        found = self._memo.get(key)
        if found is None:
            found = self._lookup(word, names_count)
            if len(self._memo) >= _WORD_CACHE_SIZE:
                self._memo.clear()  # bounded; answers never depend on what is cached
            self._memo[key] = found
        return found

    def _lookup(self, word: str, names_count: bool) -> tuple[float, float]:
        ru, uk = self.words
        in_ru = word in ru or ("е" in word and bool(ru.similar_keys(word, self._yo)))
        in_uk = word in uk
        if not names_count:
            in_ru = in_ru and self._common_word(0, word)
            in_uk = in_uk and self._common_word(1, word)
        return float(in_ru), float(in_uk)


def _read_paradigms(path: Path) -> list:
    """pymorphy's paradigms.array: a count, then each paradigm as a length and uint16 values."""
    import array
    import struct

    out = []
    with path.open("rb") as f:
        (count,) = struct.unpack("<H", f.read(2))
        for _ in range(count):
            (length,) = struct.unpack("<H", f.read(2))
            para = array.array("H")
            para.fromfile(f, length)
            out.append(para)
    return out


@lru_cache(maxsize=1)
def _dictionaries() -> _Dictionaries:
    return _Dictionaries()


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, tuple[int, ...]]:
    """Function word -> positions in CYRILLIC of the languages whose list has it."""
    out: dict[str, list[int]] = {}
    for i, lang in enumerate(CYRILLIC):
        for w in WORDS[lang]:
            out.setdefault(w, []).append(i)
    return {w: tuple(v) for w, v in out.items()}


# Layout of the Cyrillic feature vector (see _cyrillic_features / _cyrillic_scores).
_NB, _OOV, _APOS, _HITS, _DICT = slice(0, 5), slice(5, 12), 12, slice(13, 20), slice(20, 22)
_UNKNOWN = 22
_EXCLUSIVE = slice(23, 25)  # words only the ru (uk) dictionary knows
N_FEATURES = 25
# Russian writes ъ only before е ё ю я ("объём"); Bulgarian writes it as a vowel ("във", "път").
_VOWEL_HARD_SIGN = re.compile(r"ъ(?![еёюя])")
_NOT_VOWEL_HARD_SIGN = tuple(float(lang in ("ru", "kk")) for lang in CYRILLIC)


def _cyrillic_features(tokens: list[str]) -> np.ndarray:
    """Evidence about Cyrillic words (as written), before any weighting (one row per text)."""
    import numpy as np

    words = [t.lower() for t in tokens]
    f = np.zeros(N_FEATURES)
    f[_NB] = _cyrillic_model().score(words)
    joined = " ".join(words)
    f[_OOV] += np.array(_NOT_VOWEL_HARD_SIGN) * len(_VOWEL_HARD_SIGN.findall(joined))
    oov = _out_of_alphabet()
    for ch in set(joined):
        flags = oov.get(ch)
        if flags is not None:
            if ch == "'":
                f[_APOS] = joined.count(ch)
            else:
                f[_OOV] += flags * joined.count(ch)
    lists = _word_lists()
    for w in words:
        for i in lists.get(w, ()):
            f[_HITS.start + i] += 1
    dictionaries = _dictionaries()
    careful = len(words) <= CAREFUL_WORDS
    for token, w in zip(tokens[:DICTIONARY_WORDS], words, strict=False):
        in_ru, in_uk = dictionaries.known(w, names_count=not careful or token != w)
        in_ru = in_ru or float(w in WORDS["ru"])  # the lists fill gaps ("вже" is not in uk's)
        in_uk = in_uk or float(w in WORDS["uk"])
        f[_DICT.start] += in_ru
        f[_DICT.start + 1] += in_uk
        f[_EXCLUSIVE.start] += in_ru and not in_uk
        f[_EXCLUSIVE.start + 1] += in_uk and not in_ru
        if dictionaries.words and not (in_ru or in_uk) and token == w:
            f[_UNKNOWN] += 1  # not a name (lower case), yet neither language has the word
    return f


def _cyrillic_scores(f: np.ndarray, w: Weights = WEIGHTS) -> np.ndarray:
    """Scores of the CYRILLIC candidates for feature rows `f` (shape (..., N_FEATURES))."""
    import numpy as np

    nb = w.ngram_scale * f[..., _NB]
    scores = np.concatenate(
        [
            nb,
            np.maximum(nb[..., :1], nb[..., 1:2]) - w.borrow_be,
            nb[..., :1] - w.borrow_kk,
        ],
        axis=-1,
    )
    scores = scores - w.letter_penalty * f[..., _OOV]
    writes_apostrophe = np.array([lang in ("uk", "be") for lang in CYRILLIC])
    scores = scores - w.apostrophe_penalty * f[..., _APOS, None] * ~writes_apostrophe
    hits = f[..., _HITS]
    scores[..., :2] += w.word_main * hits[..., :2]
    scores[..., 2:] += w.word_other * hits[..., 2:]
    unknown = w.unknown_word * f[..., _UNKNOWN]
    known, only = f[..., _DICT], f[..., _EXCLUSIVE]
    scores[..., 0] += w.dictionary * known[..., 0] + w.exclusive * only[..., 0] + w.prior_ru
    scores[..., 1] += w.dictionary * known[..., 1] + w.exclusive * only[..., 1] + w.prior_uk
    scores[..., :2] -= unknown[..., None]
    return scores


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


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _words(text: str) -> list[str]:
    """Words as written (case kept: a capital marks a name, which dictionaries may not know)."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    return _WORD.findall(text)


def _softmax_confidence(scores: np.ndarray, best: int) -> float:
    import numpy as np

    z = (scores - scores[best]) / CONFIDENCE_TEMPERATURE
    return float(1.0 / np.exp(z).sum())


def detect_text(text: str) -> tuple[str, float]:
    """Language code (ISO 639-1, or "und") and confidence 0..1 for one piece of text.

    Same input, same answer: nothing here is random.
    """
    import numpy as np

    words = _words(text)
    if not words:
        return "und", 0.0
    cyrillic = [w for w in words if _is_cyrillic(w)]
    if cyrillic and len(cyrillic) * 2 >= len(words):
        languages, scores = CYRILLIC, _score_cyrillic(cyrillic)
    else:
        latin = [w for w in words if not _is_cyrillic(w)]
        if len(latin) <= SHORT_LATIN_WORDS and all(w.isascii() for w in latin):
            return "en", 0.9  # a short plain-ASCII phrase: English is what this tool expects
        languages, scores = _score_world(latin)
    best = int(np.argmax(scores))
    return languages[best], round(_softmax_confidence(scores, best), 4)


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def detect_paragraphs(paragraphs: list[str]) -> Detection:
    """Per-paragraph languages plus the document language (weighted by letters).

    A short paragraph (a name, a dateline such as "3 февраля, 09:55", a byline) says too little to
    be judged alone, so it takes the language of its nearest long neighbours or of the document,
    using its own letters only to choose between those.
    """
    own = [detect_text(p) for p in paragraphs]
    sizes = [_letters(p) for p in paragraphs]
    long_idx = [i for i, n in enumerate(sizes) if n >= SHORT_PARAGRAPH_LETTERS]

    # Document language: letter-weighted vote of the long paragraphs (all of them if none is long).
    voters = long_idx or [i for i, n in enumerate(sizes) if n > 0]
    weight: dict[str, float] = {}
    for i in voters:
        lang, conf = own[i]
        if lang != "und":
            weight[lang] = weight.get(lang, 0.0) + sizes[i] * max(conf, 0.05)
    if not weight:
        return Detection(
            "und", 0.0, [ParagraphLanguage(i, "und", 0.0) for i in range(len(paragraphs))]
        )
    doc_lang = max(sorted(weight), key=lambda k: weight[k])
    doc_conf = round(weight[doc_lang] / sum(weight.values()), 4)

    result = []
    for i, text in enumerate(paragraphs):
        lang, conf = own[i]
        if sizes[i] >= SHORT_PARAGRAPH_LETTERS or not long_idx:
            result.append(ParagraphLanguage(i, lang if sizes[i] else doc_lang, conf))
            continue
        prev = next((own[j][0] for j in reversed(long_idx) if j < i), None)
        nxt = next((own[j][0] for j in long_idx if j > i), None)
        candidates = [c for c in (doc_lang, nxt, prev) if c and c != "und"]
        if lang in candidates or sizes[i] == 0:
            chosen = lang if sizes[i] else doc_lang
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
