"""Malicious or odd `.argosmodel` archives and broken packages on disk (issue 14, items 8-11).

Each archive is refused before anything lands in the models folder, and a broken package that is
already there is skipped with a warning naming it: it never breaks `models list`,
`models remove` or translation.

The commands run through the CLI app in this process (invoke_cli): what they print and return
is the point, not the process (tests/test_cli.py drives `models` through the real executable).
"""

from __future__ import annotations

import json
import shutil
import warnings
import zipfile
from collections import namedtuple
from pathlib import Path

import pytest
from helpers_cli import RUSSIAN, assert_clean_stderr, invoke_cli
from synthetic_argos import build_package, zip_package

from translator.errors import InvalidPackageError
from translator.install import archives
from translator.install.argos_install import install_from_file
from translator.store import choices, models

HUGE_VERSION = "1" * 4400


def _rezip(pkg_dir: Path, out: Path, top: str, extra: dict[str, bytes] | None = None) -> Path:
    """Zip `pkg_dir` under the top folder name `top`, plus `extra` raw entries."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(pkg_dir.rglob("*")):
            if path.is_file():
                archive.write(path, f"{top}/{path.relative_to(pkg_dir).as_posix()}")
        for name, data in (extra or {}).items():
            with warnings.catch_warnings():  # a duplicate name is the point of some cases
                warnings.simplefilter("ignore", UserWarning)
                archive.writestr(name, data)
    return out


@pytest.fixture(scope="module")
def ru_package(tmp_path_factory) -> Path:
    return build_package(tmp_path_factory.mktemp("ru-pkg"), "ru", seed=0)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _break_version(pkg_dir: Path, version: str = HUGE_VERSION) -> None:
    meta_file = pkg_dir / "metadata.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta["package_version"] = version
    meta_file.write_text(json.dumps(meta), encoding="utf-8")


# -- item 8: a huge package_version ------------------------------------------------------------

def test_huge_version_is_refused_at_install(ru_package, tmp_path):
    pkg = tmp_path / "translate-ru_en"
    shutil.copytree(ru_package, pkg)
    _break_version(pkg)
    archive = zip_package(pkg, tmp_path / "huge.argosmodel")
    target = tmp_path / "models"
    result = invoke_cli(["models", "install", "--file", archive],
                     env={"NEWSBRIEF_MODELS_DIR": str(target)})
    assert result.returncode == 1
    assert "package_version" in result.stderr and "not a version" in result.stderr
    assert len(result.stderr) < 400  # the 4,400 digits are not echoed back
    assert_clean_stderr(result.stderr)
    assert models.list_installed(target) == []
    assert not [p for p in target.iterdir()]  # no temporaries left behind


@pytest.mark.parametrize("version", ["", "1.9", "1.0.3-beta", "2.0+local"])
def test_ordinary_versions_install(ru_package, tmp_path, version):
    pkg = tmp_path / "translate-ru_en"
    shutil.copytree(ru_package, pkg)
    _break_version(pkg, version)
    model = install_from_file(zip_package(pkg, tmp_path / "ok.argosmodel"),
                                     tmp_path / "m")
    assert model.version == version


@pytest.mark.parametrize("version", [HUGE_VERSION, "1" * 65, "1.0\n", "../1", 12, None])
def test_bad_versions_are_refused(ru_package, tmp_path, version):
    pkg = tmp_path / "translate-ru_en"
    shutil.copytree(ru_package, pkg)
    _break_version(pkg, version)
    with pytest.raises(InvalidPackageError, match="package_version"):
        install_from_file(zip_package(pkg, tmp_path / "bad.argosmodel"), tmp_path / "m")


def test_version_key_never_raises():
    assert models._version_key(HUGE_VERSION)
    assert models._version_key("1.10") > models._version_key("1.9")


@pytest.fixture
def broken_on_disk(models_dir_copy) -> Path:
    """The synthetic ru and uk packages plus a second ru package with a 4,400-digit version
    (as an older newsbrief would have installed it)."""
    bad = models_dir_copy / "translate-ru_en-evil"
    shutil.copytree(models_dir_copy / "translate-ru_en", bad)
    _break_version(bad)
    return models_dir_copy


def test_broken_package_on_disk_is_skipped_with_a_warning(broken_on_disk):
    warned = []
    installed = models.list_installed(broken_on_disk, warn=warned.append)
    assert [m.path.name for m in installed] == ["translate-ru_en", "translate-uk_en"]
    assert [w.path.name for w in warned] == ["translate-ru_en-evil"]
    assert (warned[0].from_code, warned[0].to_code) == ("ru", "en")
    assert choices.find_model("ru", broken_on_disk).path.name == "translate-ru_en"


def test_broken_package_never_breaks_list_translate_or_remove(broken_on_disk, tmp_path,
                                                             monkeypatch):
    env = {"NEWSBRIEF_MODELS_DIR": str(broken_on_disk)}
    listed = invoke_cli(["models", "list"], env=env)
    assert listed.returncode == 0, listed.stderr
    assert "translate-ru_en-evil" in listed.stderr and "warning" in listed.stderr
    assert "newsbrief models remove translate-ru_en-evil" in listed.stderr
    assert "ru→en" in listed.stdout and "uk→en" in listed.stdout
    assert "missing" not in listed.stdout
    assert_clean_stderr(listed.stderr)

    article = tmp_path / "ru.txt"
    article.write_text(RUSSIAN, encoding="utf-8")
    # Each command is a process of its own for a user, and a skipped package is named once per
    # process: forget that `models list` named it in this one.
    monkeypatch.setattr(models, "_warned", set())
    translated = invoke_cli(["translate", "--format", "json", article], env=env)
    assert translated.returncode == 0, translated.stderr
    (record,) = json.loads(translated.stdout)
    assert record["language"] == "ru" and record["sentences"]
    assert "translate-ru_en-evil" in translated.stderr

    removed_uk = invoke_cli(["models", "remove", "uk"], env=env)
    assert removed_uk.returncode == 0, removed_uk.stderr
    # Removing ru also deletes the broken package that claims ru→en: nothing is left stranded.
    removed_ru = invoke_cli(["models", "remove", "ru"], env=env)
    assert removed_ru.returncode == 0, removed_ru.stderr
    assert "broken package ru→en" in removed_ru.stdout
    assert sorted(p.name for p in broken_on_disk.iterdir()) == []


def test_unreadable_metadata_is_named_too(models_dir_copy):
    (models_dir_copy / "garbage").mkdir()
    (models_dir_copy / "garbage" / "metadata.json").write_text("[" * 100_000)
    (models_dir_copy / "unrelated").mkdir()  # no metadata.json: not a package, no warning
    warned = []
    assert len(models.list_installed(models_dir_copy, warn=warned.append)) == 2
    assert [w.path.name for w in warned] == ["garbage"]


# -- item 9: lying and ambiguous packages ------------------------------------------------------

def test_folder_named_uk_holding_ru_is_refused_and_uk_kept(ru_package, models_dir_copy, tmp_path):
    archive = _rezip(ru_package, tmp_path / "liar.argosmodel", "translate-uk_en")
    before = _snapshot(models_dir_copy)
    result = invoke_cli(["models", "install", "--file", archive],
                     env={"NEWSBRIEF_MODELS_DIR": str(models_dir_copy)})
    assert result.returncode == 1
    assert "contradicts itself" in result.stderr and "uk→en" in result.stderr
    assert_clean_stderr(result.stderr)
    assert _snapshot(models_dir_copy) == before
    assert [m.from_code for m in models.list_installed(models_dir_copy)] == ["ru", "uk"]


def test_package_cannot_take_another_pairs_folder(ru_package, tmp_path):
    """Without a pair in the folder name, landing on another language's folder is refused."""
    target = tmp_path / "models"
    build_package(target, "uk", seed=1, name="model")
    before = _snapshot(target)
    with pytest.raises(InvalidPackageError, match="another language's model"):
        install_from_file(_rezip(ru_package, tmp_path / "m.argosmodel", "model"), target)
    assert _snapshot(target) == before


