"""Every command line in the ```sh blocks of the README and docs/*.md, run by the real `newsbrief`.

So the README cannot drift from the program: each line runs in a fresh folder holding the files
the README names as placeholders (article.txt, news/, in.jsonl, a.txt…) and a link to the
project's samples/, with synthetic ru→en and uk→en models (tests/synthetic_argos.py: random
weights, so English output is gibberish, but every stage runs for real). A line that is one plain
`newsbrief` call runs in this process through `cli.main()`, the console script's entry point,
with its globs expanded as bash expands them: a process start-up and the imports cost seconds a
line and test nothing a line says. A line with pipes, redirections, variables or `--jobs` runs in
bash, as a reader types it. A line written on several pages runs once.

How to keep this test true when you edit the README:
- A new line needs nothing here to run: it gets the generic checks (exit status 0, no traceback,
  a result on stdout or in its output file). Add a `Check` below if its output has a shape worth
  checking.
- A line that cannot run offline goes in `SKIPS`, with the reason.
- A file name used as a placeholder goes in `workspace()`.
"""

from __future__ import annotations

import glob
import json
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers_cli import (
    ENGLISH,
    REPO,
    RUSSIAN,
    UKRAINIAN,
    assert_clean_stderr,
    cli_env,
    invoke_cli,
)

README = REPO / "README.md"


DOCS = sorted((REPO / "docs").glob("*.md"))


def distinct_commands() -> list[tuple[str, str]]:
    """("FILE:LINE+FILE:LINE", command) for each distinct command (its words, comments left out),
    in order of first use: the same line in the same folder says the same thing wherever it is
    written."""
    first: dict[tuple[str, ...], str] = {}
    places: dict[tuple[str, ...], list[str]] = {}
    for place, command in readme_commands():
        try:
            key = tuple(shlex.split(command, comments=True))
        except ValueError:  # an unbalanced quote: bash will say what is wrong with it
            key = (command,)
        first.setdefault(key, command)
        places.setdefault(key, []).append(place)
    return [("+".join(places[key]), command) for key, command in first.items()]


def readme_commands() -> list[tuple[str, str]]:
    """("FILE:LINE", command) for each non-blank, non-comment line of every ```sh block of the
    README and of every page in docs/."""
    commands: list[tuple[str, str]] = []
    for page in [README, *DOCS]:
        name = "README" if page == README else f"docs/{page.name}"
        commands += [(f"{name}:{n}", c) for n, c in _page_commands(page)]
    return commands


def _page_commands(page: Path) -> list[tuple[int, str]]:
    commands, inside, pending = [], False, None
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("```"):
            inside = line.strip() == "```sh" if not inside else False
            continue
        if not inside or not line.strip() or line.lstrip().startswith("#"):
            continue
        if pending is not None:  # the rest of a line continued with a backslash
            start, text = pending
            line, number = text + " " + line.strip(), start
        if line.rstrip().endswith("\\"):
            pending = (number, line.rstrip()[:-1].strip())
            continue
        pending = None
        commands.append((number, line.strip()))
    return commands


# Lines that cannot run here, and why. Matched against the whole command line.
SKIPS = [
    (r"\bcurl\b", "fetches a URL: tests run with the network blocked"),
    (r"\bpytest\b", "runs the whole test suite, from inside the test suite"),
    (r"\bpip install\b", "installs packages from an index: needs the network"),
    (r"^ct2-\S+-converter\b|^cp opus-mt",
     "converts a Hugging Face / OPUS-MT release: needs the internet and torch; the converted "
     "folders it writes are built synthetically for the lines that install them"),
    (r"--scheduler tcp://HOST\b", "needs a Dask cluster: tests/test_batch_dask.py starts one"),
    (r"\bmodels install(?:\s+(?:ru|uk))*\s*(?:#.*)?$",
     "downloads from the Argos package index (network); --file/--dir installs, and catalog "
     "models from a local server (NEWSBRIEF_OPUS_MT_BASE), are run"),
]

# Lines that run but whose fix belongs to another part of issue 13; they are expected to fail
# until it is merged (non-strict, so they turn into passes without breaking the suite).
PENDING: dict[str, str] = {}


# --- the folder a README line runs in ------------------------------------------------------


