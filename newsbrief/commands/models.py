"""`newsbrief models list|available|install|remove|use`: the options; the work is
newsbrief/model_commands.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsbrief.commands.app import models_app
from newsbrief.commands.options import ModelsDirOpt, QuietOpt
from newsbrief.typer_support import Command


@models_app.command("list", cls=Command)
def models_list(models_dir: ModelsDirOpt = None) -> None:
    """Show installed translation models and which of ru→en, uk→en are missing."""
    from newsbrief.model_commands import list_models

    raise typer.Exit(list_models(models_dir))


@models_app.command("available", cls=Command)
def models_available(
    fmt: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="text or json.")
    ] = "text",
    models_dir: ModelsDirOpt = None,
) -> None:
    """List the models newsbrief can download and install (name, languages, size, published
    BLEU and its source, licence), and which are installed."""
    from newsbrief.model_commands import available_models

    if fmt not in ("text", "json"):
        raise typer.BadParameter("text or json", param_hint="--format")
    raise typer.Exit(available_models(models_dir, fmt))


@models_app.command("install", cls=Command)
def models_install(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="LANG|NAME|URL|PATH",
            help="ru and/or uk: Argos packages from the Argos index; NAME: a model from `models "
            "available`; URL or PATH: an OPUS-MT release .zip (with --from). Default: "
            "opus-mt-tc-big-zle-en.",
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file", metavar="FILE", help="Install this .argosmodel file (no internet needed)."
        ),
    ] = None,
    directory: Annotated[
        Path | None,
        typer.Option(
            "--dir", metavar="DIR",
            help="Install every .argosmodel file in this folder, or the converted CTranslate2 "
            "model (NLLB-200, OPUS-MT, M2M-100) that is this folder (offline).",
        ),
    ] = None,
    sources: Annotated[
        list[str] | None,
        typer.Option(
            "--from", metavar="LANGS",
            help="With --dir of an OPUS-MT model, or an OPUS-MT release URL/PATH: the languages "
            "it translates (ru, uk, ru,uk).",
        ),
    ] = None,
    models_dir: ModelsDirOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Install translation models (downloads need internet; --file, --dir and a release's
    PATH do not).

    Bare `newsbrief models install` installs opus-mt-tc-big-zle-en, one OPUS-MT model for
    Russian and Ukrainian: its published FLORES-200 BLEU into English is the highest of the
    catalog's, and on a 2-core CPU it still translates about an article a second (a half to a
    third of the base models' speed, twice their memory; README, "Models"). It converts the original
    release with CTranslate2 (no torch). Argos's smaller, faster packages: newsbrief models
    install ru uk.

    Offline: copy an .argosmodel file (--file), a folder of them or a converted model (--dir),
    or an OPUS-MT release .zip (PATH --from ru,uk) over and install it from there.
    """
    from newsbrief.model_commands import install_models

    raise typer.Exit(
        install_models(targets or [], file, directory, models_dir, quiet, sources=sources)
    )


@models_app.command("remove", cls=Command)
def models_remove(
    lang: Annotated[
        str, typer.Argument(
            metavar="LANG|NAME",
            help="ru or uk: the X→en model to remove; or an installed model's name.",
        )
    ],
    models_dir: ModelsDirOpt = None,
) -> None:
    """Remove an installed translation model."""
    from newsbrief.model_commands import remove_model

    raise typer.Exit(remove_model(lang, models_dir))


@models_app.command("use", cls=Command)
def models_use(
    choice: Annotated[
        str,
        typer.Argument(
            metavar="CHOICE",
            help="An installed model's name, a family (argos, marian, nllb, m2m100), or auto to go "
            "back to the default preference.",
        ),
    ],
    langs: Annotated[
        list[str] | None,
        typer.Argument(metavar="LANG", help="ru, uk (default: every language it serves).",
                       show_default=False),
    ] = None,
    models_dir: ModelsDirOpt = None,
) -> None:
    """Choose which installed model translates each language, persistently."""
    from newsbrief.model_commands import use_model

    raise typer.Exit(use_model(choice, langs or [], models_dir))
