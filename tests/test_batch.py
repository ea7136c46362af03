"""`newsbrief batch` end to end over real folders (synthetic models).

What matters to a user converting a folder: the output tree mirrors the input tree, the index
names every article and every failure, one bad file never stops the run, a rerun redoes only
what changed, Ctrl-C leaves nothing half-written, and `--jobs` changes speed, not results.

Most runs go through the CLI app in this process (`invoke_cli`: the same options, exit statuses,
messages and files, without an interpreter start per run). The real executable runs only where
a real process is the point: Ctrl-C, `--jobs 2` against `--jobs 1`, and a terminal.
"""

from __future__ import annotations

import html
import json
import os
import pty
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.helpers_cli import (
    ENGLISH,
    GERMAN,
    RUSSIAN,
    UKRAINIAN,
    assert_clean_stderr,
    english_variant,
    invoke_cli,
    run_cli,
    russian_variant,
    start_cli,
)

MANIFEST = ".newsbrief-batch.sqlite"
LOCK = ".newsbrief-batch.lock"
ALL_FORMATS = ["--format", "markdown", "--format", "json", "--format", "html"]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def batch(in_dir: Path, out_dir: Path, models: Path, *extra: str):
    """`newsbrief batch` through the CLI app, in this process."""
    return invoke_cli(["batch", in_dir, "-o", out_dir, "--models-dir", models, *extra])


def batch_process(in_dir: Path, out_dir: Path, models: Path, *extra: str):
    """`newsbrief batch` as its own process: the real executable."""
    return run_cli(["batch", in_dir, "-o", out_dir, "--models-dir", models, *extra], timeout=180)


def files_under(root: Path) -> set[str]:
    """Every file under root but the run's lock file (rewritten by every run, never an output)
    and the manifest's write-ahead log (there while a reader has the manifest open)."""
    found = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    return found - {LOCK, f"{MANIFEST}-wal", f"{MANIFEST}-shm"}


def manifest_rows(out_dir: Path) -> dict[str, tuple[str, dict]]:
    """rel -> (content hash, outputs) of every article the manifest says is finished."""
    with sqlite3.connect(out_dir / MANIFEST) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        if "articles" not in tables:  # Ctrl-C while the first run was creating it: no claims
            return {}
        rows = db.execute("SELECT rel, content_hash, outputs FROM articles").fetchall()
    return {rel: (digest, json.loads(outputs)) for rel, digest, outputs in rows}


def index_failures(out_dir: Path) -> dict[str, str]:
    """rel -> failure kind, read from the Failures table of index.md."""
    text = (out_dir / "index.md").read_text(encoding="utf-8")
    if "## Failures" not in text:
        return {}
    rows = {}
    for line in text.split("## Failures", 1)[1].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("File", "---"):
            rows[cells[0].replace("\\_", "_")] = cells[1]
    return rows


@pytest.fixture
def tree(tmp_path) -> Path:
    """Nested folders with a Russian, a Ukrainian and an English article in three formats."""
    root = tmp_path / "news"
    write(root / "ru" / "politics" / "roads.txt", RUSSIAN)
    write(root / "uk" / "trams.md", UKRAINIAN)
    page = (
        "<html><head><title>Storm</title></head><body><nav>Home | World | Sport</nav>"
        "<article><h1>Storm closes mountain pass for two days</h1>"
        + "".join(f"<p>{line}</p>" for line in ENGLISH.splitlines()[1:])
        + "</article><footer>Copyright 2024 Example News</footer></body></html>"
    )
    write(root / "world" / "storm.html", page)
    return root


def test_batch_mirrors_nested_tree_with_index(tree, tmp_path, synthetic_models_dir):
    out = tmp_path / "out"
    result = batch(tree, out, synthetic_models_dir, *ALL_FORMATS)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # a batch writes files, never results on stdout
    assert_clean_stderr(result.stderr)

    stems = {"ru/politics/roads": "ru", "uk/trams": "uk", "world/storm": "en"}
    expected = {f"{s}.{ext}" for s in stems for ext in ("md", "json", "html")}
    assert files_under(out) == expected | {"index.md", "index.html", MANIFEST}

    index_md = (out / "index.md").read_text(encoding="utf-8")
    index_html = (out / "index.html").read_text(encoding="utf-8")
    for stem, lang in stems.items():
        record = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        record = record[0] if isinstance(record, list) else record
        assert record["language"] == lang
        points = record["key_points"]
        assert points, stem
        for point in points:
            if lang == "en":
                assert point["original"] == point["text"]
            else:  # side by side: the original is the source-language sentence
                assert any("\u0400" <= ch <= "\u04ff" for ch in point["original"])
        assert f"({stem}.md)" in index_md
        assert f'href="{stem}.html"' in index_html
        assert {"ru": "Russian", "uk": "Ukrainian", "en": "English"}[lang] in index_md
        # The index carries each article's key points.
        assert html.escape(" ".join(points[0]["text"].split())) in index_html
        assert (
            (out / f"{stem}.html")
            .read_text(encoding="utf-8")
            .lstrip()
            .lower()
            .startswith("<!doctype html")
        )
    # HTML extraction kept the article, not the navigation or the footer.
    storm = json.loads((out / "world/storm.json").read_text(encoding="utf-8"))
    storm = storm[0] if isinstance(storm, list) else storm
    assert not any("Copyright" in p["text"] for p in storm["key_points"])
    assert "## Failures" not in index_md


