"""A document in flight between the pipeline's stages (`Work`), and its compact containers: its
paragraphs' sentences in flat arrays, and its sentence pairs made on demand.

A 5 MB text of one-word lines has a million paragraphs; a tuple and a list per paragraph would
cost about 170 bytes each, and a SentencePair per sentence held at once more still. These keep a
paragraph at four machine words and make pairs only when they are read.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from newsbrief.records import Detection, Document, DocumentError, SentencePair

__all__ = ["PackedPairs", "PairView", "Paragraphs", "SentencesFrom", "Work", "fail"]


class Paragraphs:
    """Each paragraph's line number, language and sentences, in flat arrays and lists.

    A tuple and a list per paragraph cost about 170 bytes; a 5 MB text of one-word lines has a
    million paragraphs. Here a paragraph costs four machine words besides its sentences, and
    repeated strings (languages, identical lines) are shared objects.
    """

    __slots__ = ("line_nos", "langs", "starts", "sentences")

    def __init__(self) -> None:
        self.line_nos = array("q")
        self.langs: list[str] = []
        self.starts = array("q", [0])  # paragraph i's sentences: sentences[starts[i]:starts[i+1]]
        self.sentences: list[str] = []

    def append(self, line_no: int, lang: str, sentences: list[str]) -> None:
        self.line_nos.append(line_no)
        self.langs.append(lang)
        self.sentences.extend(sentences)
        self.starts.append(len(self.sentences))

    def __len__(self) -> int:
        return len(self.langs)

    def sentences_of(self, index: int) -> list[str]:
        return self.sentences[self.starts[index] : self.starts[index + 1]]

    def __iter__(self) -> Iterator[tuple[int, str, list[str]]]:
        for index in range(len(self.langs)):
            yield self.line_nos[index], self.langs[index], self.sentences_of(index)


class _View(Sequence):
    """A read-only sequence whose items are made when read: indexing and slicing as a list's,
    each item from `_item` (a valid, non-negative index)."""

    __slots__ = ()

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._item(index)

    def _item(self, index: int):  # noqa: ANN202
        raise NotImplementedError


class SentencesFrom(_View):
    """Paragraphs `start`… of `Paragraphs` as a read-only sequence of sentence lists, made one
    at a time (looks_like_headline reads the first few)."""

    def __init__(self, paragraphs: Paragraphs, start: int) -> None:
        self.paragraphs = paragraphs
        self.start = start

    def __len__(self) -> int:
        return max(0, len(self.paragraphs) - self.start)

    def _item(self, index: int) -> list[str]:
        return self.paragraphs.sentences_of(self.start + index)


class PairView(_View):
    """The sentence pairs of a document, made on demand from its paragraphs and the translation
    table: iterating makes each pair in turn, indexing finds its paragraph by bisection."""

    def __init__(
        self,
        paragraphs: Paragraphs,
        untranslated: dict[int, str],
        translated: dict[str, dict[str, str]],
        translated_mode: bool,
    ) -> None:
        self.paragraphs = paragraphs
        self.untranslated = untranslated
        self.translated = translated
        self.translated_mode = translated_mode

    def __len__(self) -> int:
        return len(self.paragraphs.sentences)

    def _pairs_of(self, index: int) -> Iterator[SentencePair]:
        paragraphs = self.paragraphs
        lang = paragraphs.langs[index]
        table = self.translated.get(lang, {})
        kept = self.untranslated.get(index) if self.translated_mode else None
        for sentence in paragraphs.sentences_of(index):
            if kept is not None:
                yield SentencePair(sentence, sentence, index, kept, translated=False)
            else:
                yield SentencePair(sentence, table.get(sentence, sentence), index, lang)

    def __iter__(self) -> Iterator[SentencePair]:
        for index in range(len(self.paragraphs)):
            yield from self._pairs_of(index)

    def _item(self, position: int) -> SentencePair:
        starts = self.paragraphs.starts
        index = bisect_right(starts, position) - 1
        return list(self._pairs_of(index))[position - starts[index]]


class PackedPairs(_View):
    """Sentence pairs kept in flat lists and arrays, each SentencePair made when it is read.

    `compare` holds every article until all are summarised: a 5 MB text's million pairs were
    about 110 bytes each as objects (the pair, its list slot, its paragraph number), and about
    35 here. Read-only: a pair read is a new object.
    """

    __slots__ = ("sources", "texts", "paragraphs", "languages", "translated")

    def __init__(self, pairs: Iterable[SentencePair]) -> None:
        self.sources: list[str] = []
        self.texts: list[str] = []
        self.paragraphs = array("q")
        self.languages: list[str] = []
        self.translated = bytearray()
        for pair in pairs:
            self.sources.append(pair.source)
            self.texts.append(pair.text)
            self.paragraphs.append(pair.paragraph)
            self.languages.append(pair.language)
            self.translated.append(pair.translated)

    def __len__(self) -> int:
        return len(self.sources)

    def _item(self, index: int) -> SentencePair:
        return SentencePair(
            self.sources[index], self.texts[index], self.paragraphs[index],
            self.languages[index], bool(self.translated[index]),
        )

    def __iter__(self) -> Iterator[SentencePair]:
        for index in range(len(self.sources)):
            yield self[index]


@dataclass
class Work:
    """A document in flight between stages."""

    doc: Document
    detection: Detection
    paragraphs: Paragraphs = field(default_factory=Paragraphs)
    pairs: Sequence[SentencePair] | None = None  # a list, or PackedPairs for compare
    error: DocumentError | None = None
    # Paragraph index -> list marker removed before splitting.
    markers: dict[int, str] = field(default_factory=dict)
    # Letters per paragraph and the paragraphs that are page furniture (credits, bylines,
    # appeals; 1 per paragraph that is): what decides whether a missing model is a minor loss or
    # the article's end.
    weights: array = field(default_factory=lambda: array("q"))
    boilerplate: bytearray = field(default_factory=bytearray)
    # Paragraph index -> language, for paragraphs kept as written: no model for their language.
    untranslated: dict[int, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Whether the first paragraph is a headline, once known.
    has_title: bool | None = None
    # The pairs the pipeline decided, made on demand until it stores them in `pairs`.
    pending: PairView | None = None


def fail(doc: Document, kind: str, message: str) -> DocumentError:
    """The error that fails `doc`, carrying its extra keys and path."""
    return DocumentError(id=doc.id, message=message, kind=kind, extra=doc.extra, path=doc.path)
