"""The index of a batch output folder (index.md, index.html): every article with its language and
key points, linked to its own output, and every failure with its reason.

The index is a pure function of its entries (no timestamps, no timings), so a rerun or a run with
another `--jobs` gives the same bytes.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from newsbrief.records import Article
from newsbrief.render.languages import label as language_label
from newsbrief.render.languages import note, text_language
from newsbrief.render.markdown import code_span, escape
from newsbrief.shown import shown
from newsbrief.titles import display_title, title_language
from translator.atomic_files import AtomicFile, writable
from translator.languages import language_name


@dataclass
class IndexEntry:
    rel: str  # input path relative to IN_DIR
    outputs: dict[str, str]  # format -> output path relative to OUT_DIR
    article: Article


@dataclass
class IndexFailure:
    rel: str
    kind: str
    reason: str
    folder: bool = False  # a folder that could not be read (or held no articles), no article


@dataclass
class IndexArchive:
    """A jsonl archive, listed as one line (it may hold millions of records; its failures are
    listed with the others)."""

    rel: str
    output: str  # its .jsonl output, relative to OUT_DIR
    records: int
    done: int


@dataclass
class IndexData:
    title: str
    entries: list[IndexEntry] = field(default_factory=list)
    failures: list[IndexFailure] = field(default_factory=list)
    reports: dict[str, str] = field(default_factory=dict)  # label -> path (e.g. comparison)
    archives: list[IndexArchive] = field(default_factory=list)


def _link(outputs: dict[str, str], prefer: str) -> str | None:
    if prefer in outputs:
        return outputs[prefer]
    for fmt in ("markdown", "html", "json"):
        if fmt in outputs:
            return outputs[fmt]
    return None


def _points(article: Article) -> list[tuple[str, str, str]]:
    """(text, its language, a note such as "Ukrainian, untranslated" or "") per key point."""
    lang = article.text_language
    return [
        (kp.text, text_language(kp, lang), note(kp, lang))
        for kp in (article.summary.key_points if article.summary else [])
    ]


def _heading(entry: IndexEntry) -> str:
    """The article's English headline when it has one (never a byline or an appeal), else its
    file name."""
    title = _one_line(display_title(entry.article) or "")
    return title or entry.rel


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _md_escape(text: str) -> str:
    """Keep untrusted text (file names, article text) from turning into Markdown markup or raw
    HTML: links, emphasis, tables, `<img onerror=…>`), or escape sequences from reaching a
    terminal that shows the file (`shown`)."""
    return escape(_one_line(shown(text)))


def _summary_line(data: IndexData) -> str:
    done = len(data.entries) + sum(a.done for a in data.archives)
    failed = sum(not f.folder for f in data.failures)
    folders = len(data.failures) - failed
    total = done + failed
    noun = "article" if total == 1 else "articles"
    line = f"{total} {noun}: {done} summarised, {failed} failed."
    if folders:
        line += f" {folders} folder{'s' if folders > 1 else ''} with problems."
    return line


def _archive_line(arch: IndexArchive) -> str:
    noun = "record" if arch.records == 1 else "records"
    return f"{arch.records} {noun}, {arch.done} summarised, {arch.records - arch.done} failed"


def render_markdown(data: IndexData) -> str:
    return "\n".join(markdown_lines(data)).rstrip("\n") + "\n"


def markdown_lines(data: IndexData) -> Iterator[str]:
    """The lines of index.md, one at a time (a folder of many articles is never one string;
    the file is these lines joined, trailing blank lines dropped)."""
    yield from [f"# {_md_escape(data.title)}", "", _summary_line(data), ""]
    for label, path in data.reports.items():
        yield f"- [{_md_escape(label)}]({quote(path)})"
    if data.reports:
        yield ""
    if data.entries:
        yield from ["## Articles", ""]
    for entry in data.entries:
        link = _link(entry.outputs, "markdown")
        heading = _md_escape(_heading(entry))
        if link:
            heading = f"[{heading}]({quote(link)})"
        # A headline kept as written (no model for its language) says so, as its points do.
        tag = language_label(title_language(entry.article), entry.article.text_language)
        yield f"### {heading} *({_md_escape(tag)})*" if tag else f"### {heading}"
        yield ""
        meta = f"{code_span(entry.rel)} · {_md_escape(language_name(entry.article.language))}"
        others = [f"[{fmt}]({quote(p)})" for fmt, p in sorted(entry.outputs.items()) if p != link]
        if others:
            meta += " · also " + ", ".join(others)
        yield meta
        yield ""
        points = _points(entry.article)
        yield from [
            f"- {f'*({_md_escape(label)})* ' if label else ''}{_md_escape(text)}"
            for text, _, label in points
        ] or ["(no key points)"]
        yield ""
    if data.archives:
        yield from ["## Archives", ""]
        for arch in data.archives:
            yield (
                f"- [{_md_escape(arch.rel)}]({quote(arch.output)}): {_archive_line(arch)}"
            )
        yield ""
    if data.failures:
        yield from ["## Failures", "", "| File | Problem | Reason |", "| --- | --- | --- |"]
        for fail in data.failures:
            yield (
                f"| {_md_escape(fail.rel)} | {_md_escape(fail.kind)} | {_md_escape(fail.reason)} |"
            )
        yield ""


_CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1b1b1b; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
article { margin: 1.2rem 0; }
h3 { margin-bottom: .2rem; }
.meta { color: #555; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.kind { font-family: monospace; }
"""