def workspace(root: Path, argosmodels: Path, converted: dict[str, Path],
              release: Path | None = None) -> dict[str, str]:
    """Create the README's placeholder files in `root`; returns paths to substitute."""
    (root / "samples").symlink_to(REPO / "samples", target_is_directory=True)
    (root / "article.txt").write_text(RUSSIAN, encoding="utf-8")
    for name, text in (("a.txt", ENGLISH), ("b.txt", RUSSIAN), ("c.txt", UKRAINIAN)):
        (root / name).write_text(text, encoding="utf-8")
    news = root / "news"
    news.mkdir()
    for name, text in (("ru.txt", RUSSIAN), ("uk.txt", UKRAINIAN), ("en.txt", ENGLISH)):
        (news / name).write_text(text, encoding="utf-8")
    records = [{"id": "ru-1", "text": RUSSIAN, "outlet": "x"},
               {"id": "uk-1", "text": UKRAINIAN, "outlet": "y"},
               {"id": "en-1", "text": ENGLISH, "outlet": "z"}]
    (root / "in.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    # The OPUS-MT release the "Models" lines install from a path.
    if release is not None:
        shutil.copy(release, root / "opus+bt-2021-04-30.zip")
    # Model files the "Models without internet" lines install.
    shutil.copy(argosmodels / "translate-ru_en.argosmodel", root / "translate-ru_en-1_9.argosmodel")
    usb = root / "usb-models"
    shutil.copytree(argosmodels, usb)
    # Converted CTranslate2 folders the "model families" lines install, as copied over.
    for folder in converted.values():
        (root / folder.name).symlink_to(folder, target_is_directory=True)
    return {"/media/usb/models": str(usb)}


def documents_named(command: str, root: Path) -> int:
    """How many documents the last newsbrief of `command` reads: files, folders' articles,
    jsonl records (what a `compare` header or a jsonl output must count)."""
    words = shlex.split(re.split(r"[|>#]", command)[0])
    count = 0
    for previous, word in zip(words[1:], words[2:], strict=False):
        if word.startswith("-") or previous in ("-o", "--output"):
            continue
        for path in sorted(root.glob(word)) if any(c in word for c in "*?[") else [root / word]:
            if path.is_dir():
                count += sum(1 for p in path.rglob("*") if p.suffix in (".txt", ".md", ".html"))
            elif path.suffix == ".jsonl":
                count += sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line)
            elif path.is_file():
                count += 1
    return count


# --- what a line's output must look like ---------------------------------------------------


@dataclass
class Run:
    command: str
    root: Path
    models: Path
    stdout: str
    stderr: str

    def output_file(self) -> Path | None:
        """The file or folder named by `-o`/`--output` or `>`, if any."""
        match = re.search(r"(?:-o|--output|>)\s+(\S+)", self.command.split("#")[0])
        return self.root / match.group(1) if match else None


def bullets(text: str) -> list[str]:
    return [line[2:] for line in text.splitlines() if line.startswith("• ")]


def check_detect(run: Run) -> None:
    lines = run.stdout.splitlines()
    assert lines and all(re.fullmatch(r"\S+\t[a-z]{2,3}\t[01]\.\d\d", line) for line in lines)
    if "article.txt" in run.command:
        assert lines[0].split("\t")[:2] == ["article.txt", "ru"]


def check_translate_text(run: Run) -> None:
    # Paragraphs kept: one output line per source line, blank lines where they were.
    source = (run.root / "article.txt").read_text(encoding="utf-8").strip("\n").split("\n")
    assert len(run.stdout.strip("\n").split("\n")) == len(source)


def check_jsonl(run: Run) -> None:
    target = run.output_file()
    text = target.read_text(encoding="utf-8") if target else run.stdout
    records = [json.loads(line) for line in text.splitlines()]
    assert len(records) == documents_named(run.command, run.root)
    for record in records:
        assert {"id", "language", "text", "sentences"} <= set(record), record
    if "articles.jsonl" in run.command:  # extra keys of the input ride along
        assert all({"url", "outlet"} <= set(r) for r in records)


def check_count(run: Run) -> None:
    """N key points for one article; for several, each under its `==> id <==` header, 1 to N."""
    n = int(re.search(r"-n\s+(\d+)", run.command).group(1))
    blocks = re.split(r"(?m)^==> .* <==$", run.stdout)
    if len(blocks) == 1:
        assert len(bullets(run.stdout)) == n
    else:
        assert all(1 <= len(bullets(block)) <= n for block in blocks[1:]), run.stdout


def check_side_by_side(run: Run) -> None:
    assert "English" in run.stdout and "Original (ru)" in run.stdout


