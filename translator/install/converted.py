"""Installing a converted CTranslate2 model folder (NLLB-200, Marian/OPUS-MT, M2M-100): what
`models install --dir` does with a converter's output, and what a converted OPUS-MT release
(translator/install/marian_convert.py) ends in.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path

from translator import families
from translator.errors import InvalidPackageError
from translator.install.archives import check_free_space, staging_dir
from translator.store.choices import parse_sources
from translator.store.models import (
    CT2_TYPE,
    InstalledModel,
    _check_package_dir,
    _dir_size,
    _installed,
    default_models_dir,
    scan,
)


def install_converted(
    folder: Path,
    sources: Iterable[str] | None = None,
    models_dir: Path | None = None,
    name: str | None = None,
    *,
    move: bool = False,
) -> InstalledModel:
    """Install a converted CTranslate2 model folder (NLLB-200 or Marian/OPUS-MT).

    `folder` is what ct2-transformers-converter or ct2-opus-mt-converter wrote, with the
    tokenizer files copied in. The family comes from the files (see families.detect_family);
    the source languages from NLLB's language tokens, else from `sources` (`--from ru,uk`),
    which must be given then. The folder is copied into a temporary folder inside the models
    folder, validated there, given newsbrief's metadata.json and renamed into place, so an
    interrupted install leaves nothing half-written. A model of the same name is replaced.
    """
    folder = Path(folder)
    models_dir = Path(models_dir) if models_dir is not None else default_models_dir()
    if not folder.is_dir():
        raise InvalidPackageError(f"{folder}: no such directory")
    try:
        detected = families.detect_family(folder)
    except (OSError, ValueError) as exc:
        raise InvalidPackageError(f"{folder}: {exc}") from exc
    chosen = parse_sources(sources)
    if detected.sources:
        if chosen and not set(chosen) <= set(detected.sources):
            raise InvalidPackageError(
                f"{folder}: --from {','.join(chosen)}, but this {detected.family} model has "
                f"language tokens for {','.join(detected.sources) or 'neither ru nor uk'}"
            )
        chosen = chosen or detected.sources
    elif not chosen:
        raise InvalidPackageError(
            f"{folder}: a {detected.family} model does not say which languages it translates: "
            "add --from ru, --from uk or --from ru,uk"
        )
    if not chosen:
        raise InvalidPackageError(f"{folder}: this model translates neither ru nor uk")
    name = name or folder.resolve().name
    if name.startswith(".") or "/" in name or not name.strip() or len(name) > 200:
        raise InvalidPackageError(f"{folder}: {name!r} is not a usable model name")
    models_dir.mkdir(parents=True, exist_ok=True)
    target = models_dir / name
    found = scan(models_dir)
    occupant = next((m for m in found.installed if m.path == target), None)
    if target.exists() and (occupant is None or occupant.family != detected.family):
        raise InvalidPackageError(
            f"{folder}: {target} already exists and is not a {detected.family} model; "
            "remove it first or choose another name"
        )
    try:
        odd = [p for p in folder.rglob("*") if p.is_symlink() or not (p.is_file() or p.is_dir())]
        size = _dir_size(folder)
    except OSError as exc:
        raise InvalidPackageError(f"{folder}: unreadable ({exc})") from exc
    if odd:
        # A link could point anywhere (a device, a file outside); the converters write none.
        raise InvalidPackageError(
            f"{folder}: {odd[0].relative_to(folder)} is a link or special file; copy the real "
            "files into the folder"
        )
    check_free_space(models_dir, size, folder)
    staging = staging_dir(models_dir)
    try:
        unpacked = staging / "new"
        try:
            if move:  # a folder this install converted, already inside the models folder
                unpacked.mkdir()
                folder.rename(unpacked / "model")
            else:
                shutil.copytree(folder, unpacked / "model")
        except (OSError, shutil.Error) as exc:
            raise InvalidPackageError(f"{folder}: cannot copy ({exc})") from exc
        meta = {
            "type": CT2_TYPE,
            "family": detected.family,
            "from_codes": list(chosen),
            "to_code": "en",
            "package_version": "",
            "name": name,
        }
        (unpacked / "metadata.json").write_text(
            json.dumps(meta, indent=2) + "\n", encoding="utf-8"
        )
        try:
            meta = _check_package_dir(unpacked)
            if families.detect_family(unpacked / "model").family != detected.family:
                raise InvalidPackageError(f"{folder}: the copied files changed family")
        except (OSError, ValueError) as exc:
            raise InvalidPackageError(f"{folder}: the copy is not usable ({exc})") from exc
        except InvalidPackageError as exc:
            raise InvalidPackageError(f"{folder}: {exc.message}") from exc
        if target.exists():
            target.rename(staging / "previous")
        unpacked.rename(target)
        return _installed(target, meta)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def looks_converted(folder: Path) -> bool:
    """True for a folder holding a CTranslate2 model (model.bin), not .argosmodel files."""
    return (Path(folder) / "model.bin").is_file()
