"""The `newsbrief` command: parses arguments and hands them to the library.

Heavy modules (CTranslate2, sumy, langdetect, rich tables) are imported inside the commands, so
`newsbrief --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

# Multi-threaded OpenBLAS makes the small SVDs of the LSA ranker ~100x slower on few cores; it
# must be set before anything imports numpy.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# CTranslate2's OpenMP threads busy-wait by default, which makes translation up to 10x slower
# whenever another process shares the cores.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import typer  # noqa: E402

app = typer.Typer(
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


class InputFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


class FromLang(StrEnum):
    auto = "auto"
    ru = "ru"
    uk = "uk"
    en = "en"


class Device(StrEnum):
    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"


class DetectFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class DocFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"
    html = "html"


class CompareFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


class SummarizeIn(StrEnum):
    en = "en"
    source = "source"


class TranslateOnly(StrEnum):
    all = "all"
    key_points = "key-points"


class BatchFormat(StrEnum):
    markdown = "markdown"
    json = "json"
    html = "html"


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
        "through). Default: by extension (.jsonl), text for standard input.",
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
        help="Keep this share of the sentences instead of -n (e.g. 0.2).",
        show_default=False,
    ),
]
AlgorithmOpt = Annotated[
    str,
    typer.Option(
        "--algorithm",
        metavar="NAME",
        help="default (our measured combination), or a sumy algorithm: lexrank, lsa, luhn, "
        "textrank, edmundson, kl, sumbasic, reduction.",
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


def _check_ratio(value: float | None) -> float | None:
    if value is not None and not 0 < value <= 1:
        raise typer.BadParameter("must be a share between 0 and 1 (e.g. 0.2)")
    return value


def _options(**kwargs):
    from newsbrief.pipeline import Options

    return Options(**kwargs)


def _settings(inputs, input_format, fmt, output, quiet, options, engine=None, side_by_side=False):
    from newsbrief.runner import EngineSettings, RunSettings

    return RunSettings(
        inputs=list(inputs or []),
        input_format=input_format.value if input_format else None,
        fmt=fmt,
        output=output,
        side_by_side=side_by_side,
        quiet=quiet,
        options=options,
        engine=engine or EngineSettings(),
    )


def _engine(models_dir, beam, fast, device, no_cache, model=None):
    from newsbrief.runner import EngineSettings

    return EngineSettings(
        models_dir=str(models_dir) if models_dir else None,
        beam_size=beam,
        fast=fast,
        device=device.value,
        cache=not no_cache,
        model=model or None,
    )


def _check_algorithm(name: str) -> None:
    from summarizer import ALGORITHMS

    if name not in ALGORITHMS:
        raise typer.BadParameter(
            f"unknown algorithm {name!r}; choose one of: {', '.join(ALGORITHMS)}",
            param_hint="--algorithm",
        )


# Commands ------------------------------------------------------------------------------------
@app.command()
def detect(
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

    settings = _settings(inputs, input_format, fmt.value, output, quiet, _options())
    raise typer.Exit(run_documents("detect", settings))


@app.command()
def translate(
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

    options = _options(from_lang=from_lang.value)
    engine = _engine(models_dir, beam, fast, device, no_cache, model)
    settings = _settings(inputs, input_format, fmt.value, output, quiet, options, engine)
    raise typer.Exit(run_documents("translate", settings))


@app.command()
def summarize(
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

    Examples: newsbrief summarize -n 3 article.txt;
    newsbrief translate a.txt | newsbrief summarize --format markdown
    """
    from newsbrief.runner import run_documents

    _check_algorithm(algorithm)
    options = _options(
        from_lang=from_lang.value,
        count=count,
        ratio=ratio,
        algorithm=algorithm,
        summarize_in=summarize_in.value,
        translate_only=translate_only.value,
    )
    engine = _engine(models_dir, beam, fast, device, no_cache, model)
    settings = _settings(
        inputs, input_format, fmt.value, output, quiet, options, engine, side_by_side
    )
    raise typer.Exit(run_documents("summarize", settings))


@app.command()
def compare(
    inputs: Annotated[
        list[str], typer.Argument(
            metavar="INPUT", help="Two or more articles on one story (files or folders)."
        )
    ],
    count: CountOpt = 8,
    algorithm: AlgorithmOpt = "default",
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
    source's own sentence; rows are ordered by how many sources report them.

    Example: newsbrief compare --format html -o report.html outlet1.txt outlet2.txt
    """
    from newsbrief.runner import run_compare

    _check_algorithm(algorithm)
    options = _options(from_lang=from_lang.value, count=count, algorithm=algorithm)
    engine = _engine(models_dir, beam, fast, device, no_cache, model)
    settings = _settings(inputs, input_format, fmt.value, output, quiet, options, engine)
    raise typer.Exit(run_compare(settings))


@app.command()
def batch(
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
    count: CountOpt = 5,
    algorithm: AlgorithmOpt = "default",
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

    Example: newsbrief batch news/ -o briefs/ --format markdown --format html --jobs 2
    """
    from newsbrief.batch import BatchSettings, run_batch

    _check_algorithm(algorithm)
    options = _options(from_lang=from_lang.value, count=count, algorithm=algorithm)
    engine = _engine(models_dir, beam, fast, device, no_cache, model)
    settings = BatchSettings(
        in_dir=in_dir,
        out_dir=out_dir,
        formats=[f.value for f in (fmt or [BatchFormat.markdown])],
        jobs=jobs,
        compare=compare_all,
        options=options,
        engine=engine,
        quiet=quiet,
    )
    raise typer.Exit(run_batch(settings))


# Models --------------------------------------------------------------------------------------
@models_app.command("list")
def models_list(models_dir: ModelsDirOpt = None) -> None:
    """Show installed translation models and which of ru→en, uk→en are missing."""
    from newsbrief.model_commands import list_models

    raise typer.Exit(list_models(models_dir))


@models_app.command("install")
def models_install(
    langs: Annotated[
        list[str] | None,
        typer.Argument(metavar="LANG", help="ru, uk, or both (the default).", show_default=False),
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
            help="With --dir of an OPUS-MT model: the languages it translates (ru, uk, ru,uk).",
        ),
    ] = None,
    models_dir: ModelsDirOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Install translation models from the Argos package index (needs internet), or offline
    from a downloaded .argosmodel file (--file) or a folder of them (--dir).

    Offline: on a machine with internet, download translate-ru_en and translate-uk_en
    .argosmodel files from the Argos Translate package index, copy them over, then run
    newsbrief models install --dir FOLDER.
    """
    from newsbrief.model_commands import install_models

    raise typer.Exit(
        install_models(langs or [], file, directory, models_dir, quiet, sources=sources)
    )


@models_app.command("remove")
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


@models_app.command("use")
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
    try:
        app()
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop writing, say nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        print("newsbrief: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # a bug of ours: say so plainly; the traceback only on request
        if os.environ.get("NEWSBRIEF_DEBUG"):
            raise
        print(
            f"newsbrief: internal error: {type(exc).__name__}: {exc}\n"
            "newsbrief: this is a bug; rerun with NEWSBRIEF_DEBUG=1 for the details to report",
            file=sys.stderr,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
