"""newsbrief inside shell pipelines: the real executable, separate processes, real pipes.

A pipeline tool must put only results on stdout (in input order), keep what it does not
understand (extra jsonl keys), stop quietly when the reader goes away, and say what went wrong on
stderr with an exit status a script can test.

Pipes, a closed reader and a terminal need real processes; what a single command writes and
the exit status it gives are checked in-process (`invoke_cli`, same streams and status).
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
from pathlib import Path

import pytest

from tests.helpers_cli import (
    ENGLISH,
    RUSSIAN,
    UKRAINIAN,
    assert_clean_stderr,
    cli_env,
    english_variant,
    invoke_cli,
    newsbrief_command,
    start_cli,
)

# The processes here load the language-identification tables an earlier one built, as a user's
# do after the first run (building them first took 1.5-3 s a process).
pytestmark = pytest.mark.usefixtures("warm_langid_cache")


def cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def pipe(first: list, second: list, *, stdin: bytes | None = None, timeout: float = 120):
    """Run `newsbrief FIRST | newsbrief SECOND`; returns both exit statuses, stdout, stderrs."""
    producer = start_cli(
        first,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    consumer = start_cli(
        second, stdin=producer.stdout, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    producer.stdout.close()  # the consumer owns the read end now
    if stdin is not None:
        producer.stdin.write(stdin)
        producer.stdin.close()
    out, err2 = consumer.communicate(timeout=timeout)
    err1 = producer.stderr.read()
    producer.stderr.close()
    producer.wait(timeout=timeout)
    return (
        producer.returncode,
        consumer.returncode,
        out.decode("utf-8"),
        err1.decode("utf-8", "replace") + err2.decode("utf-8", "replace"),
    )


@pytest.fixture
def models_env(synthetic_models_dir, monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_MODELS_DIR", str(synthetic_models_dir))
    return synthetic_models_dir


def test_translate_text_piped_into_summarize(tmp_path, models_env):
    russian = tmp_path / "roads.txt"
    russian.write_text(RUSSIAN, encoding="utf-8")
    rc1, rc2, out, err = pipe(["translate", russian], ["summarize", "-n", "3", "--format", "json"])
    assert (rc1, rc2) == (0, 0), err
    assert_clean_stderr(err)
    [record] = json.loads(out)
    assert record["id"] == "-"  # it came from standard input
    # The second process summarised the first one's output: its key points' originals are
    # sentences of that output. (The synthetic models' "English" is gibberish, even partly
    # Cyrillic, so its language and sentence count are not asserted.)
    english_text = " ".join(invoke_cli(["translate", russian]).stdout.split())
    assert RUSSIAN.split()[0] not in english_text
    assert 1 <= len(record["key_points"]) <= 3
    assert all(" ".join(p["original"].split()) in english_text for p in record["key_points"])

    # English passes through translate untouched, so -n 3 picks three of its own sentences.
    # (The same two commands, the first one's output handed to the second in-process.)
    english = tmp_path / "storm.txt"
    english.write_text(ENGLISH, encoding="utf-8")
    translated = invoke_cli(["translate", english])
    assert translated.returncode == 0, translated.stderr
    summary = invoke_cli(["summarize", "-n", "3", "--format", "json"], input=translated.stdout)
    assert summary.returncode == 0, summary.stderr
    [record] = json.loads(summary.stdout)
    assert record["id"] == "-"
    points = [p["text"] for p in record["key_points"]]
    assert len(points) == 3
    assert all(p in ENGLISH for p in points)


def test_jsonl_pipe_keeps_originals_extra_keys_and_order(tmp_path, models_env):
    records = [
        {"id": "kazan", "text": RUSSIAN, "source": "city-news", "tags": ["roads", 1]},
        {"id": "storm", "text": ENGLISH, "source": "wire", "rank": 2},
        {"id": "lviv", "text": UKRAINIAN, "source": "radio", "nested": {"a": None}},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    rc1, rc2, out, err = pipe(
        ["translate", "--format", "jsonl", src],
        ["summarize", "--input-format", "jsonl", "--format", "jsonl", "-n", "2"],
    )
    assert (rc1, rc2) == (0, 0), err
    assert_clean_stderr(err)
    got = jsonl(out)
    assert [r["id"] for r in got] == ["kazan", "storm", "lviv"]
    for original, result in zip(records, got, strict=True):
        for key, value in original.items():
            if key != "text":
                assert result[key] == value, key
    kazan, storm, lviv = got
    assert (kazan["language"], storm["language"], lviv["language"]) == ("ru", "en", "uk")
    # The originals travelled through the first process's sentences.
    assert all(cyrillic(p["original"]) for p in kazan["key_points"] + lviv["key_points"])
    assert all(p["original"] == p["text"] for p in storm["key_points"])


def test_jsonl_round_trip_keeps_order_and_extra_keys(tmp_path, models_env):
    records = [
        {"id": f"doc{k}", "text": english_variant(k), "n": k, "ok": k % 2 == 0}
        for k in (3, 1, 2, 0)
    ]
    src = tmp_path / "many.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    result = invoke_cli(["summarize", "--format", "jsonl", "-n", "1", src])
    assert result.returncode == 0, result.stderr
    got = jsonl(result.stdout)
    assert [(r["id"], r["n"], r["ok"]) for r in got] == [
        (r["id"], r["n"], r["ok"]) for r in records
    ]
    # The same records through standard input give the same result.
    via_stdin = invoke_cli(
        ["summarize", "--input-format", "jsonl", "--format", "jsonl", "-n", "1", "-"],
        input=src.read_bytes(),
    )
    assert via_stdin.returncode == 0
    assert jsonl(via_stdin.stdout) == got


def test_closed_pipe_ends_quietly(tmp_path):
    # Output much larger than a pipe buffer, so the writer is still writing when head exits.
    src = tmp_path / "big.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": str(k), "text": english_variant(k) * 3}) + "\n" for k in range(300)
        ),
        "utf-8",
    )
    cmd = " ".join(f"'{part}'" for part in newsbrief_command())
    for fmt in ("jsonl", "text"):
        shell = f"{cmd} translate --format {fmt} '{src}' | head -1"
        proc = subprocess.run(["sh", "-c", shell], capture_output=True, env=cli_env(), timeout=120)
        stderr = proc.stderr.decode("utf-8", "replace")
        assert_clean_stderr(stderr)
        assert "rror" not in stderr, stderr
        assert len(proc.stdout.decode("utf-8").splitlines()) == 1
        assert proc.returncode == 0


def test_closed_pipe_exit_status_of_newsbrief_itself(tmp_path):
    src = tmp_path / "big.jsonl"
    src.write_text(
        "".join(json.dumps({"id": str(k), "text": ENGLISH * 4}) + "\n" for k in range(300)),
        "utf-8",
    )
    proc = start_cli(
        ["translate", "--format", "jsonl", src], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=60)
    assert_clean_stderr(stderr)
    assert proc.returncode == 0


def test_stdout_carries_only_results(tmp_path, models_env):
    good = tmp_path / "good.txt"
    good.write_text(RUSSIAN, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    result = invoke_cli(["summarize", "--format", "json", good, empty])
    assert result.returncode == 1
    payload = json.loads(result.stdout)  # nothing but the JSON document on stdout
    ids = [r["id"] for r in (payload if isinstance(payload, list) else [payload])]
    assert ids == [str(good)]
    # stderr is not a terminal: the failure, and no progress bar.
    assert str(empty) in result.stderr
    assert "\r" not in result.stderr and "\x1b[" not in result.stderr
    assert_clean_stderr(result.stderr)


def _run_on_pty(args: list, env: dict[str, str]) -> tuple[int, str]:
    """Run with stdout on a pseudo-terminal (what a user at a terminal sees)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [*newsbrief_command(), *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=cli_env(env),
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    proc.stderr.read()
    proc.wait(timeout=60)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_no_color_is_respected_on_a_terminal(tmp_path, models_env):
    article = tmp_path / "roads.txt"
    article.write_text(RUSSIAN, encoding="utf-8")
    args = ["summarize", "--side-by-side", article]
    rc, colored = _run_on_pty(args, {"COLUMNS": "100"})
    assert rc == 0
    assert "\x1b[" in colored  # a terminal gets colour by default ...
    rc, plain = _run_on_pty(args, {"COLUMNS": "100", "NO_COLOR": "1"})
    assert rc == 0
    assert "\x1b[" not in plain  # ... unless NO_COLOR is set
    assert plain.strip()


def test_quiet_keeps_errors_only(tmp_path, models_env):
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    loud = invoke_cli(["summarize", good, empty])
    quiet = invoke_cli(["summarize", "--quiet", good, empty])
    assert loud.returncode == quiet.returncode == 1
    assert loud.stdout == quiet.stdout
    lines = [line for line in quiet.stderr.splitlines() if line.strip()]
    assert lines and all(line.startswith("newsbrief: error:") for line in lines), quiet.stderr
    assert any(str(empty) in line for line in lines)
    # A batch run's summary line is progress talk: gone with --quiet.
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(ENGLISH, encoding="utf-8")
    out = invoke_cli(["batch", folder, "-o", tmp_path / "out", "--quiet"])
    assert out.returncode == 0 and out.stderr == ""


def test_exit_statuses(tmp_path, models_env):
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    assert invoke_cli(["summarize", good]).returncode == 0
    assert invoke_cli(["detect", "-"], input=UKRAINIAN).returncode == 0
    assert invoke_cli(["summarize", good, empty]).returncode == 1
    assert invoke_cli(["translate", tmp_path / "missing.txt"]).returncode == 1
    for usage in (
        ["summarize", "--bogus", good],
        ["summarize", "--format", "pdf", good],
        ["summarize", "-n", "0", good],
        ["frobnicate"],
    ):
        result = invoke_cli(usage)
        assert result.returncode == 2, usage
        assert result.stdout == ""
        assert_clean_stderr(result.stderr)


def test_stdin_without_input_and_with_dash(models_env):
    no_arg = invoke_cli(["detect", "--format", "json"], input=UKRAINIAN)
    dash = invoke_cli(["detect", "--format", "json", "-"], input=UKRAINIAN)
    assert no_arg.returncode == dash.returncode == 0, no_arg.stderr
    assert no_arg.stdout == dash.stdout
    record = json.loads(dash.stdout)
    record = record[0] if isinstance(record, list) else record
    assert (record["id"], record["language"]) == ("-", "uk")


def test_output_file_is_written_instead_of_stdout(tmp_path, models_env):
    article = tmp_path / "lviv.txt"
    article.write_text(UKRAINIAN, encoding="utf-8")
    to_stdout = invoke_cli(["summarize", "--format", "json", article])
    target = tmp_path / "reports" / "lviv.json"
    target.parent.mkdir()
    to_file = invoke_cli(["summarize", "--format", "json", "-o", target, article])
    assert to_file.returncode == 0, to_file.stderr
    assert to_file.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(to_stdout.stdout)
    assert [p.name for p in Path(target.parent).iterdir()] == ["lviv.json"]  # no temp left
