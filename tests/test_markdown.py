"""Markdown articles: markup never reaches the translator or a key point; words are kept.

The articles here were written for these tests.
"""

from __future__ import annotations

from pathlib import Path

from newsbrief.reading import read_inputs
from newsbrief.reading.markdown_text import markdown_to_text, split_front_matter
from tests.helpers_cli import invoke_cli

ARTICLE = """---
title: "Ferry service resumes"
date: 2026-03-01
---

# Ferry service resumes after the flood

The river **ferry** carried its _first_ passengers on Monday since the [spring flood](https://example.com/flood).
Engineers inspected both piers over the weekend and found no damage.

![The ferry at the pier](ferry.jpg)

> "We are glad to be back," the captain said.

- Timetables return to normal within a week.
- Tickets bought in March remain valid.

<!-- editor: check the date -->

| Route | Crossings |
|---|---|
| North pier | 12 |
"""


def test_markup_is_removed_and_words_kept() -> None:
    paragraphs = markdown_to_text(ARTICLE).split("\n\n")
    assert paragraphs == [
        "Ferry service resumes after the flood",
        "The river ferry carried its first passengers on Monday since the spring flood. "
        "Engineers inspected both piers over the weekend and found no damage.",
        '"We are glad to be back," the captain said.',
        "Timetables return to normal within a week.",
        "Tickets bought in March remain valid.",
        "Route; Crossings",
        "North pier; 12",
    ]


def test_front_matter_title_is_the_headline_only_without_a_heading() -> None:
    body = (
        "---\ntitle: 'Bridge closed for repairs'\nauthor: desk\n---\nThe bridge shut on Monday.\n"
    )
    assert markdown_to_text(body).split("\n\n") == [
        "Bridge closed for repairs",
        "The bridge shut on Monday.",
    ]
    plain = "No front matter here.\n---\n"
    assert split_front_matter(plain) == (None, plain)
    title, rest = split_front_matter("---\ndate: 2026-01-02\n---\nText.")
    assert title is None and rest == "Text."


def test_cyrillic_markdown_keeps_its_letters() -> None:
    text = "# Новини дня\n\nУ Києві **відкрили** новий [міст](https://example.com).\n"
    assert markdown_to_text(text) == "Новини дня\n\nУ Києві відкрили новий міст."


def test_only_markdown_files_are_read_as_markdown(tmp_path: Path) -> None:
    md = tmp_path / "a.md"
    txt = tmp_path / "b.txt"
    md.write_text("# Title\n\nSome **bold** words here.\n", encoding="utf-8")
    txt.write_text("Price is 5 * 3 **not** markup here.\n", encoding="utf-8")
    docs = {Path(d.id).name: d.text for d in read_inputs([str(md), str(txt)])}
    assert docs["a.md"] == "Title\n\nSome bold words here."
    assert "**not**" in docs["b.txt"]


def test_summarize_a_markdown_file_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "ferry.md"
    path.write_text(ARTICLE, encoding="utf-8")
    result = invoke_cli(["summarize", str(path), "-n", "3"])
    assert result.returncode == 0, result.stderr
    bullets = result.stdout.splitlines()
    assert len(bullets) == 3
    for marker in ("**", "](", "# ", "> ", "title:", "---", "<!--", "ferry.jpg"):
        assert marker not in result.stdout
