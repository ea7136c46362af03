"""Records the translation layer hands upward: what language a text and its paragraphs are in.

They live here, not in `newsbrief.records`, because `translator/` imports nothing from
`newsbrief/` (data flows one way); `newsbrief.records` re-exports them, so every stage still
finds all records in one place.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field


# slots: a 5 MB text of one-word lines has a million paragraphs; without a __dict__ each record
# is 56 bytes instead of about 150.
@dataclass(slots=True)
class ParagraphLanguage:
    index: int
    language: str  # ISO 639-1 code, or "und"
    confidence: float


class ParagraphLanguages(Sequence[ParagraphLanguage]):
    """Each paragraph's language, paragraph i at position i, in two flat columns; a record is
    made when it is read. A million records alive at once were 90 MB of a 5 MB text's peak
    (one-word lines); the columns are 16 bytes a paragraph, their strings shared."""

    __slots__ = ("languages", "confidences")

    def __init__(self, languages: Iterable[str] = (), confidences: Iterable[float] = ()) -> None:
        self.languages = list(languages)
        self.confidences = array("d", confidences)
        if len(self.languages) != len(self.confidences):
            raise ValueError(
                f"{len(self.languages)} languages for {len(self.confidences)} confidences"
            )

    def append(self, language: str, confidence: float) -> None:
        self.languages.append(language)
        self.confidences.append(confidence)

    def __len__(self) -> int:
        return len(self.languages)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        language = self.languages[index]  # IndexError out of range, either way round
        if index < 0:
            index += len(self)
        return ParagraphLanguage(index, language, self.confidences[index])

    def __iter__(self) -> Iterator[ParagraphLanguage]:
        for index, language in enumerate(self.languages):
            yield ParagraphLanguage(index, language, self.confidences[index])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ParagraphLanguages({list(self)!r})"


@dataclass
class Detection:
    language: str
    confidence: float
    # ParagraphLanguages as detected; a plain list where records come from elsewhere (JSON).
    paragraphs: Sequence[ParagraphLanguage] = field(default_factory=list)
