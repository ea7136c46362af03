"""What kinds of input there are: the file suffixes a folder walk reads, and the shapes shared
by every reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


HTML_SUFFIXES = (".html", ".htm")


MARKDOWN_SUFFIXES = (".md", ".markdown")


# Record archives: what a folder walk reads as many articles, for every command (batch too).
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")


SURROGATE = re.compile("[\ud800-\udfff]")


Warn = Callable[[str], None]
