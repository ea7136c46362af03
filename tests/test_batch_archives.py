"""`newsbrief batch` over jsonl archives, and the driver's bounded streaming.

What matters to a user with a newsroom archive: a .jsonl or .jsonl.gz file in IN_DIR is one
article per record, mirrored as a .jsonl output with the records in the same order and their
extra keys; one bad record becomes one error record in its place (never a lost file); a rerun or
an interrupted run redoes only the records that are not finished. And the driver reads its inputs
as it goes: it never holds the whole folder.

Runs go through the library or the CLI app in this process; the real executable only where a
process is killed (a worker, or the driver itself).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsbrief.batch import driver, pool, run_batch
from newsbrief.batch import outputs as batch_outputs
from newsbrief.settings import BatchSettings, EngineSettings
from tests.helpers_cli import (
    ENGLISH,
    RUSSIAN,
    assert_clean_stderr,
    english_variant,
    invoke_cli,
    russian_variant,
)

MANIFEST = ".newsbrief-batch.sqlite"
LOCK = ".newsbrief-batch.lock"


def records(n: int) -> list[dict]:
    """n distinct articles, Russian and English alternating, each with extra keys."""
    out = []
    for k in range(n):
        text = russian_variant(k) if k % 2 else english_variant(k)
        out.append({"id": f"art-{k}", "text": text, "outlet": f"Outlet {k % 3}", "n": k})
    return out


def write_jsonl(path: Path, rows: list, gz: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def outputs(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith((MANIFEST, LOCK))  # the manifest and its WAL
    }


def settings(in_dir: Path, out_dir: Path, models: Path, **kw) -> BatchSettings:
    engine = EngineSettings(models_dir=str(models), cache=False)
    return BatchSettings(in_dir=in_dir, out_dir=out_dir, engine=engine, quiet=True, **kw)


def test_archives_are_mirrored_record_by_record_through_the_cli(tmp_path, synthetic_models_dir):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    rows = records(5)
    rows.insert(2, "{not json")
    rows.insert(4, {"id": "blank", "text": "  ", "outlet": "Y"})
    write_jsonl(in_dir / "feed.jsonl", rows)
    write_jsonl(in_dir / "old" / "feed.jsonl.gz", records(3), gz=True)
    (in_dir / "a.txt").write_text(RUSSIAN, encoding="utf-8")

    result = invoke_cli(["batch", in_dir, "-o", out, "--models-dir", synthetic_models_dir])
    assert result.returncode == 1, result.stderr  # two bad records
    assert_clean_stderr(result.stderr)

    got = read_jsonl(out / "feed.jsonl")
    assert [r["id"] for r in got] == ["art-0", "art-1", "feed.jsonl:3", "art-2", "blank",
                                      "art-3", "art-4"]
    for r in got:
        if r["id"].startswith("art-"):
            k = int(r["id"].split("-")[1])
            assert r["outlet"] == f"Outlet {k % 3}" and r["n"] == k  # extra keys kept
            assert r["key_points"] and "error" not in r
    assert "not valid JSON" in got[2]["error"]
    assert got[4]["outlet"] == "Y" and "empty" in got[4]["error"]
    # Each bad record is named on stderr with its archive and place, once.
    assert sum("feed.jsonl: record 3" in line for line in result.stderr.splitlines()) == 1
    assert sum("record 5 (blank)" in line for line in result.stderr.splitlines()) == 1
    # The compressed archive gives an uncompressed .jsonl beside its folder's other outputs.
    assert [r["id"] for r in read_jsonl(out / "old" / "feed.jsonl")] == ["art-0", "art-1", "art-2"]
    assert (out / "a.md").is_file()
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "feed.jsonl" in index and "7 records, 5 summarised, 2 failed" in index
    assert "old/feed.jsonl.gz" in index


def test_archive_rerun_redoes_only_changed_records(tmp_path, synthetic_models_dir, monkeypatch):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    rows = records(6)
    write_jsonl(in_dir / "feed.jsonl", rows)
    assert run_batch(settings(in_dir, out, synthetic_models_dir)) == 0
    first = read_jsonl(out / "feed.jsonl")

    rows[3]["text"] = russian_variant(40)
    rows[4]["outlet"] = "Renamed"  # extra keys are part of the record's output too
    write_jsonl(in_dir / "feed.jsonl", rows[:5])  # and the last record is gone
    batch = _capture_batches(monkeypatch)
    assert run_batch(settings(in_dir, out, synthetic_models_dir)) == 0
    tally = batch[-1].tally
    assert (tally.done, tally.unchanged) == (2, 3)
    second = read_jsonl(out / "feed.jsonl")
    assert second[:3] == first[:3] and second[4]["outlet"] == "Renamed"
    assert len(second) == 5


def _capture_batches(monkeypatch) -> list:
    """The Batch objects run_batch makes from now on (to read their tallies)."""
    made: list = []
    original = driver.Batch.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(driver.Batch, "__init__", init)
    return made


def test_interrupted_archive_leaves_no_partial_file_and_resumes_per_record(
    tmp_path, synthetic_models_dir, monkeypatch
):
    in_dir = tmp_path / "in"
    write_jsonl(in_dir / "feed.jsonl", records(9))
    reference = tmp_path / "ref"
    assert run_batch(settings(in_dir, reference, synthetic_models_dir)) == 0

    out = tmp_path / "out"
    original = batch_outputs.Outputs.write_record
    written = []

    def stop_after_five(self, item, result):
        if len(written) == 5:
            raise KeyboardInterrupt  # Ctrl-C while the archive is half written
        written.append(item.index)
        original(self, item, result)

    monkeypatch.setattr(batch_outputs.Outputs, "write_record", stop_after_five)
    assert run_batch(settings(in_dir, out, synthetic_models_dir)) == 130
    assert not (out / "feed.jsonl").exists()
    assert not list(out.glob(".*.part"))  # no half-written output left behind

    monkeypatch.setattr(batch_outputs.Outputs, "write_record", original)
    made = _capture_batches(monkeypatch)
    assert run_batch(settings(in_dir, out, synthetic_models_dir)) == 0
    assert (made[-1].tally.unchanged, made[-1].tally.done) == (5, 4)  # finished ones kept
    assert outputs(out) == outputs(reference)


def test_a_damaged_gzip_archive_keeps_what_was_read(tmp_path, synthetic_models_dir):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    good = gzip.compress(
        ("\n".join(json.dumps(r, ensure_ascii=False) for r in records(40)) + "\n").encode()
    )
    (in_dir).mkdir()
    (in_dir / "cut.jsonl.gz").write_bytes(good[: len(good) * 2 // 3])  # a truncated download
    result = run_batch(settings(in_dir, out, synthetic_models_dir))
    assert result == 1
    got = read_jsonl(out / "cut.jsonl")
    assert got and "damaged" in got[-1]["error"]
    assert all("error" not in r for r in got[:-1])


@pytest.mark.usefixtures("warm_langid_cache")  # --jobs 2: worker processes
@pytest.mark.parametrize("jobs", [1, 2])
def test_the_driver_reads_ahead_only_a_window(tmp_path, synthetic_models_dir, monkeypatch, jobs):
    """Inputs are read while results are written: never more than the window ahead."""
    in_dir = tmp_path / "in"
    rows = [{"id": f"e{k}", "text": english_variant(k)} for k in range(60)]
    write_jsonl(in_dir / "feed.jsonl", rows)
    for k in range(6):
        (in_dir / f"t{k}.txt").write_text(ENGLISH + f"Extra line {k}.\n", encoding="utf-8")
    read, lead = [0], []
    items, write = driver.Batch.items, batch_outputs.Outputs.write_record

    def counting_items(self, sources):
        for item in items(self, sources):
            read[0] += 1
            yield item

    def noting_write(self, item, result):
        lead.append(read[0] - item.index)
        write(self, item, result)

    monkeypatch.setattr(driver.Batch, "items", counting_items)
    monkeypatch.setattr(batch_outputs.Outputs, "write_record", noting_write)
    s = settings(in_dir, tmp_path / "out", synthetic_models_dir, jobs=jobs)
    assert run_batch(s) == 0
    assert len(lead) == 60
    window = pool.WINDOW_PER_WORKER * jobs * s.task_documents
    # Items read but not yet written: the chunks in flight plus the one being filled.
    assert max(lead) <= window + s.task_documents + 1, max(lead)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.usefixtures("warm_langid_cache")
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_jobs_two_worker_killed_fails_only_its_chunk_and_a_rerun_completes(
    tmp_path, synthetic_models_dir
):
    import os
    import signal
    import subprocess
    import time

    from tests.helpers_cli import start_cli

    in_dir, out = tmp_path / "in", tmp_path / "out"
    count = 24  # six chunks of four: more than the four in flight when a worker is killed
    write_jsonl(in_dir / "feed.jsonl", records(count))
    args = ["batch", in_dir, "-o", out, "--models-dir", synthetic_models_dir, "--no-cache",
            "--jobs", "2"]
    proc = start_cli(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    killed = None
    deadline = time.monotonic() + 60
    while killed is None and proc.poll() is None and time.monotonic() < deadline:
        workers = [pid for pid in _children(proc.pid)
                   if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")]
        if len(workers) == 2:  # started for the chunks in flight: they are not done yet
            killed = workers[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.05)
    _, err = proc.communicate(timeout=180)
    stderr = err.decode("utf-8", "replace")
    assert killed is not None
    assert_clean_stderr(stderr)
    got = read_jsonl(out / "feed.jsonl")
    assert [r["id"] for r in got] == [f"art-{k}" for k in range(count)]  # all there, in order
    died = [r for r in got if "error" in r]
    # The chunk being awaited fails (4 articles); the others in flight run again elsewhere.
    assert 1 <= len(died) <= 4 and all("worker process died" in r["error"] for r in died)
    assert proc.returncode == 1, stderr
    # The same command again, here with --jobs 1 in this process: what a rerun redoes does not
    # depend on --jobs (nor do the outputs: test_batch_jobs_two_writes_the_same_bytes_as_jobs_one).
    rerun = invoke_cli([*args[:-1], "1"])
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(died)} summarised, {count - len(died)} unchanged" in rerun.stderr
    reference = tmp_path / "ref"
    assert run_batch(settings(in_dir, reference, synthetic_models_dir)) == 0
    assert outputs(out) == outputs(reference)


@pytest.mark.usefixtures("warm_langid_cache")
def test_driver_killed_outright_a_rerun_resumes_from_the_manifest(tmp_path, synthetic_models_dir):
    import os
    import signal
    import sqlite3
    import subprocess
    import time

    from tests.helpers_cli import start_cli

    in_dir, out = tmp_path / "in", tmp_path / "out"
    for k in range(24):
        (in_dir / f"p{k // 8}").mkdir(parents=True, exist_ok=True)
        (in_dir / f"p{k // 8}" / f"a{k:02d}.txt").write_text(russian_variant(k), encoding="utf-8")
    write_jsonl(in_dir / "feed.jsonl", records(8))
    args = ["batch", in_dir, "-o", out, "--models-dir", synthetic_models_dir, "--no-cache",
            "--jobs", "2"]
    proc = start_cli(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if len(list(out.glob("p*/*.md"))) >= 3:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its workers, no chance to clean up
    proc.wait(timeout=30)
    with sqlite3.connect(out / MANIFEST) as db:
        finished = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert finished >= 2  # an article's files are written first, then its manifest row

    # The same command again, here with --jobs 1 in this process: what a rerun redoes does not
    # depend on --jobs (nor do the outputs: test_batch_jobs_two_writes_the_same_bytes_as_jobs_one).
    rerun = invoke_cli([*args[:-1], "1"])
    assert rerun.returncode == 0, rerun.stderr
    done = int(rerun.stderr.split(" summarised")[0].rsplit(" ", 1)[-1])
    assert done <= 32 - finished  # what was finished is not done again
    reference = tmp_path / "ref"
    assert run_batch(settings(in_dir, reference, synthetic_models_dir)) == 0
    # A kill -9 may strand a temporary `.NAME.HEX.part` (never a half-written output under its
    # real name); every real output is the same as an uninterrupted run's.
    got = {rel: data for rel, data in outputs(out).items() if not rel.endswith(".part")}
    assert got == outputs(reference)
