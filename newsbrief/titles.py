"""Names a reader can use for an article: its real headline, and a short label per source.

A scraped page often opens with page furniture ("Support The Moscow Times!", "By Our Diplomatic
Correspondent") before its headline, and a path such as `/home/me/news/2025/04/000_9b13….txt`
fills a table header with folders every source shares. So:

- `display_title`: a jsonl record's own `title`, else the headline the rule in
  `summarizer.headlines` finds after any page furniture; None when the article opens with its
  lead instead.
- `source_labels`: a jsonl record's `outlet` when present, else the shortest distinct name of
  each id (the file name without its folders, without its extension when that still tells the
  sources apart).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import groupby, islice

from newsbrief.records import Article

# A headline is looked for among the first this many paragraphs only: a page opens with a few
# lines of furniture (appeals, bylines, dates), and a text that is furniture for longer shows no
# headline. Unbounded, a 5 MB file of "Ok." lines (a million furniture lines) was read whole
# each time a title was asked for (three times in `compare`), about a minute and 80 MB a time.
MAX_HEAD_PARAGRAPHS = 64


def display_title(article: Article) -> str | None:
    """The article's headline in English (see the module docstring), or None."""
    given = article.extra.get("title")
    if isinstance(given, str) and given.strip():
        return " ".join(given.split())
    # Paragraphs as (English, original): a Russian byline whose translation no English pattern
    # knows is still furniture. Only the paragraphs up to the first that is not, and the one
    # after it, are made: a 5 MB text may be a million paragraphs.
    from summarizer.boilerplate import is_boilerplate
    from summarizer.headlines import headline_after_furniture

    furniture = lru_cache(maxsize=4096)(is_boilerplate)  # a repeated line is judged once
    head: list[tuple[str, str]] = []
    first = None  # index of the first paragraph that is not furniture
    for english, original in islice(_paragraphs(article), MAX_HEAD_PARAGRAPHS):
        head.append((english, original))
        if first is None and not (furniture(english) or furniture(original)):
            first = len(head) - 1
        elif first is not None:
            break
    if first is None:  # all furniture: no headline, and no second pass over every paragraph
        return None
    return headline_after_furniture(head)


def _paragraphs(article: Article) -> Iterator[tuple[str, str]]:
    """(English, as written) of each paragraph, in order, one at a time."""
    if article.translation is not None and article.translation.sentences:
        for _, group in groupby(article.translation.sentences, key=lambda pair: pair.paragraph):
            pairs = list(group)
            yield " ".join(p.text for p in pairs), " ".join(p.source for p in pairs)
    elif article.title:
        yield article.title, article.title


def title_language(article: Article) -> str:
    """The language `display_title` is in: "" when unknown (a jsonl `title`, or no title);
    else that of the headline paragraph's text (a headline kept untranslated for want of a
    model is Ukrainian, not English)."""
    title = display_title(article)
    given = article.extra.get("title")
    if title is None or (isinstance(given, str) and given.strip()):
        return ""
    from newsbrief.render.languages import text_language

    # Paragraph by paragraph, up to the headline's (a 5 MB text's paragraphs are never held).
    sentences = article.translation.sentences if article.translation is not None else []
    for _, group in groupby(sentences, key=lambda pair: pair.paragraph):
        pairs = list(group)
        if " ".join(" ".join(p.text for p in pairs).split()) == title:
            langs = {text_language(p, article.text_language) for p in pairs}
            return langs.pop() if len(langs) == 1 else article.text_language
    return article.text_language


def path_tails(ids: Sequence[str]) -> list[str]:
    """The shortest trailing path parts that tell the ids apart ("a/b/x.txt" -> "x.txt")."""
    parts = [i.replace("\\", "/").rstrip("/").split("/") for i in ids]
    for depth in range(1, max((len(p) for p in parts), default=1) + 1):
        labels = ["/".join(p[-depth:]) for p in parts]
        if len(set(labels)) == len(labels):
            return labels
    return list(ids)


# A hash or long number a crawler appends to a file name ("000_9b13bd906208b730").
_HASH_SUFFIX = re.compile(r"[_.-](?=[0-9a-f]*\d)[0-9a-f]{8,}$", re.IGNORECASE)


def short_names(ids: Sequence[str]) -> list[str]:
    """Shortest distinct names of the ids: file names, then without extension and without a
    hash suffix, each step kept only where the names stay distinct."""
    names = path_tails(ids)
    for shorten in (
        lambda t: os.path.splitext(t)[0] if "/" not in t else t,
        lambda t: _HASH_SUFFIX.sub("", t),
    ):
        shorter = [shorten(t) for t in names]
        if all(shorter) and len(set(shorter)) == len(shorter):
            names = shorter
    return names


def source_labels(articles: Sequence[Article]) -> list[str]:
    """A short label per article, distinct among them (see the module docstring)."""
    names = short_names([a.id for a in articles])
    outlets = []
    for a in articles:
        outlet = a.extra.get("outlet")
        outlets.append(" ".join(outlet.split()) if isinstance(outlet, str) else "")
    labels = []
    for name, outlet in zip(names, outlets, strict=True):
        if not outlet:
            labels.append(name)
        elif outlets.count(outlet) > 1:
            labels.append(f"{outlet} ({name})")  # two reports by one outlet
        else:
            labels.append(outlet)
    if len(set(labels)) < len(labels):  # an outlet named like another source's file
        labels = [
            lab if lab == name else f"{lab} ({name})"
            for lab, name in zip(labels, names, strict=True)
        ]
    return labels
