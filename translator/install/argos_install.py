"""Installing Argos packages (.argosmodel zips) from a file or a folder of them.

The archive is checked before anything is extracted (translator.install.archives, plus what only an
Argos package must be: exactly one visible top folder naming the pair its metadata says), then
extracted into an install folder inside the models folder and renamed into place.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from translator import families
from translator.errors import InvalidPackageError
from translator.install.archives import check_free_space, check_members, staging_dir
from translator.store.models import (
    _FOLDER_PAIR_RE,
    InstalledModel,
    _check_package_dir,
    _installed,
    default_models_dir,
    scan,
)


def _package_top(archive: zipfile.ZipFile, source: Path, models_dir: Path) -> str:
    """Check an .argosmodel's directory before extracting anything; return its one top folder
    (exactly one, not hidden), after the checks every archive gets (translator.install.archives) and
    the free space of the models folder."""
    members = check_members(archive, source, "a translation package")
    if len(members.tops) != 1:
        raise InvalidPackageError(
            f"{source}: an .argosmodel holds exactly one package folder, found {len(members.tops)}"
        )
    top = next(iter(members.tops))
    if top.startswith("."):
        raise InvalidPackageError(
            f"{source}: the package folder {top!r} is hidden (starts with a dot); "
            "a package folder must have a visible name"
        )
    check_free_space(models_dir, members.total, source)
    return top


def _check_folder_name(top: str, meta: dict, source: Path) -> None:
    """Refuse a package whose folder name names another language pair than its metadata.

    Such a package contradicts itself (a folder `translate-uk_en` holding a ru→en model); it
    would land where the uk→en model lives. Refused rather than renamed: which half is true
    cannot be known.
    """
    claimed = set(_FOLDER_PAIR_RE.findall(top))
    pair = (meta["from_code"], meta["to_code"])
    if claimed and pair not in claimed:
        named = ", ".join(f"{a}→{b}" for a, b in sorted(claimed))
        raise InvalidPackageError(
            f"{source}: its folder {top!r} says {named} but its metadata.json says "
            f"{pair[0]}→{pair[1]}; refusing a package that contradicts itself"
        )


def install_from_file(path: Path, models_dir: Path | None = None) -> InstalledModel:
    """Install an `.argosmodel` file (a zip of one package folder).

    The archive is checked, extracted into a temporary folder inside `models_dir` and validated,
    then moved into place with a rename, so an interrupted or failed install never leaves a
    half-written package behind. An installed package for the same language pair is replaced.
    """
    path = Path(path)
    models_dir = Path(models_dir) if models_dir is not None else default_models_dir()
    if path.is_dir():
        raise InvalidPackageError(
            f"{path}: a folder, not an .argosmodel file; install a folder with --dir {path}"
        )
    if not path.is_file():
        raise InvalidPackageError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise InvalidPackageError(f"{path}: not an Argos package (.argosmodel must be a zip file)")
    models_dir.mkdir(parents=True, exist_ok=True)
    staging = staging_dir(models_dir)
    try:
        try:
            with zipfile.ZipFile(path) as archive:
                top = _package_top(archive, path, models_dir)
                archive.extractall(staging / "new")
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise InvalidPackageError(f"{path}: damaged archive ({exc})") from exc
        unpacked = staging / "new" / top
        if not unpacked.is_dir():
            raise InvalidPackageError(f"{path}: the archive holds no package folder")
        try:
            meta = _check_package_dir(unpacked)
        except InvalidPackageError as exc:
            raise InvalidPackageError(f"{path}: {exc.message}") from exc
        _check_folder_name(top, meta, path)
        pair = (meta["from_code"], meta["to_code"])
        target = models_dir / top
        found = scan(models_dir)
        occupant = next((m for m in found.installed if m.path == target), None)
        if occupant is not None and (
            occupant.family != families.ARGOS or (occupant.from_code, occupant.to_code) != pair
        ):
            raise InvalidPackageError(
                f"{path}: its folder {top!r} is where the installed "
                f"{occupant.from_code}→{occupant.to_code} model lives, but it holds a "
                f"{pair[0]}→{pair[1]} model; refusing to replace another language's model"
            )
        # Move aside what the new package replaces: the same pair (usable or broken), and
        # whatever else sits at target (a broken package or stray folder of that name).
        aside = {m.path for m in found.installed
                 if m.family == families.ARGOS and (m.from_code, m.to_code) == pair}
        aside |= {b.path for b in found.skipped if (b.from_code, b.to_code) == pair}
        if target.exists():
            aside.add(target)
        previous = staging / "previous"
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
