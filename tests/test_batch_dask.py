"""`newsbrief batch --scheduler`: the work on a Dask cluster, the same outputs as `--jobs 1`.

A LocalCluster with 2 worker processes is started here, on 127.0.0.1 only. pytest-socket blocks
the network for the suite; these tests alone allow connections to 127.0.0.1 (`allow_hosts`: the
test process talks to its own scheduler; nothing else is reachable), everything else stays
blocked. Most `newsbrief batch` runs are the CLI app in this process (the cluster's workers are
processes anyway); the real executable runs where it is signalled or watched from outside (Ctrl-C,
a worker killed mid-run, progress on a terminal). How long an unreachable scheduler takes to be
reported is a figure of benchmarks/bench_dask_connect.py, not a test.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from newsbrief.batch import cluster as cluster_module  # noqa: E402 - after the skip
from newsbrief.batch import run_batch  # noqa: E402
from newsbrief.settings import BatchSettings, EngineSettings  # noqa: E402
from tests.helpers_cli import (  # noqa: E402
    ENGLISH,
    UKRAINIAN,
    assert_clean_stderr,
    english_variant,
    invoke_cli,
    russian_variant,
    start_cli,
)

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

MANIFEST = ".newsbrief-batch.sqlite"
LOCK = ".newsbrief-batch.lock"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, langid_tables):
    """The workers start here, before any test's isolated environment (conftest's isolated_env
    is per test): they get one of their own, so they never read or write the user's cache,
    models or config folders (they did: the langid tables in ~/.cache/newsbrief). Their cache
    folder holds the language-identification tables already (see warm_langid_cache)."""
    import os

    from distributed import Client, LocalCluster

    root = tmp_path_factory.mktemp("cluster-env")
    with pytest.MonkeyPatch.context() as env:
        for var in ("HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                    "NEWSBRIEF_CACHE_DIR"):
            (root / var).mkdir()
            env.setenv(var, str(root / var))
        for var in ("NEWSBRIEF_MODELS_DIR", "ARGOS_PACKAGES_DIR", "ARGOS_TRANSLATE_PACKAGE_DIR",
                    "SNAP"):
            env.delenv(var, raising=False)
        for table in langid_tables.glob("langid-*.npz"):
            os.link(table, root / "NEWSBRIEF_CACHE_DIR" / table.name)
        local = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",
            worker_dashboard_address=None,
        )
    with local, Client(local, set_as_default=False) as client:
        yield local, client


def write_inputs(root: Path, n: int) -> Path:
    """n records in an archive, a few article files, one bad record."""
    root.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps({"id": f"r{k}", "text": russian_variant(k) if k % 2 else english_variant(k),
                    "outlet": f"O{k % 3}"}, ensure_ascii=False)
        for k in range(n)
    ]
    lines.insert(n // 2, "[1, 2]")  # not an object: one error record in its place
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (root / "sub").mkdir(exist_ok=True)
    (root / "sub" / "uk.txt").write_text(UKRAINIAN, encoding="utf-8")
    return root


def outputs(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith((MANIFEST, LOCK))  # the manifest and its WAL
    }


def reference(in_dir: Path, out: Path, models: Path) -> dict[str, bytes]:
    engine = EngineSettings(models_dir=str(models), cache=False)
    run_batch(BatchSettings(in_dir=in_dir, out_dir=out, engine=engine, quiet=True))
    return outputs(out)


def cli(in_dir: Path, out: Path, models: Path, address: str, *extra: str):
    return ["batch", in_dir, "-o", out, "--models-dir", models, "--no-cache",
            "--scheduler", address, *extra]


def test_cluster_run_writes_the_same_bytes_as_jobs_one(cluster, tmp_path, synthetic_models_dir):
    local, _ = cluster
    in_dir = write_inputs(tmp_path / "in", 12)
    result = invoke_cli(cli(in_dir, tmp_path / "dask", synthetic_models_dir,
                            local.scheduler_address))
    assert result.returncode == 1, result.stderr  # the one bad record
    assert_clean_stderr(result.stderr)
    assert "record 7" in result.stderr
    want = reference(in_dir, tmp_path / "one", synthetic_models_dir)
    assert outputs(tmp_path / "dask") == want
    assert len((tmp_path / "dask" / "feed.jsonl").read_text("utf-8").splitlines()) == 13


def test_scheduler_from_dask_environment_variable(cluster, tmp_path, synthetic_models_dir):
    local, _ = cluster
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    (in_dir / "en.txt").write_text(ENGLISH, encoding="utf-8")
    args = ["batch", in_dir, "-o", tmp_path / "out", "--models-dir", synthetic_models_dir]
    result = invoke_cli(args, env={"DASK_SCHEDULER_ADDRESS": local.scheduler_address})
    assert result.returncode == 0, result.stderr
    assert outputs(tmp_path / "out") == reference(in_dir, tmp_path / "one", synthetic_models_dir)


@pytest.mark.usefixtures("warm_langid_cache")
def test_a_worker_killed_mid_run_loses_nothing(cluster, tmp_path, synthetic_models_dir):
    local, client = cluster
    in_dir = write_inputs(tmp_path / "in", 40)
    out = tmp_path / "out"
    proc = start_cli(cli(in_dir, out, synthetic_models_dir, local.scheduler_address),
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    killed = None
    deadline = time.monotonic() + 60
    while killed is None and time.monotonic() < deadline and proc.poll() is None:
        busy = [w for w, tasks in client.processing().items() if tasks]
        if busy:  # a worker holds a task of the run: kill its process outright
            killed = client.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.05)
    _, stderr = proc.communicate(timeout=180)
    stderr = stderr.decode("utf-8", "replace")
    assert killed is not None, "the run ended before a worker could be killed"
    assert proc.returncode == 1, stderr  # the one bad record, nothing else
    assert_clean_stderr(stderr)
    assert "died" not in stderr
    ids = [json.loads(line)["id"] for line in (out / "feed.jsonl").read_text("utf-8").splitlines()]
    want = [f"r{k}" for k in range(20)] + ["feed.jsonl:21"] + [f"r{k}" for k in range(20, 40)]
    assert ids == want  # every record once, in order
    assert outputs(out) == reference(in_dir, tmp_path / "one", synthetic_models_dir)
    client.wait_for_workers(2, timeout=30)  # the nanny brought it back for the next test


COUNT = 40  # articles of the Ctrl-C test


def _committed(out) -> int:
    """Articles the run's manifest records so far (0 while it is not there yet)."""
    try:
        with sqlite3.connect(f"file:{out / MANIFEST}?mode=ro", uri=True, timeout=0.5) as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.usefixtures("warm_langid_cache")
