"""How alike two English sentences are in meaning, offline and deterministically.

Cross-source comparison must see that "Hanna is expected to reach Mexico on Sunday morning" and
"The arrival of Hanna in Mexico is expected on Sunday morning" state the same thing, while two
sentences about different events that share a few common words do not. No embedding model is
available offline, so the score blends three lexical signals that each cover a weakness of the
others:

- content-word overlap: stems of non-function words, with hand-written synonym groups folded to
  one form, weighted by IDF so rare names and numbers count more than "said" or "people";
- character n-grams of those words (TF-IDF cosine): catches spelling and transliteration variants
  (Sergey/Sergei, Zelensky/Zelenskyy) and morphology the stemmer misses;
- numbers: sentences quoting different figures are unlikely to be the same statement.

IDF is learnt from the sentences being compared (plus any extra context sentences given), so it
adapts to the story at hand: the name every outlet repeats carries less weight than a detail.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Function words: they carry no claim of their own. Written for this module (not a copied list).
STOPWORDS = frozenset(
    """
    a an the and or but nor so yet if then than that this these those there here where when while
    which who whom whose what why how of in on at by for from to into onto upon with without within
    about above below over under after before during since until till between among through across
    against toward towards around near via per as is are was were be been being am do does did done
    doing have has had having will would shall should can could may might must ought not no nt
    i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
    itself himself herself themselves ourselves myself yourself one ones also too very just only
    even still already again ever never always often some any all each every both either neither
    other another such same own more most much many few less least several quite rather really
    well now soon later earlier yet ago s t d ll m re ve amp like according whether because
    although though however therefore thus hence meanwhile moreover furthermore besides
    approximately roughly nearly almost around about some up down out off away back
    """.split()
)

# Synonym groups: every word in a group is read as the group's first word. Kept to news
# vocabulary where two translators commonly pick different words for one source word.
_SYNONYM_GROUPS = [
    "say said says saying tell told tells stated stating report reported reports "
    "announce announced announces declare declared note noted explain explained add added "
    "claim claimed remark remarked comment commented stress stressed emphasize emphasized "
    "emphasise emphasised underline underlined pointed indicate indicated",
    "rain rains rainfall downpour downpours precipitation shower showers",
    "warning warnings alert alerts alarm alarms",
    "government governments authorities authority administration officials",
    "people persons residents inhabitants citizens population public",
    "begin began begun beginning start started starting starts launch launched commence",
    "end ended ending finish finished conclude concluded completion",
    "big large huge major massive vast great significant substantial",
    "small little minor tiny",
    "increase increased increases rise rose risen rising grow grew grown growth climb climbed "
    "surge surged jump jumped boost boosted raise raised",
    "decrease decreased decreases fall fell fallen falling drop dropped decline declined reduce "
    "reduced reduction cut cuts slump slumped",
    "kill killed die died dead death deaths deadly fatalities",
    "injure injured injuries injury wound wounded hurt",
    "buy bought purchase purchased acquire acquired acquisition",
    "help helped helping aid assistance assist assisted support supported",
    "meeting meetings talks negotiations summit consultations",
    "agreement agreements deal deals accord treaty pact",
    "propose proposed proposal proposals suggest suggested suggestion offer offered",
    "restore restored restoration resume resumed resumption renew renewed reinstate "
    "reinstated revive revived",
    "return returned returning",
    "property properties assets compounds premises estate",
    "flight flights air aviation airline airlines",
    "relation relations ties relationship",
    "barrier barriers obstacle obstacles impediment impediments hurdle hurdles irritant irritants",
    "usa u.s. us.a america american americans washington",
    "russia russian russians moscow kremlin",
    "ukraine ukrainian ukrainians kyiv kiev",
    "trial court courts hearing",
    "attack attacked attacks strike strikes struck assault",
    "try tried attempt attempted",
    "need needed necessary required require requires must",
    "expect expected expects anticipate anticipated forecast forecasts predicted",
    "leader head chief",
    "soldier soldiers troops military army servicemen",
    "money funds funding financing",
    "law laws legislation bill",
    "ban banned prohibit prohibited prohibition forbid forbidden",
    "detain detained arrest arrested custody",
    "vaccination vaccinations vaccine vaccines jab jabs inoculation immunization",
    "doctor doctors physician physicians",
    "car cars vehicle vehicles automobile",
    "child children kid kids",
    "company companies firm firms corporation business",
    "country countries nation nations",
    "city cities town towns",
    "message statement",
    "fair just justified",
    "amazing wonderful remarkable excellent great",
    "complaint appeal",
]

_NUMBER_WORDS = {
    "zero": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
}

_TOKEN = re.compile(r"U\.S\.(?:A\.)?|\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


@lru_cache(maxsize=1)
def _stemmer():
    # Imported lazily: the Snowball stemmer ships inside nltk's code (no data download) and nltk
    # is already installed as sumy's dependency, but importing it costs ~0.4 s.
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    stem = _stem
    table: dict[str, str] = {}
    for group in _SYNONYM_GROUPS:
        words = group.split()
        head = words[0]
        # Exact forms only, plus the head's stem: adding every word's stem would let "stated"
        # (stem "state") pull "states" into the wrong group.
        for word in words:
            table.setdefault(word, head)
        table.setdefault(stem(head), head)
    return table


def _normalise_number(token: str) -> str:
    # "10,000" and "10000" are one figure; "2.5" keeps its point.
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
        return token.replace(",", "")
    return token.replace(",", ".")


@lru_cache(maxsize=65536)
def content_terms(sentence: str) -> tuple[str, ...]:
    """The sentence's content words as canonical stems, numbers as digits, in order."""
    stem = _stem
    synonyms = _synonyms()
    terms: list[str] = []
    for raw in _TOKEN.findall(sentence.replace("’", "'")):
        if raw[0].isdigit():
            terms.append(_normalise_number(raw))
            continue
        if raw in ("US", "U.S.", "U.S.A.", "USA"):
            terms.append("usa")
            continue
        word = raw.lower()
        if word.endswith("'s"):
            word = word[:-2]
        ordinal = _ORDINAL.match(word)
        if ordinal:
            terms.append(ordinal.group(1))
            continue
        if word in _NUMBER_WORDS:
            terms.append(_NUMBER_WORDS[word])
            continue
        if word in STOPWORDS or len(word) < 2:
            continue
        canonical = synonyms.get(word) or synonyms.get(stem(word)) or stem(word)
        terms.append(canonical)
    return tuple(terms)