def check_markdown(run: Run) -> None:
    assert re.search(r"^- \S", run.stdout, re.M), run.stdout


def check_no_translate(run: Run) -> None:
    # The key points are the article's own sentences, as written.
    named = re.search(r"--no-translate (\S+)", run.command).group(1)
    files = sorted((run.root / named).rglob("*")) if (run.root / named).is_dir() else [
        run.root / named
    ]
    source = " ".join(f.read_text(encoding="utf-8").replace("\n", " ") for f in files
                      if f.is_file())
    from newsbrief.reading.normalize import normalize_text

    source = " ".join(normalize_text(source).split())
    points = bullets(run.stdout)
    assert points and all(point in source for point in points)


def check_compare_text(run: Run) -> None:
    header = run.stdout.splitlines()[0]
    assert re.match(rf"{documents_named(run.command, run.root)} sources, \d+ points", header)


def check_html_report(run: Run) -> None:
    html = run.output_file().read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and "</html>" in html
    assert run.stdout == ""


def check_batch(run: Run) -> None:
    out = run.output_file()
    for name in ("ru", "uk", "en"):
        assert (out / f"{name}.md").is_file() and (out / f"{name}.html").is_file()
    for name in ("index.md", "index.html", "compare.md", "compare.html"):
        assert (out / name).is_file(), name


def check_models_list(run: Run) -> None:
    assert re.search(r"ru→en", run.stdout) and re.search(r"uk→en", run.stdout)


def check_installed_converted(run: Run) -> None:
    name = re.search(r"--dir (\S+)", run.command).group(1)
    assert (run.models / name / "metadata.json").is_file()
    assert name in run.stdout or name in run.stderr


def check_installed_release(run: Run) -> None:
    """A catalog name (served by the test's local server) or a release zip's path."""
    installed = [p.name for p in run.models.iterdir()]
    name = run.command.split()[3]
    expected = name if name.startswith("opus-mt-") else "opus+bt-2021-04-30"
    assert installed == [expected], installed
    assert "installed " in run.stdout and "now uses" in run.stdout


def check_installed(run: Run) -> None:
    installed = sorted(p.name for p in run.models.iterdir())
    expected = ["translate-ru_en"] if "--file" in run.command else [
        "translate-ru_en", "translate-uk_en"]
    assert [name for name in installed if name.startswith("translate-")] == expected


def check_removed(run: Run) -> None:
    assert not (run.models / "translate-uk_en").exists()
    assert (run.models / "translate-ru_en").is_dir()


def check_key_points_per_record(run: Run) -> None:
    arrays = [json.loads(chunk) for chunk in re.split(r"(?m)^(?=\[)", run.stdout) if chunk.strip()]
    assert len(arrays) == documents_named(run.command, run.root)
    assert all(isinstance(a, list) and a for a in arrays)


@dataclass
class Check:
    pattern: str  # searched in the command line; every matching check applies
    check: Callable[[Run], None]


CHECKS = [
    Check(r"^newsbrief detect (?!.*--format)", check_detect),
    Check(r"^newsbrief translate article\.txt", check_translate_text),
    Check(r"^newsbrief translate --format jsonl [^|]*$", check_jsonl),
    Check(r"^newsbrief summarize (?!.*--format)(?!.*--side-by-side).*-n \d", check_count),
    Check(r"--side-by-side", check_side_by_side),
    Check(r"^newsbrief summarize .*--format markdown", check_markdown),
    Check(r"^newsbrief summarize --no-translate (?!.*--format)", check_no_translate),
    Check(r"^newsbrief compare (?!.*--format)(?!.*-o )", check_compare_text),
    Check(r"--format html -o \S+\.html", check_html_report),
    Check(r"^newsbrief batch ", check_batch),
    Check(r"^newsbrief models list", check_models_list),
    Check(r"^newsbrief models install --(?:file|dir) (?!(?:nllb|opus))", check_installed),
    Check(r"^newsbrief models install (?!--)", check_installed_release),
    Check(r"^newsbrief models install --dir (?:nllb|opus)", check_installed_converted),
    Check(r"^newsbrief models remove uk", check_removed),
    Check(r"\| jq \.key_points", check_key_points_per_record),
]


# What only a shell or a real process does: pipes, lists, redirections, substitutions,
# variables; `--jobs` starts worker processes, which tests/test_batch.py also runs for real.
_NEEDS_BASH = re.compile(r"[|&;<>()$`\\]|^[A-Za-z_][A-Za-z0-9_]*=|^--jobs(?:=|$)")


