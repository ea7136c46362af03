"""The `newsbrief` command: parses arguments and hands them to the library.

Heavy modules (CTranslate2, sumy, langdetect, rich tables) are imported inside the commands, so
`newsbrief --help` stays fast.
"""

from __future__ import annotations

import os
import signal
import sys


def _interrupted_while_starting(signum, frame):  # type: ignore[no-untyped-def]
    """Ctrl-C while this module is still importing (typer, ~0.2 s): quit as a later Ctrl-C
    does, instead of a KeyboardInterrupt traceback from the middle of an import."""
    os.write(2, b"newsbrief: interrupted\n")
    # 128 + SIGINT: ExitStatus.INTERRUPTED, which is not imported yet this early.
    os._exit(128 + signum)


def _on_sigint(handler) -> None:  # type: ignore[no-untyped-def]
    if _SIGINT_AT_START is signal.SIG_IGN:  # started with Ctrl-C ignored (`nohup`, `cmd &`)
        return
    try:
        signal.signal(signal.SIGINT, handler)
    except ValueError:  # imported outside the main thread: leave signals alone
        pass


# Only while this module imports; restored at its end (so importing it elsewhere changes nothing).
_SIGINT_AT_START = signal.getsignal(signal.SIGINT) or signal.default_int_handler
_on_sigint(_interrupted_while_starting)

from pathlib import Path  # noqa: E402 - after the handler above, like every other import
from typing import Annotated  # noqa: E402

import typer  # noqa: E402

from newsbrief.console import apply_thread_settings  # noqa: E402
from newsbrief.exit_status import ExitStatus  # noqa: E402
from newsbrief.settings import (  # noqa: E402
    BatchFormat,
    BatchSettings,
    CompareFormat,
    DetectFormat,
    Device,
    DocFormat,
    FromLang,
    InputFormat,
    RunSettings,
    SummarizeIn,
    TranslateOnly,
    check_algorithm,
    check_ratio,
    from_cli,
)
from newsbrief.typer_support import Command, Group, completion  # noqa: E402
from summarizer.algorithms import help_text as algorithm_help  # noqa: E402

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
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            metavar="[SHELL]",
            callback=completion(typer.completion.install_callback),
            is_eager=True,
            expose_value=False,
            help="Install completion for the current shell, or for the SHELL named after it "
            "(bash, zsh, fish, pwsh).",
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            metavar="[SHELL]",
            callback=completion(typer.completion.show_callback),
            is_eager=True,
            expose_value=False,
            help="Print the completion script for the current shell, or for the SHELL named "
            "after it.",
        ),
    ] = False,
) -> None:
    pass


# Options shared by several commands ----------------------------------------------------------
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
        callback=lambda value: _check_ratio(value),
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


def _refuse_together(
    ctx: typer.Context, first: str, second: str, why: str, *, when: bool = True
) -> None:
    """Two options that contradict each other are a usage error (exit 2), never a silent pick
    (`when`: they contradict only with these values)."""
    if when and _given(ctx, first) and _given(ctx, second):
        flags = {p.name: "/".join(p.opts) for p in ctx.command.params}
        raise typer.BadParameter(
            f"cannot be combined with {flags[second]}: {why}", param_hint=f"'{flags[first]}'"
        )


