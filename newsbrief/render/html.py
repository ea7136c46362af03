"""Self-contained HTML reports: one file, inline CSS, no scripts, no external assets.

The page must open offline on a laptop or a phone and show Cyrillic correctly, so it declares
UTF-8, uses the system font stack (every desktop and mobile system ships fonts with Cyrillic) and
a CSS grid that puts sources side by side on a wide screen and stacks them on a narrow one. Every
cell carries its own source label, so a stacked view stays readable. All article text goes
through `html.escape`; nothing from the input is ever inserted as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from newsbrief.records import Article, Comparison, KeyPoint, Point, PointMember, SourceInfo
from newsbrief.render.languages import (
    column_name,
    joined,
    nonblank_lines,
    note,
    original_language,
    paragraph_languages,
    paragraph_note,
    text_language,
)
from newsbrief.render.text import SAME, same_as_original
from newsbrief.shown import shown
from translator.languages import language_name

CSS = """
:root { color-scheme: light dark; --fg: #1d1d1f; --muted: #5f6368; --line: #d0d4da;
  --bg: #ffffff; --card: #f6f7f9; --accent: #2457c5; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8eaed; --muted: #a0a4aa; --line: #3c4043;
  --bg: #17181a; --card: #202124; --accent: #8ab4f8; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1400px; padding: 1rem; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
  "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; } h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
.meta, .label, .reach { color: var(--muted); font-size: .85rem; }
.sources { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; list-style: none; }
.sources li { border: 1px solid var(--line); border-radius: 999px; padding: .1rem .7rem; }
.lang { font-weight: 600; text-transform: uppercase; font-size: .75rem; color: var(--accent); }
.grid { display: grid; grid-template-columns: repeat(var(--cols), minmax(0, 1fr)); gap: .5rem; }
.head { font-weight: 600; border-bottom: 2px solid var(--line); padding: .25rem .5rem;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.point { border-top: 1px solid var(--line); padding: .75rem 0; }
.cell { background: var(--card); border-radius: .5rem; padding: .5rem .75rem; min-width: 0;
  overflow-wrap: anywhere; }
.cell.empty { background: transparent; border: 1px dashed var(--line); }
.cell p { margin: .25rem 0; }
.original { color: var(--muted); font-style: italic; }
.not-key .text { color: var(--muted); }
.differs { color: #a40000; margin: 0.2em 0 0; }
.in-text, .as-written { color: var(--muted); font-size: .75rem; font-style: italic;
  margin-right: .3rem; }
.title { color: var(--muted); }
.label { display: none; }
ul.own li { margin: .4rem 0; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid var(--line);
  padding: .3rem .5rem; text-align: left; vertical-align: top; }
@media (max-width: 720px) {
  .grid { grid-template-columns: 1fr; }
  .grid.heads { display: none; }
  .label { display: block; }
  .cell.empty { display: none; }
}
"""


def _shown(name: str) -> str:
    """An id or label on the page: visible escapes for controls and bidi (`shown`), then HTML."""
    return escape(shown(name))


def _lang(code: str) -> str:
    return (
        f'<span class="lang" title="{escape(language_name(code))}">{escape(code)}</span>'
    )


def _lang_attr(code: str) -> str:
    """` lang="xx"` for a known language; for an unknown one `lang=""`, which says so (rather
    than letting the English page's language stand)."""
    return f' lang="{escape(code)}"' if code else ' lang=""'


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _text(item: KeyPoint | PointMember, doc_text_language: str, key_point: bool = True) -> str:
    """The item's text as a paragraph tagged with the language it is really in, after a
    visible "[Ukrainian, untranslated]" when that is not the document's text language. Notes
    are English, like the rest of the page, and say so when the paragraph is not."""
    lang = text_language(item, doc_text_language)
    tag = "" if lang == "en" else ' lang="en"'
    lead = "" if key_point else f'<span class="in-text"{tag}>in text, not a key point:</span>'
    label = note(item, doc_text_language)
    mark = f'<span class="as-written"{tag}>[{escape(label)}]</span>' if label else ""
    return f'<p class="text" lang="{escape(lang)}">{lead}{mark}{escape(item.text)}</p>'


def _sentence(
    item: KeyPoint | PointMember, doc_text_language: str, doc_language: str, key_point: bool = True
) -> str:
    out = _text(item, doc_text_language, key_point)
    if item.original and item.original != item.text:
        lang = escape(original_language(item, doc_language))
        out += f'<p class="original" lang="{lang}">{escape(item.original)}</p>'
    return out


def _name(s: SourceInfo) -> str:
    """The source's label (never broken mid-name), its full id and headline on hover."""
    hover = shown(s.id) + (f" — {s.title}" if s.title else "")
    return f'<span class="name" title="{escape(hover)}">{_shown(s.label or s.id)}</span>'


def _source_list(sources: Sequence[SourceInfo]) -> str:
    items = "".join(
        f'<li class="source" data-source="{_shown(s.id)}">{_name(s)} {_lang(s.language)}'
        + (f' <span class="title"{_lang_attr(s.title_language)}>{escape(s.title)}</span>'
           if s.title else "")
        + "</li>"
        for s in sources
    )
    return f'<ul class="sources">{items}</ul>'


def _member(point: Point, source_id: str) -> PointMember | None:
    return next((m for m in point.members if m.source == source_id), None)


def render_comparison(cmp: Comparison) -> str:
    n = len(cmp.sources)
    shared = [p for p in cmp.points if len(p.sources) > 1]
    parts = [
        "<header><h1>Comparison of sources</h1>",
        f'<p class="meta">{n} sources, {len(cmp.points)} points, {len(shared)} reported by '
        "more than one source</p>",
        _source_list(cmp.sources),
        "</header>",
        '<section class="shared"><h2>Reported by several sources</h2>',
    ]
    if shared:
        if any(not m.key_point for p in shared for m in p.members):
            parts.append(
                '<p class="meta"><span class="in-text">in text, not a key point:</span> said in '
                "that source's text, though not among its own key points</p>"
            )
        heads = "".join(
            f'<div class="head" data-source="{_shown(s.id)}">{_name(s)} {_lang(s.language)}</div>'
            for s in cmp.sources
        )
        parts.append(f'<div class="grid heads" style="--cols: {n}">{heads}</div>')
        for p in shared:
            cells = []
            for s in cmp.sources:
                label = f'<div class="label">{_name(s)} {_lang(s.language)}</div>'
                m = _member(p, s.id)
                if m is None:
                    cells.append(
                        f'<div class="cell empty" data-source="{_shown(s.id)}">{label}'
                        '<p class="meta">not reported</p></div>'
                    )
                else:
                    kind = "cell" if m.key_point else "cell not-key"
                    figures = p.figures_of(s.id)
                    differs = (
                        '<p class="differs"><strong>≠ figures differ:</strong> '
                        f"{escape('; '.join(figures))}</p>"
                        if figures
                        else ""
                    )
                    said = "".join(
                        _sentence(x, s.text_language, s.language, x.key_point)
                        for x in p.members
                        if x.source == s.id
                    )
                    cells.append(
                        f'<div class="{kind}" data-source="{_shown(s.id)}" '
                        f'data-position="{m.position}">{label}{said}{differs}</div>'
                    )
            parts.append(
                f'<div class="point grid" style="--cols: {n}">'
                f'<div class="reach" style="grid-column: 1 / -1">reported by {len(p.sources)} '
                f"of {n} sources</div>{''.join(cells)}</div>"
            )
    else:
        parts.append('<p class="meta">No point is reported by more than one source.</p>')
    parts.append("</section>")
    for s in cmp.sources:
        own = [
            p.members[0] for p in cmp.points if p.sources == [s.id]
        ]
        parts.append(
            f'<section class="own" data-source="{_shown(s.id)}">'
            f"<h2>Only in {_name(s)} {_lang(s.language)}</h2>"
        )
        if own:
            items = "".join(
                f'<li data-position="{m.position}">'
                f"{_sentence(m, s.text_language, s.language)}</li>"
                for m in own
            )
            parts.append(f'<ul class="own">{items}</ul>')
        else:
            parts.append('<p class="meta">Nothing that other sources do not also report.</p>')
        parts.append("</section>")
    return _page("newsbrief: comparison", "\n".join(parts))


def _article_head(article: Article) -> str:
    return (
        f'<h2 data-source="{_shown(article.id)}">{_shown(article.id)} '
        f"{_lang(article.language)}</h2>"
    )


def _detect(articles: Sequence[Article]) -> str:
    rows = []
    for a in articles:
        det = a.detection
        if det is None:
            raise ValueError(f"{a.id}: no language detection to report")
        paras = ", ".join(f"{p.index}: {escape(p.language)}" for p in det.paragraphs)
        rows.append(
            f"<tr><td>{_shown(a.id)}</td><td>{_lang(det.language)}</td>"
            f"<td>{det.confidence:.2f}</td><td>{paras}</td></tr>"
        )
    return (
        "<h1>Languages</h1><table><thead><tr><th>document</th><th>language</th>"
        f"<th>confidence</th><th>paragraphs</th></tr></thead><tbody>{''.join(rows)}</tbody>"
        "</table>"
    )


def _translate(article: Article) -> str:
    if article.translation is None:
        raise ValueError(f"{article.id}: no translation to report")
    text = article.translation.text
    langs = paragraph_languages(article, sum(1 for _ in nonblank_lines(text)))
    # One paragraph at a time: a million one-word lines are no list of lines or of paragraphs.
    paras = (
        f'<p class="text" lang="{escape(lang)}">{_as_written(article, lang)}'
        f"{escape(line.strip())}</p>"
        for line, lang in zip(nonblank_lines(text), langs, strict=True)
    )
    return f'<section class="article">{_article_head(article)}{joined("", paras)}</section>'


def _as_written(article: Article, lang: str) -> str:
    label = paragraph_note(article, lang)
    return f'<span class="as-written" lang="en">[{escape(label)}]</span>' if label else ""


def _summarize(article: Article, side_by_side: bool) -> str:
    if article.summary is None:
        raise ValueError(f"{article.id}: no summary to report")
    kps = sorted(article.summary.key_points, key=lambda kp: kp.position)
    lang = article.text_language
    if side_by_side and all(same_as_original(kp) for kp in kps):
        # Written in English: an original column would repeat every sentence.
        body = '<ul class="own">' + "".join(f"<li>{_text(kp, lang)}</li>" for kp in kps) + "</ul>"
    elif side_by_side:
        name = escape(column_name(lang))
        heads = (
            f'<div class="grid heads" style="--cols: 2"><div class="head">{name} '
            f'{_lang(lang)}</div><div class="head">Original {_lang(article.language)}</div></div>'
        )
        rows = "".join(
            '<div class="point grid" style="--cols: 2">'
            f'<div class="cell"><div class="label">{name} {_lang(lang)}</div>'
            f"{_text(kp, lang)}</div>"
            f'<div class="cell"><div class="label">Original {_lang(article.language)}</div>'
            + (
                f'<p class="meta">{SAME}</p>'
                if same_as_original(kp)
                else f'<p lang="{escape(original_language(kp, article.language))}">'
                f"{escape(kp.original)}</p>"
            )
            + "</div></div>"
            for kp in kps
        )
        body = heads + rows
    else:
        body = (
            '<ul class="own">'
            + "".join(f"<li>{_sentence(kp, lang, article.language)}</li>" for kp in kps)
            + "</ul>"
        )
    return f'<section class="article">{_article_head(article)}{body}</section>'


def render_detect(articles: Sequence[Article]) -> str:
    """detect: a page with one table row per document."""
    return _page("newsbrief: languages", _detect(articles))


def render_translate(articles: Sequence[Article]) -> str:
    """translate: a page with one section per document."""
    body = "<h1>Translations</h1>" + "\n".join(_translate(a) for a in articles)
    return _page("newsbrief: translations", body)


def render_summarize(articles: Sequence[Article], *, side_by_side: bool = False) -> str:
    """summarize: a page with each document's bullets, or its two-column rows."""
    body = "<h1>Key points</h1>" + "\n".join(_summarize(a, side_by_side) for a in articles)
    return _page("newsbrief: key points", body)