def test_ctrl_c_stops_the_cluster_run_and_a_rerun_resumes(cluster, tmp_path, synthetic_models_dir):
    local, client = cluster
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    # More chunks than the 4 in flight at once: a commit costs no fsync, so those 4 are
    # written within milliseconds of each other, and only later ones are still to do.
    for k in range(COUNT):
        (in_dir / f"a{k:02d}.txt").write_text(russian_variant(k), encoding="utf-8")
    out = tmp_path / "out"
    proc = start_cli(cli(in_dir, out, synthetic_models_dir, local.scheduler_address),
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if _committed(out) >= 2:  # articles are being recorded (an output is written first)
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    stderr = stderr.decode("utf-8", "replace")
    assert proc.returncode == 130, stderr
    assert_clean_stderr(stderr)
    assert "interrupted after" in stderr
    assert not list(out.glob(".*.part"))
    with sqlite3.connect(out / MANIFEST) as db:
        finished = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 2 <= finished < COUNT
    # The cluster's tasks of the stopped run were cancelled: the workers are idle again.
    deadline = time.monotonic() + 20
    while any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(client.processing().values())

    rerun = invoke_cli(cli(in_dir, out, synthetic_models_dir, local.scheduler_address))
    assert rerun.returncode == 0, rerun.stderr
    assert f"{COUNT - finished} summarised, {finished} unchanged" in rerun.stderr
    assert outputs(out) == reference(in_dir, tmp_path / "one", synthetic_models_dir)


def test_a_worker_without_the_models_is_one_clear_error(
    cluster, tmp_path, monkeypatch, capsys
):
    local, _ = cluster
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    (in_dir / "ru.txt").write_text(russian_variant(1), encoding="utf-8")
    empty = tmp_path / "no-models"
    empty.mkdir()
    # The driver finds a ru model; the workers, looking in the same (empty) folder, do not.
    monkeypatch.setattr(cluster_module, "required_models", lambda engine: {"ru": "/x/ru_en"})
    engine = EngineSettings(models_dir=str(empty), cache=False)
    settings = BatchSettings(in_dir=in_dir, out_dir=tmp_path / "out", engine=engine,
                             scheduler=local.scheduler_address)
    assert run_batch(settings) == 1
    err = capsys.readouterr().err
    assert err.count("newsbrief: error:") == 1, err
    assert "worker tcp://127.0.0.1:" in err and "ru→en" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "ru.md").exists()


