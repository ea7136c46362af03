"""`newsbrief batch` against hostile names, a full disk, Ctrl-C at start-up, a second run on the
same folder, symlinks out of IN_DIR and Markdown injection (issue 14, items 4-7 and 12).

What must hold each time: the one item concerned fails alone (or is handled), the rest is
written, nothing is half-written, and the user reads a one-line message, never a traceback.

Runs go through the library or the CLI app in this process; the real executable only for Ctrl-C
(signals reach a process group) and for two processes racing for one OUT_DIR.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newsbrief import batch as batch_module
from newsbrief.batch import LOCK_NAME, BatchSettings, output_names, run_batch, safe_name
from newsbrief.batch import outputs as batch_outputs
from newsbrief.runner import Reporter
from newsbrief.settings import EngineSettings
from tests.helpers_cli import (
    ENGLISH,
    assert_clean_stderr,
    english_variant,
    invoke_cli,
    russian_variant,
    start_cli,
)
from tests.test_batch import MANIFEST, _assert_complete_outputs, files_under, manifest_rows, write
from translator.atomic_files import atomic_write, temporary_name

needs_bytes_names = pytest.mark.skipif(
    sys.platform in ("darwin", "win32"), reason="the filesystem refuses non-UTF-8 names"
)


def _batch(in_dir: Path, out: Path, models: Path, *extra: str):
    """`newsbrief batch` through the CLI app, in this process."""
    return invoke_cli(["batch", in_dir, "-o", out, "--models-dir", models, *extra])


# ---------------------------------------------------------------- names


@needs_bytes_names
def test_non_utf8_file_name_is_converted_under_a_readable_name(tmp_path, synthetic_models_dir):
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    (in_dir / "good.txt").write_text(ENGLISH, encoding="utf-8")
    bad = os.path.join(os.fsencode(in_dir), b"bad\xff.txt")
    with open(bad, "wb") as fh:
        fh.write(english_variant(1).encode("utf-8"))
    out = tmp_path / "out"
    result = _batch(in_dir, out, synthetic_models_dir, "--format", "markdown", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert_clean_stderr(result.stderr)
    assert "internal error" not in result.stderr
    # The byte that is not UTF-8 is spelled \xff: in the output names, the index and the record.
    assert {"bad\\xff.md", "bad\\xff.json", "good.md", "good.json"} <= files_under(out)
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "bad\\xff.txt" in index
    record = (out / "bad\\xff.json").read_text(encoding="utf-8")
    assert '"bad\\\\xff.txt"' in record
    rerun = _batch(in_dir, out, synthetic_models_dir, "--format", "markdown", "--format", "json")
    assert rerun.returncode == 0 and "0 summarised, 2 unchanged" in rerun.stderr


def test_safe_name_keeps_utf8_and_spells_out_other_bytes():
    assert safe_name("новости/a.txt") == "новости/a.txt"
    assert safe_name(os.fsdecode(b"bad\xff\xfe.txt")) == "bad\\xff\\xfe.txt"
    assert safe_name("x\ud800y") == "x\\ud800y"  # a surrogate that is no undecodable byte


def test_long_file_name_is_converted(tmp_path, synthetic_models_dir):
    """An input name of 250 characters: the output name (.md) is legal, so it must be written."""
    in_dir = tmp_path / "in"
    name = "a" * 246 + ".txt"
    write(in_dir / name, ENGLISH)
    write(in_dir / "short.txt", english_variant(2))
    out = tmp_path / "out"
    result = _batch(in_dir, out, synthetic_models_dir)
    assert result.returncode == 0, result.stderr
    assert_clean_stderr(result.stderr)
    assert "a" * 246 + ".md" in files_under(out)
    _assert_complete_outputs(out)


def test_temporary_name_is_bounded_whatever_the_target(tmp_path):
    for name in ("x", "a" * 255, "я" * 127, os.fsdecode(b"\xff" * 200)):
        tmp = temporary_name(name)
        assert len(os.fsencode(tmp)) <= 63 and tmp.startswith(".") and tmp.endswith(".part")
    target = tmp_path / ("b" * 255)
    atomic_write(target, "whole\n")
    assert target.read_text(encoding="utf-8") == "whole\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_output_names_never_pass_255_bytes():
    long_stem = "ж" * 126  # 252 bytes: with `.txt` the full name is needed (two inputs share it)
    rels = [f"d/{long_stem}.txt", f"d/{long_stem}.html", "d/" + "c" * 251 + ".txt"]
    names = output_names(rels, ["markdown", "json", "html"])
    produced = [p for per in names.values() for p in per.values()]
    assert len(set(produced)) == len(produced)  # still distinct
    for path in produced:
        assert path.startswith("d/") and len(path.split("/")[-1].encode("utf-8")) <= 255, path
    assert names["d/" + "c" * 251 + ".txt"]["markdown"] == "d/" + "c" * 251 + ".md"


# ---------------------------------------------------------------- a full disk


def _settings(in_dir: Path, out: Path, models: Path) -> BatchSettings:
    return BatchSettings(
        in_dir, out, formats=["markdown", "json"], engine=EngineSettings(models_dir=str(models))
    )


def _english_tree(root: Path, count: int) -> None:
    for k in range(count):
        write(root / f"e{k}.txt", english_variant(k))


@pytest.mark.parametrize("where", ["file", "manifest"])
def test_full_disk_stops_with_a_clear_message_and_keeps_what_is_finished(
    where, tmp_path, synthetic_models_dir, monkeypatch, capsys
):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    _english_tree(in_dir, 4)
    writes = {"n": 0}
    real_write, real_put = batch_outputs.atomic_write, batch_module.Manifest.put

    def full_write(path, data):
        writes["n"] += 1
        if writes["n"] > 2:  # the first article (two formats) goes through
            raise OSError(errno.ENOSPC, "No space left on device", str(path) + ".part")
        real_write(path, data)

    def full_put(self, entry):
        if writes["n"] > 0:
            raise sqlite3.OperationalError("database or disk is full")
        writes["n"] += 1
        real_put(self, entry)

    if where == "file":
        monkeypatch.setattr(batch_outputs, "atomic_write", full_write)
    else:
        monkeypatch.setattr(batch_module.Manifest, "put", full_put)
    status = run_batch(_settings(in_dir, out, synthetic_models_dir), Reporter(stream=io.StringIO()))
    err = capsys.readouterr().err
    assert status == 1
    assert "no space left on the device" in err and str(out) in err and "mounted at" in err
    assert "internal error" not in err and "bug" not in err
    assert len(err.strip().splitlines()) == 1, err
    _assert_complete_outputs(out)  # nothing half-written, the manifest claims only real files
    assert set(manifest_rows(out)) == {"e0.txt"}

    monkeypatch.undo()  # space again: the same command finishes the rest
    again = run_batch(_settings(in_dir, out, synthetic_models_dir), Reporter(stream=io.StringIO()))
    assert again == 0
    assert "3 summarised, 1 unchanged" in capsys.readouterr().err
    _assert_complete_outputs(out)


@pytest.mark.parametrize("fault", [PermissionError(errno.EACCES, "Permission denied"),
                                   RuntimeError("renderer bug")])
def test_an_output_that_cannot_be_written_fails_that_article_alone(
    fault, tmp_path, synthetic_models_dir, monkeypatch, capsys
):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    _english_tree(in_dir, 3)
    real_write = batch_outputs.atomic_write

    def picky_write(path, data):
        if Path(path).name == "e1.json":  # its markdown went through: it must not stay
            raise fault
        real_write(path, data)

    monkeypatch.setattr(batch_outputs, "atomic_write", picky_write)
    status = run_batch(_settings(in_dir, out, synthetic_models_dir))
    err = capsys.readouterr().err
    assert status == 1
    assert "e1.txt: cannot write its output" in err and "Traceback" not in err
    assert "2 summarised, 0 unchanged, 1 failed" in err
    assert set(manifest_rows(out)) == {"e0.txt", "e2.txt"}
    assert not (out / "e1.md").exists()
    _assert_complete_outputs(out)


def test_full_disk_on_a_single_output_file_is_a_clear_error(tmp_path, monkeypatch):
    """`translate -o FILE` on a full device, through the CLI's own error handler."""
    import cli
    from newsbrief import output

    class Full(output.AtomicFile):  # -o FILE is written through one, in pieces
        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".x.part"))

    monkeypatch.setattr(output, "AtomicFile", Full)
    monkeypatch.chdir(tmp_path)
    article = write(tmp_path / "a.txt", ENGLISH)
    monkeypatch.setattr(sys, "argv", ["newsbrief", "translate", str(article), "-o", "x.txt"])
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 1
    assert "no space left on the device" in err.getvalue() and str(tmp_path) in err.getvalue()
    assert "internal error" not in err.getvalue()
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no x.txt, no temporary


