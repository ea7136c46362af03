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
3. Alphabets (alphabets.py): every letter a language does not write costs that language a
   fixed penalty, so і+ы reads as Belarusian/Kazakh, ў as Belarusian, ј/љ/њ as Serbian/Macedonian.
4. Frequent function words written per language add positive evidence.
5. Word frequencies (translator.langid.wordfreq, from the wordfreq package's lists for ru, uk, bg,
   mk, sr): each word adds its Zipf frequency in every language that lists it and a fixed low
   value where a language does not. This is what separates one- and two-word inputs. Belarusian
   and Kazakh have no list: a word counts for them at a fixed value, so a Cyrillic word unknown
   to all five lists leans to them. For listed words the n-grams count only a little.
6. Russian and Ukrainian carry priors by text length (one word, two, more), so the balance
   between "ru/uk" and "a look-alike" is set separately for very short inputs; a text of one
   Cyrillic word is scored with weights of its own (WEIGHTS_ONE), since a lone word shared by
   several languages ("на", "да") is best given to the one that writes it most often. Spellings
   a language never uses count against it (Belarusian: two о's in a word, a soft т/д; Kazakh:
   back and front vowels in one word).
7. Latin and other scripts: the same naive-Bayes sum over langdetect's other profiles, with a prior
   for English (the one Latin-script language the project passes through).

The confidence is a softmax of the scores, spread wider for one and two words (calibrated on the
dev half: a lone "на" says it could be several languages). In an article (`detect_paragraphs`) a
short paragraph, or a longer one whose confidence is weak, takes its neighbours' language unless
its own evidence is plain; its confidence stays its own, so a routed line still says it was vague.

All of a word's evidence is computed once and memoised (bounded), so a sentence costs a few
dictionary hits and one small matrix product. The weights are tuned on the dev half of FLORES by
benchmarks/tune_langid.py. Profiles and lists are loaded lazily, once, into cached objects, so
importing this module is cheap.

Where each part lives, in this package: ngrams.py (the n-gram models, built from langdetect's
profiles and stored), features.py (a Cyrillic word's evidence, step 2-5), scoring.py (the tuned
weights and priors, step 6), state.py (all that is loaded once: the module-level caches),
wordfreq.py (the frequency lists) and alphabets.py (alphabets, function words). This module
reads words, picks the script, recognises English prose and routes paragraphs: `detect_text`,
`detect_paragraphs`.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from translator.langid.alphabets import ALPHABETS, WORDS, is_cyrillic
from translator.langid.features import CYRILLIC, N_FEATURES  # noqa: F401 - for tune_langid
from translator.langid.scoring import (  # noqa: F401 - for tune_langid
    WEIGHTS,
    WEIGHTS_ONE,
    Weights,
    cyrillic_scores,
)
from translator.langid.state import cyrillic_features, world_model
from translator.languages import language_name as language_name
from translator.records import Detection, ParagraphLanguages

if TYPE_CHECKING:  # numpy is imported where used: `newsbrief --help` must not pay for it
    import numpy as np

SUPPORTED: tuple[str, ...] = ("ru", "uk", "en")
EN_PRIOR = 10.0  # Latin-script tie-breaker towards English
ASCII_EN_PRIOR = 15.0  # more of it when no word has a diacritic
SHORT_LATIN_WORDS = 3  # up to this many plain-ASCII words: English (the only Latin we route)
CONFIDENCE_TEMPERATURE = 2.0
# The confidence of one or two Cyrillic words is spread wider: with 2.0 a single word claimed 77%
# on average and was right 71% of the time.  These temperatures minimise the log-loss of the
# true language on the FLORES dev half (benchmarks/tune_langid.py prints the fit): on it a word
# then claims 67% (right 71%), a pair 83% (right 89%).  From three words on the fit's choices
# differ by a thousandth of a nat, and CONFIDENCE_TEMPERATURE stands.
SHORT_TEMPERATURE = {1: 4.0, 2: 4.0}
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
# A paragraph with fewer letters than this is "short": it is routed with its neighbours.
SHORT_PARAGRAPH_LETTERS = 25
# A longer paragraph whose own evidence is this weak is routed with its neighbours too, when
# their language can write it (a caption or a quotation of a few words that fits either).
WEAK_CONFIDENCE = 0.75
# A short paragraph whose own evidence is at least this strong keeps its own language.
STRONG_CONFIDENCE = 0.99
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def _score_cyrillic(words: list[str]) -> np.ndarray:
    return cyrillic_scores(cyrillic_features(words))


def _score_world(words: list[str]) -> tuple[tuple[str, ...], np.ndarray]:
    model = world_model()
    words = [w.lower() for w in words]
    scores = model.score(words).copy()
    en = model.languages.index("en")
    hits = sum(1 for w in words if w in WORDS["en"])
    # Plain ASCII (no diacritics at all) is far likelier English than German, Czech or French.
    ascii_bonus = ASCII_EN_PRIOR if all(w.isascii() for w in words) else 0.0
    scores[en] += EN_PRIOR + ascii_bonus + WEIGHTS.word_main * hits
    return model.languages, scores


_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_KANA = re.compile("[\u3041-\u30ff]")


