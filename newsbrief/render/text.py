"""Terminal output: plain, greppable lines, and rich tables for the side-by-side views.

Everything is rendered to a string (rich writes into a StringIO console) so the caller decides
where it goes and tests can inspect it. Without colour no ANSI escape codes are produced at all.

- detect: one line per document, `id<TAB>language<TAB>confidence`; a paragraph whose language
  differs from its document's adds a line `id#pINDEX<TAB>language<TAB>confidence`, so every line
  splits into the same three fields (`cut -f2`, `grep`, `awk` work on the whole output).
- translate: the English text; with several documents each gets a `==> id <==` header, as
  `head` does.
- summarize: `• sentence` bullets in document order, headers as for translate; side by side it is
  a two-column table (English | original) wrapped to the width.
- compare: a matrix, rows = points, columns = sources (headed by the shortest distinct tail of
  each id), each cell that source's sentence (its original below when it differs); points one
  source alone reports come last, under that source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from io import StringIO

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from newsbrief.records import Article, Comparison, Point

DEFAULT_WIDTH = 100


def _console(width: int | None, color: bool) -> Console:
    return Console(
        file=StringIO(),
        width=width or DEFAULT_WIDTH,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )


def _capture(renderables: Sequence[RenderableType | str], width: int | None, color: bool) -> str:
    console = _console(width, color)
    for item in renderables:
        # soft_wrap: plain lines (translations, bullets) are never broken by rich; only tables
        # wrap inside their cells.
        console.print(item, soft_wrap=not isinstance(item, Table))
    return console.file.getvalue()  # type: ignore[attr-defined]


# An id is one header line: a line break or control character in it (a jsonl id can hold any
# string) would split the header, and the document would not read back as itself.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _header(article_id: str) -> Text:
    return Text(f"==> {_BREAKS.sub(' ', article_id)} <==", style="bold")


def _detect_lines(article: Article) -> list[str]:
    det = article.detection
    if det is None:
        raise ValueError(f"{article.id}: no language detection to report")
    lines = [f"{article.id}\t{det.language}\t{det.confidence:.2f}"]
    for p in det.paragraphs:
        if p.language != det.language:
            lines.append(f"{article.id}#p{p.index}\t{p.language}\t{p.confidence:.2f}")
    return lines


def _side_by_side_table(article: Article) -> Table:
    summary = article.summary
    if summary is None:
        raise ValueError(f"{article.id}: no summary to report")
    table = Table(box=box.SQUARE, show_lines=True, expand=True, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("English", ratio=1)
    table.add_column(f"Original ({article.language})", ratio=1)
    for n, kp in enumerate(sorted(summary.key_points, key=lambda kp: kp.position), start=1):
        table.add_row(str(n), kp.text, kp.original)
    return table


def render_articles(
    command: str,
    articles: Sequence[Article],
    *,
    side_by_side: bool = False,
    width: int | None = None,
    color: bool = False,
) -> str:
    if command == "detect":
        return "".join(line + "\n" for a in articles for line in _detect_lines(a))
    several = len(articles) > 1
    items: list[RenderableType | str] = []
    for n, article in enumerate(articles):
        if several:
            if n:
                items.append("")
            items.append(_header(article.id))
        if command == "translate":
            if article.translation is None:
                raise ValueError(f"{article.id}: no translation to report")
            items.append(Text(article.translation.text.rstrip("\n")))
        elif command == "summarize":
            if side_by_side:
                items.append(_side_by_side_table(article))
                continue
            if article.summary is None:
                raise ValueError(f"{article.id}: no summary to report")
            for kp in sorted(article.summary.key_points, key=lambda kp: kp.position):
                items.append(Text(f"• {kp.text}"))
        else:
            raise ValueError(f"unknown command {command!r}")
    return _capture(items, width, color)


def _cell(point: Point, source_id: str) -> Text:
    for m in point.members:
        if m.source == source_id:
            text = Text(m.text)
            if m.original and m.original != m.text:
                text.append("\n")
                text.append(m.original, style="dim italic")
            return text
    return Text("")


def short_labels(ids: Sequence[str]) -> list[str]:
    """The shortest trailing path parts that still tell the ids apart ("a/b/x.txt" -> "x.txt").

    A terminal table column is a fifth of the screen or less: a long shared folder prefix would
    fill several header lines with the same text in every column.
    """
    parts = [i.replace("\\", "/").split("/") for i in ids]
    for depth in range(1, max((len(p) for p in parts), default=1) + 1):
        labels = ["/".join(p[-depth:]) for p in parts]
        if len(set(labels)) == len(labels):
            return labels
    return list(ids)


def render_comparison(cmp: Comparison, *, width: int | None = None, color: bool = False) -> str:
    shared = [p for p in cmp.points if len(p.members) > 1]
    own = [p for p in cmp.points if len(p.members) == 1]
    summary = Text(
        f"{len(cmp.sources)} sources, {len(cmp.points)} points: "
        f"{len(shared)} reported by several sources, {len(own)} by one only",
        style="bold",
    )
    table = Table(box=box.SQUARE, show_lines=True, expand=True, header_style="bold")
    table.add_column("sources", justify="right", no_wrap=True)
    labels = short_labels([s.id for s in cmp.sources])
    for s, label in zip(cmp.sources, labels, strict=True):
        table.add_column(f"{label} ({s.language})", ratio=1, overflow="fold")
    for p in shared:
        reach = f"{len(p.members)}/{len(cmp.sources)}"
        table.add_row(reach, *(_cell(p, s.id) for s in cmp.sources))
    if shared and own:
        table.add_section()
    for p in own:
        table.add_row("own", *(_cell(p, s.id) for s in cmp.sources))
    return _capture([summary, table], width, color)
