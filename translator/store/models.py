"""Installed models: where they live, which are there, which serves a language, removing them.

Kept free of heavy imports (no argostranslate, ctranslate2 or sentencepiece) so that `models
list` and every command's start-up stay fast. argostranslate.settings in particular is not
imported: importing it creates several directories in the user's home as a side effect.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from translator import families
from translator.errors import (
    InvalidPackageError,
    NotInstalledError,
    language_name,
)
from translator.languages import TRANSLATABLE

SUPPORTED_LANGUAGES = TRANSLATABLE

# What a package may declare. Versions are short dotted words ("1.9", "1.0.3-beta"): a version
# of thousands of digits once made every later listing fail (int() refuses over 4,300 digits).
_VERSION_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_~-]{0,63}\Z")
_LANG_CODE_RE = re.compile(r"[a-z]{2,3}\Z")
# A language pair written in a package folder's name, as Argos names them (translate-ru_en-1_9).
_FOLDER_PAIR_RE = re.compile(r"(?<![A-Za-z])([a-z]{2,3})_([a-z]{2,3})(?![A-Za-z])")
MAX_METADATA_BYTES = 1 << 20


# metadata.json "type" of a converted CTranslate2 model installed by `models install --dir`.
# Not "translate": argostranslate shares the models folder and must skip these folders (it
# keeps only type "translate"), while any folder without a metadata.json would crash it.
CT2_TYPE = "newsbrief-ct2"


@dataclass
class InstalledModel:
    """One installed translation model: an Argos package or a converted CTranslate2 model.

    `from_code` is the first of `sources`, the languages the model translates into `to_code`
    (several for NLLB-200 or a multi-source OPUS-MT model).
    """

    from_code: str
    to_code: str
    version: str
    path: Path
    size_bytes: int
    broken: bool = False  # only in what `remove` returns: a skipped package it deleted
    family: str = families.ARGOS
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.sources:
            self.sources = (self.from_code,)

    @property
    def name(self) -> str:
        if self.family == families.ARGOS:
            return f"{language_name(self.from_code)}→{language_name(self.to_code)}"
        return self.path.name

    @property
    def languages(self) -> str:
        return f"{','.join(self.sources)}→{self.to_code}"


@dataclass
class SkippedPackage:
    """A folder in the models folder that looks like a package but cannot be used.

    Listing and translation skip it (with a warning naming it) instead of failing; `remove`
    deletes it when its metadata names the language being removed.
    """

    path: Path
    reason: str
    from_code: str | None = None
    to_code: str | None = None


@dataclass
class Scan:
    """What a models folder holds: usable packages and skipped ones."""

    installed: list[InstalledModel] = field(default_factory=list)
    skipped: list[SkippedPackage] = field(default_factory=list)


_warned: set[tuple[str, str]] = set()


def warn_skipped(package: SkippedPackage) -> None:
    """Default warning for a skipped package: one line on stderr, once per process."""
    key = (str(package.path), package.reason)
    if key in _warned:
        return
    _warned.add(key)
    # A folder name is shown as `ascii()` writes it when it holds a control or bidi character
    # (translator/ cannot use newsbrief.shown; a name like that reaches no terminal raw).
    where = str(package.path)
    if not where.isprintable():
        where = ascii(where)
    hint = f"; remove it with `newsbrief models remove {package.path.name}`" if where == str(
        package.path) else ""
    sys.stderr.write(
        f"newsbrief: warning: skipping the broken package {where}: {package.reason}{hint}\n"
    )


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


def human_size(size: int) -> str:
    """A byte count as people read it ("12.3 MB"), for listings and the installer's messages."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _read_metadata(pkg_dir: Path) -> dict:
    meta_file = pkg_dir / "metadata.json"
    try:
        with open(meta_file, "rb") as handle:
            raw = handle.read(MAX_METADATA_BYTES + 1)
        if len(raw) > MAX_METADATA_BYTES:
            raise InvalidPackageError(f"{pkg_dir.name}: metadata.json is larger than 1 MB")
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        raise InvalidPackageError(f"{pkg_dir.name}: unreadable metadata.json ({exc})") from exc
    if not isinstance(data, dict):
        raise InvalidPackageError(f"{pkg_dir.name}: metadata.json is not a JSON object")
    return data


