"""Resuming a batch from what its manifest records (issue 24).

What matters to a user with a big archive: a run stopped anywhere (Ctrl-C, or the driver killed
outright) keeps what it finished, and the rerun gives exactly the bytes of an uninterrupted
`--jobs 1` run; finished records are copied from the outputs, checked against the manifest, so a
damaged output costs only the lines concerned; a manifest that cannot be used is said to be so,
with the ways on, and `--rebuild-manifest` rebuilds it from the outputs without redoing them.

The real executable runs only where a process is stopped by a signal; the rest runs in process.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from newsbrief import batch as batch_module
from newsbrief.batch import run_batch
from newsbrief.batch.manifest import RESUME_DIR
from tests.helpers_cli import assert_clean_stderr, invoke_cli, start_cli
from tests.test_batch_archives import (
    MANIFEST,
    _capture_batches,
    outputs,
    records,
    settings,
    write_jsonl,
)

COUNT = 30  # records in the archive: more than a window of --jobs 2 in flight (16)


def _corpus(in_dir: Path) -> None:
    """An archive (read first: `feed` sorts before `p0`), then a few article files."""
    write_jsonl(in_dir / "feed.jsonl", records(COUNT))
    for k in range(3):
        path = in_dir / "p0" / f"a{k}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(records(COUNT + 3)[COUNT + k]["text"], encoding="utf-8")


def _finished(out: Path, table: str) -> int:
    """Rows of `table` committed so far (0 while the manifest is being made)."""
    try:
        db = sqlite3.connect(f"file:{out / MANIFEST}?mode=ro", uri=True, timeout=1)
        try:
            return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def _stop(args: list, out: Path, sig: int, table: str, at_least: int) -> int:
    """Start the batch, send `sig` once `table` has `at_least` rows; the exit status."""
    proc = start_cli(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                     start_new_session=True)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if _finished(out, table) >= at_least:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the batch finished before it could be stopped"
    if sig == signal.SIGKILL:
        os.killpg(proc.pid, sig)  # the driver and its workers: no chance to clean up
    else:
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert_clean_stderr(err.decode("utf-8", "replace"))
    return proc.returncode


@pytest.fixture(scope="module")
def reference(tmp_path_factory, synthetic_models_dir) -> dict[str, bytes]:
    """The outputs of one uninterrupted `--jobs 1` run."""
    root = tmp_path_factory.mktemp("reference")
    _corpus(root / "in")
    assert run_batch(settings(root / "in", root / "out", synthetic_models_dir)) == 0
    return outputs(root / "out")


@pytest.mark.usefixtures("warm_langid_cache")
@pytest.mark.parametrize(
    ("sig", "jobs", "table", "at_least"),
    [
        (signal.SIGINT, "1", "records", 1),  # the first record is finished
        (signal.SIGKILL, "1", "records", 1),
        (signal.SIGKILL, "1", "records", 7),  # mid-archive
        (signal.SIGINT, "2", "records", 5),
        (signal.SIGKILL, "2", "articles", 1),  # the archive is done, files are under way
    ],
)
def test_stopped_anywhere_the_rerun_gives_the_uninterrupted_bytes(
    tmp_path, synthetic_models_dir, reference, monkeypatch, sig, jobs, table, at_least
):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    _corpus(in_dir)
    args = ["batch", in_dir, "-o", out, "--models-dir", synthetic_models_dir, "--no-cache",
            "--jobs", jobs]
    code = _stop(args, out, sig, table, at_least)
    assert code == (130 if sig == signal.SIGINT else -signal.SIGKILL)
    finished = _finished(out, "records") + _finished(out, "articles")
    assert finished >= at_least  # kept: an output is on disk before the manifest says so

    made = _capture_batches(monkeypatch)
    rerun = invoke_cli([*args[:-1], "1"])
    assert rerun.returncode == 0, rerun.stderr
    assert made[-1].tally.done <= COUNT + 3 - finished  # nothing finished is done again
    assert made[-1].tally.unchanged >= finished
    got = {rel: data for rel, data in outputs(out).items() if not rel.endswith(".part")}
    assert got == reference
    assert not (out / RESUME_DIR).exists()  # no partial output is left once complete


@pytest.mark.usefixtures("warm_langid_cache")
def test_killed_twice_then_finished_gives_the_uninterrupted_bytes(
    tmp_path, synthetic_models_dir, reference
):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    _corpus(in_dir)
    args = ["batch", in_dir, "-o", out, "--models-dir", synthetic_models_dir, "--no-cache"]
    _stop(args, out, signal.SIGKILL, "records", 4)
    first = _finished(out, "records")
    # The second run copies the first one's lines into a new partial output, then is killed
    # too: the manifest now points into two partial files.
    _stop(args, out, signal.SIGKILL, "records", first + 3)
    assert len(list((out / RESUME_DIR).iterdir())) >= 1
    rerun = invoke_cli(args)
    assert rerun.returncode == 0, rerun.stderr
    got = {rel: data for rel, data in outputs(out).items() if not rel.endswith(".part")}
    assert got == reference
    assert not (out / RESUME_DIR).exists()


def test_an_unchanged_rerun_writes_nothing_and_a_damaged_line_is_redone_alone(
    tmp_path, synthetic_models_dir, monkeypatch
):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    write_jsonl(in_dir / "feed.jsonl", records(8))
    assert run_batch(settings(in_dir, out, synthetic_models_dir)) == 0
    want = (out / "feed.jsonl").read_bytes()
    stamp = (out / "feed.jsonl").stat().st_mtime_ns
    made = _capture_batches(monkeypatch)
    assert run_batch(settings(in_dir, out, synthetic_models_dir)) == 0
    assert (made[-1].tally.done, made[-1].tally.unchanged) == (0, 8)
    assert (out / "feed.jsonl").stat().st_mtime_ns == stamp  # not even rewritten

    # One byte of record 3's line changed by hand, and the file cut inside record 8's line:
    # both fail their checksums and are computed again; the others are copied.
    lines = want.splitlines(keepends=True)
    lines[2] = lines[2].replace(b'"key_points"', b'"key_p0ints"')
    (out / "feed.jsonl").write_bytes(b"".join(lines)[:-10])
    assert run_batch(settings(in_dir, out, synthetic_models_dir)) == 0
    assert (made[-1].tally.done, made[-1].tally.unchanged) == (2, 6)
    assert (out / "feed.jsonl").read_bytes() == want


def test_the_manifest_records_where_lines_are_not_what_they_say(tmp_path):
    """Its size does not follow the articles' size: 30 records of 8 kB cost what 30 of 100 B do."""
    sizes = {}
    for label, repeat in (("short", 1), ("long", 80)):
        in_dir, out = tmp_path / f"in-{label}", tmp_path / f"out-{label}"
        rows = [{"id": f"n{k}", "text": " ".join(
            f"The city council approved plan {k} on day {j}." for j in range(2 * repeat))}
            for k in range(30)]
        write_jsonl(in_dir / "feed.jsonl", rows)
        s = settings(in_dir, out, tmp_path / "no-models")
        s.options.translate = False
        assert run_batch(s) == 0
        sizes[label] = sum(p.stat().st_size for p in out.glob(f"{MANIFEST}*"))
    assert sizes["long"] <= sizes["short"] + 4096, sizes  # at most one page apart


