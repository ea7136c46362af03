"""Shared fixtures: synthetic Argos packages and an isolated environment for every test.

Tests must never read or write the user's real model, cache or config directories, and must
never depend on what happens to be installed there; so every test runs with HOME and the XDG
directories pointed at fresh temporary folders and with the model-directory variables unset.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# urllib3 (pulled in by trafilatura and sumy) opens a local socket at import time to probe IPv6
# support; importing it here, before pytest-socket blocks sockets for the tests, keeps that probe
# from showing up as a blocked-socket warning. No connection is ever made.
import urllib3  # noqa: F401

from newsbrief.console import apply_thread_settings  # noqa: E402

# As `main()` does: tests run the library in-process, and the LSA ranker's small SVDs are ~100x
# slower with OpenBLAS's thread pool on 2 cores.
apply_thread_settings()

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_argos import build_argosmodel, build_package  # noqa: E402

# Seeds differ so the two synthetic models do not translate identically.
SYNTHETIC_LANGS = {"ru": 0, "uk": 1}


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory, monkeypatch):
    """Point HOME, XDG dirs and the newsbrief cache at temporary folders for this test."""
    root = tmp_path_factory.mktemp("env")
    for var, sub in (
        ("HOME", "home"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("NEWSBRIEF_CACHE_DIR", "newsbrief-cache"),
    ):
        path = root / sub
        path.mkdir()
        monkeypatch.setenv(var, str(path))
    for var in ("NEWSBRIEF_MODELS_DIR", "ARGOS_PACKAGES_DIR", "ARGOS_TRANSLATE_PACKAGE_DIR",
                "SNAP"):
        monkeypatch.delenv(var, raising=False)
    return root


@pytest.fixture(scope="session")
def synthetic_models_dir(tmp_path_factory) -> Path:
    """A models directory holding synthetic ru→en and uk→en packages (built once per session).

    Treat it as read-only; tests that install or remove models should use `models_dir_copy`.
    """
    models = tmp_path_factory.mktemp("models")
    for lang, seed in SYNTHETIC_LANGS.items():
        build_package(models, lang, "en", seed=seed)
    return models


@pytest.fixture
def models_dir_copy(synthetic_models_dir, tmp_path) -> Path:
    """A private, writable copy of `synthetic_models_dir`."""
    import shutil

    dest = tmp_path / "models"
    shutil.copytree(synthetic_models_dir, dest)
    return dest


@pytest.fixture(scope="session")
def argosmodel_file(tmp_path_factory) -> Path:
    """A synthetic ru→en package zipped as `translate-ru_en.argosmodel`."""
    out = tmp_path_factory.mktemp("argosmodel") / "translate-ru_en.argosmodel"
    return build_argosmodel(out, "ru", "en", seed=0)


@pytest.fixture(scope="session")
def argosmodel_files(tmp_path_factory) -> Path:
    """A folder with synthetic ru→en and uk→en `.argosmodel` files (for `install --dir`)."""
    folder = tmp_path_factory.mktemp("argosmodels")
    for lang, seed in SYNTHETIC_LANGS.items():
        build_argosmodel(folder / f"translate-{lang}_en.argosmodel", lang, "en", seed=seed)
    return folder


@pytest.fixture(scope="session")
def converted_folders(tmp_path_factory) -> dict[str, Path]:
    """Converted CTranslate2 folders of each family (tests/synthetic_families.py), as a user
    would have copied them over; named as the README's conversion commands write them."""
    from synthetic_families import build_marian, build_nllb

    root = tmp_path_factory.mktemp("converted")
    return {
        "nllb": build_nllb(root),
        "marian": build_marian(root),
        "zle": build_marian(root, "opus-mt-tc-big-zle-en", sources=("ru", "uk"),
                            opus_converter=True, seed=12),
    }


@pytest.fixture
def no_models(tmp_path) -> dict[str, str]:
    """Environment for the executable with an empty models folder: nothing installed."""
    empty = tmp_path / "no-models"
    empty.mkdir()
    return {"NEWSBRIEF_MODELS_DIR": str(empty)}


@pytest.fixture(scope="session")
def langid_tables(tmp_path_factory) -> Path:
    """The language-identification tables newsbrief keeps in its cache folder (n-gram models and
    word frequencies, ~28 MB), built once per session by a process of its own."""
    import os
    import subprocess

    from helpers_cli import ENGLISH, GERMAN, RUSSIAN, UKRAINIAN

    folder = tmp_path_factory.mktemp("langid-tables")
    code = "import sys\nfrom translator.langid import detect_text as d\nfor t in sys.argv[1:]: d(t)"
    subprocess.run([sys.executable, "-c", code, RUSSIAN, UKRAINIAN, ENGLISH, GERMAN],
                   env={**os.environ, "NEWSBRIEF_CACHE_DIR": str(folder)}, check=True)
    return folder


@pytest.fixture
def warm_langid_cache(isolated_env, langid_tables) -> None:
    """This test's cache folder already holds the language-identification tables, as after a
    user's first run. Every real `newsbrief` process (and batch worker) a test starts would
    otherwise build them again in the test's fresh cache folder: 1-2 s a process on a busy
    2-core machine, most of a short command's time. Building and storing them is
    tests/test_langid.py's subject; tests that run the executable for other reasons use this.
    The tables are hard links to one session copy: read them, never write into them."""
    import os
    import shutil

    cache = Path(os.environ["NEWSBRIEF_CACHE_DIR"])
    for table in langid_tables.glob("langid-*.npz"):
        try:
            os.link(table, cache / table.name)  # the same file: 28 MB not copied per test
        except OSError:
            shutil.copy2(table, cache / table.name)
