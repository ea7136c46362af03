"""Run the real `newsbrief` in its own process and measure it: the one way every benchmark does.

Wall time, CPU time and peak RSS come from `os.wait4` on that one process, so a benchmark's
figures are the command's own, not the benchmark's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def newsbrief_cmd() -> list[str]:
    """The installed console script beside this Python, else cli.py run by it."""
    exe = Path(sys.executable).with_name("newsbrief")
    return [str(exe)] if exe.exists() else [sys.executable, str(ROOT / "cli.py")]


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> dict:
    """Run `cmd` (stdout discarded): wall and CPU seconds, peak RSS in MB, exit status, stderr."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,
        "status": os.waitstatus_to_exitcode(status),
        "stderr": err,
    }


def run_checked(cmd: list[str], what: str, env: dict[str, str] | None = None) -> dict:
    """`run_measured`, stopping the benchmark with the command's error when it fails."""
    result = run_measured(cmd, env)
    if result["status"] != 0:
        raise SystemExit(f"{what} failed: {result['stderr'][-2000:]}")
    return result
