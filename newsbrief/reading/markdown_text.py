"""Markdown articles (`.md`) as the plain paragraphs the rest of the pipeline reads.

Why: articles exported from static-site generators and note apps arrive as Markdown. Read as plain
text, their markup leaks everywhere: "# " and "> " open key points, "**" and "[text](url)" reach
the translation model (which mangles them) and the YAML front matter becomes the first
"paragraph". Here the Markdown is parsed by markdown-it-py (CommonMark, the parser rich already
uses) and every text block becomes one paragraph, markup removed, words kept: link text stays,
URLs, images and raw HTML go. A `title:` in the front matter becomes the headline when the body
does not open with a heading of its own.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                           re.DOTALL)
_TITLE = re.compile(r"^title[ \t]*:[ \t]*(.+?)[ \t]*$", re.MULTILINE)
# Blocks whose words are kept (their inline content, one paragraph each).
_TEXT_BLOCKS = ("paragraph_open", "heading_open", "th_open", "td_open")


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(title from a leading YAML front matter block or None, the text after that block)."""
    found = _FRONT_MATTER.match(text)
    if not found:
        return None, text
    title = _TITLE.search(found.group(1))
    value = title.group(1).strip() if title else ""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1].strip()
    return (value or None), text[found.end():]


def _inline_text(token: Token) -> str:
    """The words of one inline token: text, code and link text; no URLs, images or HTML."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown article: one paragraph per block, blank lines between."""
    title, body = split_front_matter(text)
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(body)
    blocks: list[str] = []
    row: list[str] = []
    opens_with_heading = False
    for i, token in enumerate(tokens):
        if token.type in _TEXT_BLOCKS and i + 1 < len(tokens) and tokens[i + 1].type == "inline":
            words = _inline_text(tokens[i + 1])
            if not words:
                continue
            if token.type in ("th_open", "td_open"):
                row.append(words)
                continue
            if not blocks and token.type == "heading_open":
                opens_with_heading = True
            blocks.append(words)
        elif token.type == "tr_close" and row:
            blocks.append("; ".join(row))
            row = []
        elif token.type in ("fence", "code_block"):
            code = " ".join(line.strip() for line in token.content.splitlines() if line.strip())
            if code:
                blocks.append(code)
    if title and not opens_with_heading:
        blocks.insert(0, title)
    return "\n\n".join(blocks)
