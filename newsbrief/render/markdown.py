"""Markdown output (GitHub-flavoured): a heading per document, bullets, tables side by side.

Text from articles is escaped so that it can never turn into markup: a `|` cannot break a table
row, a `*` or `_` cannot start emphasis, `<` cannot open an HTML tag, and a newline inside a
table cell becomes `<br>`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsbrief.records import Article, Comparison, KeyPoint, Point, PointMember, SourceInfo
from newsbrief.render.languages import (
    column_name,
    joined,
    nonblank_lines,
    note,
    paragraph_languages,
    paragraph_note,
)
from newsbrief.render.text import SAME, same_as_original
from newsbrief.shown import shown

_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
# What opens a block when it starts a line (a list item, a thematic break): escaped there only,
# since `text` may be put at the start of a line (a paragraph, a bullet's content).
_BLOCK_START = re.compile(r"^([-+=]|\d{1,9}(?=[.)]))")


def escape(text: str) -> str:
    """Escape `text` for inline Markdown (also safe inside a table cell or at a line's start).

    Untrusted text (article text, file names, record ids) goes through here, so a CommonMark or
    GitHub renderer shows it as the same characters and never as markup or raw HTML.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"\s*\n\s*", "<br>", text.strip())
    match = _BLOCK_START.match(text)
    if match:
        end = match.end()
        if match.group(1)[0].isdigit():
            return text[:end] + "\\" + text[end:]
        return "\\" + text
    return text


def code_span(text: str) -> str:
    """`text` (a name: see `shown`) as an inline code span, whatever backticks it holds
    (CommonMark's own rule: a fence longer than any run of backticks inside, padded with spaces
    when needed)."""
    text = " ".join(shown(text).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _noted(item: KeyPoint | PointMember, text_language: str) -> str:
    """The escaped text, after "*[Ukrainian, untranslated]* " when it is not in the document's
    text language (see `render.languages`)."""
    label = note(item, text_language)
    return (f"*\\[{escape(label)}\\]* " if label else "") + escape(item.text)


def _heading(article: Article) -> str:
    return f"## {escape(shown(article.id))} ({escape(article.language)})\n"


def _detect(articles: Sequence[Article]) -> str:
    lines = ["| document | language | confidence | paragraphs |", "|---|---|---:|---|"]
    for a in articles:
        det = a.detection
        if det is None:
            raise ValueError(f"{a.id}: no language detection to report")
        paras = ", ".join(f"{p.index}: {escape(p.language)}" for p in det.paragraphs)
        lines.append(
            f"| {escape(shown(a.id))} | {escape(det.language)} | {det.confidence:.2f} | {paras} |"
        )
    return "# Languages\n\n" + "\n".join(lines) + "\n"


def _translate(article: Article) -> str:
    if article.translation is None:
        raise ValueError(f"{article.id}: no translation to report")
    text = article.translation.text
    count = sum(1 for _ in nonblank_lines(text))
    langs = paragraph_languages(article, count)
    paragraphs = (
        (f"*\\[{escape(label)}\\]* " if label else "") + escape(line)
        for line, lang in zip(nonblank_lines(text), langs, strict=True)
        for label in (paragraph_note(article, lang),)
    )
    return _heading(article) + "\n" + joined("\n\n", paragraphs) + "\n"


def _summarize(article: Article, side_by_side: bool) -> str:
    if article.summary is None:
        raise ValueError(f"{article.id}: no summary to report")
    kps = sorted(article.summary.key_points, key=lambda kp: kp.position)
    heading = column_name(article.text_language)
    lang = article.text_language
    if side_by_side and all(same_as_original(kp) for kp in kps):
        # Written in English: an original column would repeat every sentence.
        rows = [f"| # | {heading} (as written) |", "|---:|---|"]
        rows += [f"| {n} | {_noted(kp, lang)} |" for n, kp in enumerate(kps, start=1)]
        body = "\n".join(rows)
    elif side_by_side:
        rows = [f"| # | {heading} | Original ({escape(article.language)}) |", "|---:|---|---|"]
        rows += [
            f"| {n} | {_noted(kp, lang)} | "
            f"{'*' + SAME + '*' if same_as_original(kp) else escape(kp.original)} |"
            for n, kp in enumerate(kps, start=1)
        ]
        body = "\n".join(rows)
    else:
        body = "\n".join(f"- {_noted(kp, lang)}" for kp in kps)
    return _heading(article) + "\n" + body + "\n"


def render_detect(articles: Sequence[Article]) -> str:
    """detect: one table row per document."""
    return _detect(articles)


def render_translate(articles: Sequence[Article]) -> str:
    """translate: one section per document, its paragraphs as written in English."""
    return "# Translations\n\n" + "\n".join(_translate(a) for a in articles)


def render_summarize(articles: Sequence[Article], *, side_by_side: bool = False) -> str:
    """summarize: one section per document, its bullets (or a two-column table)."""
    return "# Key points\n\n" + "\n".join(_summarize(a, side_by_side) for a in articles)


NOT_KEY = "_(in text)_ "  # plain Markdown: no raw HTML in any Markdown output


def _member(m: PointMember, source: SourceInfo) -> str:
    """A member's sentence; "(in text)" in italics when it is not one of its source's key
    points, and its original in italics below when it differs."""
    out = ("" if m.key_point else NOT_KEY) + _noted(m, source.text_language)
    if m.original and m.original != m.text:
        out += f"<br>*{escape(m.original)}*"
    return out


def _member_cell(point: Point, source: SourceInfo) -> str:
    texts = [_member(m, source) for m in point.members if m.source == source.id]
    if not texts:
        return ""
    figures = point.figures_of(source.id)
    mark = "<br>**≠ figures differ:** " + escape("; ".join(figures)) if figures else ""
    return "<br>".join(texts) + mark


def _label(source: SourceInfo) -> str:
    return f"{escape(shown(source.label or source.id))} ({escape(source.language)})"


def render_comparison(cmp: Comparison) -> str:
    out = ["# Comparison", ""]
    out.append("Sources:")
    for s in cmp.sources:
        line = f"- **{_label(s)}**"
        if s.title:
            line += f": {escape(s.title)}"
        if (s.label or s.id) != s.id:
            line += f" — {escape(shown(s.id))}"
        out.append(line)
    shared = [p for p in cmp.points if len(p.sources) > 1]
    out += ["", "## Reported by several sources", ""]
    if shared:
        if any(not m.key_point for p in shared for m in p.members):
            out += [
                "_(in text)_: said in that source's text, though not among its own key "
                "points.",
                "",
            ]
        header = ["sources"] + [_label(s) for s in cmp.sources]
        out.append("| " + " | ".join(header) + " |")
        out.append("|---:|" + "---|" * len(cmp.sources))
        for p in shared:
            cells = [f"{len(p.sources)}/{len(cmp.sources)}"]
            cells += [_member_cell(p, s) for s in cmp.sources]
            out.append("| " + " | ".join(cells) + " |")
    else:
        out.append("No point is reported by more than one source.")
    for s in cmp.sources:
        own = [
            p.members[0] for p in cmp.points if p.sources == [s.id]
        ]
        out += ["", f"## Only in {_label(s)}", ""]
        if not own:
            out.append("Nothing that other sources do not also report.")
        for m in own:
            out.append(f"- {_member(m, s)}")
    return "\n".join(out) + "\n"
