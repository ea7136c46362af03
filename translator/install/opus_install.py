"""`models install NAME|URL|PATH` for OPUS-MT releases: where the zip comes from, then convert.

A catalog name gives the release's address, languages and download cap; a URL of a catalog
release gets the same; any other http(s) URL or local .zip needs the languages (`--from`). A
download goes to `.download-<name>.zip.partial` in the models folder (translator.install.download),
which a rerun resumes after a cut connection or Ctrl-C and which is deleted once the release is
installed or refused.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from translator.errors import TranslatorError
from translator.install import catalog, download, marian_convert
from translator.store import choices, models

# An arbitrary release URL: no catalog cap, so the largest OPUS-MT release there is, with room.
MAX_RELEASE_BYTES = 2 << 30


@dataclass(frozen=True)
class Release:
    """What to install: a URL or local zip, the model name, its languages and its cap."""

    location: str
    name: str
    sources: tuple[str, ...]
    max_bytes: int
    remote: bool


def looks_like_release(target: str) -> bool:
    """A URL or a path to a .zip (not a language code, not a catalog name)."""
    return "://" in target or target.endswith(".zip") or Path(target).is_file()


def resolve(target: str | None, sources: Iterable[str] | None = None) -> Release:
    """The release `target` names (None: the catalog's default)."""
    chosen = choices.parse_sources(sources)
    entry = catalog.get(target or catalog.DEFAULT) if not target or not looks_like_release(
        target) else None
    if entry is not None:
        return Release(entry.url, entry.name, _languages(entry, chosen), entry.max_bytes, True)
    assert target is not None
    remote = "://" in target
    if remote and urllib.parse.urlsplit(target).scheme.lower() not in ("http", "https"):
        raise TranslatorError(f"{target}: only http and https addresses (or a local path) can be "
                              "installed from")
    entry = catalog.by_url(target if remote else Path(target).resolve().as_posix())
    if entry is not None:
        return Release(target, entry.name, _languages(entry, chosen), entry.max_bytes, remote)
    if not chosen:
        raise TranslatorError(f"{target}: say which languages this release translates into "
                              "English: add --from ru, --from uk or --from ru,uk")
    return Release(target, _name_of(target), tuple(chosen), MAX_RELEASE_BYTES, remote)


def _languages(entry: catalog.CatalogModel, chosen: list[str]) -> tuple[str, ...]:
    if chosen and not set(chosen) <= set(entry.sources):
        raise TranslatorError(f"--from {','.join(chosen)}: {entry.name} translates "
                              f"{','.join(entry.sources)} into English")
    return tuple(chosen) or entry.sources


def _name_of(target: str) -> str:
    """A model name from a release's file name (`opus-2021-02-19.zip` → `opus-2021-02-19`),
    prefixed with its language pair folder when the URL has one (`rus-eng-opus-2021-02-19`)."""
    path = urllib.parse.urlsplit(target).path if "://" in target else target
    parts = [p for p in path.split("/") if p]
    stem = (parts[-1] if parts else "release").removesuffix(".zip")
    if len(parts) > 1 and re.fullmatch(r"[a-z+_]+-[a-z+_]+", parts[-2]):
        stem = f"{parts[-2]}-{stem}"
    stem = re.sub(r"[^A-Za-z0-9._+-]", "_", stem).lstrip(".") or "release"
    return stem[:120]


def partial_path(release: Release, models_dir: Path) -> Path:
    return Path(models_dir) / f".download-{release.name}.zip.partial"


def install(
    release: Release,
    models_dir: Path | None = None,
    progress: download.Progress | None = None,
    limits: download.Limits | None = None,
) -> models.InstalledModel:
    """Fetch (or read) the release, convert and install it; returns the installed model."""
    models_dir = Path(models_dir) if models_dir is not None else models.default_models_dir()
    models_dir.mkdir(parents=True, exist_ok=True)
    if not release.remote:
        path = Path(release.location)
        if not path.is_file():
            raise TranslatorError(f"{path}: no such file (a release .zip, or a catalog name: "
                                  "see `newsbrief models available`)")
        return marian_convert.install_release(path, release.sources, models_dir, release.name)
    limits = limits or download.Limits(release.max_bytes)
    partial = partial_path(release, models_dir)
    download.download(release.location, partial, limits, progress)
    try:
        installed = marian_convert.install_release(partial, release.sources, models_dir,
                                                   release.name)
    except TranslatorError as exc:
        download.discard(partial)  # a refused release will not become good by resuming
        raise TranslatorError(exc.message.replace(str(partial), release.location)) from None
    download.discard(partial)
    return installed
