"""Records the translation layer hands upward: what language a text and its paragraphs are in.

They live here, not in `newsbrief.records`, because `translator/` imports nothing from
`newsbrief/` (data flows one way); `newsbrief.records` re-exports them, so every stage still
finds all records in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field


# slots: a 5 MB text of one-word lines has a million paragraphs; without a __dict__ each record
# is 56 bytes instead of about 150.
@dataclass(slots=True)
class ParagraphLanguage:
    index: int
    language: str  # ISO 639-1 code, or "und"
    confidence: float


@dataclass
class Detection:
    language: str
    confidence: float
    paragraphs: list[ParagraphLanguage] = field(default_factory=list)