def render_html(data: IndexData) -> str:
    return "\n".join(html_lines(data)) + "\n"


def html_lines(data: IndexData) -> Iterator[str]:
    """The lines of index.html, one at a time (joined by newlines)."""
    def esc(text: str) -> str:  # names shown under the one rule (`shown`), then HTML-escaped
        return html.escape(shown(text))

    yield from [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(data.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(data.title)}</h1>",
        f"<p>{esc(_summary_line(data))}</p>",
    ]
    if data.reports:
        yield "<ul>"
        for label, path in data.reports.items():
            yield f'<li><a href="{esc(quote(path))}">{esc(label)}</a></li>'
        yield "</ul>"
    if data.entries:
        yield "<h2>Articles</h2>"
    for entry in data.entries:
        link = _link(entry.outputs, "html")
        name = esc(_heading(entry))
        heading = f'<a href="{esc(quote(link))}">{name}</a>' if link else name
        lang = entry.article.language
        # The page's words are English; the headline and the points are in the text's language.
        text_lang = entry.article.text_language
        yield f'<article data-language="{esc(lang)}">'
        # The headline is in its own language (a jsonl `title`'s is unknown); a file name is no
        # language's.
        headline = display_title(entry.article) is not None
        opening = f'<h3 lang="{esc(title_language(entry.article))}">' if headline else "<h3>"
        tag = language_label(title_language(entry.article), entry.article.text_language)
        if tag:
            heading += f' <span lang="en">[{esc(tag)}]</span>'
        yield f"{opening}{heading}</h3>"
        others = [
            f'<a href="{esc(quote(p))}">{esc(fmt)}</a>'
            for fmt, p in sorted(entry.outputs.items())
            if p != link
        ]
        meta = f"<code>{esc(entry.rel)}</code> · {esc(language_name(lang))}"
        if others:
            meta += " · also " + ", ".join(others)
        yield f'<p class="meta">{meta}</p>'
        points = _points(entry.article)
        if points:
            yield f'<ul lang="{esc(text_lang)}">'
            yield from [
                (f'<li lang="{esc(plang)}">' if plang != text_lang else "<li>")
                + (f'<span lang="en">[{esc(label)}]</span> ' if label else "")
                + f"{esc(_one_line(text))}</li>"
                for text, plang, label in points
            ]
            yield "</ul>"
        else:
            yield "<p>(no key points)</p>"
        yield "</article>"
    if data.archives:
        yield from ["<h2>Archives</h2>", "<ul>"]
        for arch in data.archives:
            yield (
                f'<li><a href="{esc(quote(arch.output))}">{esc(arch.rel)}</a>: '
                f"{esc(_archive_line(arch))}</li>"
            )
        yield "</ul>"
    if data.failures:
        yield from [
            "<h2>Failures</h2>",
            "<table>",
            "<thead><tr><th>File</th><th>Problem</th><th>Reason</th></tr></thead>",
            "<tbody>",
        ]
        for fail in data.failures:
            yield (
                f'<tr><td>{esc(fail.rel)}</td><td class="kind">{esc(fail.kind)}</td>'
                f"<td>{esc(_one_line(fail.reason))}</td></tr>"
            )
        yield from ["</tbody>", "</table>"]
    yield from ["</body>", "</html>"]


def write_lines_if_changed(path: Path, lines: Iterable[str], strip: bool) -> None:
    """`lines` joined by newlines (trailing blank lines dropped with `strip`), ending in one
    newline, written to `path` as they come; the old file stays when the text is the same, so
    unchanged reruns touch nothing."""
    new, pending = hashlib.sha256(), ""
    fh = AtomicFile(path)
    try:
        for k, line in enumerate(lines):
            text = ("\n" if k else "") + line
            if strip:  # newlines are held back until some text follows them
                body = text.rstrip("\n")
                if not body:
                    pending += text
                    continue
                text, pending = pending + body, text[len(body):]
            data = writable(text).encode("utf-8")
            new.update(data)
            fh.write(data)
        new.update(b"\n")
        fh.write(b"\n")
        old = hashlib.sha256()
        try:
            with open(path, "rb") as current:
                for block in iter(lambda: current.read(1 << 20), b""):
                    old.update(block)
        except OSError:
            old = None  # type: ignore[assignment]
    except BaseException:
        fh.discard()
        raise
    if old is not None and old.digest() == new.digest():
        fh.discard()
    else:
        fh.commit()