def test_same_pair_upgrade_still_replaces(ru_package, models_dir_copy, tmp_path):
    pkg = tmp_path / "translate-ru_en-2_0"
    shutil.copytree(ru_package, pkg)
    _break_version(pkg, "2.0")
    install_from_file(zip_package(pkg, tmp_path / "v2.argosmodel"), models_dir_copy)
    names = sorted(p.name for p in models_dir_copy.iterdir())
    assert names == ["translate-ru_en-2_0", "translate-uk_en"]


# -- items 9-11 through the CLI: each hostile archive is refused, nothing changes -------

Hostile = namedtuple("Hostile", "top extra expect")
HOSTILE = {
    "two-metadata": Hostile(
        "translate-ru_en",
        {"translate-ru_en/metadata.json": json.dumps({"from_code": "uk", "to_code": "en"})},
        "twice",
    ),
    "dot-previous": Hostile(".previous", None, "hidden"),
    "dot-hidden": Hostile(".hidden", None, "hidden"),
    "zip-bomb": Hostile("translate-ru_en", {"translate-ru_en/padding.bin": bytes(64 << 20)},
                        "zip bomb"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_archive_is_refused_by_the_cli(case, ru_package, models_dir_copy, tmp_path):
    top, extra, expect = HOSTILE[case]
    archive = _rezip(ru_package, tmp_path / f"{case}.argosmodel", top, extra)
    before = _snapshot(models_dir_copy)
    env = {"NEWSBRIEF_MODELS_DIR": str(models_dir_copy)}
    result = invoke_cli(["models", "install", "--file", archive], env=env)
    assert result.returncode == 1, result.stdout
    assert expect in result.stderr and f"{case}.argosmodel" in result.stderr
    assert "internal error" not in result.stderr
    assert_clean_stderr(result.stderr)
    assert _snapshot(models_dir_copy) == before
    assert sorted(p.name for p in models_dir_copy.iterdir()) == [
        "translate-ru_en", "translate-uk_en"
    ]


def test_hidden_package_left_by_an_older_version_is_named_and_removable(models_dir_copy):
    shutil.copytree(models_dir_copy / "translate-ru_en", models_dir_copy / ".hidden")
    warned = []
    assert len(models.list_installed(models_dir_copy, warn=warned.append)) == 2
    assert [w.path.name for w in warned] == [".hidden"]
    models.remove(".hidden", models_dir_copy)  # by the name the warning gives
    assert sorted(p.name for p in models_dir_copy.iterdir()) == [
        "translate-ru_en", "translate-uk_en"
    ]
    shutil.copytree(models_dir_copy / "translate-ru_en", models_dir_copy / ".hidden")
    models.remove("ru", models_dir_copy)  # or with the language it claims
    assert sorted(p.name for p in models_dir_copy.iterdir()) == ["translate-uk_en"]


# -- item 11: sizes are checked before extracting ----------------------------------------------

def test_declared_size_over_the_cap_is_refused(ru_package, tmp_path, monkeypatch):
    monkeypatch.setattr(archives, "MAX_UNPACKED_BYTES", 1 << 20)
    archive = _rezip(ru_package, tmp_path / "big.argosmodel", "translate-ru_en")
    with pytest.raises(InvalidPackageError, match="more than a translation package"):
        install_from_file(archive, tmp_path / "m")
    assert list((tmp_path / "m").iterdir()) == []


def test_not_enough_free_space_is_refused_before_extracting(ru_package, tmp_path, monkeypatch):
    real = shutil.disk_usage

    def tiny(path):
        return real(path)._replace(free=1 << 20)

    monkeypatch.setattr(shutil, "disk_usage", tiny)
    extracted = []
    monkeypatch.setattr(zipfile.ZipFile, "extractall", lambda *a, **k: extracted.append(a))
    archive = _rezip(ru_package, tmp_path / "ok.argosmodel", "translate-ru_en")
    with pytest.raises(InvalidPackageError, match="only 1.0 MB free"):
        install_from_file(archive, tmp_path / "m")
    assert extracted == []


def test_well_compressing_small_files_are_fine(ru_package, tmp_path):
    """Metadata and vocabularies compress well; the ratio check applies to big members only."""
    archive = _rezip(ru_package, tmp_path / "ok.argosmodel", "translate-ru_en",
                     {"translate-ru_en/notes.txt": b"a" * (1 << 20)})
    assert install_from_file(archive, tmp_path / "m").from_code == "ru"


# -- issue 13: removing what is not installed ---------------------------------------------------

def test_remove_a_model_that_is_not_installed_says_so(models_dir_copy):
    shutil.rmtree(models_dir_copy / "translate-ru_en")
    result = invoke_cli(["models", "remove", "ru"],
                     env={"NEWSBRIEF_MODELS_DIR": str(models_dir_copy)})
    assert result.returncode == 1
    assert "no Russian→English (ru→en) model is installed" in result.stderr
    assert "installed: uk→en" in result.stderr
    assert "models install" not in result.stderr
    assert_clean_stderr(result.stderr)
