"""A folder walk never blocks on, or reads, what is not an article file.

A named pipe called `x.txt` in a folder would make `open` wait for a writer forever; it is
skipped with a warning, while a pipe named on the command line is read (the user asked for it).
`batch` skips a file symlink pointing outside IN_DIR before opening it, not after reading it.
The commands run in-process (`invoke_cli`), with a watchdog that unblocks a pipe opened by
mistake, so that such a bug fails the test instead of hanging the test run.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers_cli import ENGLISH, assert_clean_stderr, english_variant, invoke_cli

from newsbrief.reading import read_inputs
from newsbrief.records import Document

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


@contextmanager
def unblocked_after(seconds: float, *fifos: Path) -> Iterator[list[Path]]:
    """Run the body; should it open one of `fifos` for reading (it would wait for a writer
    forever), a writer opens and closes that pipe after `seconds`, and the pipe is listed in
    the yielded list. A writer's non-blocking open succeeds only while a reader has it open."""
    stop = threading.Event()
    opened: list[Path] = []

    def watch() -> None:
        if stop.wait(seconds):
            return
        while not stop.is_set():
            for fifo in fifos:
                try:
                    fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                except OSError:  # ENXIO: nobody is reading it
                    continue
                opened.append(fifo)
                os.close(fd)
            stop.wait(0.1)

    watchdog = threading.Thread(target=watch, daemon=True)
    watchdog.start()
    try:
        yield opened
    finally:
        stop.set()
        watchdog.join()


def test_a_named_pipe_in_a_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    warnings: list[str] = []
    docs = list(read_inputs([str(tmp_path)], warn=warnings.append))
    assert [d.id for d in docs] == [str(tmp_path / "a.txt")]
    assert isinstance(docs[0], Document)
    (warning,) = warnings
    assert warning.startswith(f"{tmp_path / 'b.txt'}: skipped: a named pipe")


def test_a_file_swapped_for_a_pipe_after_the_walk_is_not_waited_for(tmp_path, monkeypatch):
    import newsbrief.reading.files as reading

    os.mkfifo(tmp_path / "a.txt")
    monkeypatch.setattr(reading, "special_kind", lambda path: None)  # the walk saw a file
    warnings: list[str] = []
    result: list = []
    thread = threading.Thread(
        target=lambda: result.extend(read_inputs([str(tmp_path)], warn=warnings.append)),
        daemon=True,
    )
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "reading blocked on a named pipe"
    assert "a named pipe" in " ".join(warnings)
    assert all(not isinstance(r, Document) for r in result)


def test_an_article_in_the_walk_is_admitted_or_refused_before_it_is_opened(tmp_path, monkeypatch):
    import newsbrief.reading.files as reading

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ENGLISH, encoding="utf-8")
    opened: list[str] = []
    real_open = reading.read_file

    def spy(path, *args, **kwargs):
        opened.append(os.path.basename(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(reading, "read_file", spy)
    docs = list(read_inputs([str(tmp_path)], admit=lambda path: not path.endswith("b.txt")))
    assert [os.path.basename(d.id) for d in docs] == ["a.txt"] and opened == ["a.txt"]


def test_cli_folder_with_a_pipe_finishes_and_a_named_pipe_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ENGLISH, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    with unblocked_after(30, folder / "pipe.txt") as opened:
        result = invoke_cli(["summarize", "-n", "1", folder])
    assert not opened, "the folder's named pipe was opened"
    assert result.returncode == 0, result.stderr
    assert_clean_stderr(result.stderr)
    assert "pipe.txt: skipped: a named pipe" in result.stderr
    assert result.stdout.startswith("• ")

    # Named on its own, the pipe is what the user wants read: a writer feeds it.
    def feed() -> None:
        with open(folder / "pipe.txt", "w", encoding="utf-8") as pipe:
            pipe.write(english_variant(1))

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    named = invoke_cli(["summarize", "-n", "1", folder / "pipe.txt"])
    writer.join(10)
    assert named.returncode == 0, named.stderr
    assert named.stdout.startswith("• ")


def test_cli_batch_skips_pipes_and_outside_links_without_reading_them(tmp_path: Path) -> None:
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    (in_dir / "a.txt").write_text(ENGLISH, encoding="utf-8")
    os.mkfifo(in_dir / "pipe.txt")
    # An outside file that cannot even be opened: reading it would fail the run with an error.
    secret = tmp_path / "secret.txt"
    os.mkfifo(secret)  # opening it would block, so it must never be opened
    (in_dir / "link.txt").symlink_to(secret)
    with unblocked_after(30, in_dir / "pipe.txt", secret) as opened:
        result = invoke_cli(["batch", in_dir, "-o", out_dir])
    assert not opened, f"opened {opened}"
    assert result.returncode == 0, result.stderr
    assert_clean_stderr(result.stderr)
    assert "link.txt: skipped: a symbolic link to a file outside" in result.stderr
    assert "pipe.txt: skipped: a named pipe" in result.stderr
    assert "1 summarised" in result.stderr and "2 skipped" in result.stderr
    assert (out_dir / "a.md").is_file()
    assert not (out_dir / "link.md").exists() and not (out_dir / "pipe.md").exists()
