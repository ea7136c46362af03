"""`newsbrief models ...`: what the user sees when listing, installing and removing models.

The work itself is in translator.store.models; this module turns it into lines on stdout/stderr and
exit statuses, so the CLI stays a thin shell.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from newsbrief.console import progress_bar, sigterm_as_interrupt, watched
from newsbrief.exit_status import ExitStatus
from translator.errors import TranslatorError, language_name
from translator.install import argos_index, catalog, opus_install
from translator.install.argos_install import install_from_dir, install_from_file
from translator.install.converted import install_converted, looks_converted
from translator.store import choices, models

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
    saved = choices.saved_choices(models_dir)
    for lang in models.SUPPORTED_LANGUAGES:
        candidates = models.serving(lang, installed)
        if len(candidates) > 1 or (candidates and candidates[-1].family != "argos"):
            chosen = choices.find_model(lang, models_dir) or candidates[-1]
            how = " (your choice)" if lang in saved else ""
            print(f"{lang}→en uses {chosen.name} ({chosen.family}){how}", file=out)
    if any(m.family == "marian" for m in installed):
        print(f"credit: {catalog.OPUS_MT_CREDIT}", file=out)
    missing = choices.missing_languages(models_dir)
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
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    columns = (TextColumn("downloading"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
               TimeRemainingColumn())
    with progress_bar(err, *columns) as bar:
        task = bar.add_task("download", total=None)

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def install_models(
    targets: list[str],
    file: Path | None,
    directory: Path | None,
    models_dir: Path | None,
    quiet: bool = False,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
    sources: list[str] | None = None,
) -> int:
    """`models install`: Argos packages by language, a catalog model by name, an OPUS-MT
    release by URL or path, a file or folder offline; nothing given is the catalog's default."""
    out, err = out or sys.stdout, err or sys.stderr
    if sum(bool(x) for x in (targets, file, directory)) > 1:
        print(
            "newsbrief: error: give languages, a model name or release, --file or --dir, "
            "not several at once",
            file=err,
        )
        return EXIT_USAGE
    argos = bool(targets) and all(t in models.SUPPORTED_LANGUAGES for t in targets)
    if targets and not argos and len(targets) > 1:
        print(f"newsbrief: error: one model name or release at a time, not {' '.join(targets)}",
              file=err)
        return EXIT_USAGE
    converted = directory is not None and looks_converted(directory)
    if sources and (file is not None or argos or (directory is not None and not converted)):
        print(
            "newsbrief: error: --from goes with --dir DIR of a converted CTranslate2 model "
            "(a folder with model.bin) or with an OPUS-MT release (URL or .zip)",
            file=err,
        )
        return EXIT_USAGE
    before = _serving_now(models_dir)
    try:
        with sigterm_as_interrupt():
            if file is not None:
                installed = [install_from_file(file, models_dir)]
            elif converted:
                installed = [install_converted(directory, sources, models_dir)]
            elif directory is not None:
                installed = install_from_dir(directory, models_dir)
            elif argos:
                with _download_progress(quiet, err) as progress:
                    installed = argos_index.install_from_index(targets, models_dir, progress)
            else:
                release = opus_install.resolve(targets[0] if targets else None, sources)
                print(f"installing {release.name} from {release.location}", file=err)
                with _download_progress(quiet, err) as progress:
                    installed = [opus_install.install(release, models_dir, progress)]
    except TranslatorError as exc:
        print(f"newsbrief: error: {exc}", file=err)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("newsbrief: interrupted; nothing was installed. A download stopped halfway is "
              "kept in the models folder: rerun the same command to resume it", file=err)
        return ExitStatus.INTERRUPTED
    for model in installed:
        what = model.name if model.family == "argos" else f"{model.name}, {model.family}"
        version = f" v{model.version}" if model.version else ""
        print(
            f"installed {model.languages} ({what}){version}, "
            f"{models.human_size(model.size_bytes)}, in {model.path}",
            file=out,
        )
    for line in _what_changed(before, models_dir):
        print(line, file=out)
    if any(m.family == "marian" for m in installed):
        print(f"credit: {catalog.OPUS_MT_CREDIT}", file=out)
    return EXIT_OK


def _serving_now(models_dir: Path | None) -> dict[str, str | None]:
    """Which model translates each language now (its folder name), before an install."""
    chosen = {}
    for lang in models.SUPPORTED_LANGUAGES:
        model = choices.find_model(lang, models_dir)
        chosen[lang] = f"{model.name} ({model.family})" if model else None
    return chosen


def _what_changed(before: dict[str, str | None], models_dir: Path | None) -> list[str]:
    """One line per language: what serves it now, and what did before the install."""
    lines = []
    saved = choices.saved_choices(models_dir)
    for lang, now in _serving_now(models_dir).items():
        was = before.get(lang)
        choice = " (your choice: `newsbrief models use` changes it)" if lang in saved else ""
        if now is None:
            lines.append(f"{lang}→en: no model yet: newsbrief models install {lang}")
        elif was is None:
            lines.append(f"{lang}→en now uses {now} (nothing before){choice}")
        elif was != now:
            lines.append(f"{lang}→en now uses {now}, replacing {was}{choice}")
        else:
            lines.append(f"{lang}→en still uses {now}{choice}")
    return lines


def available_models(models_dir: Path | None, fmt: str = "text",
                     out: IO[str] | None = None) -> int:
    """`models available`: the catalog, with what is installed; json for scripts."""
    out = out or sys.stdout
    installed = {m.path.name for m in models.list_installed(models_dir, warn=None)}
    records = [{**catalog.as_record(m), "installed": m.name in installed}
               for m in catalog.CATALOG]
    if fmt == "json":
        print(json.dumps(records, indent=2, ensure_ascii=False), file=out)
        return EXIT_OK
    print(f"{'name':<24} {'languages':<9} {'download':>9}  {'BLEU ru/uk':<10} licence    ",
          file=out)
    for r in records:
        bleu = "/".join(f"{r['bleu'][lang]:.1f}" if lang in r["bleu"] else "-"
                        for lang in models.SUPPORTED_LANGUAGES)
        flags = " (default)" if r["default"] else ""
        flags += " installed" if r["installed"] else ""
        print(f"{r['name']:<24} {','.join(r['languages']) + '→en':<9} "
              f"{'~' + str(r['approx_bytes'] >> 20) + ' MB':>9}  {bleu:<10} {r['licence']}"
              f"{flags}", file=out)
    print(f"BLEU: {catalog.BLEU_TEST}, as published in the Tatoeba-Challenge listings "
          f"({catalog.LISTINGS}); not measured here.", file=out)
    print("Argos packages (smaller, faster, weaker): newsbrief models install ru uk", file=out)
    print(f"OPUS-MT: {catalog.OPUS_MT_CREDIT}", file=out)
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
        applied = choices.save_choice(choice, langs, models_dir)
    except TranslatorError as exc:
        print(f"newsbrief: error: {exc}", file=err)
        return EXIT_FAILED
    for lang in applied:
        chosen = choices.find_model(lang, models_dir)
        now = f"{chosen.name} ({chosen.family})" if chosen else "no model installed"
        print(f"{lang}→en: {now}", file=out)
    return EXIT_OK
