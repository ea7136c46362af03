"""Installed Argos packages: where they live, which are there, installing and removing them.

Kept free of heavy imports (no argostranslate, ctranslate2 or sentencepiece) so that `models
list` and every command's start-up stay fast. argostranslate.settings in particular is not
imported: importing it creates several directories in the user's home as a side effect.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from translator.errors import (
    DownloadError,
    InvalidPackageError,
    ModelMissingError,
    TranslatorError,
    language_name,
)

SUPPORTED_LANGUAGES = ("ru", "uk")
DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
Progress = Callable[[int, int | None], None]


@dataclass
class InstalledModel:
    """One installed translation package."""

    from_code: str
    to_code: str
    version: str
    path: Path
    size_bytes: int

    @property
    def name(self) -> str:
        return f"{language_name(self.from_code)}→{language_name(self.to_code)}"


def _argos_home() -> Path:
    """The home folder argostranslate uses (snap-aware, like argostranslate.settings)."""
    if "SNAP" in os.environ and os.environ.get("SNAP_USER_DATA"):
        return Path(os.environ["SNAP_USER_DATA"])
    return Path.home()


def _argos_settings_value(key: str) -> str | None:
    """A value from argostranslate's settings.json, if the user configured one there."""
    config = Path(os.environ.get("XDG_CONFIG_HOME") or _argos_home() / ".config")
    settings_file = config / "argos-translate" / "settings.json"
    try:
        data = json.loads(settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get(key) if isinstance(data, dict) else None
    return str(value) if value else None


def default_models_dir() -> Path:
    """Where packages are read from and installed to.

    `NEWSBRIEF_MODELS_DIR`, else `ARGOS_PACKAGES_DIR` (environment, then argostranslate's
    settings.json), else argostranslate's own packages folder, so models installed with
    `argospm` are found and vice versa. Computed here rather than read from
    argostranslate.settings, whose import creates folders and costs start-up time.
    """
    for var in ("NEWSBRIEF_MODELS_DIR", "ARGOS_PACKAGES_DIR"):
        value = os.environ.get(var)
        if value:
            return Path(value).expanduser()
    configured = _argos_settings_value("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured).expanduser()
    data = Path(os.environ.get("XDG_DATA_HOME") or _argos_home() / ".local" / "share")
    return data / "argos-translate" / "packages"


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _read_metadata(pkg_dir: Path) -> dict:
    try:
        data = json.loads((pkg_dir / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidPackageError(f"{pkg_dir}: unreadable metadata.json ({exc})") from exc
    if not isinstance(data, dict):
        raise InvalidPackageError(f"{pkg_dir}: metadata.json is not a JSON object")
    return data


def _check_package_dir(pkg_dir: Path) -> dict:
    """Validate an unpacked package; returns its metadata."""
    meta = _read_metadata(pkg_dir)
    if meta.get("type", "translate") != "translate":
        raise InvalidPackageError(f"{pkg_dir.name}: not a translation package")
    if not meta.get("from_code") or not meta.get("to_code"):
        raise InvalidPackageError(f"{pkg_dir.name}: metadata.json lacks from_code/to_code")
    if not (pkg_dir / "model" / "model.bin").is_file():
        raise InvalidPackageError(f"{pkg_dir.name}: no CTranslate2 model (model/model.bin)")
    if not ((pkg_dir / "sentencepiece.model").is_file() or (pkg_dir / "bpe.model").is_file()):
        raise InvalidPackageError(f"{pkg_dir.name}: no tokenizer (sentencepiece.model/bpe.model)")
    return meta


def _installed(pkg_dir: Path, meta: dict) -> InstalledModel:
    return InstalledModel(
        from_code=str(meta["from_code"]),
        to_code=str(meta["to_code"]),
        version=str(meta.get("package_version", "")),
        path=pkg_dir,
        size_bytes=_dir_size(pkg_dir),
    )


def _version_key(version: str) -> tuple:
    parts = []
    for piece in version.replace("-", ".").split("."):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return tuple(parts)


def list_installed(models_dir: Path | None = None) -> list[InstalledModel]:
    """Translation packages in `models_dir`, sorted by language pair.

    Folders that are not valid packages (or half-written temporaries) are skipped silently: a
    listing must not fail because of an unrelated folder.
    """
    models_dir = Path(models_dir) if models_dir is not None else default_models_dir()
    if not models_dir.is_dir():
        return []
    found = []
    for child in sorted(models_dir.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        try:
            meta = _check_package_dir(child)
        except InvalidPackageError:
            continue
        found.append(_installed(child, meta))
    found.sort(key=lambda m: (m.from_code, m.to_code, _version_key(m.version)))
    return found


def find_model(lang: str, models_dir: Path | None = None, to: str = "en") -> InstalledModel | None:
    """The newest installed package translating `lang` into `to`, or None."""
    matches = [m for m in list_installed(models_dir) if m.from_code == lang and m.to_code == to]
    return matches[-1] if matches else None


def missing_languages(models_dir: Path | None = None) -> list[str]:
    """Which of the supported source languages (ru, uk) have no →English package."""
    installed = {(m.from_code, m.to_code) for m in list_installed(models_dir)}
    return [lang for lang in SUPPORTED_LANGUAGES if (lang, "en") not in installed]


def _safe_members(archive: zipfile.ZipFile, source: Path) -> str:
    """Check the archive holds one top-level folder and no path escaping it; return its name."""
    tops = set()
    for info in archive.infolist():
        pure = PurePosixPath(info.filename)
        if pure.is_absolute() or ".." in pure.parts or "\\" in info.filename:
            raise InvalidPackageError(f"{source}: unsafe path in archive: {info.filename}")
        if pure.parts:
            tops.add(pure.parts[0])
    if len(tops) != 1:
        raise InvalidPackageError(
            f"{source}: an .argosmodel holds exactly one package folder, found {len(tops)}"
        )
    return tops.pop()


def install_from_file(path: Path, models_dir: Path | None = None) -> InstalledModel:
    """Install an `.argosmodel` file (a zip of one package folder).

    The archive is checked, extracted into a temporary folder inside `models_dir` and validated,
    then moved into place with a rename, so an interrupted or failed install never leaves a
    half-written package behind. An installed package for the same language pair is replaced.
    """
    path = Path(path)
    models_dir = Path(models_dir) if models_dir is not None else default_models_dir()
    if not path.is_file():
        raise InvalidPackageError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise InvalidPackageError(f"{path}: not an Argos package (.argosmodel must be a zip file)")
    models_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=models_dir))
    try:
        try:
            with zipfile.ZipFile(path) as archive:
                top = _safe_members(archive, path)
                archive.extractall(staging)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise InvalidPackageError(f"{path}: damaged archive ({exc})") from exc
        unpacked = staging / top
        if not unpacked.is_dir():
            raise InvalidPackageError(f"{path}: the archive holds no package folder")
        try:
            meta = _check_package_dir(unpacked)
        except InvalidPackageError as exc:
            raise InvalidPackageError(f"{path}: {exc.message}") from exc
        pair = (meta["from_code"], meta["to_code"])
        target = models_dir / top
        # Move aside what the new package replaces: the same pair, and whatever sits at target.
        aside = {m.path for m in list_installed(models_dir) if (m.from_code, m.to_code) == pair}
        if target.exists():
            aside.add(target)
        previous = staging / ".previous"
        previous.mkdir()
        for i, old_path in enumerate(sorted(aside)):
            old_path.rename(previous / str(i))
        unpacked.rename(target)
        return _installed(target, meta)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def install_from_dir(folder: Path, models_dir: Path | None = None) -> list[InstalledModel]:
    """Install every `.argosmodel` file in `folder` (not recursive), in name order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InvalidPackageError(f"{folder}: no such directory")
    files = sorted(p for p in folder.iterdir() if p.suffix == ".argosmodel" and p.is_file())
    if not files:
        raise InvalidPackageError(f"{folder}: no .argosmodel files in it")
    return [install_from_file(f, models_dir) for f in files]


def _index_url() -> str:
    base = os.environ.get("ARGOS_PACKAGE_INDEX") or _argos_settings_value("ARGOS_PACKAGE_INDEX")
    if base:
        return base if base.endswith(".json") else base.rstrip("/") + "/index.json"
    return DEFAULT_INDEX_URL


OFFLINE_HINT = (
    "check the internet connection, or install offline with "
    "`newsbrief models install --file ru_en.argosmodel` (or `--dir FOLDER`)"
)


def fetch_index(url: str | None = None, timeout: float = 30.0) -> list[dict]:
    """Download the Argos package index (a JSON list of package metadata)."""
    url = url or _index_url()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError) as exc:
        raise DownloadError(f"cannot reach the Argos package index ({url}): {OFFLINE_HINT}") \
            from exc
    except ValueError as exc:
        raise DownloadError(f"the Argos package index at {url} is not valid JSON") from exc
    if not isinstance(data, list):
        raise DownloadError(f"the Argos package index at {url} is not a list of packages")
    return [entry for entry in data if isinstance(entry, dict)]


def choose_from_index(index: Iterable[dict], lang: str, to: str = "en") -> dict:
    """The newest translation package for lang→to in an index."""
    matches = [
        e for e in index
        if e.get("from_code") == lang and e.get("to_code") == to
        and e.get("type", "translate") == "translate" and e.get("links")
    ]
    if not matches:
        raise DownloadError(
            f"the Argos package index has no {language_name(lang)}→{language_name(to)} package"
        )
    return max(matches, key=lambda e: _version_key(str(e.get("package_version", ""))))


def _download(links: list[str], dest: Path, progress: Progress | None, timeout: float) -> None:
    last_error: Exception | None = None
    for link in links:
        try:
            with urllib.request.urlopen(link, timeout=timeout) as response, \
                    open(dest, "wb") as out:
                length = response.headers.get("Content-Length")
                total = int(length) if length and length.isdigit() else None
                done = 0
                if progress:
                    progress(0, total)
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
            return
        except (urllib.error.URLError, OSError) as exc:
            last_error = exc
    raise DownloadError(f"download failed ({last_error}): {OFFLINE_HINT}")


def install_from_index(
    langs: Iterable[str] | None = None,
    models_dir: Path | None = None,
    progress: Progress | None = None,
    *,
    index_url: str | None = None,
    timeout: float = 60.0,
) -> list[InstalledModel]:
    """Download and install the →English packages for `langs` (default: ru and uk).

    `progress(bytes_done, total_bytes_or_None)` is called while each file downloads. Needs the
    internet; raises DownloadError with an offline alternative when it is not there.
    """
    langs = list(langs) if langs else list(SUPPORTED_LANGUAGES)
    for lang in langs:
        if lang not in SUPPORTED_LANGUAGES:
            raise TranslatorError(
                f"unsupported language {lang!r}: choose from {', '.join(SUPPORTED_LANGUAGES)}"
            )
    index = fetch_index(index_url, timeout=timeout)
    entries = [choose_from_index(index, lang) for lang in langs]
    installed = []
    with tempfile.TemporaryDirectory(prefix="newsbrief-download-") as tmp:
        for lang, entry in zip(langs, entries, strict=True):
            dest = Path(tmp) / f"translate-{lang}_en.argosmodel"
            _download([str(link) for link in entry["links"]], dest, progress, timeout)
            installed.append(install_from_file(dest, models_dir))
            dest.unlink(missing_ok=True)
    return installed


def remove(lang: str, models_dir: Path | None = None, to: str = "en") -> list[InstalledModel]:
    """Delete every installed lang→to package; raises ModelMissingError when there is none."""
    doomed = [m for m in list_installed(models_dir) if m.from_code == lang and m.to_code == to]
    if not doomed:
        raise ModelMissingError(lang, to)
    for model in doomed:
        shutil.rmtree(model.path)
    return doomed
