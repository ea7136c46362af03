"""An original OPUS-MT release (a zip of a Marian model) into an installed CTranslate2 model.

The release holds `decoder.yml` (which .npz and which vocabularies), the Marian `.npz` weights,
its `.yml` vocabularies and `source.spm` / `target.spm`. CTranslate2's own converter for these
(`ctranslate2.converters.OpusMTConverter`, the engine of `ct2-opus-mt-converter`) reads them with
numpy and PyYAML: no torch. It writes an int8 model; the SentencePiece models are copied beside
it and the folder is installed as `models install --dir` would (converted.install_converted), by a
rename, since it is already inside the models folder.

Everything happens in a `.installing-<pid>-*` folder inside the models folder, removed however
the install ends (and by the next install if this process is killed).
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from translator import families
from translator.errors import InvalidPackageError
from translator.install import archives, converted
from translator.store import models

# A release holds about ten files (README, LICENSE, scripts, model, vocabularies, spm).
MAX_RELEASE_ENTRIES = 200
MAX_RELEASE_UNPACKED = 6 << 30
# Unpacked release + the converted model (int8: a quarter of float32) + headroom: "about twice
# the release's size".
SPACE_FACTOR = 2
QUANTIZATION = "int8"
MAX_DECODER_YML = 64 << 10  # a real one is a dozen lines


def _release_root(members: archives.Members, archive: zipfile.ZipFile, source: Path) -> str:
    """The folder of the release inside the zip: "" (files at the top) or its one top folder."""
    names = {PurePosixPath(i.filename).as_posix() for i in archive.infolist()}
    if "decoder.yml" in names:
        return ""
    if len(members.tops) == 1:
        top = next(iter(members.tops))
        if f"{top}/decoder.yml" in names:
            return top
    raise InvalidPackageError(
        f"{source}: not an OPUS-MT release (no decoder.yml in the zip); give the release zip "
        "from the Tatoeba-MT-models listings, or a converted folder with --dir"
    )


def _read_decoder(release: Path, source: Path) -> tuple[str, list[str]]:
    """decoder.yml's model and vocabulary files, checked to be plain files of the release."""
    import yaml

    try:
        if (release / "decoder.yml").stat().st_size > MAX_DECODER_YML:
            raise InvalidPackageError(f"{source}: decoder.yml is larger than any release's")
        config = yaml.safe_load((release / "decoder.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeError, yaml.YAMLError, RecursionError) as exc:
        raise InvalidPackageError(f"{source}: unreadable decoder.yml ({exc.__class__.__name__})") \
            from None
    models_list = config.get("models") if isinstance(config, dict) else None
    vocabs = config.get("vocabs") if isinstance(config, dict) else None
    if (not isinstance(models_list, list) or not models_list or not isinstance(vocabs, list)
            or not vocabs or not all(isinstance(v, str) for v in [*models_list, *vocabs])):
        raise InvalidPackageError(
            f"{source}: decoder.yml does not name the model (models:) and vocabularies (vocabs:)"
        )
    for name in [models_list[0], *vocabs]:
        path = (release / name).resolve()
        if release.resolve() not in path.parents or not path.is_file():
            raise InvalidPackageError(f"{source}: decoder.yml names {name!r}, which the zip "
                                      "does not hold")
    return models_list[0], vocabs


def _convert(release: Path, out: Path, source: Path) -> None:
    from ctranslate2.converters import OpusMTConverter

    try:
        OpusMTConverter(str(release)).convert(str(out), quantization=QUANTIZATION)
    except MemoryError:
        raise InvalidPackageError(f"{source}: not enough memory to convert this model") from None
    except Exception as exc:  # noqa: BLE001 - a third-party converter on a downloaded file
        # KeyError for a missing weight, ValueError for a bad shape or vocabulary line, yaml or
        # numpy errors for damaged files: all mean the release is not a model it can read.
        detail = f"{exc.__class__.__name__}: {str(exc)[:160]}"
        raise InvalidPackageError(
            f"{source}: CTranslate2's Marian converter cannot read this release ({detail})"
        ) from None


def install_release(
    zip_path: Path,
    sources: Iterable[str],
    models_dir: Path | None = None,
    name: str | None = None,
) -> models.InstalledModel:
    """Convert the OPUS-MT release `zip_path` for `sources`→English and install it as `name`.

    Checked first: the zip's directory (archives.check_members), that it is a release (a
    decoder.yml naming files it holds, source.spm and target.spm), and that the models folder
    has room for about twice the unpacked release. A model of the same name is replaced.
    """
    zip_path = Path(zip_path)
    models_dir = Path(models_dir) if models_dir is not None else models.default_models_dir()
    name = name or zip_path.name.removesuffix(".zip")
    if not zip_path.is_file():
        raise InvalidPackageError(f"{zip_path}: no such file")
    if not zipfile.is_zipfile(zip_path):
        raise InvalidPackageError(f"{zip_path}: not an OPUS-MT release (not a zip file)")
    models_dir.mkdir(parents=True, exist_ok=True)
    staging = archives.staging_dir(models_dir)
    try:
        try:
            with zipfile.ZipFile(zip_path) as archive:
                members = archives.check_members(archive, zip_path, "an OPUS-MT release",
                                                 MAX_RELEASE_ENTRIES, MAX_RELEASE_UNPACKED)
                root = _release_root(members, archive, zip_path)
                archives.check_free_space(models_dir, SPACE_FACTOR * members.total, zip_path)
                archive.extractall(staging / "release")
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            raise InvalidPackageError(f"{zip_path}: damaged archive ({exc})") from None
        except OSError as exc:
            raise InvalidPackageError(f"{zip_path}: cannot unpack ({exc})") from None
        release = staging / "release" / root
        missing = [f for f in families.MARIAN_TOKENIZERS if not (release / f).is_file()]
        if missing:
            raise InvalidPackageError(f"{zip_path}: the release has no {missing[0]}")
        _read_decoder(release, zip_path)
        out = staging / "converted"
        _convert(release, out, zip_path)
        for tokenizer in families.MARIAN_TOKENIZERS:
            shutil.copyfile(release / tokenizer, out / tokenizer)
        shutil.rmtree(staging / "release", ignore_errors=True)  # room for the install's copy
        return converted.install_converted(out, list(sources), models_dir, name, move=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
