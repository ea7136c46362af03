"""Imports run one way: `translator/` and `summarizer/` never import `newsbrief` (or `cli`).

The lower layers are libraries of their own; an upward import would tie them to the CLI's
package and risk an import cycle. Read with `ast`, so an import inside a function or under
`if TYPE_CHECKING:` counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOWER = ("translator", "summarizer")
UPPER = ("newsbrief", "cli")


def upward_imports(source: str) -> list[tuple[int, str]]:
    """(line, module) of every import in `source` of a module of an upper layer."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [(node.lineno, n) for n in names if n.split(".")[0] in UPPER]
    return found


def test_the_lower_layers_import_nothing_from_newsbrief() -> None:
    files = [path for layer in LOWER for path in sorted((ROOT / layer).rglob("*.py"))]
    assert len(files) > 10  # the walk found the packages
    bad = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in files
        for line, module in upward_imports(path.read_text(encoding="utf-8"))
    ]
    assert not bad, "upward imports:\n" + "\n".join(bad)


def test_an_upward_import_is_caught_wherever_it_hides() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "import translator.engine.engine\n"
        "if TYPE_CHECKING:\n"
        "    from newsbrief.records import Detection\n"
        "def store():\n"
        "    import newsbrief.output as out\n"
        "from . import sibling\n"
    )
    assert upward_imports(source) == [(4, "newsbrief.records"), (6, "newsbrief.output")]