def test_batch_records_every_failure_and_finishes_the_rest(tmp_path, synthetic_models_dir):
    root = tmp_path / "in"
    write(root / "good" / "english.txt", ENGLISH)
    write(root / "good" / "ukrainian.txt", UKRAINIAN)
    write(root / "bad" / "russian-no-model.txt", RUSSIAN)
    write(root / "bad" / "german.txt", GERMAN)
    write(root / "bad" / "empty.txt", " \n\n\t\n")
    write(root / "bad" / "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    write(root / "bad" / "garbled.txt", ("Привет мир. " * 10).encode()[:-1] + b"\xff\xfe\xfd" * 3)
    # Unreadable: a symlink pointing at itself cannot be opened, even by root.
    (root / "bad" / "loop.txt").symlink_to("loop.txt")
    # Only the Ukrainian model is installed, so the Russian article cannot be translated.
    models = tmp_path / "models"
    shutil.copytree(synthetic_models_dir / "translate-uk_en", models / "translate-uk_en")

    out = tmp_path / "out"
    result = batch(root, out, models, "--format", "markdown", "--format", "json")
    assert result.returncode == 1, result.stderr
    assert_clean_stderr(result.stderr)

    expected_kinds = {
        "bad/russian-no-model.txt": {"model"},
        "bad/german.txt": {"language"},
        "bad/empty.txt": {"empty"},
        "bad/image.txt": {"binary"},
        "bad/garbled.txt": {"encoding", "binary"},
        "bad/loop.txt": {"unreadable"},
    }
    failures = index_failures(out)
    assert set(failures) == set(expected_kinds)
    for rel, kinds in expected_kinds.items():
        assert failures[rel] in kinds, (rel, failures[rel])
        # ... and each is named on stderr with its path.
        assert any(rel in line for line in result.stderr.splitlines() if "error" in line), rel
        stem = rel.rsplit(".", 1)[0]
        assert not (out / f"{stem}.md").exists()
    html = (out / "index.html").read_text(encoding="utf-8")
    assert all(rel in html for rel in expected_kinds)
    # The good articles were still done.
    for stem in ("good/english", "good/ukrainian"):
        assert (out / f"{stem}.md").is_file() and (out / f"{stem}.json").is_file()
    assert set(manifest_rows(out)) == {"good/english.txt", "good/ukrainian.txt"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_batch_permission_denied_is_recorded(tmp_path, synthetic_models_dir):
    root = tmp_path / "in"
    write(root / "ok.txt", ENGLISH)
    locked = write(root / "locked.txt", ENGLISH)
    locked.chmod(0)
    try:
        result = batch(root, tmp_path / "out", synthetic_models_dir)
    finally:
        locked.chmod(0o644)
    assert result.returncode == 1
    assert index_failures(tmp_path / "out") == {"locked.txt": "unreadable"}
    assert (tmp_path / "out" / "ok.md").is_file()


def test_batch_rerun_redoes_only_what_changed(tree, tmp_path, synthetic_models_dir):
    out = tmp_path / "out"
    first = batch(tree, out, synthetic_models_dir, "--no-cache", *ALL_FORMATS)
    assert first.returncode == 0, first.stderr
    before = {p: (out / p).stat().st_mtime_ns for p in files_under(out) if p != MANIFEST}
    rows_before = manifest_rows(out)

    # Change the English article; rerun WITHOUT any model: Russian and Ukrainian articles can
    # only succeed if they are not translated again.
    ferry = (
        "Ferry service resumes after the flood\n"
        "The river ferry carried its first passengers on Monday since the spring flood. "
        "Engineers inspected both piers over the weekend and found no damage. "
        "The operator said timetables would return to normal within a week.\n"
    )
    write(tree / "world" / "storm.html", f"<html><body><p>{ferry}</p></body></html>")
    empty_models = tmp_path / "no-models"
    empty_models.mkdir()
    second = batch(tree, out, empty_models, "--no-cache", *ALL_FORMATS)
    assert second.returncode == 0, second.stderr
    assert "1 summarised, 2 unchanged" in second.stderr

    after = {p: (out / p).stat().st_mtime_ns for p in files_under(out) if p != MANIFEST}
    assert set(after) == set(before)
    touched = {p for p in after if after[p] != before[p]}
    assert {p for p in touched if p.startswith("world/")} == {
        "world/storm.md",
        "world/storm.json",
        "world/storm.html",
    }
    assert not {p for p in touched if p.startswith(("ru/", "uk/"))}
    rows_after = manifest_rows(out)
    assert rows_after["world/storm.html"][0] != rows_before["world/storm.html"][0]
    assert rows_after["uk/trams.md"] == rows_before["uk/trams.md"]
    assert "ferry" in (out / "world/storm.md").read_text(encoding="utf-8").lower()

    # Nothing changed: nothing is written at all.
    third = batch(tree, out, empty_models, "--no-cache", *ALL_FORMATS)
    assert third.returncode == 0 and "0 summarised, 3 unchanged" in third.stderr
    assert {p: (out / p).stat().st_mtime_ns for p in after} == after

    # A deleted input drops out of the output tree and the index.
    (tree / "uk" / "trams.md").unlink()
    fourth = batch(tree, out, empty_models, "--no-cache", *ALL_FORMATS)
    assert fourth.returncode == 0, fourth.stderr
    assert not any(p.startswith("uk/") for p in files_under(out))
    assert "trams" not in (out / "index.md").read_text(encoding="utf-8")
    assert set(manifest_rows(out)) == {"ru/politics/roads.txt", "world/storm.html"}

    # Other settings redo everything (here: the Russian article now needs its model again).
    fifth = batch(tree, out, empty_models, "--no-cache", "-n", "2", *ALL_FORMATS)
    assert fifth.returncode == 1
    assert index_failures(out) == {"ru/politics/roads.txt": "model"}


def test_batch_redoes_articles_whose_model_changed(tree, tmp_path, models_dir_copy):
    out = tmp_path / "out"
    first = batch(tree, out, models_dir_copy, "--no-cache", "--format", "markdown")
    assert first.returncode == 0, first.stderr
    before = {p: (out / p).stat().st_mtime_ns for p in files_under(out) if p != MANIFEST}

    # Upgrade the Ukrainian model (a new package version): only the Ukrainian article is redone.
    meta_path = models_dir_copy / "translate-uk_en" / "metadata.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["package_version"] = meta.get("package_version", "1.0") + ".1"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    second = batch(tree, out, models_dir_copy, "--no-cache", "--format", "markdown")
    assert second.returncode == 0, second.stderr
    assert "1 summarised, 2 unchanged" in second.stderr
    touched = {p for p in before if (out / p).stat().st_mtime_ns != before[p]}
    assert "uk/trams.md" in touched
    assert not {p for p in touched if p.startswith(("ru/", "world/"))}

    # The same models again: nothing to do.
    third = batch(tree, out, models_dir_copy, "--no-cache", "--format", "markdown")
    assert third.returncode == 0 and "0 summarised, 3 unchanged" in third.stderr


def _finished_count(out: Path) -> int:
    if not (out / MANIFEST).is_file():
        return 0
    try:
        with sqlite3.connect(f"file:{out / MANIFEST}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet, or busy
        return 0


def _slow_tree(root: Path, count: int) -> None:
    for k in range(count):
        write(root / f"part{k % 3}" / f"article{k:03d}.txt", russian_variant(k))


def _assert_complete_outputs(out: Path) -> None:
    leftovers = [
        p for p in files_under(out) if p != MANIFEST and (p.endswith(".part") or "/." in f"/{p}")
    ]
    assert not leftovers, leftovers
    for rel in files_under(out):
        path = out / rel
        if rel.endswith(".json"):
            json.loads(path.read_text(encoding="utf-8"))  # complete, parseable
        elif rel.endswith(".html"):
            assert path.read_text(encoding="utf-8").rstrip().endswith("</html>"), rel
        elif rel.endswith(".md"):
            assert path.read_text(encoding="utf-8").endswith("\n"), rel
    for rel, (_, outputs) in manifest_rows(out).items():
        for produced in outputs.values():  # the manifest never claims a file that is missing
            assert (out / produced).is_file(), (rel, produced)


@pytest.mark.usefixtures("warm_langid_cache")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_interrupted_leaves_no_partial_files_and_resumes(
    jobs, tmp_path, synthetic_models_dir
):
    root = tmp_path / "in"
    count = 24
    _slow_tree(root, count)
    out = tmp_path / "out"
    args = [
        "batch",
        root,
        "-o",
        out,
        "--models-dir",
        synthetic_models_dir,
        "--no-cache",
        "--jobs",
        jobs,
        *ALL_FORMATS,
    ]
    proc = start_cli(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if _finished_count(out):  # interrupt as soon as one article is complete
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the batch finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    stderr = stderr.decode("utf-8", "replace")
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr
    assert_clean_stderr(stderr)
    _assert_complete_outputs(out)
    finished = set(manifest_rows(out))
    assert 0 < len(finished) < count

    # The same command again, in this process and with --jobs 1: what a rerun redoes does not
    # depend on --jobs (nor do the outputs: test_batch_jobs_two_writes_the_same_bytes_as_jobs_one).
    resumed = invoke_cli([("1" if arg is jobs else arg) for arg in args])
    assert resumed.returncode == 0, resumed.stderr
    assert f"{count - len(finished)} summarised, {len(finished)} unchanged" in resumed.stderr
    _assert_complete_outputs(out)
    assert len(manifest_rows(out)) == count


@pytest.mark.usefixtures("warm_langid_cache")
def test_batch_jobs_two_writes_the_same_bytes_as_jobs_one(tmp_path, synthetic_models_dir):
    root = tmp_path / "in"
    for k in range(5):
        write(root / "ru" / f"r{k}.txt", russian_variant(k))
        write(root / "en" / f"e{k}.txt", english_variant(k))
    write(root / "uk" / "trams.txt", UKRAINIAN)
    write(root / "bad" / "empty.txt", "\n")
    outputs = {}
    # --jobs 2 as the real executable: its worker processes start from the installed command.
    for jobs, run in (("1", batch), ("2", batch_process)):
        out = tmp_path / f"out{jobs}"
        result = run(
            root, out, synthetic_models_dir, "--no-cache", "--jobs", jobs, "--compare", *ALL_FORMATS
        )
        assert result.returncode == 1, result.stderr  # the empty file
        assert_clean_stderr(result.stderr)
        outputs[jobs] = {p: (out / p).read_bytes() for p in files_under(out) if p != MANIFEST}
        errors = [line for line in result.stderr.splitlines() if "error" in line]
        assert len(errors) == 1 and "empty.txt" in errors[0]
    assert len(outputs["1"]) == 11 * 3 + 4  # articles x formats + index and compare (md, html)
    assert outputs["1"].keys() == outputs["2"].keys()
    differing = [p for p in outputs["1"] if outputs["1"][p] != outputs["2"][p]]
    assert not differing


def test_batch_compare_report(tree, tmp_path, synthetic_models_dir):
    out = tmp_path / "out"
    result = batch(tree, out, synthetic_models_dir, "--compare")
    assert result.returncode == 0, result.stderr
    assert (out / "compare.html").is_file() and (out / "compare.md").is_file()
    assert "compare.html" in (out / "index.html").read_text(encoding="utf-8")
    # Without --compare a rerun drops the stale report.
    again = batch(tree, out, synthetic_models_dir)
    assert again.returncode == 0
    assert not (out / "compare.html").exists()


def test_batch_usage_errors(tmp_path, synthetic_models_dir):
    missing = invoke_cli(["batch", tmp_path / "nope", "-o", tmp_path / "out"])
    assert missing.returncode == 2 and "nope" in missing.stderr
    assert_clean_stderr(missing.stderr)
    (tmp_path / "in").mkdir()
    same = invoke_cli(["batch", tmp_path / "in", "-o", tmp_path / "in"])
    assert same.returncode == 2
    no_output = invoke_cli(["batch", tmp_path / "in"])
    assert no_output.returncode == 2
    assert not (tmp_path / "out").exists()


def _stderr_on_pty(args: list) -> tuple[int, str]:
    """Run with stderr on a pseudo-terminal, as at an interactive shell."""
    leader, follower = pty.openpty()
    proc = start_cli(args, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    proc.wait(timeout=120)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.usefixtures("warm_langid_cache")
def test_batch_progress_only_on_a_terminal_and_not_quiet(tree, tmp_path, synthetic_models_dir):
    args = ["batch", tree, "-o", tmp_path / "out", "--models-dir", synthetic_models_dir]
    rc, shown = _stderr_on_pty(args)
    assert rc == 0
    assert "articles/s" in shown and "/3" in shown  # done/total and the rate
    rc, silent = _stderr_on_pty([*args, "--quiet"])
    assert rc == 0 and silent == ""
    piped = batch(tree, tmp_path / "out2", synthetic_models_dir)  # stderr not a terminal
    assert piped.returncode == 0, piped.stderr
    assert "articles/s" not in piped.stderr and "\x1b[" not in piped.stderr


def test_batch_of_a_folder_without_articles_says_so(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "notes.pdf").write_bytes(b"%PDF-1.4")
    result = invoke_cli(["batch", tmp_path / "in", "-o", tmp_path / "out"])
    assert result.returncode == 1
    assert "no articles" in result.stderr and str(tmp_path / "in") in result.stderr
    assert_clean_stderr(result.stderr)
    assert "0 articles" in (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
