"""Output renderers: one object per format over the same result records, in one registry.

`RENDERERS` is the one home of the format names: which commands offer each (the CLI's
`--format` choices are built from it), and how it writes articles, a comparison, or a stream of
records. jsonl is a renderer like the others; it is the one that `streams`: each article's line
is written as soon as the article is done, where the others render the whole document at the end.
A format's module (text, markdown, jsonout, html) is imported only when that format is used, so
asking for the names costs nothing at start-up.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from newsbrief.console import color_allowed

if TYPE_CHECKING:  # the records module costs ~8 ms to import: not on every `--help`
    from newsbrief.records import Article, Comparison, DocumentError

DOCUMENT_COMMANDS = ("detect", "translate", "summarize")

__all__ = [
    "FORMATS",
    "RENDERERS",
    "Renderer",
    "View",
    "comparison_record",
    "error_record",
    "formats_for",
    "render_articles",
    "render_comparison",
    "to_record",
    "write_articles",
    "write_record",
]


@dataclass(frozen=True)
class View:
    """How a reader sees the output: `side_by_side` (summarize only); `width` and `color` (the
    terminal text format only)."""

    side_by_side: bool = False
    width: int | None = None
    color: bool = False


class Renderer:
    """One output format. Subclasses say their name and the commands offering them, and render
    each document command's articles (`detect`, `translate`, `summarize`), a comparison, or a
    stream. `render_articles` is the one place a command's name picks what is rendered."""

    name: str = ""
    commands: tuple[str, ...] = ()
    # True: one self-contained record a line, written as each article arrives (jsonl).
    streams: bool = False
    _module: str = ""

    def module(self) -> Any:
        return import_module(f"newsbrief.render.{self._module}")

    def render_articles(self, command: str, articles: Sequence[Article], view: View) -> str:
        render = {"detect": self.detect, "translate": self.translate,
                  "summarize": self.summarize}[command]
        return render(articles, view)

    def detect(self, articles: Sequence[Article], view: View) -> str:
        raise NotImplementedError(f"{self.name} renders no languages")

    def translate(self, articles: Sequence[Article], view: View) -> str:
        raise NotImplementedError(f"{self.name} renders no translations")

    def summarize(self, articles: Sequence[Article], view: View) -> str:
        raise NotImplementedError(f"{self.name} renders no key points")

    def write_articles(
        self, command: str, articles: Iterable[Article], write: Callable[[str], object],
        view: View,
    ) -> None:
        """The whole document, given to `write` (in one piece unless the format says otherwise)."""
        write(self.render_articles(command, list(articles), view))

    def render_comparison(self, cmp: Comparison, view: View) -> str:
        raise NotImplementedError(f"{self.name} renders no comparison")

    def write_record(self, command: str, article: Article, write: Callable[[str], object]) -> None:
        raise NotImplementedError(f"{self.name} does not stream")

    def error_line(self, error: DocumentError) -> str | None:
        """The line standing in a stream for a document that failed (None: nothing)."""
        return None


class _Text(Renderer):
    name, commands, _module = "text", (*DOCUMENT_COMMANDS, "compare"), "text"

    def detect(self, articles: Sequence[Article], view: View) -> str:
        return self.module().render_detect(articles)

    def translate(self, articles: Sequence[Article], view: View) -> str:
        return self.module().render_translate(
            articles, width=view.width, color=_color(view.color)
        )

    def summarize(self, articles: Sequence[Article], view: View) -> str:
        return self.module().render_summarize(
            articles, side_by_side=view.side_by_side, width=view.width,
            color=_color(view.color),
        )

    def render_comparison(self, cmp: Comparison, view: View) -> str:
        return self.module().render_comparison(cmp, width=view.width, color=_color(view.color))