def _check_metadata(meta: dict, name: str) -> None:
    """Refuse metadata whose fields would later break listing or comparing versions."""
    for key in ("from_code", "to_code"):
        value = meta.get(key)
        if not isinstance(value, str) or not _LANG_CODE_RE.match(value):
            raise InvalidPackageError(
                f"{name}: metadata.json {key} is {_short(value)}, not a language code like ru"
            )
    decoding = meta.get("newsbrief_decoding", {})
    if not isinstance(decoding, dict) or not all(
        isinstance(v, int) and 0 <= v <= 100_000 for v in decoding.values()
    ):
        raise InvalidPackageError(f"{name}: metadata.json newsbrief_decoding is not small numbers")
    version = meta.get("package_version", "")
    if not isinstance(version, str) or (version and not _VERSION_RE.match(version)):
        raise InvalidPackageError(
            f"{name}: metadata.json package_version is {_short(version)}, not a version "
            "like 1.9 (at most 64 letters, digits and . + _ ~ -)"
        )


def _short(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def _check_package_dir(pkg_dir: Path) -> dict:
    """Validate an unpacked package or installed converted model; returns its metadata."""
    meta = _read_metadata(pkg_dir)
    if meta.get("type", "translate") == CT2_TYPE:
        return _check_ct2_dir(pkg_dir, meta)
    if meta.get("type", "translate") != "translate":
        raise InvalidPackageError(f"{pkg_dir.name}: not a translation package")
    if not meta.get("from_code") or not meta.get("to_code"):
        raise InvalidPackageError(f"{pkg_dir.name}: metadata.json lacks from_code/to_code")
    _check_metadata(meta, pkg_dir.name)
    if not (pkg_dir / "model" / "model.bin").is_file():
        raise InvalidPackageError(f"{pkg_dir.name}: no CTranslate2 model (model/model.bin)")
    if not ((pkg_dir / "sentencepiece.model").is_file() or (pkg_dir / "bpe.model").is_file()):
        raise InvalidPackageError(f"{pkg_dir.name}: no tokenizer (sentencepiece.model/bpe.model)")
    return meta


def _check_ct2_dir(pkg_dir: Path, meta: dict) -> dict:
    """An installed converted model: newsbrief's metadata.json beside the converter's folder."""
    family = meta.get("family")
    sources = meta.get("from_codes")
    if family not in (families.MARIAN, families.NLLB, families.M2M100):
        raise InvalidPackageError(f"{pkg_dir.name}: unknown model family {_short(family)}")
    if (not isinstance(sources, list) or not sources
            or not all(isinstance(c, str) and c in SUPPORTED_LANGUAGES for c in sources)):
        raise InvalidPackageError(f"{pkg_dir.name}: metadata.json from_codes is {_short(sources)}")
    meta = {**meta, "from_code": sources[0]}
    _check_metadata(meta, pkg_dir.name)
    # Only that the files are there: listing runs on every command, and the full check (which
    # reads the vocabulary, 256k tokens for NLLB) ran at install time.
    needed = ["model.bin", "config.json", *families.tokenizer_files(family)]
    missing = [name for name in needed if not (pkg_dir / "model" / name).is_file()]
    if missing:
        raise InvalidPackageError(f"{pkg_dir.name}: model/{missing[0]} is missing")
    return meta


def _installed(pkg_dir: Path, meta: dict) -> InstalledModel:
    if meta.get("type") == CT2_TYPE:
        sources = tuple(meta["from_codes"])
        return InstalledModel(
            from_code=sources[0], to_code=str(meta["to_code"]),
            version=str(meta.get("package_version", "")), path=pkg_dir,
            size_bytes=_dir_size(pkg_dir), family=str(meta["family"]), sources=sources,
        )
    return InstalledModel(
        from_code=str(meta["from_code"]),
        to_code=str(meta["to_code"]),
        version=str(meta.get("package_version", "")),
        path=pkg_dir,
        size_bytes=_dir_size(pkg_dir),
    )


def _version_key(version: str) -> tuple:
    """Sort key for versions: numeric pieces by value (1.10 after 1.9), others as text.

    Never raises: a numeric piece too long to be a real version number sorts as text.
    """
    parts = []
    for piece in version.replace("-", ".").split("."):
        numeric = piece.isdigit() and len(piece) <= 18
        parts.append((0, int(piece), "") if numeric else (1, 0, piece))
    return tuple(parts)


def scan(models_dir: Path | None = None) -> Scan:
    """Every package folder in `models_dir`: usable ones and, separately, broken ones.

    Install temporaries (.installing-*) and folders without a metadata.json (not packages at
    all) are ignored; a folder with a metadata.json that fails validation, or whose name starts
    with a dot, is a broken package, reported so that it can be named and removed.
    """
    models_dir = Path(models_dir) if models_dir is not None else default_models_dir()
    result = Scan()
    try:
        children = sorted(models_dir.iterdir()) if models_dir.is_dir() else []
    except OSError:
        return result
    for child in children:
        try:
            if child.name.startswith(".installing-") or not child.is_dir():
                continue
            if not (child / "metadata.json").exists():
                continue
            if child.name.startswith("."):
                # Installed by an older newsbrief from an archive with a hidden top folder.
                result.skipped.append(_skipped(child, "hidden folder (its name starts with a dot)"))
                continue
            meta = _check_package_dir(child)
            result.installed.append(_installed(child, meta))
        except InvalidPackageError as exc:
            if "not a translation package" in exc.message:
                continue
            result.skipped.append(_skipped(child, exc.message))
        except (OSError, ValueError) as exc:
            result.skipped.append(_skipped(child, f"{type(exc).__name__}: {exc}"))
    result.installed.sort(key=lambda m: (m.sources, m.to_code, m.family, _version_key(m.version)))
    return result


def _skipped(path: Path, reason: str) -> SkippedPackage:
    """A broken package, with the language pair its metadata claims when that is readable."""
    if reason.startswith(path.name + ": "):
        reason = reason[len(path.name) + 2:]
    codes: list[str | None] = [None, None]
    try:
        meta = _read_metadata(path)
        for i, key in enumerate(("from_code", "to_code")):
            value = meta.get(key)
            if isinstance(value, str) and _LANG_CODE_RE.match(value):
                codes[i] = value
    except InvalidPackageError:
        pass
    return SkippedPackage(path, reason, codes[0], codes[1])


def list_installed(
    models_dir: Path | None = None,
    warn: Callable[[SkippedPackage], None] | None = warn_skipped,
) -> list[InstalledModel]:
    """Translation packages in `models_dir`, sorted by language pair.

    A broken package never makes the listing fail: it is left out and passed to `warn` (by
    default one line on stderr naming it, once per process).
    """
    found = scan(models_dir)
    if warn is not None:
        for package in found.skipped:
            warn(package)
    return found.installed


def serving(lang: str, installed: list[InstalledModel], to: str = "en") -> list[InstalledModel]:
    """The installed models that translate `lang` into `to`, the preferred one last.

    Preference, unless the user chose: the family with the larger published BLEU (NLLB-200,
    then OPUS-MT, then Argos; README "Model families"), then the newer version.
    """
    matches = [m for m in installed if lang in m.sources and m.to_code == to]
    return sorted(matches, key=lambda m: (families.FAMILY_PREFERENCE.get(m.family, 0),
                                          _version_key(m.version)))


def remove(what: str, models_dir: Path | None = None, to: str = "en") -> list[InstalledModel]:
    """Delete a model: by language (`ru`), or by an installed (or broken) model's folder name.

    By language: every Argos package and single-language model for lang→to, and broken
    packages whose metadata names lang→to. A model serving several languages (NLLB-200) is
    removed only by its name, since removing it takes the other language away too.
    Raises NotInstalledError (naming what is installed) when there is nothing to remove.
    """
    found = scan(models_dir)
    by_name = [m for m in found.installed if m.path.name == what]
    broken_by_name = [b for b in found.skipped if b.path.name == what]
    if by_name or broken_by_name:
        doomed = by_name
        broken: list[SkippedPackage] = broken_by_name
    else:
        doomed = [m for m in found.installed if m.sources == (what,) and m.to_code == to]
        broken = [b for b in found.skipped if (b.from_code, b.to_code) == (what, to)]
    if not doomed and not broken:
        shared = [m for m in found.installed if what in m.sources and m.to_code == to]
        if shared:
            raise NotInstalledError(
                what, to, [m.languages for m in found.installed],
                shared_by=[m.path.name for m in shared],
            )
        raise NotInstalledError(what, to, sorted({m.languages for m in found.installed}))
    for model in doomed:
        shutil.rmtree(model.path)
    for package in broken:
        shutil.rmtree(package.path)
        doomed.append(InstalledModel(package.from_code or what, to, "", package.path, 0,
                                     broken=True))
    return doomed

