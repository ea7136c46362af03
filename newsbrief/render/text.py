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
- compare: a matrix, rows = points, columns = sources (headed by each source's label: its outlet
  or shortest distinct name), each cell that source's sentence (its original below when it
  differs; "(in text)" and dim when it is not among that source's key points); points one
  source alone reports come last, under that source. Where a column would be too narrow to read
  (a 60-column terminal, many sources) the sources are stacked: one block per point, one line
  per source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from io import StringIO

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from newsbrief.records import Article, Comparison, KeyPoint, Point, PointMember, SourceInfo
from newsbrief.render.languages import column_name, note
from newsbrief.shown import shown

DEFAULT_WIDTH = 100
_TRAILING_BLANKS = re.compile(r" +$", re.MULTILINE)
# In a side-by-side row whose sentence was written in English: the original is the same text.
SAME = "(as written)"


def same_as_original(kp: KeyPoint) -> bool:
    """Whether the key point's original is its English text (nothing to show twice)."""
    return not kp.original.strip() or kp.original.strip() == kp.text.strip()


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
    out = console.file.getvalue()  # type: ignore[attr-defined]
    # Table cells are padded to their width; trailing blanks only get in the way of a pipe.
    # (A substitution, not a list of every line: the same text in far less memory.)
    return _TRAILING_BLANKS.sub("", out)


def _noted(item: KeyPoint | PointMember, text_language: str, style: str = "") -> Text:
    """The sentence's text, after "[Ukrainian, untranslated] " when it is not in the document's
    text language (see `render.languages`)."""
    out = Text()
    label = note(item, text_language)
    if label:
        out.append(f"[{label}] ", style="dim italic")
    out.append(item.text, style=style)
    return out


def _header(article_id: str) -> Text:
    # One header line, whatever the id holds (a jsonl id can hold any string): see `shown`.
    return Text(f"==> {shown(article_id)} <==", style="bold")


def _detect_lines(article: Article) -> list[str]:
    det = article.detection
    if det is None:
        raise ValueError(f"{article.id}: no language detection to report")
    name = shown(article.id)
    lines = [f"{name}\t{det.language}\t{det.confidence:.2f}"]
    for p in det.paragraphs:
        if p.language != det.language:
            lines.append(f"{name}#p{p.index}\t{p.language}\t{p.confidence:.2f}")
    return lines