# ---------------------------------------------------------------- one run per OUT_DIR


def test_second_batch_on_the_same_output_folder_is_refused(tmp_path, synthetic_models_dir):
    import fcntl

    in_dir, out = tmp_path / "in", tmp_path / "out"
    _english_tree(in_dir, 2)
    out.mkdir()
    with open(out / LOCK_NAME, "w", encoding="utf-8") as held:  # as a running batch holds it
        held.write("4242\n")
        held.flush()
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        refused = _batch(in_dir, out, synthetic_models_dir)
    assert refused.returncode == 1
    assert "another newsbrief batch is writing to this folder (process 4242)" in refused.stderr
    assert_clean_stderr(refused.stderr)
    assert files_under(out) == set()  # it wrote nothing
    # The lock went with its holder: the next run goes ahead (a leftover lock file is harmless).
    done = _batch(in_dir, out, synthetic_models_dir)
    assert done.returncode == 0, done.stderr
    assert (out / "e0.md").is_file()


@pytest.mark.usefixtures("warm_langid_cache")
def test_two_batches_started_together_one_does_the_work(tmp_path, synthetic_models_dir):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    for k in range(6):
        write(in_dir / f"r{k}.txt", russian_variant(k))
    args = ["batch", in_dir, "-o", out, "--models-dir", synthetic_models_dir, "--no-cache"]
    first = start_cli(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (out / MANIFEST).exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    second = invoke_cli(args)  # this test's own process is the second one
    _, first_err = first.communicate(timeout=180)
    assert first.returncode == 0, first_err
    assert second.returncode == 1 and "another newsbrief batch" in second.stderr
    assert len(manifest_rows(out)) == 6


# ---------------------------------------------------------------- symlinks


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_file_symlinks_out_of_in_dir_are_skipped_inside_ones_followed(
    tmp_path, synthetic_models_dir
):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    write(in_dir / "own.txt", ENGLISH)
    secret = write(tmp_path / "elsewhere" / "private.txt", english_variant(7))
    (in_dir / "leak.txt").symlink_to(secret)
    (in_dir / "alias.txt").symlink_to(in_dir / "own.txt")
    result = _batch(in_dir, out, synthetic_models_dir, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert_clean_stderr(result.stderr)
    assert "leak.txt: skipped: a symbolic link to a file outside" in result.stderr
    assert "1 skipped" in result.stderr
    assert not (out / "leak.json").exists()
    assert (out / "alias.json").is_file() and (out / "own.json").is_file()
    assert "counted 10 vehicles" not in "".join(p.read_text("utf-8") for p in out.rglob("*.*[dnl]"))


# ---------------------------------------------------------------- Markdown injection

HOSTILE = "a`<img src=x onerror=alert(1)>`.txt"


OWN_HTML = ("<br>",)


def _raw_html(markdown: str) -> list[str]:
    """Raw HTML a CommonMark renderer would pass through, other than our own <br> in table
    cells."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    found = []
    for token in tokens:
        if token.type == "html_block":
            found.append(token.content)
        for child in token.children or []:
            if child.type == "html_inline" and child.content not in OWN_HTML:
                found.append(child.content)
    return found


def test_hostile_file_name_stays_text_in_every_markdown_output(tmp_path, synthetic_models_dir):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    write(in_dir / HOSTILE, "<b>Bold</b> claims * [x](javascript:alert(1)) | 1. list\n" + ENGLISH)
    write(in_dir / "2. other `x`.txt", english_variant(3))
    result = _batch(in_dir, out, synthetic_models_dir, "--compare")
    assert result.returncode == 0, result.stderr
    for name in ("index.md", "compare.md", *(p.name for p in out.glob("a*.md"))):
        text = (out / name).read_text(encoding="utf-8")
        assert not _raw_html(text), (name, _raw_html(text))
        rendered = MarkdownIt("commonmark").enable("table").render(text)
        assert "<img" not in rendered and "javascript:" not in rendered.split("href")[-1][:20]
    index_html = MarkdownIt("commonmark").render((out / "index.md").read_text(encoding="utf-8"))
    assert "&lt;img src=x onerror=alert(1)&gt;" in index_html  # shown, as text


# ---------------------------------------------------------------- Ctrl-C at start-up


def _workers(pid: int) -> list[int]:
    """The spawned worker processes of `pid` (multiprocessing's `spawn_main` children)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if parent == pid and "spawn_main" in (stat.parent / "cmdline").read_text(
                errors="replace"
            ):
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def _sigint(pid: int) -> str:
    """What `pid` does with SIGINT now: "default" (a fresh interpreter, not yet running Python),
    "caught" (Python's KeyboardInterrupt handler) or "ignored" (a set-up batch worker)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "gone"
    masks = {k: int(v, 16) for k, _, v in (line.partition(":\t") for line in status.splitlines())
             if k in ("SigIgn", "SigCgt")}
    bit = 1 << (signal.SIGINT - 1)
    return "ignored" if masks["SigIgn"] & bit else "caught" if masks["SigCgt"] & bit else "default"


# When the Ctrl-C comes: each a different start-up phase with its own handling.
# - "0.3s-in": the first fixed delay of the old five (0.3 to 1.6 s). On a loaded machine cli.py
#   is still importing (`_interrupted_while_starting`); on an idle one the command has begun.
# - "folder-locked": the lock file is there, run_batch has begun and no worker exists yet: the
#   driver's own KeyboardInterrupt, before any pool.
# - "workers-starting": a spawned worker runs Python (its KeyboardInterrupt handler is in place)
#   and is not set up yet: it would die of SIGINT with a traceback from the middle of an import
#   were it not started with SIGINT blocked.
# - "workers-running": a worker is set up (it ignores SIGINT, and takes chunks): the driver
#   must stop it and close the pool.
# The last three are seen by watching the processes, not guessed by fixed delays (the later four
# of the old delays reached them only when the machine's load happened to fit), so each is
# reached however loaded the machine is.
PHASES = {
    "0.3s-in": None,
    "folder-locked": lambda proc, out: (out / LOCK_NAME).exists(),
    "workers-starting": lambda proc, out: any(
        _sigint(w) == "caught" for w in _workers(proc.pid)
    ),
    "workers-running": lambda proc, out: any(_sigint(w) == "ignored" for w in _workers(proc.pid)),
}


@pytest.mark.usefixtures("warm_langid_cache")
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("phase", list(PHASES))
def test_ctrl_c_in_the_first_second_of_jobs_two_prints_no_traceback(
    phase, tmp_path, synthetic_models_dir
):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    for k in range(8):
        write(in_dir / f"r{k:02d}.txt", russian_variant(k))
    args = ["batch", in_dir, "-o", out, "--models-dir", synthetic_models_dir, "--no-cache",
            "--jobs", "2"]
    # Its own process group, signalled as a whole: what Ctrl-C at a terminal does.
    proc = start_cli(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    reached = PHASES[phase]
    if reached is None:
        time.sleep(0.3)
    else:
        deadline = time.monotonic() + 60
        while not reached(proc, out) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert proc.poll() is None and reached(proc, out), f"{phase} never seen"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    stderr = err.decode("utf-8", "replace")
    assert proc.returncode in (130, 0), stderr
    assert_clean_stderr(stderr)
    assert "Error" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # no worker outlives the run
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("worker processes still running after the batch ended")
    if out.exists():
        _assert_complete_outputs(out)


def test_ctrl_c_before_batch_takes_over_still_says_interrupted(tmp_path, monkeypatch, capsys):
    """A Ctrl-C inside a command but outside batch's own handling (its imports, reading the
    options) ends with status 130 and one line saying so, as everywhere else; typer alone would
    exit 130 without a word. A batch that reported its own interruption gets no second line."""
    import cli

    def interrupted(settings):
        raise KeyboardInterrupt

    def reported(settings):
        print("newsbrief: interrupted after 3 articles", file=sys.stderr)
        return 130

    (tmp_path / "in").mkdir()
    monkeypatch.setattr(sys, "argv", ["newsbrief", "batch", str(tmp_path / "in"),
                                      "-o", str(tmp_path / "out")])
    for run, expected in ((interrupted, "newsbrief: interrupted\n"),
                          (reported, "newsbrief: interrupted after 3 articles\n")):
        monkeypatch.setattr(batch_module, "run_batch", run)
        with pytest.raises(SystemExit) as stop:
            cli.main()
        assert stop.value.code == 130
        assert capsys.readouterr().err == expected


_MARKUP = list("ab 1.-+=#>*_`[]()!<>&;\\|~:/x\"'")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_MARKUP), min_size=1, max_size=30))
def test_escaped_text_renders_as_exactly_that_text(text):
    """Whatever the punctuation, escaped text is plain text to CommonMark: in a paragraph, as a
    bullet's content and in a table cell, no markup and no HTML, and the same characters."""
    from newsbrief.render.markdown import escape

    text = " ".join(text.split())
    if not text:
        return
    md = MarkdownIt("commonmark").enable("table")
    for source in (escape(text), f"- {escape(text)}", f"| h |\n|---|\n| {escape(text)} |"):
        tokens = md.parse(source)
        assert not [t for t in tokens if t.type in ("html_block", "heading_open", "hr")]
        inline = [t for t in tokens if t.type == "inline"][-1]  # the text's own (not "h")
        children = inline.children or []
        assert all(c.type == "text" for c in children), (text, source, children)
        shown = "".join(c.content for c in children)
        assert shown == text, (text, source)


def test_summarize_markdown_of_a_hostile_name_through_the_cli(tmp_path):
    article = write(tmp_path / HOSTILE, ENGLISH)
    result = invoke_cli(["summarize", "--format", "markdown", article])
    assert result.returncode == 0, result.stderr
    assert not _raw_html(result.stdout)
    assert "<img" not in MarkdownIt("commonmark").enable("table").render(result.stdout)
