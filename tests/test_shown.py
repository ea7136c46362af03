"""Untrusted names never reach a terminal, a heading, a page or a file name raw (issue 26).

A file named `evil ESC]0;PWNED BEL ESC[2J.txt`, or a jsonl `id` holding the same, must not
retitle or clear the user's terminal, and U+202E must not make `x<RLO>txt.exe.txt` read as
`xexe.txt.txt`. Every place a name is shown goes through `newsbrief.shown.shown`; the JSON
records keep the exact name. The real thing is checked in a real terminal (tmux), the rest in
process.
"""

from __future__ import annotations

import html
import json
import shutil
import time

import pytest

from newsbrief import api, render
from newsbrief.batch import BatchSettings, run_batch
from newsbrief.batch.names import archive_names, output_names
from newsbrief.records import Document
from newsbrief.render.markdown import escape as md_escape
from newsbrief.runner import Reporter
from newsbrief.settings import EngineSettings
from newsbrief.shown import shown, shown_message
from tests.helpers_cli import ENGLISH, cli_env, english_variant, invoke_cli, newsbrief_command

EVIL = "evil\x1b]0;PWNED\x07\x1b[2J.txt"
RLO = "x\u202etxt.exe.txt"
RAW = ("\x1b", "\x07", "\x00", "\u202e", "\x9b")


def _raw_in(text: str) -> list[str]:
    return [ch for ch in RAW if ch in text]


def test_shown_escapes_controls_bidi_and_undecodable_bytes_visibly():
    assert shown(EVIL) == "evil\\e]0;PWNED\\x07\\e[2J.txt"
    assert shown(RLO) == "x\\u202etxt.exe.txt"
    assert shown("a\x00b\tc\nd\x9be\udcff") == "a\\x00b\\tc\\nd\\x9be\\xff"
    for ch in ("\u202a", "\u202d", "\u2066", "\u2069", "\u200f", "\u2028"):
        assert shown(f"a{ch}b") == f"a\\u{ord(ch):04x}b"
    # Readable names stay as they are.
    for name in ("новости/статья 1.txt", "a-b_c (2).jsonl", "ünïcödé.md"):
        assert shown(name) == name
    # A message keeps its own line breaks, not a name's escapes.
    assert shown_message(f"{EVIL}: bad\nnext") == f"{shown(EVIL)}: bad\nnext"


def _article(doc_id: str, text: str = ENGLISH):
    return api.summarize(Document(id=doc_id, text=text))


def test_detect_and_summarize_text_and_markdown_show_ids_escaped():
    doc = api.detect(Document(id=EVIL + "\x00", text=ENGLISH))
    out = render.render_articles("detect", [doc], "text")
    assert not _raw_in(out)
    assert out.startswith(shown(EVIL) + "\\x00\t")
    for fmt in ("text", "markdown", "html"):
        a, b = _article(EVIL), _article(RLO, english_variant(1))
        out = render.render_articles("summarize", [a, b], fmt)
        assert not _raw_in(out), fmt
        expected = {"text": shown(EVIL), "markdown": md_escape(shown(EVIL)),
                    "html": html.escape(shown(EVIL))}[fmt]
        assert expected in out, fmt
    # JSON keeps the exact id.
    record = json.loads(render.render_articles("summarize", [_article(EVIL)], "json"))[0]
    assert record["id"] == EVIL


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_compare_shows_labels_and_ids_escaped(fmt):
    from newsbrief.grouping import compare

    a = _article("a\x1b[2Jb\x00c\u202e")
    b = _article("z\x07q", english_variant(2))
    out = render.render_comparison(compare([a, b]), fmt, width=100 if fmt == "text" else None)
    assert not _raw_in(out), (fmt, _raw_in(out))
    assert "z\\x07q" in out.replace("\\\\", "\\")


def test_output_file_names_are_safe_readable_and_unique():
    rels = [EVIL, "evil\\e]0;PWNED\\x07\\e[2J.txt", RLO, "ok.txt", "d\x1b/inner.txt"]
    names = output_names(rels, ["markdown", "json"])
    every = [n for r in rels for n in names[r].values()]
    assert len(set(every)) == len(every)  # a raw name and its escaped spelling do not clash
    assert not any(_raw_in(n) for n in every)
    assert names["ok.txt"]["markdown"] == "ok.md"
    assert names[RLO]["markdown"] == "x\\u202etxt.exe.md"
    assert names["d\x1b/inner.txt"]["json"] == "d\\e/inner.json"
    arch = archive_names(["a\x1b.jsonl", "a\\e.jsonl"])
    assert len(set(arch.values())) == 2 and not any(_raw_in(n) for n in arch.values())