def _side_by_side_table(article: Article) -> Table:
    summary = article.summary
    if summary is None:
        raise ValueError(f"{article.id}: no summary to report")
    kps = sorted(summary.key_points, key=lambda kp: kp.position)
    table = Table(box=box.SQUARE, show_lines=True, expand=True, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    heading = column_name(article.text_language)
    if all(same_as_original(kp) for kp in kps):
        # Written in English: the original column would repeat every sentence.
        table.add_column(f"{heading} (as written)", ratio=1)
        for n, kp in enumerate(kps, start=1):
            table.add_row(str(n), _noted(kp, article.text_language))
        return table
    table.add_column(heading, ratio=1)
    table.add_column(f"Original ({article.language})", ratio=1)
    for n, kp in enumerate(kps, start=1):
        original = Text(SAME, style="dim") if same_as_original(kp) else Text(kp.original)
        table.add_row(str(n), _noted(kp, article.text_language), original)
    return table


def render_detect(articles: Sequence[Article]) -> str:
    """detect: one line per document, and one per paragraph in another language."""
    return "".join(line + "\n" for a in articles for line in _detect_lines(a))


def render_translate(
    articles: Sequence[Article], *, width: int | None = None, color: bool = False
) -> str:
    """translate: each document's English text, under a header when there are several."""
    return _capture(_documents(articles, _translation_items), width, color)


def render_summarize(
    articles: Sequence[Article],
    *,
    side_by_side: bool = False,
    width: int | None = None,
    color: bool = False,
) -> str:
    """summarize: each document's bullets (or its side-by-side table), headed as translate."""
    def body(article: Article) -> list[RenderableType | str]:
        if side_by_side:
            return [_side_by_side_table(article)]
        if article.summary is None:
            raise ValueError(f"{article.id}: no summary to report")
        kps = sorted(article.summary.key_points, key=lambda kp: kp.position)
        return [Text("• ") + _noted(kp, article.text_language) for kp in kps]

    return _capture(_documents(articles, body), width, color)


def _documents(
    articles: Sequence[Article], body: Callable[[Article], list[RenderableType | str]]
) -> list[RenderableType | str]:
    """Each article's `body`, after a `==> id <==` header (and a blank line between
    documents) when there are several, as `head` does."""
    several = len(articles) > 1
    items: list[RenderableType | str] = []
    for n, article in enumerate(articles):
        if several:
            if n:
                items.append("")
            items.append(_header(article.id))
        items.extend(body(article))
    return items


def _translation_items(article: Article) -> list[RenderableType | str]:
    if article.translation is None:
        raise ValueError(f"{article.id}: no translation to report")
    return [Text(part) for part in _line_blocks(article.translation.text.rstrip("\n"))]


# rich lays out a Text line by line, holding objects per line: a 5 MB text of a million lines
# would take gigabytes, so a long text is printed in blocks of whole lines (same output).
_BLOCK_CHARS = 65536


def _line_blocks(text: str) -> list[str]:
    """`text` cut at line breaks into pieces of about _BLOCK_CHARS (the breaks left out, as
    printing each piece ends it with one)."""
    blocks = []
    start = 0
    while len(text) - start > _BLOCK_CHARS:
        cut = text.find("\n", start + _BLOCK_CHARS)
        if cut < 0:
            break
        blocks.append(text[start:cut])
        start = cut + 1
    blocks.append(text[start:])
    return blocks


NOT_KEY = "(in text) "
LEGEND = f"{NOT_KEY.strip()} = said in that source's text, though not among its own key points"
# Below this many characters a source column is too narrow to read: stack the sources instead.
MIN_COLUMN = 24


def _wrapped(text: Text) -> Table:
    """`text` wrapped to the screen (plain lines are otherwise printed as they are)."""
    grid = Table.grid()
    grid.add_column(ratio=1)
    grid.add_row(text)
    return grid


def _member_text(m: PointMember, source: SourceInfo) -> Text:
    text = Text()
    if not m.key_point:
        text.append(NOT_KEY, style="dim italic")
    text.append_text(_noted(m, source.text_language, "dim" if not m.key_point else ""))
    if m.original and m.original != m.text:
        text.append("\n")
        text.append(m.original, style="dim italic")
    return text


DIFFERS = "≠ figures differ: "


def _differs_text(point: Point, source_id: str) -> Text:
    """The figures this source gives where the point's sources disagree, marked for the eye."""
    figures = point.figures_of(source_id)
    return Text("\n" + DIFFERS + "; ".join(figures), style="bold") if figures else Text("")


def _cell(point: Point, source: SourceInfo) -> Text:
    texts = [_member_text(m, source) for m in point.members if m.source == source.id]
    if not texts:
        return Text("")
    return Text("\n").join(texts) + _differs_text(point, source.id)


def short_labels(ids: Sequence[str]) -> list[str]:
    """The shortest trailing path parts that still tell the ids apart ("a/b/x.txt" -> "x.txt").

    A terminal table column is a fifth of the screen or less: a long shared folder prefix would
    fill several header lines with the same text in every column.
    """
    from newsbrief.titles import path_tails

    return path_tails(ids)


def _labels(cmp: Comparison) -> list[str]:
    fallback = short_labels([s.id for s in cmp.sources])
    return [shown(s.label or f) for s, f in zip(cmp.sources, fallback, strict=True)]


def _stacked(cmp: Comparison, labels: list[str], shared: list[Point], own: list[Point]) -> list:
    """One block per point, one line per source: for screens too narrow for a column each."""
    n = len(cmp.sources)
    by_id = {s.id: f"{label} ({s.language}):" for s, label in zip(cmp.sources, labels, strict=True)}
    info = {s.id: s for s in cmp.sources}
    items: list[RenderableType | str] = []

    def block(title: str, points: list[Point], named: bool) -> None:
        items.append("")
        items.append(_wrapped(Text(title, style="bold")))
        # One grid per block, a blank row between points: a grid per point renders slowly.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(ratio=1, overflow="fold")
        for k, p in enumerate(points):
            if named and k:
                grid.add_row("", "")
            members = p.members if named else p.members[:1]  # one outlet's point: said once
            for k, m in enumerate(members):
                source = info.get(m.source) or SourceInfo(id=m.source, language="und")
                again = k and members[k - 1].source == m.source
                name = "" if again else by_id.get(m.source, shown(m.source)) if named else "•"
                last = k + 1 == len(members) or members[k + 1].source != m.source
                figures = _differs_text(p, m.source) if last else Text("")
                grid.add_row(name, _member_text(m, source) + figures)
        items.append(grid)

    for reach in sorted({len(p.sources) for p in shared}, reverse=True):
        same = [p for p in shared if len(p.sources) == reach]
        block(f"── reported by {reach} of {n} sources ──", same, named=True)
    for s, label in zip(cmp.sources, labels, strict=True):
        mine = [p for p in own if p.members[0].source == s.id]
        if mine:
            block(f"── only in {label} ({s.language}) ──", mine, named=False)
    return items


def render_comparison(cmp: Comparison, *, width: int | None = None, color: bool = False) -> str:
    shared = [p for p in cmp.points if len(p.sources) > 1]
    own = [p for p in cmp.points if len(p.sources) == 1]
    summary = Text(
        f"{len(cmp.sources)} sources, {len(cmp.points)} points: "
        f"{len(shared)} reported by several sources, {len(own)} by one only",
        style="bold",
    )
    items: list[RenderableType | str] = [_wrapped(summary)]
    if any(not m.key_point for p in cmp.points for m in p.members):
        items.append(_wrapped(Text(LEGEND, style="dim")))
    labels = _labels(cmp)
    n = max(len(cmp.sources), 1)
    # 9 for the "sources" column, 3 per column for borders and padding.
    column = ((width or DEFAULT_WIDTH) - 9 - 3 * n - 1) // n
    if column < MIN_COLUMN:
        items += _stacked(cmp, labels, shared, own)
        return _capture(items, width, color)
    table = Table(box=box.SQUARE, show_lines=True, expand=True, header_style="bold")
    table.add_column("sources", justify="right", no_wrap=True)
    for s, label in zip(cmp.sources, labels, strict=True):
        table.add_column(f"{label} ({s.language})", ratio=1, overflow="fold")
    for p in shared:
        reach = f"{len(p.sources)}/{len(cmp.sources)}"
        table.add_row(reach, *(_cell(p, s) for s in cmp.sources))
    if shared and own:
        table.add_section()
    for p in own:
        table.add_row("own", *(_cell(p, s) for s in cmp.sources))
    items.append(table)
    return _capture(items, width, color)