def _words(text: str) -> list[str]:
    """Words as written (case kept: a capital marks a name, which word lists may not know)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _WORD.findall(text.translate(_APOSTROPHES))


def _softmax_confidence(
    scores: np.ndarray, best: int, temperature: float = CONFIDENCE_TEMPERATURE
) -> float:
    import numpy as np

    z = (scores - scores[best]) / temperature
    return float(1.0 / np.exp(z).sum())


def cyrillic_words(text: str) -> list[str] | None:
    """The Cyrillic words of a text that the Cyrillic model judges; None when it does not.

    A text is judged as Cyrillic when at least half its words are; the rest go to the Latin and
    other-script model (benchmarks/tune_langid.py uses this split too).
    """
    words = _words(text)
    cyrillic = [w for w in words if is_cyrillic(w)]
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
    temperature = CONFIDENCE_TEMPERATURE
    if cyrillic is not None:
        languages, scores = CYRILLIC, _score_cyrillic(cyrillic)
        temperature = SHORT_TEMPERATURE.get(len(cyrillic), temperature)
    else:
        latin = [w for w in _words(text) if not is_cyrillic(w)]
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
            if float(scores.max() - scores.min()) <= 1e-9:
                return "und", 0.0  # letters no language's profile knows: no evidence at all
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
    return languages[best], round(_softmax_confidence(scores, best, temperature), 4)


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
    using its own letters only to choose between those; so does a longer one whose own
    confidence is under WEAK_CONFIDENCE (a list of names that fits either).  A short one keeps
    its own language when its evidence is plain (confidence STRONG_CONFIDENCE or more, or
    letters no candidate writes).  A routed paragraph reports its own confidence in the language
    chosen for it, which for a vague line is low.

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
        count = len(paragraphs)
        return Detection("und", 0.0, ParagraphLanguages(["und"] * count, [0.0] * count))
    doc_lang = max(sorted(weight), key=lambda k: weight[k])
    doc_conf = round(weight[doc_lang] / sum(weight.values()), 4)

    result = ParagraphLanguages()
    for i, text in enumerate(paragraphs):
        lang, conf, size = langs[i], confs[i], sizes[i]
        weak = conf < WEAK_CONFIDENCE and lang != doc_lang and _can_write(text, doc_lang)
        if (size >= SHORT_PARAGRAPH_LETTERS and not weak) or not long_idx:
            result.append(lang if size else doc_lang, conf)
            continue
        # The nearest long paragraphs before and after (a weak long one is not its own).
        k = bisect_left(long_idx, i)
        prev = langs[long_idx[k - 1]] if k > 0 else None
        k += k < len(long_idx) and long_idx[k] == i
        nxt = langs[long_idx[k]] if k < len(long_idx) else None
        candidates = [c for c in (doc_lang, nxt, prev) if c and c != "und"]
        if conf >= STRONG_CONFIDENCE:
            chosen = lang  # its own evidence is plain: "Гэта наша зямля" is Belarusian anywhere
        elif lang in candidates or size == 0:
            chosen = lang if size else doc_lang
        elif (lang in SUPPORTED or conf >= WEAK_CONFIDENCE) and not any(
            _can_write(text, c) for c in candidates
        ):
            # Letters no candidate writes: "Київ" in a Russian article stays uk, and so does
            # "Живела Србија" stay sr when it is sure of itself.
            chosen = lang
        else:
            chosen = _best_of(text, candidates)
        if chosen != lang:
            conf = _own_confidence(text, chosen, doc_conf)
        result.append(chosen, conf)
    return Detection(doc_lang, doc_conf, result)


def _own_confidence(text: str, lang: str, fallback: float) -> float:
    """How sure the text's own words are of `lang`, which its context chose for it.

    Honest about a line routed by its article: "Ми" in a Russian article is sent to Russian, but
    its confidence says that on its own it could as well be Ukrainian.  A text without Cyrillic
    words (a dateline of digits) says nothing of its own: it takes `fallback`, the article's.
    """
    cyrillic = cyrillic_words(text)
    if cyrillic is None or lang not in CYRILLIC:
        return fallback
    scores = _score_cyrillic(cyrillic)
    temperature = SHORT_TEMPERATURE.get(len(cyrillic), CONFIDENCE_TEMPERATURE)
    return round(_softmax_confidence(scores, CYRILLIC.index(lang), temperature), 4)


def _can_write(text: str, lang: str) -> bool:
    """Whether `lang`'s alphabet has every letter of `text` (non-Cyrillic: no Cyrillic letters)."""
    letters = {ch for ch in text.lower().translate(_APOSTROPHES) if ch.isalpha() or ch == "'"}
    if lang in ALPHABETS:
        return letters <= ALPHABETS[lang]
    return not any(is_cyrillic(ch) for ch in letters)


def _best_of(text: str, candidates: list[str]) -> str:
    """The candidate language this text's own letters favour most (first one on a tie)."""
    words = _words(text)
    cyrillic = [w for w in words if is_cyrillic(w)]
    if not cyrillic:
        return candidates[0]
    scores = _score_cyrillic(cyrillic)
    ranked = [c for c in candidates if c in CYRILLIC]
    if not ranked:
        return candidates[0]
    return max(ranked, key=lambda c: (scores[CYRILLIC.index(c)], -candidates.index(c)))
