"""The commands that read documents and write one result: detect, translate, summarize, compare.

Each parses its options into settings (`settings_of`) and hands them to the library
(newsbrief/runner.py), imported inside the command so `newsbrief --help` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from newsbrief.commands.app import app
from newsbrief.commands.options import (
    AlgorithmOpt,
    CountOpt,
    FromOpt,
    InputFormatOpt,
    Inputs,
    NoTranslateOpt,
    OutputOpt,
    QuietOpt,
    RatioOpt,
    SummarizeInOpt,
    TranslateOnlyOpt,
    engine_options,
    refuse_together,
    require_algorithm,
    settings_of,
)
from newsbrief.settings import (
    COMPARE_COUNT,
    CompareFormat,
    DetectFormat,
    DocFormat,
    FromLang,
    SummarizeIn,
    TranslateOnly,
)
from newsbrief.typer_support import Command

DocFormatOpt = Annotated[DocFormat, typer.Option("--format", "-f", help="Output format.")]


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

    raise typer.Exit(run_documents("detect", settings_of(ctx)))


@app.command(cls=Command)
@engine_options
def translate(
    ctx: typer.Context,
    inputs: Inputs = None,
    from_lang: FromOpt = FromLang.auto,
    input_format: InputFormatOpt = None,
    fmt: DocFormatOpt = DocFormat.text,
    output: OutputOpt = None,
    **engine: object,
) -> None:
    """Translate Russian and Ukrainian articles into English, sentence by sentence.

    English passes through untouched; each paragraph goes to the model of its own language, so a
    Ukrainian headline over a Russian body is handled. json/jsonl give the English `text` and
    `sentences` [{source, text}] in document order.

    Example: newsbrief translate --format jsonl news/ > news.en.jsonl
    """
    from newsbrief.runner import run_documents

    raise typer.Exit(run_documents("translate", settings_of(ctx)))


@app.command(cls=Command)
@engine_options
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
    fmt: DocFormatOpt = DocFormat.text,
    output: OutputOpt = None,
    **engine: object,
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

    refuse_together(ctx, "ratio", "count", "both choose how many key points; give one")
    for other in ("summarize_in", "translate_only", "side_by_side"):
        refuse_together(ctx, "no_translate", other, "without translation there is no English")
    refuse_together(
        ctx, "translate_only", "summarize_in", "key-points ranks the article as written",
        when=translate_only is TranslateOnly.key_points and summarize_in is SummarizeIn.en,
    )
    require_algorithm(algorithm)
    raise typer.Exit(run_documents("summarize", settings_of(ctx)))


@app.command(cls=Command)
@engine_options
def compare(
    ctx: typer.Context,
    inputs: Annotated[
        list[str], typer.Argument(
            metavar="INPUT", help="Two or more articles on one story (files or folders)."
        )
    ],
    count: CountOpt = COMPARE_COUNT,
    algorithm: AlgorithmOpt = "default",
    no_translate: NoTranslateOpt = False,
    from_lang: FromOpt = FromLang.auto,
    input_format: InputFormatOpt = None,
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = (
        CompareFormat.text
    ),
    output: OutputOpt = None,
    **engine: object,
) -> None:
    """Compare several outlets' accounts of one story, point by point.

    Key points that say the same thing (also in other words) are grouped into one row, with each
    source's own sentence; rows are ordered by how many sources report them. With
    --no-translate each source stays in its own language (sources in different languages then
    rarely share a row).

    Example: newsbrief compare --format html -o report.html outlet1.txt outlet2.txt
    """
    from newsbrief.runner import run_compare

    require_algorithm(algorithm)
    raise typer.Exit(run_compare(settings_of(ctx)))
