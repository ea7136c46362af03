"""Output renderers: one module per format over the same result records.

`render_articles` and `render_comparison` are the entry points the CLI calls; `to_record`,
`error_record` and `comparison_record` give the contract's JSON records (jsonl is written by the
caller, one `to_record` a line). Formats: text (terminal, rich), markdown, json, html.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from newsbrief.console import color_allowed
from newsbrief.records import Article, Comparison
from newsbrief.render import html, jsonout, markdown, text
from newsbrief.render.jsonout import comparison_record, error_record, to_record, write_record

FORMATS = ("text", "markdown", "json", "html")

__all__ = [
    "FORMATS",
    "comparison_record",
    "error_record",
    "render_articles",
    "render_comparison",
    "to_record",
    "write_articles",
    "write_record",
]


def _color(color: bool) -> bool:
    # NO_COLOR turns colour off whatever the caller (the API too) asked.
    return color and color_allowed()


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render_articles(
    command: str,
    articles: Sequence[Article],
    fmt: str,
    *,
    side_by_side: bool = False,
    width: int | None = None,
    color: bool = False,
) -> str:
    """The whole output of detect/translate/summarize for `articles` in format `fmt`.

    json is always one array of records, whatever the number of articles. `side_by_side` only
    affects summarize; `width` and `color` only the text format.
    """
    _check_format(fmt)
    if command not in jsonout.COMMANDS:
        raise ValueError(f"unknown command {command!r}")
    if fmt == "text":
        return text.render_articles(
            command, articles, side_by_side=side_by_side, width=width, color=_color(color)
        )
    if fmt == "markdown":
        return markdown.render_articles(command, articles, side_by_side=side_by_side)
    if fmt == "json":
        return jsonout.render_articles(command, articles)
    return html.render_articles(command, articles, side_by_side=side_by_side)


def write_articles(
    command: str,
    articles: Iterable[Article],
    fmt: str,
    write: Callable[[str], object],
    *,
    side_by_side: bool = False,
    width: int | None = None,
    color: bool = False,
) -> None:
    """`render_articles`, given to `write` in pieces: the same text, never one string for json
    (whose document of a 5 MB input is over 100 MB); the other formats in one piece."""
    _check_format(fmt)
    if command not in jsonout.COMMANDS:
        raise ValueError(f"unknown command {command!r}")
    if fmt == "json":
        jsonout.write_articles(command, articles, write)
        return
    write(
        render_articles(
            command, list(articles), fmt, side_by_side=side_by_side, width=width, color=color
        )
    )


def render_comparison(
    cmp: Comparison, fmt: str, *, width: int | None = None, color: bool = False
) -> str:
    """The whole output of compare in format `fmt` (json: one object)."""
    _check_format(fmt)
    if fmt == "text":
        return text.render_comparison(cmp, width=width, color=_color(color))
    if fmt == "markdown":
        return markdown.render_comparison(cmp)
    if fmt == "json":
        return jsonout.render_comparison(cmp)
    return html.render_comparison(cmp)