def _damage(out: Path, how: str) -> None:
    path = out / MANIFEST
    if how == "garbage":
        path.write_bytes(b"\x00not a database\xff" * 512)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    elif how == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:  # written by a newer newsbrief
        db = sqlite3.connect(path)
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
        db.commit()
        db.close()


@pytest.mark.parametrize("how", ["garbage", "truncated", "newer"])
def test_an_unusable_manifest_is_said_to_be_and_rebuilt_on_request(
    tmp_path, synthetic_models_dir, monkeypatch, how
):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    write_jsonl(in_dir / "feed.jsonl", records(8))
    (in_dir / "note.txt").write_text(records(9)[8]["text"], encoding="utf-8")
    args = ["batch", in_dir, "-o", out, "--models-dir", synthetic_models_dir, "--no-cache"]
    assert invoke_cli(args).returncode == 0
    want = outputs(out)
    _damage(out, how)
    if how == "truncated" and not _truncation_detected(out):
        pytest.skip("SQLite read this truncated file as a smaller valid database")
    damaged = (out / MANIFEST).read_bytes()

    refused = invoke_cli(args)
    assert refused.returncode == 1
    assert_clean_stderr(refused.stderr)
    message = " ".join(refused.stderr.split())
    assert str(out / MANIFEST) in message  # names the file
    assert "--rebuild-manifest" in message and f"remove {out / MANIFEST}" in message
    if how == "newer":
        assert "newer newsbrief" in message
    assert (out / MANIFEST).read_bytes() == damaged  # nothing silently replaced
    assert outputs(out) == want  # nor any output redone or dropped

    # Rebuilt from the outputs with no model at all: archive records are kept, not redone
    # (a Russian record would fail without its model); the article file is said to be redone.
    made = _capture_batches(monkeypatch)
    empty = tmp_path / "no-models"
    empty.mkdir()
    rebuilt = invoke_cli([*args[:-3], "--models-dir", empty, "--no-cache", "--rebuild-manifest"])
    assert "manifest rebuilt: 8 archive records kept" in rebuilt.stderr
    assert "1 article file to summarise again" in rebuilt.stderr
    assert made[-1].tally.unchanged == 8
    assert {k: v for k, v in outputs(out).items() if k.startswith("feed")} == {
        k: v for k, v in want.items() if k.startswith("feed")}
    again = invoke_cli(args)
    assert again.returncode == 0 and "0 summarised, 9 unchanged" in again.stderr
    assert outputs(out) == want