def _check_ratio(value: float | None) -> float | None:
    try:
        return check_ratio(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _settings(ctx: typer.Context) -> RunSettings | BatchSettings:
    """The command's settings, from everything parsed: the one place the CLI builds them."""
    return from_cli(ctx.info_name or "", ctx.params)


def _check_algorithm(name: str) -> None:
    try:
        check_algorithm(name)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--algorithm") from None


# Commands ------------------------------------------------------------------------------------
@app.command(cls=Command)
def detect(
    ctx: typer.Context,
    inputs: Inputs = None,
    input_format: InputFormatOpt = None,
    fmt: Annotated[DetectFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DetectFormat.text
    ),
    output: OutputOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Tell the language of each document and of each paragraph, with a confidence.

    Languages are ISO 639-1 codes (ru, uk, en, be, bg, mk, sr, kk, ...; und when unknown).
    Short paragraphs such as datelines take the language of their neighbours.

    Example: newsbrief detect --format jsonl lines.jsonl
    """
    from newsbrief.runner import run_documents

    raise typer.Exit(run_documents("detect", _settings(ctx)))


@app.command(cls=Command)
def translate(
    ctx: typer.Context,
    inputs: Inputs = None,
    from_lang: FromOpt = FromLang.auto,
    input_format: InputFormatOpt = None,
    fmt: Annotated[DocFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DocFormat.text
    ),
    output: OutputOpt = None,
    models_dir: ModelsDirOpt = None,
    model: ModelOpt = None,
    beam: BeamOpt = 4,
    fast: FastOpt = False,
    device: DeviceOpt = Device.auto,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Translate Russian and Ukrainian articles into English, sentence by sentence.

    English passes through untouched; each paragraph goes to the model of its own language, so a
    Ukrainian headline over a Russian body is handled. json/jsonl give the English `text` and
    `sentences` [{source, text}] in document order.

    Example: newsbrief translate --format jsonl news/ > news.en.jsonl
    """
    from newsbrief.runner import run_documents

    raise typer.Exit(run_documents("translate", _settings(ctx)))


@app.command(cls=Command)
def summarize(
    ctx: typer.Context,
    inputs: Inputs = None,
    count: CountOpt = 5,
    ratio: RatioOpt = None,
    algorithm: AlgorithmOpt = "default",
    side_by_side: Annotated[
        bool,
        typer.Option(
            "--side-by-side", help="Show each English key point beside its original sentence."
        ),
    ] = False,
    summarize_in: SummarizeInOpt = SummarizeIn.en,
    translate_only: TranslateOnlyOpt = TranslateOnly.all,
    no_translate: NoTranslateOpt = False,
    from_lang: FromOpt = FromLang.auto,
    input_format: InputFormatOpt = None,
    fmt: Annotated[DocFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DocFormat.text
    ),
    output: OutputOpt = None,
    models_dir: ModelsDirOpt = None,
    model: ModelOpt = None,
    beam: BeamOpt = 4,
    fast: FastOpt = False,
    device: DeviceOpt = Device.auto,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Boil each article down to its key points, in English, in document order.

    Boilerplate (subscription appeals, photo credits, bylines, "Read more") never becomes a key
    point. json/jsonl give key_points [{rank, position, score, text, original}].

    \b
    What is ranked, and what is translated:
      (default)                   rank the English translation of the whole article
      --summarize-in source       rank the article as written; show its picks' English
      --translate-only key-points rank as written, translate only the picks (faster)
      --no-translate              rank and show the article as written; no model at all

    Examples: newsbrief summarize -n 3 article.txt;
    newsbrief translate a.txt | newsbrief summarize --format markdown
    """
    from newsbrief.runner import run_documents

    _refuse_together(ctx, "ratio", "count", "both choose how many key points; give one")
    for other in ("summarize_in", "translate_only", "side_by_side"):
        _refuse_together(ctx, "no_translate", other, "without translation there is no English")
    _refuse_together(
        ctx, "translate_only", "summarize_in", "key-points ranks the article as written",
        when=translate_only is TranslateOnly.key_points and summarize_in is SummarizeIn.en,
    )
    _check_algorithm(algorithm)
    raise typer.Exit(run_documents("summarize", _settings(ctx)))


@app.command(cls=Command)
def compare(
    ctx: typer.Context,
    inputs: Annotated[
        list[str], typer.Argument(
            metavar="INPUT", help="Two or more articles on one story (files or folders)."
        )
    ],
    count: CountOpt = 8,
    algorithm: AlgorithmOpt = "default",
    no_translate: NoTranslateOpt = False,
    from_lang: FromOpt = FromLang.auto,
    input_format: InputFormatOpt = None,
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = (
        CompareFormat.text
    ),
    output: OutputOpt = None,
    models_dir: ModelsDirOpt = None,
    model: ModelOpt = None,
    beam: BeamOpt = 4,
    fast: FastOpt = False,
    device: DeviceOpt = Device.auto,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Compare several outlets' accounts of one story, point by point.

    Key points that say the same thing (also in other words) are grouped into one row, with each
    source's own sentence; rows are ordered by how many sources report them. With
    --no-translate each source stays in its own language (sources in different languages then
    rarely share a row).

    Example: newsbrief compare --format html -o report.html outlet1.txt outlet2.txt
    """
    from newsbrief.runner import run_compare

    _check_algorithm(algorithm)
    raise typer.Exit(run_compare(_settings(ctx)))


@app.command(cls=Command)
def batch(
    ctx: typer.Context,
    in_dir: Annotated[
        Path, typer.Argument(metavar="IN_DIR", help="Folder of articles (searched recursively).")
    ],
    out_dir: Annotated[
        Path, typer.Option("-o", "--output", metavar="OUT_DIR", help="Folder for the results.")
    ],
    fmt: Annotated[
        list[BatchFormat] | None,
        typer.Option("--format", "-f", help="Output format per article; repeat for several."),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Articles in parallel.")
    ] = 1,
    compare_all: Annotated[
        bool, typer.Option("--compare", help="Also write a comparison report across the folder.")
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="Run the work on a Dask cluster (tcp://HOST:8786; default: "
            "DASK_SCHEDULER_ADDRESS). Needs pip install 'newsbrief[dask]'.",
        ),
    ] = None,
    rebuild_manifest: Annotated[
        bool,
        typer.Option(
            "--rebuild-manifest",
            help="Rebuild OUT_DIR's manifest (damaged, or from another version) from the "
            "outputs and their inputs, then go on: finished archive records are kept.",
        ),
    ] = False,
    count: CountOpt = 5,
    algorithm: AlgorithmOpt = "default",
    no_translate: NoTranslateOpt = False,
    from_lang: FromOpt = FromLang.auto,
    models_dir: ModelsDirOpt = None,
    model: ModelOpt = None,
    beam: BeamOpt = 4,
    fast: FastOpt = False,
    device: DeviceOpt = Device.auto,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Convert a whole folder: every article's key points at the same relative path, plus an
    index (index.md, index.html) and, with --compare, a comparison report.

    Reruns redo only articles whose text or settings changed; Ctrl-C leaves no half-written
    file; one bad article never stops the run (it is listed in the index and on stderr).
    --no-translate keeps every article in its own language, with no model at all.

    Example: newsbrief batch news/ -o briefs/ --format markdown --format html --jobs 2
    """
    from newsbrief.batch import run_batch

    _check_algorithm(algorithm)
    raise typer.Exit(run_batch(_settings(ctx)))


# Models --------------------------------------------------------------------------------------
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


def main() -> None:
    """Console entry point: a closed pipe or Ctrl-C ends quietly, without a traceback."""
    from newsbrief.overlap import fetching

    try:
        _main()
        code: object = None
    except SystemExit as stop:
        if not fetching():
            raise
        code = stop.code
    if not fetching():
        sys.exit(code)
    # A read-ahead thread blocked on standard input would abort the interpreter's shutdown
    # (exit -6 instead of 130): flush what was written and leave without that shutdown.
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
    _flush_and_leave(code if isinstance(code, int) else (0 if code is None else 1))


def _flush_and_leave(code: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def _main() -> None:
    apply_thread_settings()  # before anything imports numpy or CTranslate2
    try:
        app()
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop writing, say nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(ExitStatus.OK)
    except KeyboardInterrupt:
        print("newsbrief: interrupted", file=sys.stderr)
        sys.exit(ExitStatus.INTERRUPTED)
    except SystemExit as stop:
        # typer turns a Ctrl-C inside a command into a bare exit 130 (SystemExit from its Exit,
        # raised from the KeyboardInterrupt): say so, as above. A command that handled Ctrl-C
        # itself (batch) and returned 130 has no KeyboardInterrupt behind its exit.
        if stop.code == ExitStatus.INTERRUPTED and _caused_by_ctrl_c(stop):
            print("newsbrief: interrupted", file=sys.stderr)
        raise
    except Exception as exc:  # a bug of ours: say so plainly; the traceback only on request
        from newsbrief.output import disk_full_message, is_disk_full
        from newsbrief.shown import shown_message

        if is_disk_full(exc):  # not a bug: the device holding the output is full
            where = getattr(exc, "filename", None)
            where = os.path.dirname(os.fsdecode(where)) if where else os.getcwd()
            print(f"newsbrief: error: {shown_message(disk_full_message(where or '.'))}",
                  file=sys.stderr)
            sys.exit(ExitStatus.FAILED)
        _internal_error(exc)


def _caused_by_ctrl_c(exc: BaseException | None) -> bool:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _internal_error(exc: BaseException) -> None:
    from newsbrief.shown import shown_message

    if os.environ.get("NEWSBRIEF_DEBUG"):
        raise exc
    print(
        f"newsbrief: internal error: {type(exc).__name__}: {shown_message(str(exc))}\n"
        "newsbrief: this is a bug; rerun with NEWSBRIEF_DEBUG=1 for the details to report",
        file=sys.stderr,
    )
    sys.exit(ExitStatus.FAILED)


_on_sigint(_SIGINT_AT_START)

if __name__ == "__main__":
    main()
