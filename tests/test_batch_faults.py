"""`newsbrief batch` on a bad day (issue 26): partials a killed run left, an OUT_DIR that stops
taking files mid-run, the umask, OUT_DIR above IN_DIR.

Runs go through the library in this process; the faults are made real where a test can make
them (chmod as a normal user) and simulated at the one writer otherwise (root ignores modes).
"""

from __future__ import annotations

import errno
import io
import json
import os
from pathlib import Path

import pytest

from newsbrief.batch import BatchSettings, run_batch
from newsbrief.batch import pool as batch_pool
from newsbrief.runner import Reporter
from newsbrief.settings import EngineSettings
from tests.helpers_cli import english_variant
from tests.test_batch import MANIFEST, _assert_complete_outputs, manifest_rows, write
from translator import atomic_files
from translator.atomic_files import temporary_name


def _settings(in_dir: Path, out: Path, models: Path, **extra) -> BatchSettings:
    return BatchSettings(in_dir, out, formats=["markdown", "json"], task_documents=1,
                         engine=EngineSettings(models_dir=str(models)), **extra)


def _tree(root: Path, count: int) -> None:
    for k in range(count):
        write(root / f"e{k}.txt", english_variant(k))


# ---------------------------------------------------------------- partials


def test_a_rerun_sweeps_the_partials_of_a_killed_run_and_nothing_else(
    tmp_path, synthetic_models_dir
):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    _tree(in_dir, 2)
    write(in_dir / "sub" / "s.txt", english_variant(9))
    assert run_batch(_settings(in_dir, out, synthetic_models_dir), Reporter(quiet=True)) == 0
    ours = [out / temporary_name("feed.jsonl"), out / "sub" / temporary_name("s.md"),
            out / temporary_name("x" * 300 + ".json")]
    for path in ours:
        path.write_bytes(b"half a result")
    decoys = ["notes.part", ".feed.jsonl.0123456789AB.part", "feed.jsonl.0123456789ab.part",
              ".feed.jsonl.0123.part", "..0123456789ab.part", ".mine.0123456789ab.part.txt"]
    for name in decoys:
        (out / name).write_text("the user's", encoding="utf-8")
    outside = tmp_path / temporary_name("elsewhere")
    outside.write_text("not ours", encoding="utf-8")
    (out / temporary_name("link")).symlink_to(outside)
    assert run_batch(_settings(in_dir, out, synthetic_models_dir), Reporter(quiet=True)) == 0
    assert not [p for p in ours if p.exists()]
    assert all((out / name).exists() for name in decoys)
    assert outside.exists() and (out / temporary_name("link")).parent.exists()
    assert any(p.is_symlink() for p in out.iterdir())  # a link is never removed


# ---------------------------------------------------------------- OUT_DIR goes read-only


@pytest.fixture
def counted_chunks(monkeypatch):
    """How many documents the pipeline was given."""
    seen = []
    real = batch_pool.process_chunk

    def counting(docs, options, factory):
        seen.extend(d.id for d in docs)
        return real(docs, options, factory)

    monkeypatch.setattr(batch_pool, "process_chunk", counting)
    return seen


def _read_only_after(monkeypatch, out: Path, files: int) -> None:
    """OUT_DIR takes `files` more new files, then refuses every one (as `chmod a-w` would)."""
    real = atomic_files.AtomicFile.__init__
    left = {"n": files}

    def init(self, path):
        if Path(os.path.abspath(path)).is_relative_to(os.path.abspath(out)):
            if left["n"] <= 0:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            left["n"] -= 1
        real(self, path)

    monkeypatch.setattr(atomic_files.AtomicFile, "__init__", init)


