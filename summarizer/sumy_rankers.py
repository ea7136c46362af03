"""Running sumy's own summarizer classes on newsbrief's sentences and reading back every rating.

sumy's summarizers take a document model and a sentence count and return only the chosen
sentences.  newsbrief needs a score for every sentence (to rank the bullets and to combine
rankers), so the count passed in is a callable: sumy hands it all sentences sorted by rating
(`SentenceInfo(sentence, order, rating)`) before cutting, and the callable records them.

The document model is built from newsbrief's sentences (never re-split) with newsbrief's
tokenizer, stemmer and stop words.  sumy's `Sentence` compares by text, so two identical
sentences would share one rating; `_PositionedSentence` also compares by position.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from summarizer.algorithms import SUMY_ALGORITHMS
from summarizer.stemming import get_stemmer
from summarizer.stopwords import stop_words
from summarizer.tokenizing import Tokenizer

# Words that mark a sentence as less summary-worthy for Edmundson's cue method (it requires a
# non-empty list); boilerplate itself is filtered out before ranking.
_STIGMA = (
    "subscribe newsletter advertisement click share photo reportedly allegedly perhaps maybe "
    "подписаться реклама фото якобы возможно підписатися реклама фото нібито можливо"
).split()


def _classes() -> dict[str, Any]:
    # Imported lazily: sumy pulls in NLTK, requests and pycountry (about a second).
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    class _OrderedLsa(LsaSummarizer):  # type: ignore[misc]
        """sumy's LSA numbers its words in set order, which changes with PYTHONHASHSEED, and the
        SVD of the reordered matrix then picks differently in about 6% of BBC articles from one
        run to the next; sorted words make every run pick the same."""

        def _create_dictionary(self, document: Any) -> dict[str, int]:
            words = map(self.normalize_word, document.words)
            unique = {self.stem_word(w) for w in words if w not in self._stop_words}
            return {w: i for i, w in enumerate(sorted(unique))}

    return {
        "lexrank": LexRankSummarizer,
        "lsa": _OrderedLsa,
        "luhn": LuhnSummarizer,
        "textrank": TextRankSummarizer,
        "edmundson": EdmundsonSummarizer,
        "kl": KLSummarizer,
        "sumbasic": SumBasicSummarizer,
        "reduction": ReductionSummarizer,
    }


def build_document(sentences: Sequence[str], tokenizer: Tokenizer, title: str | None = None) -> Any:
    """A sumy document model: one paragraph, the title (if any) as its heading."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    class _PositionedSentence(Sentence):
        __slots__ = ("_position",)

        def __init__(self, text: str, position: int) -> None:
            super().__init__(text, tokenizer, is_heading=position < 0)
            self._position = position

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Sentence) and hash(self) == hash(other)

        def __hash__(self) -> int:
            return hash((self._position, self._text))

    items = [_PositionedSentence(title, -1)] if title and title.strip() else []
    items += [_PositionedSentence(text, i) for i, text in enumerate(sentences)]
    return ObjectDocumentModel([Paragraph(items)])


class _Recorder:
    """Passed to sumy as the sentence count: keeps every (order, rating) and cuts nothing."""

    def __init__(self) -> None:
        self.ratings: dict[int, float] = {}

    def __call__(self, infos: Sequence[Any]) -> Sequence[Any]:
        for info in infos:
            value = float(info.rating)
            self.ratings[info.order] = value if math.isfinite(value) else 0.0
        return infos


def _configure(name: str, summarizer: Any, language: str, words: frozenset[str]) -> None:
    if name == "edmundson":
        summarizer.null_words = sorted(words) or ["the"]
        summarizer.stigma_words = _STIGMA
        return
    summarizer.stop_words = words


def sumy_scores(
    algorithm: str,
    sentences: Sequence[str],
    language: str = "en",
    title: str | None = None,
    bonus_words: Sequence[str] = (),
) -> list[float]:
    """One rating per sentence from sumy's `algorithm` class (higher is better).

    Degenerate inputs sumy cannot rate (no content words at all) fall back to document order,
    so a caller always gets a usable ranking.
    """
    if algorithm not in SUMY_ALGORITHMS:
        raise ValueError(f"unknown sumy algorithm {algorithm!r}")
    if not sentences:
        return []
    tokenizer = Tokenizer(language)
    stemmer: Callable[[str], str] = get_stemmer(language)
    document = build_document(sentences, tokenizer, title)
    summarizer = _classes()[algorithm](stemmer)
    words = stop_words(language)
    _configure(algorithm, summarizer, language, words)
    if algorithm == "edmundson":
        # Cue words: the title's and the document's most frequent content words.
        summarizer.bonus_words = list(bonus_words) or ["news"]
    recorder = _Recorder()
    import numpy

    try:
        # LexRank divides by a zero norm on sentences with no shared words and LSA warns about
        # short texts; both still give usable (finite or zeroed) ratings.
        with warnings.catch_warnings(), numpy.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            summarizer(document, recorder)
    except (ZeroDivisionError, ValueError, IndexError):
        recorder.ratings = {}
    if len(recorder.ratings) != len(sentences):
        return [float(len(sentences) - i) for i in range(len(sentences))]
    return [recorder.ratings[i] for i in range(len(sentences))]
