"""A batch driver's workers die with it, however it ends (issue 26).

`kill -9` of `batch --jobs 2` used to leave both spawn workers and the resource tracker alive
(PPID 1), blocked on a pipe, holding their models. A real process tree is needed here: the
executable, its worker processes and real signals.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

import psutil
import pytest

from tests.helpers_cli import russian_variant, start_cli


def _alive(pids: list[int]) -> list[int]:
    out = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                out.append(pid)
        except psutil.NoSuchProcess:
            pass
    return out


def _workers_started(proc: subprocess.Popen, count: int, timeout: float = 120) -> list[int]:
    """The driver's descendants once `count` workers are up (spawned interpreters)."""
    deadline = time.monotonic() + timeout
    driver = psutil.Process(proc.pid)
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the run ended before its workers were seen"
        kids = driver.children(recursive=True)
        workers = [k for k in kids if "spawn_main" in " ".join(k.cmdline())]
        if len(workers) >= count:
            time.sleep(1.0)  # into start-up or the first chunk
            return [k.pid for k in driver.children(recursive=True)]
        time.sleep(0.1)
    raise AssertionError("the workers never started")


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM", "SIGINT"])
def test_no_worker_outlives_its_driver_by_2s(tmp_path, synthetic_models_dir, how):
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    for k in range(40):
        (in_dir / f"r{k}.txt").write_text(russian_variant(k) * 20, encoding="utf-8")
    proc = start_cli(
        ["batch", in_dir, "-o", tmp_path / "out", "--jobs", "2", "--no-cache",
         "--models-dir", synthetic_models_dir],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        pids = _workers_started(proc, 2)
        if how == "SIGINT":  # Ctrl-C at a terminal reaches the whole process group
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, getattr(signal, how))
        proc.wait(timeout=60)
        gone_by = time.monotonic() + 2.0
        while _alive(pids) and time.monotonic() < gone_by:
            time.sleep(0.05)
        assert not _alive(pids), [psutil.Process(p).cmdline() for p in _alive(pids)]
    finally:
        for pid in _alive([proc.pid, *locals().get("pids", [])]):
            os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stderr.close()

