"""Each input once: the same file given twice is one outlet, not two.

`compare` counts outlets. An article given twice ("a.txt a.txt", or a glob that overlaps a
name) would be two sources with one id: every point it reports read as "only in" it, the
other outlets' ones too. So a repeat is left out, and the caller is told. Two names with one
text are kept (two sites may carry one wire story word for word), but the caller is told that
too: if they are one file copied, each point of it counts one outlet too many.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence

from newsbrief.records import Article


def _fingerprint(article: Article) -> str | None:
    """A digest of the article's sentences (its text as compared), or None when it has none."""
    if article.translation is not None:
        texts = [pair.text for pair in article.translation.sentences]
    elif article.summary is not None:
        texts = [point.text for point in article.summary.key_points]
    else:
        return None
    if not any(t.strip() for t in texts):
        return None
    digest = hashlib.blake2b(digest_size=16)
    for text in texts:
        digest.update(" ".join(text.split()).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _input(article: Article) -> str:
    """What names the input: a whole file by where it is ("a.txt" and "./a.txt" are one), a
    record of an archive (or standard input) by its id."""
    if article.path and article.id == article.path and os.path.isfile(article.path):
        return "file:" + os.path.realpath(article.path)
    return "id:" + article.id


def distinct(articles: Sequence[Article]) -> tuple[list[Article], list[str]]:
    """(the articles each once, in input order; a note per repeat). An article whose id an
    earlier one has is left out; one whose text an earlier one has is kept, and noted."""
    kept: list[Article] = []
    notes: list[str] = []
    seen: set[str] = set()  # each input: its file (however its path is spelt), else its id
    by_text: dict[str, str] = {}
    for article in articles:
        name = _input(article)
        if name in seen:
            notes.append(f"{article.id}: given twice; compared once")
            continue
        mark = _fingerprint(article)
        if mark is not None and mark in by_text:
            notes.append(
                f"{article.id}: the same text as {by_text[mark]}; each is counted as an outlet"
            )
        elif mark is not None:
            by_text[mark] = article.id
        seen.add(name)
        kept.append(article)
    return kept, notes
