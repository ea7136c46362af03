"""The options several `newsbrief` commands share, declared once, and the checks the command
line applies to them (each a library check from newsbrief/settings.py, reported as typer's
usage error: exit 2).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from newsbrief.settings import (
    BatchSettings,
    Device,
    FromLang,
    InputFormat,
    RunSettings,
    SummarizeIn,
    TranslateOnly,
    check_algorithm,
    check_ratio,
    from_cli,
)
from summarizer.algorithms import help_text as algorithm_help

Inputs = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="INPUT",
        help="Files, folders or - (standard input). None: read standard input.",
        show_default=False,
    ),
]
InputFormatOpt = Annotated[
    InputFormat | None,
    typer.Option(
        "--input-format",
        help="text, or jsonl (one {\"id\", \"text\", ...} object a line; other keys are carried "
        "through). Default: by extension (.jsonl); standard input is jsonl when its first line "
        "opens a JSON object ({\"), else text.",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "-o", "--output", metavar="FILE",
        help="Write the result to FILE (atomically) instead of stdout.",
    ),
]
QuietOpt = Annotated[
    bool, typer.Option("-q", "--quiet", help="No progress or warnings on stderr; errors still.")
]
FromOpt = Annotated[
    FromLang,
    typer.Option(
        "--from",
        help="Source language. auto detects it paragraph by paragraph; ru/uk force that model "
        "for every non-English paragraph (also for text detected as e.g. Belarusian).",
    ),
]
ModelsDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--models-dir",
        metavar="DIR",
        envvar="NEWSBRIEF_MODELS_DIR",
        help="Where Argos packages are installed. Default: Argos Translate's own package folder "
        "($ARGOS_PACKAGES_DIR or ~/.local/share/argos-translate/packages).",
        show_default=False,
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="NAME",
        envvar="NEWSBRIEF_MODEL",
        help="Translate with this installed model (a name from `models list`, or a family: "
        "argos, marian, nllb, m2m100) for the languages it serves. Default: `models use`, "
        "else NLLB, then OPUS-MT, then M2M-100, then Argos.",
        show_default=False,
    ),
]
BeamOpt = Annotated[
    int,
    typer.Option(
        "--beam", min=1, max=16, metavar="N", help="Beam size: higher is slower, often better."
    ),
]
FastOpt = Annotated[
    bool, typer.Option("--fast", help="Greedy decoding (beam 1): about 2-3x faster translation.")
]
DeviceOpt = Annotated[
    Device, typer.Option("--device", help="Where CTranslate2 runs; auto uses a GPU if found.")
]
NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Do not read or write the translation cache (SQLite in ~/.cache/newsbrief, "
        "or $NEWSBRIEF_CACHE_DIR).",
    ),
]
CountOpt = Annotated[
    int,
    typer.Option("-n", "--sentences", min=1, metavar="N", help="Number of key points per article."),
]
RatioOpt = Annotated[
    float | None,
    typer.Option(
        "--ratio",
        metavar="R",
        callback=lambda value: _ratio(value),
        help="Keep this share of the sentences (e.g. 0.2) instead of a count; not with -n.",
        show_default=False,
    ),
]
AlgorithmOpt = Annotated[
    str,
    typer.Option(
        "--algorithm",
        metavar="NAME",
        help=algorithm_help(),
    ),
]
SummarizeInOpt = Annotated[
    SummarizeIn,
    typer.Option(
        "--summarize-in",
        help="Rank the English translation (en) or the article in its own language (source).",
    ),
]
TranslateOnlyOpt = Annotated[
    TranslateOnly,
    typer.Option(
        "--translate-only",
        help="all: translate, then summarise. key-points: summarise in the source language and "
        "translate only the chosen sentences (faster; see README for how often picks agree).",
    ),
]


NoTranslateOpt = Annotated[
    bool,
    typer.Option(
        "--no-translate",
        help="Stay in each article's own language: key points ranked and shown as written, no "
        "model needed (Russian, Ukrainian, English). JSON text_language says which language "
        "text is in.",
    ),
]


def _given(ctx: typer.Context, name: str) -> bool:
    """Whether the user typed option `name` (as opposed to its default applying)."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")


def refuse_together(
    ctx: typer.Context, first: str, second: str, why: str, *, when: bool = True
) -> None:
    """Two options that contradict each other are a usage error (exit 2), never a silent pick
    (`when`: they contradict only with these values)."""
    if when and _given(ctx, first) and _given(ctx, second):
        flags = {p.name: "/".join(p.opts) for p in ctx.command.params}
        raise typer.BadParameter(
            f"cannot be combined with {flags[second]}: {why}", param_hint=f"'{flags[first]}'"
        )


def _ratio(value: float | None) -> float | None:
    try:
        return check_ratio(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


# The options of every command that loads a translation model, in their --help order (after the
# command's own): (parameter, its annotation, its default).
ENGINE_OPTIONS: tuple[tuple[str, Any, Any], ...] = (
    ("models_dir", ModelsDirOpt, None),
    ("model", ModelOpt, None),
    ("beam", BeamOpt, 4),
    ("fast", FastOpt, False),
    ("device", DeviceOpt, Device.auto),
    ("no_cache", NoCacheOpt, False),
    ("quiet", QuietOpt, False),
)


def engine_options(command: Callable[..., None]) -> Callable[..., None]:
    """`command` with the engine options appended to the signature typer reads, declared once
    here. The command takes them as `**engine` and never reads them itself: every value reaches
    the library through `settings_of(ctx)`."""
    signature = inspect.signature(command, eval_str=True)
    own = [p for p in signature.parameters.values() if p.kind is not p.VAR_KEYWORD]
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
        for name, kind, default in ENGINE_OPTIONS
    ]
    command.__signature__ = signature.replace(parameters=own + added)  # type: ignore[attr-defined]
    command.__annotations__ = {
        **command.__annotations__, **{name: kind for name, kind, _ in ENGINE_OPTIONS}
    }
    return command


def settings_of(ctx: typer.Context) -> RunSettings | BatchSettings:
    """The command's settings, from everything parsed: the one place the CLI builds them."""
    return from_cli(ctx.info_name or "", ctx.params)


def require_algorithm(name: str) -> None:
    try:
        check_algorithm(name)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--algorithm") from None
