"""A point's members as the reader gets them: each sentence with how it was written.

Grouping works on sentence indices; a member carries the sentence's text and original, whether
it was translated and from what, whether it is its source's key point, and, where it opens with
a pronoun, the name it stands for in brackets (as a key point brings it).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.grouping.sources import Offered
from newsbrief.records import Article, PointMember


class Referents:
    """The name a member that opens with a pronoun stands for ("He called on the army…" from
    an outlet's text, read without the sentence before it), or whose a bare quotation is:
    `summarizer.referents`, as a key point brings it. English text only; each article's words
    are counted once, when needed."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles = articles
        self.read: dict[int, tuple[list[str], object]] = {}

    def __call__(self, source: int, position: int, text: str) -> str | None:
        # Imported here, on first use: imported with this package, the summariser's splitting
        # modules came in before the text was read, and a 5 MB compare's peak went from 441 to
        # 489 MB (measured 2026-12-07, `compare` of 1.2 million "Ok." lines; the modules are
        # the same size either way, so it is where they land among the text's objects).
        from summarizer.names import Lexicon
        from summarizer.news import opening_pronoun
        from summarizer.quotes import is_whole_quote
        from summarizer.referents import resolve as resolve_pronoun

        article = self.articles[source]
        if article.text_language != "en" or article.translation is None:
            return None
        if text.startswith("[") or (opening_pronoun(text) is None and not is_whole_quote(text)):
            return None  # a key point brings its own; a sentence that names its own needs none
        if source not in self.read:
            sentences = [p.text for p in article.translation.sentences]
            self.read[source] = (sentences, Lexicon(sentences))
        sentences, lexicon = self.read[source]
        if not (0 <= position < len(sentences)) or sentences[position] != text:
            return None
        found = resolve_pronoun(sentences, position, lexicon)
        return found if isinstance(found, str) else None


def _as_written(article: Article, position: int, text: str) -> tuple[bool, str]:
    """(translated, language) of the article's sentence at `position` with this `text`."""
    pairs = article.translation.sentences if article.translation is not None else []
    if 0 <= position < len(pairs) and pairs[position].text == text:
        return pairs[position].translated, pairs[position].language
    for kp in article.summary.key_points if article.summary is not None else []:
        if kp.position == position and kp.text == text:
            return kp.translated, kp.language
    return True, ""


def point_members(
    group: Sequence[tuple[int, int]],
    articles: Sequence[Article],
    per_source: Sequence[Offered],
    gained: set[tuple[int, int]],
    named: Referents,
) -> list[PointMember]:
    """The members of one point (`group`: (source, sentence index) pairs); a key point that
    the point `gained` from another point counts as said in the text there, not as a key point."""
    members = []
    for s, i in group:
        src = per_source[s]
        translated, language = _as_written(articles[s], src.positions[i], src.texts[i])
        name = named(s, src.positions[i], src.texts[i])
        members.append(
            PointMember(
                source=articles[s].id,
                position=src.positions[i],
                text=f"[{name}] {src.texts[i]}" if name else src.texts[i],
                # The referent is English: the original takes it only where it is that
                # sentence (an English article), as a key point's does.
                original=(
                    f"[{name}] {src.originals[i]}"
                    if name and src.originals[i] == src.texts[i]
                    else src.originals[i]
                ),
                key_point=i in src.key and (s, i) not in gained,
                translated=translated,
                language=language,
            )
        )
    return members
