"""What the entry points decide for the whole process: exit statuses and thread settings.

Library modules never change the process environment when imported; `main()`, each batch worker
and the Python API apply the thread settings (`newsbrief.console`) before numpy or CTranslate2
is loaded.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys

import pytest

from newsbrief.batch import pool as batch_pool
from newsbrief.console import THREAD_ENVIRONMENT
from newsbrief.exit_status import ExitStatus
from newsbrief.pipeline import Options
from newsbrief.runner import Reporter, RunSettings, run_documents
from newsbrief.settings import EngineSettings

ENGLISH = b"The council met on Monday.\nIt approved the new budget for the city schools.\n"


def _unset_thread_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in THREAD_ENVIRONMENT:
        monkeypatch.setenv(name, "x")  # so that undoing restores what was there before
        monkeypatch.delenv(name)


def test_importing_the_modules_leaves_the_environment_alone() -> None:
    # A fresh interpreter: in this one, numpy and the modules are long imported.
    env = {k: v for k, v in os.environ.items() if k not in THREAD_ENVIRONMENT}
    code = (
        "import os, cli, summarizer, summarizer.ranking, newsbrief.api, newsbrief.batch\n"
        f"print(sorted(set({sorted(THREAD_ENVIRONMENT)!r}) & set(os.environ)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_main_applies_the_thread_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    import cli

    _unset_thread_variables(monkeypatch)
    monkeypatch.setattr(sys, "argv", ["newsbrief", "--version"])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code in (None, 0)
    assert {name: os.environ[name] for name in THREAD_ENVIRONMENT} == THREAD_ENVIRONMENT


def test_a_setting_the_user_made_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    import cli

    _unset_thread_variables(monkeypatch)
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    monkeypatch.setattr(sys, "argv", ["newsbrief", "--version"])
    with pytest.raises(SystemExit):
        cli.main()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"
    assert os.environ["OMP_WAIT_POLICY"] == "PASSIVE"


def test_the_batch_worker_initializer_applies_them(monkeypatch: pytest.MonkeyPatch) -> None:
    _unset_thread_variables(monkeypatch)
    # The initializer ignores Ctrl-C, as a worker must; not this test process.
    monkeypatch.setattr(signal, "signal", lambda *args: None)
    monkeypatch.setattr(signal, "pthread_sigmask", lambda *args: None, raising=False)
    monkeypatch.setattr(batch_pool, "WORKER", {})
    batch_pool.init_worker(Options(), EngineSettings(), 1)
    assert {name: os.environ[name] for name in THREAD_ENVIRONMENT} == THREAD_ENVIRONMENT


def _run(stdin: bytes) -> int:
    settings = RunSettings(fmt="json")
    reporter = Reporter(stream=io.StringIO())
    return run_documents(
        "detect", settings, stdin=io.BytesIO(stdin), stdout=io.StringIO(), reporter=reporter
    )


def test_the_runner_returns_the_documented_statuses() -> None:
    ok, failed = _run(ENGLISH), _run(b"\x00\x01binary\x00")
    assert ok is ExitStatus.OK and failed is ExitStatus.FAILED
    # cli.py's handler for a Ctrl-C during its own imports exits 128 + SIGINT without importing.
    assert ExitStatus.INTERRUPTED == 128 + signal.SIGINT
    # The numbers `newsbrief --help` and the CLI contract promise.
    assert [int(s) for s in (ok, failed, ExitStatus.USAGE, ExitStatus.INTERRUPTED)] == [
        0, 1, 2, 130
    ]


def test_ctrl_c_is_guarded_only_while_the_command_line_imports() -> None:
    """starting.guard() makes a Ctrl-C during the imports end the process (exit 130, no
    traceback); release() gives back the handler there was, and an ignored Ctrl-C (`nohup`)
    stays ignored."""
    from newsbrief.commands import starting

    def mine(signum, frame):  # type: ignore[no-untyped-def]
        pass

    before = signal.signal(signal.SIGINT, mine)
    try:
        starting.guard()
        assert signal.getsignal(signal.SIGINT) is starting._interrupted_while_starting
        starting.release()
        assert signal.getsignal(signal.SIGINT) is mine
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        starting.guard()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        starting.release()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)