class _Document(Renderer):
    """A format whose detect, translate and summarize documents take no view but side by side
    (Markdown, HTML): its module's render_detect, render_translate, render_summarize."""

    def detect(self, articles: Sequence[Article], view: View) -> str:
        return self.module().render_detect(articles)

    def translate(self, articles: Sequence[Article], view: View) -> str:
        return self.module().render_translate(articles)

    def summarize(self, articles: Sequence[Article], view: View) -> str:
        return self.module().render_summarize(articles, side_by_side=view.side_by_side)

    def render_comparison(self, cmp: Comparison, view: View) -> str:
        return self.module().render_comparison(cmp)


class _Markdown(_Document):
    name, _module = "markdown", "markdown"
    commands = ("translate", "summarize", "compare", "batch")


class _Html(_Document):
    name, _module = "html", "html"
    commands = ("translate", "summarize", "compare", "batch")


class _Json(Renderer):
    name, commands, _module = "json", (*DOCUMENT_COMMANDS, "compare", "batch"), "jsonout"

    def render_articles(self, command: str, articles: Sequence[Article], view: View) -> str:
        # One record maker per command (jsonout.FIELDS), whatever the command.
        module = self.module()
        return module.render_articles(module.FIELDS[command], articles)

    def write_articles(
        self, command: str, articles: Iterable[Article], write: Callable[[str], object],
        view: View,
    ) -> None:
        # In pieces: the json document of a 5 MB input is over 100 MB.
        module = self.module()
        module.write_articles(module.FIELDS[command], articles, write)

    def render_comparison(self, cmp: Comparison, view: View) -> str:
        return self.module().render_comparison(cmp)


class _Jsonl(Renderer):
    name, commands, _module, streams = "jsonl", DOCUMENT_COMMANDS, "jsonout", True

    def write_record(self, command: str, article: Article, write: Callable[[str], object]) -> None:
        module = self.module()
        module.write_record(module.FIELDS[command], article, write)

    def error_line(self, error: DocumentError) -> str | None:
        return json.dumps(self.module().error_record(error), ensure_ascii=False)


RENDERERS: dict[str, Renderer] = {r.name: r for r in (_Text(), _Markdown(), _Json(), _Jsonl(),
                                                        _Html())}
# The formats that render a whole document (jsonl streams records instead).
FORMATS = tuple(name for name, r in RENDERERS.items() if not r.streams)


def formats_for(command: str) -> tuple[str, ...]:
    """The `--format` choices of `command`, in the registry's order."""
    return tuple(name for name, r in RENDERERS.items() if command in r.commands)


def _color(color: bool) -> bool:
    # NO_COLOR turns colour off whatever the caller (the API too) asked.
    return color and color_allowed()


def _renderer(fmt: str, command: str | None = None) -> Renderer:
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if command is not None and command not in DOCUMENT_COMMANDS:
        raise ValueError(f"unknown command {command!r}")
    return RENDERERS[fmt]


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
    view = View(side_by_side, width, color)
    return _renderer(fmt, command).render_articles(command, articles, view)


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
    view = View(side_by_side, width, color)
    _renderer(fmt, command).write_articles(command, articles, write, view)


def render_comparison(
    cmp: Comparison, fmt: str, *, width: int | None = None, color: bool = False
) -> str:
    """The whole output of compare in format `fmt` (json: one object)."""
    return _renderer(fmt).render_comparison(cmp, View(width=width, color=color))


def to_record(command: str, article: Article) -> dict[str, Any]:
    """The contract's JSON record of one article (what json and jsonl write)."""
    return import_module("newsbrief.render.jsonout").to_record(command, article)


def error_record(err: DocumentError) -> dict[str, Any]:
    return import_module("newsbrief.render.jsonout").error_record(err)


def comparison_record(cmp: Comparison) -> dict[str, Any]:
    return import_module("newsbrief.render.jsonout").comparison_record(cmp)


def write_record(command: str, article: Article, write: Callable[[str], object]) -> None:
    """One article's jsonl line (no newline), given to `write` in pieces."""
    RENDERERS["jsonl"].write_record(command, article, write)
