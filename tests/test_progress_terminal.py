"""Progress as a person at a terminal sees it (issue 13): known totals, sentences with a rate and
the time left while translating, and never drawn over what the user types ahead.

The real thing runs in a real terminal: tmux runs a shell, keys are sent as a user would type
them, and the screen is read back with capture-pane. Skipped where tmux is not installed (CI
installs it). The in-process checks below cover the accounting without a terminal.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from newsbrief import progress
from tests.helpers_cli import RUSSIAN, cli_env, newsbrief_command


def _article(k: int, sentences: int) -> str:
    """A Russian article of `sentences` distinct sentences (distinct: none comes from a cache)."""
    body = " ".join(
        f"Депутат номер {k * 1000 + i} выступил на заседании совета и поддержал план ремонта."
        for i in range(sentences)
    )
    return RUSSIAN + body + "\n"


class _Tmux:
    def __init__(self, tmp_path: Path, env: dict[str, str]):
        self.socket = f"nb-{uuid.uuid4().hex[:8]}"
        self.env = env
        shell = "bash --norc --noprofile"
        self._tmux("new-session", "-d", "-s", "t", "-x", "150", "-y", "40", "-c", str(tmp_path),
                   shell)

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True, text=True, env=self.env, timeout=30, check=True,
        )
        return done.stdout

    def type(self, text: str, enter: bool = True) -> None:
        self._tmux("send-keys", "-t", "t", "-l", text)
        if enter:
            self._tmux("send-keys", "-t", "t", "Enter")

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "t")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       env=self.env, timeout=30, check=False)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.usefixtures("warm_langid_cache")  # the stored tables: a user's later run
def test_progress_in_a_real_terminal(tmp_path, synthetic_models_dir):
    for k in range(3):
        (tmp_path / f"r{k}.txt").write_text(_article(k, 300), encoding="utf-8")
    env = cli_env({"NEWSBRIEF_MODELS_DIR": str(synthetic_models_dir), "PS1": "$ ",
                   "TERM": "xterm-256color"})
    term = _Tmux(tmp_path, env)
    try:
        command = " ".join([*newsbrief_command(), "summarize", "--no-cache",
                            "r0.txt", "r1.txt", "r2.txt", "> out.txt; echo DONE-$?"])
        term.type(command)
        screens: list[str] = []
        typed = False
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            screen = term.screen()
            screens.append(screen)
            if re.search(r"DONE-\d", screen):
                break
            if not typed and "/3 articles" in screen:
                term.type("echo TYPED-AHEAD")  # the user types the next command meanwhile
                typed = True
            time.sleep(0.05)
        final = term.screen()
    finally:
        term.close()
    during = [s for s in screens if not re.search(r"DONE-\d", s)]
    assert "DONE-0" in final, final
    assert any("summarizing" in s and "/3 articles" in s for s in during), during[-1:]
    assert not any("/? " in s for s in during)  # the total was always known
    sentences = [s for s in during if "sentences" in s]
    assert sentences, "no sentences line while translating"
    assert any("sentences/s" in s for s in sentences), sentences[-1]
    # Whenever the line shows translation under way at a known rate, it shows the time left
    # (how many such screens a run leaves depends on the machine's speed: a fast one may
    # translate the whole text between two captures).
    for screen in sentences:
        for done, total, rate in re.findall(r"(\d+)/(\d+) sentences\s+([\d.]+) sentences/s",
                                            screen):
            if int(done) < int(total) and float(rate) > 0:
                line = next(x for x in screen.splitlines() if f"{done}/{total} sentences" in x)
                assert line.rstrip().endswith("left"), line
    assert typed
    # Typed keys never appeared under (or in) the bar while it was drawn...
    with_bar = [s for s in during if "articles" in s]
    assert not any("TYPED-AHEAD" in s for s in with_bar)
    # ...and were not lost: the shell ran them once the command was done. The bar is gone.
    lines = final.splitlines()
    assert "TYPED-AHEAD" in lines  # the output of `echo TYPED-AHEAD`
    assert "articles/s" not in final and "sentences/s" not in final


def test_count_ahead_knows_the_total_within_bounds():
    items, total = progress.count_ahead(iter(range(5)))
    assert total == 5 and list(items) == [0, 1, 2, 3, 4]
    items, total = progress.count_ahead(iter(range(50)), max_items=10)
    assert total is None and list(items) == list(range(50))  # nothing lost or repeated


class _FakeBar:
    def __init__(self):
        self.tasks: dict[int, dict] = {}

    def add_task(self, description, total=None, completed=0, **fields):
        self.tasks[len(self.tasks)] = {"description": description, "total": total,
                                       "completed": completed}
        return len(self.tasks) - 1

    def update(self, task, **changes):
        self.tasks[task].update(changes)

    def advance(self, task, n):
        self.tasks[task]["completed"] += n

    def stop(self):
        pass


def test_sentence_counts_add_up_across_translation_calls():
    bar = _FakeBar()
    live = progress._Live(bar, bar.add_task("summarizing", total=3), io.StringIO())
    for done in (0, 40, 100):  # first call: ru, 100 sentences
        live.sentences("ru", done, 100)
    for done in (0, 30):  # second call: uk, 30 sentences
        live.sentences("uk", done, 30)
    task = bar.tasks[live.sentence_task]
    assert task == {"description": "translating uk→en", "total": 130, "completed": 130}


def test_the_engine_reports_through_the_display():
    seen = []

    class Engine:
        name = "fake"

        def translate(self, lang, sentences, progress=None):
            progress(len(sentences), len(sentences))
            return [s.upper() for s in sentences]

    class Shown(progress.Display):
        def sentences(self, lang, done, total):
            seen.append((lang, done, total))

    engine = Shown().engine_factory(lambda: Engine())()
    assert engine.translate("ru", ["a", "b"]) == ["A", "B"]
    assert seen == [("ru", 2, 2)] and engine.name == "fake"


def test_no_progress_off_a_terminal_or_when_quiet():
    assert not progress.watched(io.StringIO(), quiet=False)
    with progress.display(io.StringIO(), False, "x", 3) as shown:
        assert type(shown) is progress.Display


def test_worker_sentence_counts_add_up_in_shared_memory():
    """`batch --jobs N`: each worker writes its own running count; the parent sums them."""
    import multiprocessing

    shared = progress.SharedSentences(multiprocessing.get_context("spawn"))

    class Engine:
        def translate(self, lang, sentences, progress=None):
            for done in range(0, len(sentences) + 1, 2):
                progress(done, len(sentences))
            return sentences

    first = shared.worker_factory(lambda: Engine())()  # as two workers would, one slot each
    second = shared.worker_factory(lambda: Engine())()
    first.translate("ru", ["s"] * 10)
    first.translate("uk", ["s"] * 4)
    second.translate("ru", ["s"] * 6)
    assert shared.read() == (20, 20)
