"""`newsbrief models ...`: what the user sees when listing, installing and removing models.

The work itself is in translator.models; this module turns it into lines on stdout/stderr and
exit statuses, so the CLI stays a thin shell.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from newsbrief.console import progress_bar, watched
from newsbrief.exit_status import ExitStatus
from translator import models
from translator.errors import TranslatorError, language_name

# Short names for the statuses (newsbrief.exit_status), as this module has always used them.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = ExitStatus.OK, ExitStatus.FAILED, ExitStatus.USAGE


def list_models(models_dir: Path | None, out: IO[str] | None = None) -> int:
    out = out or sys.stdout
    folder = models_dir or models.default_models_dir()
    installed = models.list_installed(models_dir)
    print(f"models folder: {folder}", file=out)
    if not installed:
        print("no translation models installed", file=out)
    for model in installed:
        version = f"v{model.version}" if model.version else ""
        print(
            f"  {model.languages:<9} {model.name:<24} {model.family:<6} {version:<8} "
            f"{models.human_size(model.size_bytes):>9}  {model.path}",
            file=out,
        )
    saved = models.saved_choices(models_dir)
    for lang in models.SUPPORTED_LANGUAGES:
        candidates = models.serving(lang, installed)
        if len(candidates) > 1 or (candidates and candidates[-1].family != "argos"):
            chosen = models.find_model(lang, models_dir) or candidates[-1]
            how = " (your choice)" if lang in saved else ""
            print(f"{lang}→en uses {chosen.name} ({chosen.family}){how}", file=out)
    missing = models.missing_languages(models_dir)
    for lang in missing:
        print(
            f"missing: {lang}→en ({language_name(lang)}); "
            f"install with: newsbrief models install {lang}",
            file=out,
        )
    return EXIT_OK


@contextmanager
def _download_progress(quiet: bool, err: IO[str]):
    """A progress bar with sizes on stderr when someone watches it; plain lines otherwise."""
    if not watched(err, quiet):
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, TextColumn, TransferSpeedColumn

    columns = (TextColumn("downloading"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with progress_bar(err, *columns) as bar:
        task = bar.add_task("download", total=None)

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def install_models(
    langs: list[str],
    file: Path | None,
    directory: Path | None,
    models_dir: Path | None,
    quiet: bool = False,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
    sources: list[str] | None = None,
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    if sum(bool(x) for x in (langs, file, directory)) > 1:
        print(
            "newsbrief: error: give languages, --file or --dir, not several at once",
            file=err,
        )
        return EXIT_USAGE
    converted = directory is not None and models.looks_converted(directory)
    if sources and not converted:
        print(
            "newsbrief: error: --from goes with --dir DIR of a converted CTranslate2 model "
            "(a folder with model.bin)",
            file=err,
        )
        return EXIT_USAGE
    try:
        if file is not None:
            installed = [models.install_from_file(file, models_dir)]
        elif converted:
            installed = [models.install_converted(directory, sources, models_dir)]
        elif directory is not None:
            installed = models.install_from_dir(directory, models_dir)
        else:
            with _download_progress(quiet, err) as progress:
                installed = models.install_from_index(langs or None, models_dir, progress)
    except TranslatorError as exc:
        print(f"newsbrief: error: {exc}", file=err)
        return EXIT_FAILED
    for model in installed:
        what = model.name if model.family == "argos" else f"{model.name}, {model.family}"
        version = f" v{model.version}" if model.version else ""
        print(
            f"installed {model.languages} ({what}){version}, "
            f"{models.human_size(model.size_bytes)}, in {model.path}",
            file=out,
        )
    return EXIT_OK


def remove_model(
    lang: str, models_dir: Path | None, out: IO[str] | None = None, err: IO[str] | None = None
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        removed = models.remove(lang, models_dir)
    except TranslatorError as exc:
        print(f"newsbrief: error: {exc}", file=err)
        return EXIT_FAILED
    for model in removed:
        what = "broken package " if model.broken else ""
        print(f"removed {what}{model.languages} ({model.path})", file=out)
    return EXIT_OK


def use_model(
    choice: str, langs: list[str], models_dir: Path | None,
    out: IO[str] | None = None, err: IO[str] | None = None,
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        applied = models.save_choice(choice, langs, models_dir)
    except TranslatorError as exc:
        print(f"newsbrief: error: {exc}", file=err)
        return EXIT_FAILED
    for lang in applied:
        chosen = models.find_model(lang, models_dir)
        now = f"{chosen.name} ({chosen.family})" if chosen else "no model installed"
        print(f"{lang}→en: {now}", file=out)
    return EXIT_OK
