"""Model management: locating, listing, installing (file, folder, index) and removing packages."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from synthetic_argos import build_argosmodel

from translator.errors import DownloadError, InvalidPackageError, NotInstalledError
from translator.install import argos_index
from translator.install.argos_install import install_from_dir, install_from_file
from translator.store import choices, models


def test_default_models_dir_precedence(monkeypatch, tmp_path):
    data = Path(str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    assert models.default_models_dir() == data / "argos-translate" / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    assert models.default_models_dir() == tmp_path / "argos"
    monkeypatch.setenv("NEWSBRIEF_MODELS_DIR", str(tmp_path / "nb"))
    assert models.default_models_dir() == tmp_path / "nb"


def test_default_models_dir_reads_argos_settings_json(monkeypatch, tmp_path):
    config = tmp_path / "config"
    (config / "argos-translate").mkdir(parents=True)
    (config / "argos-translate" / "settings.json").write_text(
        json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "configured")})
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    assert models.default_models_dir() == tmp_path / "configured"


def test_default_models_dir_creates_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "d"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "k"))
    models.default_models_dir()
    assert not any(tmp_path.iterdir())


def test_list_installed_and_missing(synthetic_models_dir):
    installed = models.list_installed(synthetic_models_dir)
    assert [(m.from_code, m.to_code) for m in installed] == [("ru", "en"), ("uk", "en")]
    assert all(m.size_bytes > 0 and m.version == "1.0" for m in installed)
    assert choices.missing_languages(synthetic_models_dir) == []
    assert installed[0].name == "Russian→English"


def test_missing_on_empty_or_absent_dir(tmp_path):
    assert models.list_installed(tmp_path / "nope") == []
    assert choices.missing_languages(tmp_path) == ["ru", "uk"]


def test_list_skips_junk_folders(models_dir_copy):
    (models_dir_copy / "junk").mkdir()
    (models_dir_copy / "broken").mkdir()
    (models_dir_copy / "broken" / "metadata.json").write_text("{not json")
    assert len(models.list_installed(models_dir_copy)) == 2


def test_install_from_file_then_list_then_remove(argosmodel_file, tmp_path):
    target = tmp_path / "models"
    model = install_from_file(argosmodel_file, target)
    assert (model.from_code, model.to_code) == ("ru", "en")
    assert (model.path / "model" / "model.bin").is_file()
    assert choices.missing_languages(target) == ["uk"]
    assert [p.name for p in target.iterdir()] == [model.path.name]  # no temporaries left
    removed = models.remove("ru", target)
    assert [m.from_code for m in removed] == ["ru"]
    assert choices.missing_languages(target) == ["ru", "uk"]
    with pytest.raises(NotInstalledError, match="no Russian→English.*installed: none"):
        models.remove("ru", target)


def test_install_replaces_same_pair(argosmodel_file, tmp_path):
    target = tmp_path / "models"
    install_from_file(argosmodel_file, target)
    newer = build_argosmodel(tmp_path / "v2.argosmodel", "ru", seed=5, package_version="2.0",
                             name="ru_en_v2")
    model = install_from_file(newer, target)
    assert [m.version for m in models.list_installed(target)] == ["2.0"]
    assert model.path.name == "ru_en_v2"


def test_install_from_dir(argosmodel_files, tmp_path):
    installed = install_from_dir(argosmodel_files, tmp_path / "m")
    assert sorted(m.from_code for m in installed) == ["ru", "uk"]
    assert choices.missing_languages(tmp_path / "m") == []


def test_install_file_given_a_folder_says_to_use_dir(argosmodel_files, tmp_path):
    """Issue 25: `models install --file DIR` said "no such file" for a folder that exists."""
    with pytest.raises(InvalidPackageError, match="a folder, not an .argosmodel file") as raised:
        install_from_file(argosmodel_files, tmp_path / "m")
    assert f"--dir {argosmodel_files}" in str(raised.value)
    assert not (tmp_path / "m").exists()


def test_install_from_dir_without_packages(tmp_path):
    with pytest.raises(InvalidPackageError, match="no .argosmodel"):
        install_from_dir(tmp_path, tmp_path / "m")


@pytest.mark.parametrize("kind", ["not-zip", "traversal", "no-model", "two-tops", "missing"])
def test_install_rejects_bad_files_and_leaves_nothing(kind, tmp_path):
    bad = tmp_path / "bad.argosmodel"
    if kind == "not-zip":
        bad.write_text("hello")
    elif kind != "missing":
        with zipfile.ZipFile(bad, "w") as z:
            if kind == "traversal":
                z.writestr("pkg/../../evil.txt", "x")
            elif kind == "no-model":
                z.writestr("pkg/metadata.json", json.dumps({"from_code": "ru", "to_code": "en"}))
                z.writestr("pkg/sentencepiece.model", "x")
            else:
                z.writestr("a/metadata.json", "{}")
                z.writestr("b/metadata.json", "{}")
    target = tmp_path / "models"
    with pytest.raises(InvalidPackageError) as info:
        install_from_file(bad, target)
    assert str(bad) in str(info.value)
    assert not (tmp_path / "evil.txt").exists()
    assert not target.exists() or list(target.iterdir()) == []


def test_choose_from_index_picks_newest():
    index = [
        {"from_code": "ru", "to_code": "en", "package_version": "1.9", "links": ["a"]},
        {"from_code": "ru", "to_code": "en", "package_version": "1.10", "links": ["b"]},
        {"from_code": "en", "to_code": "ru", "package_version": "9.0", "links": ["c"]},
    ]
    assert argos_index.choose_from_index(index, "ru")["links"] == ["b"]
    with pytest.raises(DownloadError, match="Ukrainian"):
        argos_index.choose_from_index(index, "uk")


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_install_from_index_offline_is_a_clear_error(tmp_path):
    import socket

    with socket.socket() as probe:  # a port nothing listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(DownloadError, match="--file") as info:
        argos_index.install_from_index(["ru"], tmp_path, index_url=f"http://127.0.0.1:{port}/i.json")
    assert "connection refused" in info.value.message


def test_install_from_index_with_local_index(argosmodel_file, tmp_path):
    index = tmp_path / "index.json"
    index.write_text(json.dumps([{
        "from_code": "ru", "to_code": "en", "package_version": "1.0",
        "links": [argosmodel_file.as_uri()],
    }]))
    seen = []
    installed = argos_index.install_from_index(
        ["ru"], tmp_path / "m", progress=lambda done, total: seen.append((done, total)),
        index_url=index.as_uri(),
    )
    assert [m.from_code for m in installed] == ["ru"]
    assert seen[-1][0] == argosmodel_file.stat().st_size
    assert choices.missing_languages(tmp_path / "m") == ["uk"]
