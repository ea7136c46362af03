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

import pytest

from tests.helpers_cli import russian_variant, start_cli

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc (Linux)")


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process from /proc; None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as fh:
            fields = fh.read().rpartition(")")[2].split()
    except OSError:
        return None
    return fields[0], int(fields[1])


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def _descendants(root: int) -> list[int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))) is not None:
            parents[int(entry)] = stat[1]
    found, frontier = [], [root]
    while frontier:
        kids = [pid for pid, parent in parents.items() if parent in frontier]
        found += kids
        frontier = kids
    return found


def _alive(pids: list[int]) -> list[int]:
    return [pid for pid in pids if (stat := _stat(pid)) is not None and stat[0] != "Z"]


def _workers_started(proc: subprocess.Popen, count: int, timeout: float = 120) -> list[int]:
    """The driver's descendants once `count` workers are up (spawned interpreters)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the run ended before its workers were seen"
        workers = [k for k in _descendants(proc.pid) if "spawn_main" in _cmdline(k)]
        if len(workers) >= count:
            time.sleep(1.0)  # into start-up or the first chunk
            return _descendants(proc.pid)
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
        assert not _alive(pids), [_cmdline(p) for p in _alive(pids)]
    finally:
        for pid in _alive([proc.pid, *locals().get("pids", [])]):
            os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stderr.close()

