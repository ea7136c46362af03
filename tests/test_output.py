"""Writing results: atomic, and readable like any other file the user creates."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.helpers_cli import ENGLISH, invoke_cli
from translator.atomic_files import atomic_write


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_file_gets_the_usual_mode(tmp_path: Path, umask_022) -> None:
    target = tmp_path / "out" / "brief.md"
    atomic_write(target, "text\n")
    assert target.read_text(encoding="utf-8") == "text\n"
    assert _mode(target) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["brief.md"]


def test_replaced_file_keeps_its_mode(tmp_path: Path, umask_022) -> None:
    target = tmp_path / "brief.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    atomic_write(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert _mode(target) == 0o640


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(TypeError):
        atomic_write(target, 12345)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_ctrl_c_right_after_the_temporary_is_created_leaves_nothing(
    tmp_path: Path, monkeypatch
) -> None:
    """The signal can land after the file exists but before its creator returns its name."""
    real_open = os.open

    def open_then_interrupted(path, flags, mode=0o777, **kwargs):
        real_open(path, flags, mode, **kwargs)
        raise KeyboardInterrupt

    target = tmp_path / "brief.md"
    target.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(os, "open", open_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new\n")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]
    assert target.read_text(encoding="utf-8") == "old\n"


def test_cli_output_file_is_readable_by_others(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    out = tmp_path / "brief.txt"
    old = os.umask(0o022)  # the child inherits it
    try:
        result = invoke_cli(["summarize", str(article), "-o", str(out)])
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    assert _mode(out) == 0o644
