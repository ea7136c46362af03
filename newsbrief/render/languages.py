"""Which language a rendered sentence is really in, and how the renderers say so.

A key point's `text` is English only when it was translated: a paragraph kept as written for want
of a model (`translated=False`) is still Ukrainian or Belarusian, and with `--no-translate` every
`text` is in the article's own language (`Article.text_language`). A renderer that called all of
it "English", or tagged it `lang="en"`, would mislabel it to the reader and to a screen reader or
a browser's translate button. Every renderer asks here instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice, pairwise
from typing import TYPE_CHECKING, Protocol

from translator.languages import UNDETERMINED, language_name

if TYPE_CHECKING:
    from newsbrief.records import Article


class Sentence(Protocol):
    """KeyPoint, SentencePair and PointMember all have these."""

    translated: bool
    language: str  # the language of the sentence as written


def text_language(item: Sentence, document_text_language: str) -> str:
    """The language `item.text` is written in.

    Translated text is English. Otherwise (kept as written, or nothing translated at all) it is
    the language the sentence was written in, which in a document summarised without
    translation may differ from the document's own (an English byline in a Russian article);
    where detection could not tell, the document's text language stands.
    """
    if item.translated and document_text_language == "en":
        return "en"
    if item.language and item.language != UNDETERMINED:
        return item.language
    return document_text_language


def original_language(item: Sentence, document_language: str) -> str:
    """The language of `item.original` (shown only where it differs from the text): its own,
    else the document's.

    An original that differs from its text was translated, so it is not English: "en" there is
    a record built without a language (the field's default), and the document's is the answer.
    """
    if item.language and item.language not in (UNDETERMINED, "en"):
        return item.language
    return document_language


def note(item: Sentence, document_text_language: str) -> str:
    """A short label for a sentence whose text is not in its document's text language, else "".

    "Ukrainian, untranslated" for a paragraph kept as written because no model translates it;
    "English" for an English line in a Russian article summarised without translation.
    """
    return label(text_language(item, document_text_language), document_text_language)


def label(lang: str, document_text_language: str) -> str:
    """`note`'s label for text in `lang` within a document whose text is in
    `document_text_language`: "" when they agree or `lang` is unknown ("")."""
    if not lang or lang == document_text_language:
        return ""
    name = language_name(lang)
    # "untranslated" only where the rest was translated: with --no-translate nothing is.
    return f"{name}, untranslated" if document_text_language == "en" else name


def column_name(document_text_language: str) -> str:
    """What a column of `text` fields is headed: "English", "Russian", …"""
    return language_name(document_text_language)


def paragraph_languages(article: Article, count: int) -> list[str]:
    """The language of each of the `count` paragraphs of the translated text.

    Each non-empty line of `Translation.text` is one paragraph, in order; a paragraph is in the
    language its sentences are in (English, unless kept as written), the document's text
    language when its sentences disagree or the layout does not line up.
    """
    tr = article.translation
    sentences = tr.sentences if tr is not None else []
    mixed = article.text_language  # a paragraph whose sentences disagree
    # One language per paragraph, not a set: a 5 MB text of one-word lines has a million. The
    # sentences come in paragraph order (then a list suffices), else a dict sorts them.
    if all(a.paragraph <= b.paragraph for a, b in pairwise(sentences)):
        langs: list[str] = []
        last = None
        for pair in sentences:
            lang = text_language(pair, mixed)
            if pair.paragraph != last:
                langs.append(lang)
                last = pair.paragraph
            elif langs[-1] != lang:
                langs[-1] = mixed
    else:
        by_par: dict[int, str] = {}
        for pair in sentences:
            lang = text_language(pair, mixed)
            if by_par.setdefault(pair.paragraph, lang) != lang:
                by_par[pair.paragraph] = mixed
        langs = [by_par[index] for index in sorted(by_par)]
    if len(langs) != count:
        return [article.text_language] * count
    return langs


def paragraph_note(article: Article, lang: str) -> str:
    """The note for a paragraph of the translated text in `lang` (see `note`), "" when it is in
    the document's text language."""
    if lang == article.text_language:
        return ""
    untranslated = ", untranslated" if article.text_language == "en" else ""
    return language_name(lang) + untranslated


def nonblank_lines(text: str) -> Iterator[str]:
    """The non-blank lines of `text`, one at a time (a million one-word lines are no list)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        line = text[start:end]
        if line.strip():
            yield line
        start = end + 1


def joined(sep: str, items: Iterable[str]) -> str:
    """sep.join(items), joined a batch at a time: never a list of every item."""
    items = iter(items)
    batches = []
    while batch := list(islice(items, 4096)):
        batches.append(sep.join(batch))
    return sep.join(batches)
