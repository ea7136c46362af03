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


def upward_imports(source: str, upper: tuple[str, ...] = UPPER) -> list[tuple[int, str]]:
    """(line, module) of every import in `source` of a module of an upper layer."""
    def above(name: str) -> bool:
        return any(name == up or name.startswith(up + ".") for up in upper)

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from translator import install` names the package in its alias
            names = ([node.module] if above(node.module)
                     else [f"{node.module}.{alias.name}" for alias in node.names])
        else:
            continue
        found += [(node.lineno, n) for n in names if above(n)]
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


# Inside translator/: the model store sits below both the installer (which writes into it) and
# the engine (which reads it); neither of those two imports the other.
TRANSLATOR_PARTS = {
    "store": ("translator.install", "translator.engine"),
    "install": ("translator.engine",),
    "engine": ("translator.install",),
}


def test_the_model_store_imports_neither_the_installer_nor_the_engine() -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for part, above in TRANSLATOR_PARTS.items()
        for path in sorted((ROOT / "translator" / part).rglob("*.py"))
        for line, module in upward_imports(path.read_text(encoding="utf-8"), above)
    ]
    assert not bad, "imports across translator/'s parts:\n" + "\n".join(bad)


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
    inside = ("from translator.install import download\nimport translator.installer\n"
              "from translator import families, install\n")
    assert upward_imports(inside, ("translator.install",)) == [
        (1, "translator.install"), (3, "translator.install")]
