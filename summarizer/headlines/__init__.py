"""Headlines, in one home: is the first paragraph of a text its headline, or already its lead?
(Where a headline glued to its lead ends, for the splitter: glued.py.)

A headline steers the ranking (the title signal) and is shown as the article's title, but is not
itself a key point.  Text arrives both ways: a page or a file with its headline line, and jsonl
`text` fields, pasted paragraphs and feeds that start straight with the lead.  Taking a lead for a
headline loses the most important sentence of the article (measured on the BBC set: ROUGE-2 of
the default fell from 0.711 to 0.655 without the headline line, benchmarks/bench_summarize.py),
so the first paragraph counts as a headline only where it looks like one:
- it is a single sentence of at most `MAX_CHARS` characters and `MAX_WORDS` words;
- it does not end with a full stop (headlines end bare, or with "?" / "!"; a lead ends with "."),
  ignoring closing quotes and brackets;
- it is not page furniture that a pattern names (a byline, a dateline, "Support The Moscow
  Times!"); short capitalised lines are kept ("Putin Meets Trump");
- a lead follows: some later paragraph holds a sentence that ends like one (. ! ? …).
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.boilerplate import matches_pattern
from summarizer.splitting.punctuation import CLOSERS

MAX_CHARS = 200
# The longest first line shown as a headline (titles of batch indexes and compare sources).
MAX_SHOWN = 200
MAX_WORDS = 30
_SENTENCE_END = (".", "!", "?", "…")


def _last_mark(sentence: str) -> str:
    return sentence.rstrip().rstrip(CLOSERS).rstrip()[-1:]


def ends_with_full_stop(sentence: str) -> bool:
    """True for a sentence ending "." (not "..."), closing quotes and brackets aside."""
    text = sentence.rstrip().rstrip(CLOSERS).rstrip()
    return text.endswith(".") and not text.endswith("..")


def looks_like_headline(first: Sequence[str], rest: Sequence[Sequence[str]]) -> bool:
    """Whether the first paragraph (its sentences) is a headline over the paragraphs `rest`."""
    # Imported here: the tokenizer uses the splitter, which uses headlines.glued (this package).
    from summarizer.tokenizing import count_words

    if len(first) != 1 or not rest:
        return False
    line = first[0].strip()
    if not line or len(line) > MAX_CHARS or count_words(line) > MAX_WORDS:
        return False
    if ends_with_full_stop(line) or matches_pattern(line):
        return False
    return any(_last_mark(s) in _SENTENCE_END for paragraph in rest for s in paragraph if s)


def headline_after_furniture(paragraphs: Sequence[tuple[str, str]]) -> str | None:
    """The headline to show for paragraphs given as (English, as written): the first paragraph
    that is not page furniture (in either language: a Russian byline no English pattern knows
    is still furniture), when it is short and does not end like a sentence or a lead-in and
    text follows it; None when the article opens with its lead."""
    from summarizer.boilerplate import is_boilerplate

    for n, (english, original) in enumerate(paragraphs):
        if is_boilerplate(english) or is_boilerplate(original):
            continue
        line = english.rstrip()
        if len(line) <= MAX_SHOWN and not line.endswith((".", ":", ";", ",")) and n + 1 < len(
            paragraphs
        ):
            return " ".join(english.split())
        break
    return None


__all__ = [
    "MAX_CHARS",
    "MAX_WORDS",
    "ends_with_full_stop",
    "headline_after_furniture",
    "looks_like_headline",
]
