"""The HTML comparison report in a real browser: headless Chromium renders it from file://.

Checks the DOM after rendering (columns present, every source's sentences shown, Cyrillic
intact) and takes a screenshot: into $NEWSBRIEF_SCREENSHOT_DIR/compare-report.png when that is
set (the README's picture), else into a temporary folder. Skipped when no chromium is installed.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from newsbrief.grouping import compare
from newsbrief.render import render_comparison
from tests.test_compare import story_articles

BROWSER_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    browser = _chromium()
    if browser is None:
        pytest.skip("no chromium binary installed")
    tmp = tmp_path_factory.mktemp("report")
    cmp = compare(story_articles())
    page = tmp / "compare.html"
    page.write_text(render_comparison(cmp, "html"), encoding="utf-8")
    return browser, tmp, page, cmp


def _run(browser: str, tmp: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [browser, *BROWSER_FLAGS, f"--user-data-dir={tmp / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_rendered_dom_shows_every_source_column_and_sentence(report):
    browser, tmp, page, cmp = report
    result = _run(browser, tmp, "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    heads = re.findall(r'<div class="head" data-source="([^"]*)">', dom)
    assert heads == [s.id for s in cmp.sources]
    for p in cmp.points:
        for m in p.members:
            # Each sentence (and its original, when translated) is in the rendered document.
            assert html.escape(m.text) in dom or m.text in _text(dom)
            assert m.original in _text(dom)
    assert "Среди них — возобновление прямого авиасообщения" in dom
    assert "Кремль пропонує США відновити пряме авіасполучення." in dom
    # Source-specific sections, one per source.
    assert len(re.findall(r'<section class="own"', dom)) == len(cmp.sources)


def test_screenshot_of_the_report(report):
    browser, tmp, page, _cmp = report
    out_dir = Path(os.environ.get("NEWSBRIEF_SCREENSHOT_DIR") or tmp)
    out_dir.mkdir(parents=True, exist_ok=True)
    shot = out_dir / "compare-report.png"
    if shot.exists():
        shot.unlink()
    result = _run(browser, tmp, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000  # a blank page compresses to far less