def test_an_out_dir_that_turns_read_only_stops_the_run_at_the_first_failed_write(
    tmp_path, synthetic_models_dir, monkeypatch, capsys, counted_chunks
):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    _tree(in_dir, 6)
    _read_only_after(monkeypatch, out, files=2)  # the first article's two files
    status = run_batch(_settings(in_dir, out, synthetic_models_dir), Reporter(stream=io.StringIO()))
    err = capsys.readouterr().err
    assert status == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "cannot write to the output folder (Permission denied)" in lines[0]
    assert "1 articles finished in this run are kept" in lines[0]
    assert "internal error" not in err
    assert len(counted_chunks) == 2  # the second article's write failed: no third translated
    assert set(manifest_rows(out)) == {"e0.txt"}
    assert (out / "e0.md").exists() and (out / "e0.json").exists()

    monkeypatch.undo()  # writable again: the same command finishes the rest
    assert run_batch(_settings(in_dir, out, synthetic_models_dir), Reporter(quiet=True)) == 0
    assert set(manifest_rows(out)) == {f"e{k}.txt" for k in range(6)}
    _assert_complete_outputs(out)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_chmod_read_only_out_dir_stops_the_run(tmp_path, synthetic_models_dir, capsys):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    _tree(in_dir, 3)
    assert run_batch(_settings(in_dir, out, synthetic_models_dir), Reporter(quiet=True)) == 0
    write(in_dir / "e9.txt", english_variant(9))
    out.chmod(0o555)
    try:
        status = run_batch(_settings(in_dir, out, synthetic_models_dir),
                           Reporter(stream=io.StringIO()))
    finally:
        out.chmod(0o755)
    err = capsys.readouterr().err
    assert status == 1 and "internal error" not in err
    assert "cannot write to the output folder" in err or "cannot use the output folder" in err
    assert len(err.strip().splitlines()) == 1, err


# ---------------------------------------------------------------- the smaller items


def test_every_output_and_the_manifest_follow_the_umask(tmp_path, synthetic_models_dir):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    _tree(in_dir, 1)
    write(in_dir / "feed.jsonl", json.dumps({"id": "r1", "text": english_variant(5)}) + "\n")
    old = os.umask(0o002)
    try:
        assert run_batch(_settings(in_dir, out, synthetic_models_dir), Reporter(quiet=True)) == 0
    finally:
        os.umask(old)
    modes = {p.name: p.stat().st_mode & 0o777 for p in out.iterdir() if p.is_file()}
    assert {"feed.jsonl", MANIFEST, "e0.md", "index.html"} <= set(modes)
    assert set(modes.values()) == {0o664}, modes


def test_an_out_dir_holding_in_dir_is_refused_with_a_true_message(tmp_path, capsys):
    in_dir = tmp_path / "dd" / "in"
    _tree(in_dir, 1)
    status = run_batch(BatchSettings(in_dir, tmp_path / "dd"), Reporter(quiet=True))
    err = capsys.readouterr().err
    assert status == 2
    assert "holds the input folder" in err and "no articles" not in err
    assert not (tmp_path / "dd" / "index.md").exists()


def test_a_stray_nul_is_dropped_with_a_warning_and_binary_still_refused(tmp_path):
    from newsbrief.reading import read_inputs

    text = tmp_path / "a.txt"
    text.write_bytes(english_variant(1).encode() + b"\x00 And one more sentence here.\n")
    blob = tmp_path / "b.txt"
    blob.write_bytes(bytes(range(256)) * 8)
    warnings: list[str] = []
    got = list(read_inputs([str(text), str(blob)], warn=warnings.append))
    assert got[0].text.endswith("And one more sentence here.") and "\x00" not in got[0].text
    assert warnings == [f"{text}: dropped 1 NUL byte (not text: a damaged copy?)"]
    assert got[1].kind == "binary"


def test_a_stray_nul_on_standard_input_is_said_as_for_a_file():
    import io

    from newsbrief.reading import read_inputs

    data = english_variant(1).encode() + b"\x00 And one more sentence here.\n"
    warnings: list[str] = []
    got = list(read_inputs(["-"], stdin=io.BytesIO(data), warn=warnings.append))
    assert "\x00" not in got[0].text
    assert warnings == ["-: dropped 1 NUL byte (not text: a damaged copy?)"]