def numbers_in(terms: Iterable[str]) -> frozenset[str]:
    return frozenset(t for t in terms if t[0].isdigit())


@lru_cache(maxsize=65536)
def _word_ngrams(word: str, sizes: tuple[int, ...] = (3, 4, 5)) -> tuple[str, ...]:
    padded = f"<{word}>"
    return tuple(padded[i : i + n] for n in sizes for i in range(len(padded) - n + 1))


def _char_ngrams(words: Sequence[str]) -> Counter[str]:
    grams: Counter[str] = Counter()
    for word in words:
        grams.update(_word_ngrams(word))
    return grams


def _raw_words(sentence: str) -> list[str]:
    # Character n-grams come from the surface words (not stems) so that spelling variants of
    # names still share most of their grams; stopwords are dropped all the same.
    out = []
    for raw in _TOKEN.findall(sentence.replace("’", "'")):
        word = raw.lower()
        if word not in STOPWORDS and (len(word) > 1 or word.isdigit()):
            out.append(word)
    return out


@dataclass(frozen=True)
class Weights:
    """How the signals are blended; the defaults were tuned on half of the paraphrase dev set."""

    word: float = 0.5
    char: float = 0.5
    number_mismatch: float = 0.5  # multiplier when both quote figures and share none


class SentenceSimilarity:
    """Pairwise similarity of sentences, with IDF learnt from a collection of sentences."""

    def __init__(self, collection: Iterable[str], weights: Weights | None = None) -> None:
        self.weights = weights or Weights()
        docs = list(collection)
        self._n = len(docs)
        self._word_df: Counter[str] = Counter()
        self._char_df: Counter[str] = Counter()
        for sentence in docs:
            self._word_df.update(set(content_terms(sentence)))
            self._char_df.update(set(_char_ngrams(_raw_words(sentence))))

    def _idf(self, df: Counter[str], term: str) -> float:
        # Smoothed IDF: a term absent from the collection is as rare as a term seen once.
        return math.log((self._n + 1) / (df.get(term, 0) + 1)) + 1.0

    def _vector(self, counts: Counter[str], df: Counter[str]) -> dict[str, float]:
        vec = {t: (1.0 + math.log(c)) * self._idf(df, t) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}

    def features(self, sentence: str) -> tuple[dict[str, float], dict[str, float], frozenset]:
        terms = content_terms(sentence)
        words = self._vector(Counter(terms), self._word_df)
        chars = self._vector(_char_ngrams(_raw_words(sentence)), self._char_df)
        return words, chars, numbers_in(terms)

    def pairwise(self, sentences: Sequence[str]) -> np.ndarray:
        """Similarity of every sentence to every other, as a symmetric matrix in [0, 1].

        Vectorised (dense term matrices and one product per signal) because a comparison of
        several outlets scores thousands of pairs.
        """
        feats = [self.features(s) for s in sentences]
        w = self.weights
        out = w.word * _gram(f[0] for f in feats) + w.char * _gram(f[1] for f in feats)
        for i, (_, _, ni) in enumerate(feats):
            if not ni:
                continue
            for j, (_, _, nj) in enumerate(feats):
                if nj and not (ni & nj):
                    out[i, j] *= w.number_mismatch
        return out

    def matrix(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        """Similarity of every sentence of `left` to every sentence of `right`."""
        full = self.pairwise(list(left) + list(right))
        return full[: len(left), len(left) :]

    def score(self, a: str, b: str) -> float:
        return float(self.pairwise([a, b])[0, 1])


def _gram(vectors: Iterable[dict[str, float]]) -> np.ndarray:
    """Cosine matrix of unit-length sparse vectors."""
    vectors = list(vectors)
    vocab: dict[str, int] = {}
    for vec in vectors:
        for term in vec:
            vocab.setdefault(term, len(vocab))
    dense = np.zeros((len(vectors), max(len(vocab), 1)))
    for row, vec in enumerate(vectors):
        for term, value in vec.items():
            dense[row, vocab[term]] = value
    # einsum rather than `@`: the matrices are small, and a threaded BLAS call costs far more
    # than the arithmetic on a busy machine (measured 100x slower under load).
    return np.einsum("ij,kj->ik", dense, dense)
