"""`models install NAME|URL|PATH`: a synthetic OPUS-MT release (tests/synthetic_marian.py) served
on 127.0.0.1, converted with CTranslate2's Marian converter, then used by every command."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers_cli import REPO, RUSSIAN, UKRAINIAN, assert_clean_stderr, cli_env, invoke_cli
from hostile_server import HostileServer
from synthetic_argos import build_argosmodel
from synthetic_marian import release_files, zip_release

from translator.errors import InvalidPackageError, TranslatorError
from translator.install import archives, catalog, marian_convert, opus_install
from translator.install.argos_install import install_from_file
from translator.store import models

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])
BIG = catalog.get("opus-mt-tc-big-zle-en")


@pytest.fixture(scope="session")
def release_bytes(tmp_path_factory) -> bytes:
    return zip_release(release_files(), tmp_path_factory.mktemp("rel") / "r.zip").read_bytes()


@pytest.fixture
def server(release_bytes):
    with HostileServer({BIG.release: release_bytes, "r.zip": release_bytes}) as srv:
        yield srv


def _leftovers(models_dir: Path) -> list[str]:
    return sorted(p.name for p in models_dir.iterdir()
                  if p.name.startswith((".installing-", ".download-")))


def test_the_catalog_urls_are_the_tatoeba_listings():
    assert BIG.url == ("https://object.pouta.csc.fi/Tatoeba-MT-models/zle-eng/"
                       "opusTCv20210807+bt_transformer-big_2022-03-17.zip")
    assert catalog.DEFAULT == BIG.name and BIG.sources == ("ru", "uk")
    assert {m.name for m in catalog.CATALOG} >= {"opus-mt-base-ru-en", "opus-mt-base-uk-en"}
    for model in catalog.CATALOG:
        assert model.url.startswith(catalog.TATOEBA_BASE) and model.url.endswith(".zip")
        assert set(model.bleu) == set(model.sources) and model.licence == "CC-BY 4.0"
        assert model.approx_bytes < model.max_bytes


def test_models_available_lists_the_catalog(tmp_path):
    text = invoke_cli(["models", "available", "--models-dir", tmp_path])
    assert text.returncode == 0
    assert "opus-mt-tc-big-zle-en" in text.stdout and "(default)" in text.stdout
    assert "35.2/39.2" in text.stdout and "CC-BY 4.0" in text.stdout
    data = json.loads(invoke_cli(["models", "available", "--format", "json"]).stdout)
    big = next(r for r in data if r["name"] == BIG.name)
    assert big["url"] == BIG.url and big["bleu"] == {"ru": 35.2, "uk": 39.2}
    assert big["installed"] is False and "Tatoeba-Challenge" in big["bleu_source"]


def test_install_by_name_then_every_command_runs_on_it(server, tmp_path, monkeypatch):
    models_dir = tmp_path / "models"
    build_argosmodel(tmp_path / "ru.argosmodel", "ru")
    install_from_file(tmp_path / "ru.argosmodel", models_dir)
    monkeypatch.setenv(catalog.BASE_ENV, server.url("/files/"))
    done = invoke_cli(["models", "install", "opus-mt-tc-big-zle-en", "--models-dir", models_dir])
    assert done.returncode == 0, done.stderr
    assert "installed ru,uk→en (opus-mt-tc-big-zle-en, marian)" in done.stdout
    assert "ru→en now uses opus-mt-tc-big-zle-en (marian), replacing Russian→English" \
        in done.stdout
    assert "uk→en now uses opus-mt-tc-big-zle-en (marian) (nothing before)" in done.stdout
    assert "CC-BY 4.0" in done.stdout
    assert _leftovers(models_dir) == []
    config = json.loads((models_dir / BIG.name / "model" / "config.json").read_text())
    assert config["add_source_eos"] is True  # what OpusMTConverter writes
    listed = invoke_cli(["models", "list", "--models-dir", models_dir])
    assert "ru→en uses opus-mt-tc-big-zle-en (marian)" in listed.stdout
    assert "credit: OPUS-MT" in listed.stdout
    news = tmp_path / "news"
    news.mkdir()
    (news / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    (news / "uk.txt").write_text(UKRAINIAN, encoding="utf-8")
    common = ["--models-dir", str(models_dir), "--no-cache"]
    for args in (["translate", news / "ru.txt"], ["summarize", "-n", "2", news / "uk.txt"],
                 ["compare", news / "ru.txt", news / "uk.txt"],
                 ["batch", news, "-o", tmp_path / "out"]):
        result = invoke_cli([args[0], *common, *args[1:]])
        assert result.returncode == 0, (args, result.stderr)
        assert_clean_stderr(result.stderr)
    assert (tmp_path / "out" / "ru.md").is_file() and (tmp_path / "out" / "uk.md").is_file()
    used = invoke_cli(["translate", *common, "--model", BIG.name, "--format", "json",
                       news / "uk.txt"])
    assert used.returncode == 0 and json.loads(used.stdout)


def test_install_from_a_url_or_a_path_needs_the_languages(server, tmp_path, release_bytes):
    models_dir = tmp_path / "m"
    url = server.url("/files/r.zip")
    refused = invoke_cli(["models", "install", url, "--models-dir", models_dir])
    assert refused.returncode == 1 and "--from ru" in refused.stderr
    done = invoke_cli(["models", "install", url, "--from", "uk", "--models-dir", models_dir])
    assert done.returncode == 0, done.stderr
    assert "installed uk→en (r, marian)" in done.stdout and _leftovers(models_dir) == []
    local = tmp_path / "rus-eng" / "opus-2021-02-19.zip"
    local.parent.mkdir()
    local.write_bytes(release_bytes)
    done = invoke_cli(["models", "install", local, "--from", "ru", "--models-dir", models_dir])
    assert done.returncode == 0, done.stderr
    assert {m.path.name for m in models.list_installed(models_dir)} == {
        "r", "rus-eng-opus-2021-02-19"}


def test_a_catalog_url_or_copy_brings_its_name_and_languages(server, tmp_path):
    release = opus_install.resolve(server.url("/files/" + BIG.release))
    assert release.name == BIG.name and release.sources == ("ru", "uk")
    assert release.max_bytes == BIG.max_bytes and release.remote
    copied = tmp_path / BIG.release.rsplit("/", 1)[-1]  # the zip copied over, folder lost
    copied.write_bytes(b"PK")
    local = opus_install.resolve(str(copied))
    assert (local.name, local.sources, local.remote) == (BIG.name, BIG.sources, False)
    base = tmp_path / "opus+bt-2021-04-30.zip"  # two base releases share that file name
    base.write_bytes(b"PK")
    with pytest.raises(TranslatorError, match="--from"):
        opus_install.resolve(str(base))
    with pytest.raises(TranslatorError, match="only http and https"):
        opus_install.resolve("ftp://host/x.zip", ["ru"])


def _broken(files: dict[str, bytes], change: str) -> dict[str, bytes]:
    files = dict(files)
    if change == "no-decoder":
        del files["decoder.yml"]
    elif change == "missing-npz":
        files["decoder.yml"] = b"models:\n  - absent.npz\nvocabs:\n  - v.yml\n"
    elif change == "escaping-path":
        files["decoder.yml"] = b"models:\n  - ../../etc/passwd\nvocabs:\n  - x\n"
    elif change == "garbled-npz":
        name = next(n for n in files if n.endswith(".npz"))
        files[name] = os.urandom(4000)
    elif change == "no-target-spm":
        del files["target.spm"]
    elif change == "yaml-bomb":
        files["decoder.yml"] = b"models: [" * 1000
    return files


@pytest.mark.parametrize("change, words", [
    ("no-decoder", "not an OPUS-MT release"), ("missing-npz", "does not hold"),
    ("escaping-path", "does not hold"), ("garbled-npz", "converter cannot read"),
    ("no-target-spm", "no target.spm"), ("yaml-bomb", "decoder.yml"),
])
def test_a_broken_release_is_refused_and_leaves_nothing(tmp_path, change, words):
    files = _broken(release_files(vocab_size=200), change)
    archive = zip_release(files, tmp_path / "bad.zip")
    with pytest.raises(InvalidPackageError, match=words) as info:
        marian_convert.install_release(archive, ["ru"], tmp_path / "m", "bad")
    assert "\n" not in info.value.message
    assert list((tmp_path / "m").iterdir()) == []


def test_not_enough_room_for_the_conversion_is_refused_first(tmp_path, release_bytes,
                                                             monkeypatch):
    archive = tmp_path / "r.zip"
    archive.write_bytes(release_bytes)
    (tmp_path / "m").mkdir()
    usage = type("Usage", (), {"free": len(release_bytes) + (64 << 20)})
    monkeypatch.setattr(archives.shutil, "disk_usage", lambda _: usage)
    with pytest.raises(InvalidPackageError, match="installing needs"):
        marian_convert.install_release(archive, ["ru"], tmp_path / "m", "r")
    assert list((tmp_path / "m").iterdir()) == []


# -- real processes: killed mid-extract, interrupted mid-download --------------------------------

def _env(**extra: str) -> dict[str, str]:
    return cli_env({"PYTHONPATH": str(REPO), **extra})


def test_a_kill_mid_extract_is_cleaned_by_the_next_install(tmp_path, release_bytes):
    archive = tmp_path / "r.zip"
    archive.write_bytes(release_bytes)
    models_dir = tmp_path / "m"
    killer = (
        "import os, signal, sys, zipfile\n"
        "from translator.install import marian_convert\n"
        "def die(self, *a, **k):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "zipfile.ZipFile.extractall = die\n"
        f"marian_convert.install_release({str(archive)!r}, ['ru'], {str(models_dir)!r}, 'r')\n"
    )
    proc = subprocess.run([sys.executable, "-c", killer], env=_env(), cwd=REPO, timeout=60,
                          check=False)
    assert proc.returncode == -signal.SIGKILL
    assert [p.name.startswith(".installing-") for p in models_dir.iterdir()] == [True]
    installed = marian_convert.install_release(archive, ["ru"], models_dir, "r")
    assert installed.path.is_dir()
    assert sorted(p.name for p in models_dir.iterdir()) == ["r"]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_download_leaves_only_the_resume_file_and_a_rerun_finishes(
        server, tmp_path, signum):
    models_dir = tmp_path / "m"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    server.slow_s = 0.05
    url = server.url("/slow/r.zip")
    args = [sys.executable, str(REPO / "cli.py"), "models", "install", url, "--from", "ru",
            "--models-dir", str(models_dir)]
    proc = subprocess.Popen(args, env=_env(TMPDIR=str(scratch)), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    partial = models_dir / ".download-r.zip.partial"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not partial.exists() or partial.stat().st_size == 0):
        time.sleep(0.05)
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr
    assert_clean_stderr(stderr)
    assert "rerun the same command to resume" in stderr and "internal error" not in stderr
    kept = partial.stat().st_size
    assert 0 < kept < len(server.files["r.zip"])
    assert _leftovers(models_dir) == [".download-r.zip.partial", ".download-r.zip.partial.json"]
    assert list(scratch.iterdir()) == []  # nothing in the temporary folder
    server.slow_s = 0
    rerun = subprocess.run(args, env=_env(TMPDIR=str(scratch)), capture_output=True, text=True,
                           timeout=60, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert server.requests[-1][1].get("range") == f"bytes={kept}-"
    assert _leftovers(models_dir) == [] and list(scratch.iterdir()) == []
    assert [m.path.name for m in models.list_installed(models_dir)] == ["r"]


@pytest.mark.parametrize("path", ["/bad-status", "/to-ftp", "/loop", "/huge", "/status/404",
                                  "/status/500", "/files/not-there.zip"])
def test_no_fault_reaches_the_user_as_a_traceback(server, tmp_path, path):
    """Through the console script's entry point, as a user runs it."""
    models_dir = tmp_path / "m"
    result = invoke_cli(["models", "install", server.url(path), "--from", "ru",
                         "--models-dir", models_dir], main=True)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("newsbrief:")]
    assert len(errors) == 1 and errors[0].startswith("newsbrief: error: "), result.stderr
    assert "internal error" not in result.stderr
    assert_clean_stderr(result.stderr)
    assert not models_dir.exists() or _leftovers(models_dir) == []
