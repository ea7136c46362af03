"""`newsbrief batch IN_DIR -o OUT_DIR`: the command's options; the run is newsbrief/batch/."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsbrief.commands.app import app
from newsbrief.commands.options import (
    AlgorithmOpt,
    CountOpt,
    FromOpt,
    NoTranslateOpt,
    engine_options,
    require_algorithm,
    settings_of,
)
from newsbrief.settings import BatchFormat, FromLang
from newsbrief.typer_support import Command


@app.command(cls=Command)
@engine_options
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
    **engine: object,
) -> None:
    """Convert a whole folder: every article's key points at the same relative path, plus an
    index (index.md, index.html) and, with --compare, a comparison report.

    Reruns redo only articles whose text or settings changed; Ctrl-C leaves no half-written
    file; one bad article never stops the run (it is listed in the index and on stderr).
    --no-translate keeps every article in its own language, with no model at all.

    Example: newsbrief batch news/ -o briefs/ --format markdown --format html --jobs 2
    """
    from newsbrief.batch import run_batch

    require_algorithm(algorithm)
    raise typer.Exit(run_batch(settings_of(ctx)))