def plain_call(command: str, root: Path) -> list[str] | None:
    """The arguments of a line that is one plain `newsbrief` call, its globs expanded in `root`
    as bash expands them (sorted; a glob that matches nothing stays as written); None for a line
    that needs bash."""
    words = shlex.split(command, comments=True)
    if not words or words[0] != "newsbrief" or any(_NEEDS_BASH.search(w) for w in words):
        return None
    args: list[str] = []
    for word in words[1:]:
        matches = sorted(glob.glob(word, root_dir=root)) if any(c in word for c in "*?[") else []
        args += matches or [word]
    return args


def _params():
    params = []
    for number, command in distinct_commands():
        marks = []
        for pattern, why in SKIPS:
            if re.search(pattern, command):
                marks.append(pytest.mark.skip(reason=why))
                break
        for pattern, why in PENDING.items():
            if re.search(pattern, command):
                marks.append(pytest.mark.xfail(reason=f"pending: {why}", strict=False))
        params.append(pytest.param(command, id=number, marks=marks))
    return params


def test_the_readme_has_command_lines_to_check():
    commands = [c for _, c in readme_commands()]
    assert len(commands) >= 10
    assert any(c.startswith("newsbrief summarize") for c in commands)


@pytest.fixture
def converted(converted_folders):
    return converted_folders


CONVERTED_FROM = {"nllb": None, "marian": ["ru"], "zle": ["ru", "uk"]}


@pytest.fixture(scope="session")
def opus_release(tmp_path_factory) -> Path:
    from synthetic_marian import build_release

    return build_release(tmp_path_factory.mktemp("release") / "release.zip")


@pytest.fixture
def release_server(opus_release):
    """The catalog's releases on 127.0.0.1 (a synthetic release at each catalog path)."""
    from hostile_server import HostileServer

    from translator.install import catalog

    files = {m.release: opus_release.read_bytes() for m in catalog.CATALOG}
    with HostileServer(files) as server:
        yield server


@pytest.mark.parametrize("command", _params())
@pytest.mark.usefixtures("warm_langid_cache")  # a user's later run: the tables are stored
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_readme_command(command, tmp_path, synthetic_models_dir, argosmodel_files, converted,
                        opus_release, request):
    if "| jq" in command and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    root = tmp_path / "work"
    root.mkdir()
    substitutions = workspace(root, argosmodel_files, converted, opus_release)
    extra_env = {}
    if re.search(r"\bmodels install opus-mt-", command):
        server = request.getfixturevalue("release_server")
        extra_env["NEWSBRIEF_OPUS_MT_BASE"] = server.url("/files/")
    models = tmp_path / "models"
    if re.search(r"\bmodels install\b", command):
        models.mkdir()  # installing into an empty folder shows what the line installed
    else:
        shutil.copytree(synthetic_models_dir, models)
        if re.search(r"nllb-|opus-mt-|models use", command):
            from translator.install.converted import install_converted

            for key, folder in converted.items():
                install_converted(folder, CONVERTED_FROM[key], models)
    line = command
    for placeholder, real in substitutions.items():
        line = line.replace(placeholder, real)
    env = cli_env({
        "PATH": f"{Path(sys.executable).parent}:{cli_env()['PATH']}",
        "NEWSBRIEF_MODELS_DIR": str(models),
        "COLUMNS": "100",
        **extra_env,
    })
    args = plain_call(line, root)
    if args is not None:
        proc = invoke_cli(args, cwd=root, main=True, env={
            "NEWSBRIEF_MODELS_DIR": str(models), "COLUMNS": "100", **extra_env})
    else:
        proc = subprocess.run(
            ["bash", "-o", "pipefail", "-c", line],
            cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False,
        )
    assert proc.returncode == 0, f"{command}\n{proc.stderr}"
    assert_clean_stderr(proc.stderr)
    assert "internal error" not in proc.stderr
    run = Run(command, root, models, proc.stdout, proc.stderr)
    target = run.output_file()
    if target is not None:
        assert target.exists() and (target.is_dir() or target.stat().st_size > 0), target
    elif not re.search(r"\bmodels (install|remove)\b", command):
        assert proc.stdout.strip(), f"{command}: nothing on stdout"
    for check in CHECKS:
        if re.search(check.pattern, command):
            check.check(run)
