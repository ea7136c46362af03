"""Argos packages from the Argos package index, fetched through translator.install.download.

The index and each package go through the one downloader (http/https only, caps, deadline,
resume); a package is downloaded into a partial file inside the models folder, installed with
argos_install.install_from_file, then deleted. A `file:` index (a local copy) may link local
files; an index from the network may not.
"""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Iterable
from pathlib import Path

from translator.errors import DownloadError, TranslatorError, language_name
from translator.install import argos_install, download
from translator.store import models

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
MAX_INDEX_BYTES = 16 << 20  # the real index is about 100 KB
# The index gives no sizes; Argos packages are 30-200 MB zipped.
MAX_PACKAGE_BYTES = 1 << 30
INDEX_LIMITS = download.Limits(MAX_INDEX_BYTES, stall_s=30.0, deadline_s=120.0)
PACKAGE_LIMITS = download.Limits(MAX_PACKAGE_BYTES)
OFFLINE_HINT = (
    "install offline with `newsbrief models install --file ru_en.argosmodel` (or `--dir FOLDER`)"
)


def default_index_url() -> str:
    base = (os.environ.get("ARGOS_PACKAGE_INDEX")
            or models._argos_settings_value("ARGOS_PACKAGE_INDEX"))
    if base:
        return base if base.endswith(".json") else base.rstrip("/") + "/index.json"
    return DEFAULT_INDEX_URL


def _is_local(url: str) -> bool:
    return urllib.parse.urlsplit(url).scheme.lower() == "file"


def fetch_index(url: str | None = None, scratch: Path | None = None,
                limits: download.Limits = INDEX_LIMITS) -> list[dict]:
    """Download the Argos package index (a JSON list of package metadata)."""
    url = url or default_index_url()
    scratch = Path(scratch) if scratch is not None else models.default_models_dir()
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        raw = download.fetch_bytes(url, limits, scratch, allow_file=_is_local(url))
    except DownloadError as exc:
        raise DownloadError(f"the Argos package index: {exc.message}; or {OFFLINE_HINT}") \
            from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise DownloadError(f"the Argos package index at {url} is not valid JSON (a cut or "
                            "broken download); rerun, or " + OFFLINE_HINT) from None
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
    return max(matches, key=lambda e: models._version_key(str(e.get("package_version", ""))))


def _links(entry: dict, local_index: bool, what: str) -> list[str]:
    links = entry.get("links")
    if not isinstance(links, list):
        links = [links]
    return [download.check_link(link, allow_file=local_index, what=what) for link in links]


def install_from_index(
    langs: Iterable[str] | None = None,
    models_dir: Path | None = None,
    progress: download.Progress | None = None,
    *,
    index_url: str | None = None,
    limits: download.Limits = PACKAGE_LIMITS,
) -> list[models.InstalledModel]:
    """Download and install the →English packages for `langs` (default: ru and uk).

    `progress(bytes_done, total_bytes_or_None)` is called while each file downloads. Needs the
    internet; raises DownloadError saying what failed and how to install offline.
    """
    langs = list(langs) if langs else list(models.SUPPORTED_LANGUAGES)
    for lang in langs:
        if lang not in models.SUPPORTED_LANGUAGES:
            raise TranslatorError(
                f"unsupported language {lang!r}: choose from "
                f"{', '.join(models.SUPPORTED_LANGUAGES)}"
            )
    models_dir = Path(models_dir) if models_dir is not None else models.default_models_dir()
    models_dir.mkdir(parents=True, exist_ok=True)
    url = index_url or default_index_url()
    index = fetch_index(url, models_dir)
    entries = [choose_from_index(index, lang) for lang in langs]
    installed = []
    for lang, entry in zip(langs, entries, strict=True):
        what = f"the {language_name(lang)}→English package"
        links = _links(entry, _is_local(url), what)
        partial = models_dir / f".download-translate-{lang}_en.argosmodel.partial"
        installed.append(_install_first(links, partial, models_dir, progress, limits, what))
    return installed


def _install_first(links: list[str], partial: Path, models_dir: Path,
                   progress: download.Progress | None, limits: download.Limits,
                   what: str) -> models.InstalledModel:
    """The package from the first link that downloads; the partial file goes once used."""
    errors = []
    for link in links:
        try:
            download.download(link, partial, limits, progress, allow_file=_is_local(link))
        except DownloadError as exc:
            errors.append(exc.message)
            continue
        try:
            return argos_install.install_from_file(partial, models_dir)
        finally:
            download.discard(partial)
    raise DownloadError(f"{what}: {'; '.join(errors)}" if errors else f"{what}: no links")
