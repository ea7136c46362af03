"""What `newsbrief batch` reports once every input is done: the folder's index (index.md,
index.html), the comparison across it (--compare), and the one-line summary on stderr.

The index is rendered row by row from the manifest (newsbrief/batch/index.py draws it), so a
folder of many articles never has all their results in memory at once; a report is rewritten
only when its content changed, so an unchanged rerun touches nothing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsbrief.batch.index import (
    IndexArchive,
    IndexData,
    IndexEntry,
    IndexFailure,
    html_lines,
    markdown_lines,
    write_lines_if_changed,
)
from newsbrief.batch.manifest import Manifest
from newsbrief.settings import COMPARE_COUNT, BatchSettings
from newsbrief.shown import shown, shown_message
from translator.atomic_files import atomic_write

COMPARE_FILES = {"markdown": "compare.md", "html": "compare.html"}


@dataclass
class Tally:
    """What the run did, counted as it goes: the summary line and the index's failures."""

    done: int = 0
    unchanged: int = 0
    rerendered: int = 0
    removed: int = 0
    skipped: int = 0
    failures: list[IndexFailure] = field(default_factory=list)


def write_reports(
    settings: BatchSettings,
    manifest: Manifest,
    failures: list[IndexFailure],
    archives: list[IndexArchive],
) -> bool:
    """index.md/index.html always; compare.md/compare.html with --compare."""
    from newsbrief import render

    out = settings.out_dir
    ok = True
    reports: dict[str, str] = {}
    if settings.compare:
        # The comparison needs every full result: read back from the manifest, only here.
        articles = [e.article for e in manifest.iter_entries()]
        from newsbrief.grouping import CompareError, compare
        from newsbrief.grouping.evidence import with_outlet_evidence

        try:
            # As `newsbrief compare` groups them: COMPARE_COUNT key points a source (or -n,
            # when more), not only the few each article's own file shows.
            count = max(settings.options.count or 0, COMPARE_COUNT)
            comparison = compare(with_outlet_evidence(articles, settings.options, count))
        except CompareError as exc:
            print(f"newsbrief: error: cannot compare the folder: {shown_message(str(exc))}",
                  file=sys.stderr)
            ok = False
            remove_reports(manifest, out)
        else:
            for note in comparison.notes if not settings.quiet else ():
                print(f"newsbrief: warning: {shown_message(note)}", file=sys.stderr)
            for fmt, name in COMPARE_FILES.items():
                text = render.render_comparison(comparison, fmt, width=None, color=False)
                _write_if_changed(out / name, text)
            manifest.set_meta("compare", "written")
            reports["Comparison across all articles"] = COMPARE_FILES["html"]
    else:
        remove_reports(manifest, out)
    data = IndexData(
        title=f"newsbrief: {Path(os.path.abspath(settings.in_dir)).name or settings.in_dir}",
        entries=_IndexEntries(manifest, manifest.count_entries()),  # type: ignore[arg-type]
        failures=sorted(failures, key=lambda f: f.rel),
        reports=reports,
        archives=sorted(archives, key=lambda a: a.rel),
    )
    md_reports = {k: COMPARE_FILES["markdown"] for k in reports}
    # Written as they are rendered, row by row from the manifest: never one string in memory.
    write_lines_if_changed(out / "index.md",
                           markdown_lines(replace(data, reports=md_reports)), strip=True)
    write_lines_if_changed(out / "index.html", html_lines(data), strip=False)
    return ok


def remove_reports(manifest: Manifest, out: Path) -> None:
    """Drop a comparison an earlier run wrote (never a file of the user's own)."""
    if manifest.get_meta("compare") == "written":
        for name in COMPARE_FILES.values():
            (out / name).unlink(missing_ok=True)
        manifest.set_meta("compare", "")


def summary(tally: Tally, quiet: bool, out: Path) -> None:
    """`newsbrief: batch: 4 summarised, 0 unchanged, 1 failed; index: OUT_DIR/index.html`."""
    t = tally
    parts = [f"{t.done} summarised", f"{t.unchanged} unchanged"]
    if t.rerendered:
        parts.append(f"{t.rerendered} re-rendered")
    parts.append(f"{len(t.failures)} failed")
    if t.skipped:
        parts.append(f"{t.skipped} skipped")
    if t.removed:
        parts.append(f"{t.removed} removed")
    if not quiet:
        print(
            f"newsbrief: batch: {', '.join(parts)}; "
            f"index: {shown(str(out / 'index.html'))}",
            file=sys.stderr,
            flush=True,
        )


class _IndexEntries:
    """The index's articles, read from the manifest row by row each time a renderer lists them,
    so a folder of many article files never has all their results in memory at once."""

    def __init__(self, manifest: Manifest, count: int):
        self.manifest = manifest
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[IndexEntry]:
        for entry in self.manifest.iter_entries():
            yield IndexEntry(entry.rel, entry.outputs, entry.article)


def _write_if_changed(path: Path, text: str) -> None:
    """Rewrite a report only when its content changed, so unchanged reruns touch nothing."""
    text = text if text.endswith("\n") else text + "\n"
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    atomic_write(path, text)