def _truncation_detected(out: Path) -> bool:
    try:
        batch_module.Manifest(out / MANIFEST).close()
    except batch_module.ManifestError:
        return True
    return False


def test_a_manifest_of_an_older_newsbrief_is_rebuilt_without_redoing_anything(
    tmp_path, synthetic_models_dir, monkeypatch
):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    write_jsonl(in_dir / "feed.jsonl", records(4))
    (in_dir / "ru.txt").write_text(records(2)[1]["text"], encoding="utf-8")  # Russian
    args = ["batch", in_dir, "-o", out, "--models-dir", synthetic_models_dir, "--no-cache"]
    assert invoke_cli(args).returncode == 0
    want = outputs(out)
    # The same rows as version 1 kept them: articles less the `seen` column, no record rows.
    db = sqlite3.connect(out / MANIFEST)
    rows = db.execute("SELECT rel, content_hash, settings_hash, outputs, article FROM articles")
    rows = rows.fetchall()
    db.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{out / MANIFEST}{suffix}").unlink(missing_ok=True)
    db = sqlite3.connect(out / MANIFEST)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('schema', '1')")
    db.execute("CREATE TABLE articles (rel TEXT PRIMARY KEY, content_hash TEXT, "
               "settings_hash TEXT, outputs TEXT, article TEXT)")
    db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?)", rows)
    db.commit()
    db.close()

    refused = invoke_cli(args)
    assert refused.returncode == 1 and "older newsbrief" in refused.stderr
    made = _capture_batches(monkeypatch)
    empty = tmp_path / "no-models"  # a Russian article or record redone would fail
    empty.mkdir()
    rebuilt = invoke_cli([*args[:-3], "--models-dir", empty, "--no-cache", "--rebuild-manifest"])
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "to summarise again" not in rebuilt.stderr
    assert (made[-1].tally.done, made[-1].tally.unchanged) == (0, 5)
    assert outputs(out) == want


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_manifest_is_said_to_be(tmp_path, synthetic_models_dir):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    write_jsonl(in_dir / "feed.jsonl", records(2))
    args = ["batch", in_dir, "-o", out, "--models-dir", synthetic_models_dir, "--no-cache"]
    assert invoke_cli(args).returncode == 0
    (out / MANIFEST).chmod(0)
    try:
        refused = invoke_cli(args)
    finally:
        (out / MANIFEST).chmod(0o644)
    assert refused.returncode == 1
    message = " ".join(refused.stderr.split())
    assert "permission denied" in message and str(out / MANIFEST) in message
    assert "--rebuild-manifest" in message


def test_a_manifest_found_damaged_mid_run_is_said_to_be(tmp_path, synthetic_models_dir,
                                                        monkeypatch, capsys):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    write_jsonl(in_dir / "feed.jsonl", records(6))
    real_put = batch_module.Manifest.put_record
    calls = []

    def damaged(self, *args):
        calls.append(args)
        if len(calls) == 3:
            raise sqlite3.DatabaseError("database disk image is malformed")
        real_put(self, *args)

    monkeypatch.setattr(batch_module.Manifest, "put_record", damaged)
    assert run_batch(settings(in_dir, out, synthetic_models_dir)) == 1
    err = capsys.readouterr().err
    assert_clean_stderr(err)
    message = " ".join(err.split())
    assert f"{out / MANIFEST} cannot be used: it is damaged" in message
    assert "--rebuild-manifest" in message
