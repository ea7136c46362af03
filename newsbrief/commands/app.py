"""The `newsbrief` command's typer apps: the top-level group, its `models` group, and the
options of the group itself (--version, the completion options).

Plain click help (`rich_markup_mode=None`): rich-rendered help costs ~0.4 s of imports on every
--help. The commands register on these apps from their own modules (documents.py, batch.py,
models.py), in the order `newsbrief --help` lists them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from newsbrief.typer_support import Group, completion

app = typer.Typer(
    cls=Group,
    name="newsbrief",
    help=(
        "Bring Russian and Ukrainian news into English offline and boil it down to key points.\n\n"
        "Typical use:\n\n"
        "\b\n"
        "  newsbrief models install              # once, needs internet\n"
        "  newsbrief summarize article.txt       # five English key points\n"
        "  newsbrief summarize --side-by-side article.txt\n"
        "  newsbrief compare a.txt b.txt c.txt   # what each outlet says\n"
        "  cat article.txt | newsbrief translate | less\n\n"
        "INPUT is a file, a folder (its .txt/.md/.html files, recursively) or - for "
        "standard input (the default). Exit status: 0 all documents done, 1 some document "
        "failed (the others are still written), 2 usage error."
    ),
    no_args_is_help=True,
    # --install-completion / --show-completion [SHELL] are `_main`'s own (see Group).
    add_completion=False,
    # Plain click help: rich-rendered help costs ~0.4 s of imports on every --help.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
models_app = typer.Typer(
    help="List, install, choose and remove the ru→en and uk→en translation models (Argos "
    "packages; NLLB-200 and OPUS-MT models converted for CTranslate2).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(models_app, name="models")


def _show_version(value: bool) -> None:
    if not value:
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("newsbrief")
    except PackageNotFoundError:  # a bare checkout run as `python cli.py`
        number = "unknown (not installed; pip install -e .)"
    typer.echo(f"newsbrief {number}")
    raise typer.Exit()


def _completion(flag: str, action: object, help: str) -> typer.models.OptionInfo:
    """A completion option that takes an optional SHELL after it (see typer_support.Group)."""
    return typer.Option(
        flag, metavar="[SHELL]", callback=completion(action), is_eager=True, expose_value=False,
        help=help,
    )


@app.callback()
def _main(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_show_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
    install_completion: Annotated[bool, _completion(
        "--install-completion", typer.completion.install_callback,
        "Install completion for the current shell, or for the SHELL named after it "
        "(bash, zsh, fish, pwsh).",
    )] = False,
    show_completion: Annotated[bool, _completion(
        "--show-completion", typer.completion.show_callback,
        "Print the completion script for the current shell, or for the SHELL named after it.",
    )] = False,
) -> None:
    pass


