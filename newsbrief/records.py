"""Plain records that flow between the stages: read → detect → split → translate → summarise →
compare → render.

Every stage takes and returns these dataclasses (or plain lists of them), so each stage can be
tested on its own and renderers never need to know how a result was computed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import Any

# Language detection's records come from the translation layer (which may not import from here);
# re-exported, so every record is still found in this module.
from translator.records import Detection as Detection
from translator.records import ParagraphLanguage as ParagraphLanguage
from translator.records import ParagraphLanguages as ParagraphLanguages


@dataclass
class Document:
    """One input article as read from a file, standard input or a jsonl record."""

    id: str
    text: str
    # Keys of a jsonl record other than `id`/`text`: copied untouched into that record's output.
    extra: dict[str, Any] = field(default_factory=dict)
    # Path on disk when it came from a file (used by batch to mirror the tree).
    path: str | None = None
    # Sentence pairs carried from an upstream `newsbrief translate --format jsonl` record, so a
    # downstream summarize keeps each English sentence's original.
    sentences: list[SentencePair] | None = None


@dataclass
class DocumentError:
    """A document that could not be processed; the run goes on with the others."""

    id: str
    message: str
    kind: str = "error"  # unreadable, encoding, binary, empty, too-large, language, model, ...
    extra: dict[str, Any] = field(default_factory=dict)
    path: str | None = None


@dataclass(slots=True)
class SentencePair:
    """A source sentence and its English rendering, in document order.

    Slotted (72 bytes, not about 170): a 5 MB text of one-word lines holds a million of them.
    """

    source: str
    text: str
    paragraph: int = 0
    language: str = "en"
    # False: `text` is the source sentence as written, because no model translates its language
    # (a Ukrainian headline with only the ru model installed, a Belarusian quote).
    translated: bool = True


@dataclass
class Translation:
    language: str
    text: str
    sentences: list[SentencePair] = field(default_factory=list)


@dataclass
class KeyPoint:
    rank: int  # 1 = most important
    position: int  # 0-based index of the sentence in the document
    score: float
    text: str  # English (or the source language: see Article.text_language, `translated`)
    original: str  # as written in the source
    translated: bool = True  # False: `text` is `original`, left in `language` (no model)
    language: str = "en"  # the language of `original`


@dataclass
class Summary:
    algorithm: str
    key_points: list[KeyPoint] = field(default_factory=list)


@dataclass
class Article:
    """Everything known about one document after the stages that ran."""

    id: str
    language: str
    detection: Detection | None = None
    translation: Translation | None = None
    summary: Summary | None = None
    title: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    path: str | None = None
    # The language of the output `text` fields: "en", or the article's own language when it was
    # summarised without translation (--no-translate).
    text_language: str = "en"
    # Things the user should know about this article that did not fail it (a paragraph left
    # untranslated for want of a model); the CLI prints them on stderr.
    warnings: list[str] = field(default_factory=list)


@dataclass
class PointMember:
    source: str  # article id
    position: int
    text: str
    original: str
    # False for a sentence of that source's text that is not among its own key points: the
    # source does report the point, it just did not rank it in its top N.
    key_point: bool = True
    # False: `text` is the sentence as written, no model translating its language (as on
    # KeyPoint); `language` is the language it is written in ("": the source's language).
    translated: bool = True
    language: str = ""


@dataclass
class FigureNote:
    """A figure one source gives for a thing on which the point's sources disagree."""

    source: str  # article id
    figure: str  # as written in that source's text: "six diplomatic properties"


@dataclass
class Point:
    members: list[PointMember] = field(default_factory=list)
    # Non-empty when members give different figures for the same thing (newsbrief.grouping.figures):
    # every such figure, with its source, so the reader sees where the accounts disagree.
    differs: list[FigureNote] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        """The sources that report the point, each once, in member order. A source may give it
        in more than one sentence (its key point, and a sentence that says the rest of it)."""
        return list(dict.fromkeys(m.source for m in self.members))

    def figures_of(self, source: str) -> list[str]:
        """The disagreeing figures `source` gives in this point (none: it agrees, or gives none)."""
        return [note.figure for note in self.differs if note.source == source]


@dataclass
class SourceInfo:
    id: str
    language: str
    text_language: str = "en"  # the language of this source's `text` fields
    # What a reader calls the source: a jsonl `outlet`, else the shortest distinct file name.
    label: str = ""
    # Its headline (a jsonl `title`, else the first line that looks like one), when known.
    title: str | None = None
    # The language of `title` ("": unknown, e.g. a jsonl `title`).
    title_language: str = ""


@dataclass
class Comparison:
    sources: list[SourceInfo] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    # What the reader should know that changed no point: an input left out as a repeat of an
    # earlier one (`newsbrief.grouping.distinct`); the CLI prints these on stderr.
    notes: list[str] = field(default_factory=list)


def paragraphs_of(text: str) -> list[tuple[int, str]]:
    """Paragraphs are the non-empty lines of a document, numbered from 0.

    News text arrives one paragraph a line (headline, dateline, body paragraphs); a blank line is
    only a separator. Returns (line number in `text`, stripped paragraph) so a translation can be
    put back at the same place and the document's layout kept.
    """
    return list(iter_paragraphs(text))


def iter_paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """`paragraphs_of`, one at a time and without a list of every line: a 5 MB text of one-word
    lines would otherwise hold a million line strings and tuples (about 150 MB) at once."""
    start, line_no, end_of_text = 0, 0, len(text)
    while start <= end_of_text:
        end = text.find("\n", start)
        if end < 0:
            end = end_of_text
        stripped = text[start:end].strip()
        if stripped:
            yield line_no, stripped
        line_no += 1
        start = end + 1


def article_to_dict(article: Article) -> dict[str, Any]:
    """The article as plain nested dicts and lists (what the batch manifest stores as JSON)."""
    det = article.detection
    if det is not None and not isinstance(det.paragraphs, list):
        # asdict copies whole a sequence it does not know (ParagraphLanguages): records first.
        article = replace(article, detection=replace(det, paragraphs=list(det.paragraphs)))
    return asdict(article)


def article_from_dict(data: dict[str, Any]) -> Article:
    """Inverse of `article_to_dict` (records are plain nested dataclasses)."""
    detection = None
    if data.get("detection") is not None:
        d = data["detection"]
        detection = Detection(
            language=d["language"],
            confidence=d["confidence"],
            paragraphs=[ParagraphLanguage(**p) for p in d.get("paragraphs", [])],
        )
    translation = None
    if data.get("translation") is not None:
        t = data["translation"]
        translation = Translation(
            language=t["language"],
            text=t["text"],
            sentences=[SentencePair(**s) for s in t.get("sentences", [])],
        )
    summary = None
    if data.get("summary") is not None:
        s = data["summary"]
        summary = Summary(
            algorithm=s["algorithm"], key_points=[KeyPoint(**k) for k in s.get("key_points", [])]
        )
    return Article(
        id=data["id"],
        language=data["language"],
        detection=detection,
        translation=translation,
        summary=summary,
        title=data.get("title"),
        extra=data.get("extra") or {},
        path=data.get("path"),
        text_language=data.get("text_language") or "en",
        warnings=list(data.get("warnings") or []),
    )