def test_batch_stderr_index_and_file_names_show_names_escaped(tmp_path, synthetic_models_dir):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    (in_dir / EVIL).write_text(ENGLISH, encoding="utf-8")
    (in_dir / RLO).write_text(english_variant(3), encoding="utf-8")
    (in_dir / "bad\x1b[2J.txt").write_bytes(b"\x00\x01\x02" * 400)  # fails: binary
    records = [{"id": "r\x1b[2J\x00", "text": english_variant(4)}]
    (in_dir / "feed\x07.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    result = invoke_cli(["batch", in_dir, "-o", out, "--models-dir", synthetic_models_dir])
    assert result.returncode == 1, result.stderr
    assert not _raw_in(result.stderr), result.stderr
    assert "bad\\e[2J.txt" in result.stderr
    for path in out.rglob("*"):
        assert not _raw_in(path.name), path
    for index in ("index.md", "index.html"):
        text = (out / index).read_text(encoding="utf-8")
        assert not _raw_in(text), index
    archive = next(out.glob("feed*.jsonl"))
    assert archive.name == "feed\\x07.jsonl"
    # The data keeps the exact id.
    assert json.loads(archive.read_text(encoding="utf-8").splitlines()[0])["id"] == records[0]["id"]


def test_model_name_in_an_error_is_shown_escaped(tmp_path):
    (tmp_path / "a.txt").write_text("Привет. " * 20, encoding="utf-8")
    result = invoke_cli(["translate", "--model", "m\x1b[2J", tmp_path / "a.txt"])
    assert result.returncode != 0
    assert "m\\e[2J" in result.stderr and "\x1b" not in result.stderr


def test_batch_usage_message_shows_the_path_escaped(tmp_path, capsys):
    settings = BatchSettings(in_dir=tmp_path / "no\x1b[2J", out_dir=tmp_path / "o",
                             formats=["json"], engine=EngineSettings())
    assert run_batch(settings, Reporter()) == 2
    err = capsys.readouterr().err
    assert "no\\e[2J: not a folder" in err and "\x1b" not in err


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.usefixtures("warm_langid_cache")  # the stored tables: a user's later run
def test_escape_laden_names_in_a_real_terminal(tmp_path):
    from tests.test_progress_terminal import _Tmux

    (tmp_path / EVIL).write_text(ENGLISH, encoding="utf-8")
    (tmp_path / RLO).write_text(english_variant(5), encoding="utf-8")
    (tmp_path / "ids.jsonl").write_text(
        json.dumps({"id": "j\x1b]0;PWNED\x07\x1b[2J\x00", "text": english_variant(6)}) + "\n",
        encoding="utf-8",
    )
    env = cli_env({"PS1": "$ ", "TERM": "xterm-256color"})
    term = _Tmux(tmp_path, env)
    try:
        cmd = " ".join(newsbrief_command())
        term.type("echo MARKER-BEFORE")
        term.type(f"{cmd} detect -f text evil* x* ids.jsonl; "
                  f"{cmd} detect \"$(printf 'gone\\033[2J\\033]0;PWNED\\007.txt')\"; "
                  "echo DONE-$?")
        deadline = time.monotonic() + 120
        screen = ""
        while time.monotonic() < deadline:
            screen = term.screen()
            if "DONE-" in screen.replace("echo DONE-", ""):
                break
            time.sleep(0.1)
        title = term._tmux("display-message", "-p", "-t", "t", "#{pane_title}")
    finally:
        term.close()
    assert "MARKER-BEFORE\n" in screen + "\n", screen  # the screen was not cleared
    assert "PWNED" not in title, title  # nor retitled
    assert "evil\\e]0;PWNED\\x07\\e[2J.txt\ten" in screen.replace("    ", "\t") or (
        "evil\\e]0;PWNED\\x07\\e[2J.txt" in screen
    ), screen
    assert "x\\u202etxt.exe.txt" in screen, screen
    assert "j\\e]0;PWNED\\x07\\e[2J\\x00" in screen, screen
    assert "gone\\e[2J\\e]0;PWNED\\x07.txt" in screen, screen