def test_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    """One line naming the address and the wait, exit status 1, nothing written. How long the
    wait is (CONNECT_TIMEOUT_S, 5 s) is measured by benchmarks/bench_dask_connect.py; here a
    shorter one keeps the test short."""
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT_S", 1.0)
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    (in_dir / "en.txt").write_text(ENGLISH, encoding="utf-8")
    result = invoke_cli(["batch", in_dir, "-o", tmp_path / "out", "--scheduler",
                         "tcp://127.0.0.1:9"])
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9 within 1s" in line
    assert_clean_stderr(result.stderr)
    assert not (tmp_path / "out" / "en.md").exists()


def test_missing_dask_extra_names_the_install_command(tmp_path, monkeypatch, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else
        real(name, *a)
    )
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    (in_dir / "en.txt").write_text(ENGLISH, encoding="utf-8")
    settings = BatchSettings(in_dir=in_dir, out_dir=tmp_path / "out", scheduler="tcp://x:8786")
    assert run_batch(settings) == 1
    assert "pip install 'newsbrief[dask]'" in capsys.readouterr().err


@pytest.mark.usefixtures("warm_langid_cache")
def test_progress_shows_done_of_total_rate_and_workers(cluster, tmp_path, synthetic_models_dir):
    from tests.test_batch import _stderr_on_pty

    local, _ = cluster
    in_dir = write_inputs(tmp_path / "in", 12)  # 13 records and 2 article files
    rc, shown = _stderr_on_pty(cli(in_dir, tmp_path / "out", synthetic_models_dir,
                                   local.scheduler_address))
    assert rc == 1, shown  # the one bad record
    assert "/15 articles" in shown and "articles/s" in shown
    assert "batch on Dask (2 workers)" in shown


def test_ctrl_c_before_a_client_call_starts_leaves_no_traceback(cluster, caplog):
    """distributed's `sync` cancel callback reads an unassigned variable when Ctrl-C lands
    before the call's coroutine has started (tornado then logs a traceback); the batch's Ctrl-C
    said 'interrupted after …' under that traceback when the machine was busy."""
    import threading

    local, _ = cluster
    client = cluster_module.connect(local.scheduler_address)
    try:
        client.loop.add_callback(time.sleep, 0.4)  # the event loop is busy: the call waits
        threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGINT)).start()
        with pytest.raises(KeyboardInterrupt):
            client.scheduler_info()
        time.sleep(0.6)  # the loop runs the cancel callback once it is free
        logged = [r for r in caplog.records if r.name == "tornado.application"]
        assert not logged, [r.getMessage() for r in logged]
    finally:
        client.close(timeout=5)
