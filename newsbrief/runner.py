"""Run one command over a set of inputs and write its result: the library behind the CLI.

The command line (`newsbrief/commands/`) only parses arguments into these settings and calls
`run_documents` / `run_compare`, so every behaviour of a command (exit status, what goes to
stdout vs stderr, jsonl streaming, per-document failures) can be tested without a subprocess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import IO

from newsbrief.console import Environment, Reporter
from newsbrief.exit_status import ExitStatus
from newsbrief.output import Sink
from newsbrief.pipeline import one_line, process
from newsbrief.records import Article, DocumentError
from newsbrief.render import RENDERERS, Renderer, View
from newsbrief.settings import BatchSettings, RunSettings
from translator.engine.factory import SentenceTranslator, lazy_engine


def read_documents(
    settings: RunSettings, stdin: IO[bytes] | None = None, reporter: Reporter | None = None
):
    from newsbrief.reading import read_inputs

    reporter = reporter or Reporter()
    reads_stdin = not settings.inputs or "-" in settings.inputs
    if reads_stdin and Environment(stdin=stdin).stdin_isatty:
        # A bare `newsbrief summarize` at a prompt would otherwise just sit there.
        reporter.warn(
            "reading the article from the terminal; end it with Ctrl-D "
            "(or give a file or folder: newsbrief --help)"
        )
    return read_inputs(settings.inputs, settings.input_format, stdin=stdin, warn=reporter.warn)


def _results(
    stage: str,
    settings: RunSettings,
    stdin: IO[bytes] | None,
    reporter: Reporter,
    engine_factory: Callable[[], SentenceTranslator] | None,
) -> Iterator[Article | DocumentError]:
    """Read the inputs and run them through `stage`, with progress on a terminal."""
    from newsbrief import progress

    factory = engine_factory or lazy_engine(settings.engine)
    docs = read_documents(settings, stdin, reporter)
    if not reporter.wants_progress():
        yield from process(docs, stage, settings.options, factory)
        return
    total = None
    if settings.inputs and "-" not in settings.inputs:
        # Named files and folders: read ahead to know the total (standard input is a stream).
        docs, total = progress.count_ahead(docs)
    label = {"detect": "detecting", "translate": "translating"}.get(stage, "summarizing")
    with progress.display(reporter.stream, reporter.quiet, label, total) as shown:
        for item in process(docs, stage, settings.options, shown.engine_factory(factory)):
            yield item
            shown.advance()


def with_model_hint(err: DocumentError, settings: RunSettings | BatchSettings) -> DocumentError:
    """A missing model while summarising (summarize, batch): say that --no-translate needs
    none."""
    if err.kind != "model" or not settings.options.translate:
        return err
    hint = "; or, for key points in the article's own language, add --no-translate"
    return replace(err, message=err.message + hint)


def _unexpected(article: Article, exc: Exception) -> DocumentError:
    return DocumentError(
        id=article.id,
        message=f"{article.id}: unexpected error: {one_line(exc)}",
        extra=article.extra,
        path=article.path,
    )


def _record(renderer: Renderer, command: str, article: Article) -> list[str] | DocumentError:
    """The streamed line of `article` (in chunks, no newline), or its error when rendering it
    fails (a bug of ours). The line is made whole before any of it is written: a record that
    fails half-way must not leave half a line."""
    chunks: list[str] = []
    try:
        renderer.write_record(command, article, chunks.append)
    except Exception as exc:
        return _unexpected(article, exc)
    return chunks


def _render_all(
    write_some: Callable[[list[Article], Callable[[str], object]], None],
    articles: list[Article],
    reporter: Reporter,
    sink: Sink,
) -> None:
    """Render the articles together into the sink's `Whole` (the reader sees the document only
    once finished); if that fails, find the articles that cannot be rendered (one at a time),
    report each, and render the rest, so one bad article loses nothing else."""
    whole = sink.whole()
    try:
        write_some(articles, whole.write)
    except OSError:  # writing failed (a full disk), not rendering: no article is to blame
        raise
    except Exception:
        whole.rollback()
        good = []
        for article in articles:
            try:
                write_some([article], _nowhere)
            except Exception as exc:
                reporter.failure(_unexpected(article, exc))
            else:
                good.append(article)
        if good:
            try:
                write_some(good, whole.write)
            except OSError:
                raise
            except Exception as exc:  # only together do they fail: name the run, not an article
                whole.rollback()
                reporter.failure(
                    DocumentError(id="-", message=f"unexpected error: {one_line(exc)}")
                )
    whole.finish()


def _nowhere(text: str) -> None:
    """A writer that keeps nothing: rendering there only finds what fails."""


def _write_whole(sink: Sink, text: str) -> None:
    try:
        sink.write(text)
        if not text.endswith("\n"):
            sink.write("\n")  # not text + "\n": a second copy of a 40 MB page
        sink.close()
    except BaseException:
        sink.discard()  # a full disk: no half-written -o FILE, no temporary left behind
        raise


def run_documents(
    command: str,
    settings: RunSettings,
    *,
    stdin: IO[bytes] | None = None,
    stdout: IO[str] | None = None,
    reporter: Reporter | None = None,
    engine_factory: Callable[[], SentenceTranslator] | None = None,
) -> int:
    """detect / translate / summarize: read, process, render; returns the exit status."""

    env = Environment(stdin=stdin, stdout=stdout)
    reporter = reporter or env.reporter(settings.quiet)
    sink = Sink(settings.output, env.out)
    try:
        if not _run_documents(command, settings, stdin, env, reporter, sink, engine_factory):
            return ExitStatus.OK  # the reader went away: nothing more to say
    except BaseException:
        sink.discard()  # -o FILE stays as it was
        raise
    return ExitStatus.FAILED if reporter.failures else ExitStatus.OK


def _run_documents(
    command: str,
    settings: RunSettings,
    stdin: IO[bytes] | None,
    env: Environment,
    reporter: Reporter,
    sink: Sink,
    engine_factory: Callable[[], SentenceTranslator] | None,
) -> bool:
    """The body of `run_documents`; False when it stopped because the reader went away.

    A renderer that streams (jsonl) gets each article's line as soon as it is done; the others
    get every article at the end, to render one document."""
    renderer = RENDERERS[settings.fmt]
    articles: list[Article] = []
    for item in _results(command, settings, stdin, reporter, engine_factory):
        if sink.closed:
            return False
        if isinstance(item, Article):
            for warning in item.warnings:
                reporter.warn(warning)
            if renderer.streams:
                item = _record(renderer, command, item)
        if isinstance(item, DocumentError):
            reporter.failure(with_model_hint(item, settings) if command == "summarize" else item)
            line = renderer.error_line(item) if renderer.streams else None
            if line is not None:
                sink.write(line + "\n")
            continue
        if renderer.streams:
            for chunk in item:
                sink.write(chunk)
            sink.write("\n")
        else:
            articles.append(item)

    if articles:
        view = View(settings.side_by_side, env.width, settings.output is None and env.color)

        def write_some(some: list[Article], write: Callable[[str], object]) -> None:
            renderer.write_articles(command, some, write, view)

        _render_all(write_some, articles, reporter, sink)
    sink.close()
    return True


def _for_comparing(article: Article) -> Article:
    """The article (changed in place) without what a comparison never reads (each paragraph's
    language), then with its sentence pairs packed (`PackedPairs`), so that the texts held
    until all are summarised stay small: a 5 MB text may be a million paragraphs."""
    from newsbrief.packed import PackedPairs

    if article.detection is not None and article.detection.paragraphs:
        article.detection = replace(article.detection, paragraphs=[])  # gone before packing
    tr = article.translation
    if tr is not None and not isinstance(tr.sentences, PackedPairs):
        article.translation = replace(tr, sentences=PackedPairs(tr.sentences))
    return article


def run_compare(
    settings: RunSettings,
    *,
    stdin: IO[bytes] | None = None,
    stdout: IO[str] | None = None,
    reporter: Reporter | None = None,
    engine_factory: Callable[[], SentenceTranslator] | None = None,
) -> int:
    """compare: summarise every input, group their key points, render the comparison."""
    from newsbrief.grouping import CompareError, compare
    from newsbrief.grouping.evidence import with_outlet_evidence

    env = Environment(stdin=stdin, stdout=stdout)
    reporter = reporter or env.reporter(settings.quiet)
    articles: list[Article] = []
    settings = replace(settings, options=replace(settings.options, packed_pairs=True))
    for item in _results("summarize", settings, stdin, reporter, engine_factory):
        if isinstance(item, DocumentError):
            reporter.failure(with_model_hint(item, settings))
        else:
            for warning in item.warnings:
                reporter.warn(warning)
            articles.append(_for_comparing(item))
        del item  # not the unpacked article while the next one is made
    try:
        comparison = compare(with_outlet_evidence(articles, settings.options))
    except CompareError as exc:
        print(f"newsbrief: error: {exc}", file=reporter.stream)
        return ExitStatus.FAILED
    for note in comparison.notes:
        reporter.warn(note)
    view = View(width=env.width, color=settings.output is None and env.color)
    text = RENDERERS[settings.fmt].render_comparison(comparison, view)
    _write_whole(Sink(settings.output, env.out), text)
    return ExitStatus.FAILED if reporter.failures else ExitStatus.OK
