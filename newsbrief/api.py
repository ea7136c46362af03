"""The Python API: the same records the CLI renders, from text or `Document`s.

    >>> import newsbrief
    >>> article = newsbrief.summarize("The council met on Monday. It approved the plan.", count=1)
    >>> [p.text for p in article.summary.key_points]
    ['The council met on Monday.']

A `str` is text, a path (`pathlib.Path`) is read as the CLI reads a named file, folder or .jsonl
file. One text (or one `Document`, or a path to one article) in gives one `Article` out, and a
document that cannot be processed raises `DocumentFailed` carrying the same `DocumentError` the
CLI prints. A list in gives a list
out, in input order, where a failed document is its `DocumentError` (failures are data, as in a
batch). Translation needs an engine; `open_engine()` builds one that loads each model once and can
be passed to many calls. Without `engine=`, a call opens one for itself on first need, so English
text never loads a model.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import overload

from newsbrief.console import apply_thread_settings
from newsbrief.pipeline import process
from newsbrief.reading import JSONL_SUFFIXES, read_inputs, read_text
from newsbrief.records import Article, Comparison, Document, DocumentError
from newsbrief.settings import COMPARE_COUNT, Options
from translator.engine.factory import EngineSettings, SentenceTranslator, lazy_engine

__all__ = [
    "DocumentFailed",
    "Engine",
    "compare",
    "detect",
    "open_engine",
    "summarize",
    "translate",
]

# A path (`pathlib.Path`, any os.PathLike) is read as the CLI reads a named INPUT: a file of
# one article, a folder of them, or a .jsonl file of records. A str is always the text itself.
Source = str | Document | os.PathLike


class DocumentFailed(Exception):
    """Raised when the one document given cannot be processed; `.error` says why."""

    def __init__(self, error: DocumentError):
        super().__init__(error.message)
        self.error = error


class Engine:
    """A translation engine opened once and shared across calls (models load on first use)."""

    def __init__(self, settings: EngineSettings):
        self.settings = settings
        self._factory = lazy_engine(settings)

    def __call__(self) -> SentenceTranslator:
        return self._factory()


def open_engine(
    models_dir: str | None = None,
    *,
    beam_size: int = 4,
    fast: bool = False,
    device: str = "auto",
    cache: bool = True,
) -> Engine:
    """An engine with the CLI's defaults (`--models-dir`, `--beam`, `--fast`, `--device`)."""
    return Engine(
        EngineSettings(
            models_dir=models_dir, beam_size=beam_size, fast=fast, device=device, cache=cache
        )
    )


def _documents(items: Iterable[Source]) -> list[Document | DocumentError]:
    """Texts and `Document`s read as the CLI reads standard input and jsonl records: HTML
    extracted, quotes and spaces normalised (one normalisation for the API and the CLI)."""
    docs: list[Document | DocumentError] = []
    for n, item in enumerate(items):
        if isinstance(item, Document):
            read = read_text(item.id, item.text)
            if isinstance(read, DocumentError):
                read.path, read.extra = item.path, item.extra
            else:
                read = replace(item, text=read.text)
            docs.append(read)
        elif isinstance(item, str):
            docs.append(read_text(str(n), item))
        elif isinstance(item, os.PathLike):
            docs.extend(read_inputs([os.fspath(item)]))
        else:
            raise TypeError(
                f"expected text, a path or a newsbrief Document, not {type(item).__name__}"
            )
    return docs


def _many(path: os.PathLike) -> bool:
    """Whether a path names several documents (a folder, a .jsonl file): then a list comes back."""
    name = os.fspath(path)
    return os.path.isdir(name) or str(name).lower().endswith(JSONL_SUFFIXES)


def _run(
    stage: str, sources: Source | Sequence[Source], options: Options, engine: Engine | None
) -> Article | list[Article | DocumentError]:
    apply_thread_settings()  # before the first numpy or CTranslate2 import, as `main()` does
    one = isinstance(sources, str | Document | os.PathLike)  # one source, maybe many documents
    single = one and not (isinstance(sources, os.PathLike) and _many(sources))
    docs = _documents([sources] if one else sources)
    if single and isinstance(sources, str):
        docs[0].id = "-"
    factory: Callable[[], SentenceTranslator] = engine or open_engine()
    results = list(process(docs, stage, options, factory))
    if not single:
        return results
    (result,) = results
    if isinstance(result, DocumentError):
        raise DocumentFailed(result)
    return result


@overload
def detect(sources: Source, *, from_lang: str = "auto") -> Article: ...
@overload
def detect(
    sources: Sequence[Source], *, from_lang: str = "auto"
) -> list[Article | DocumentError]: ...
def detect(sources, *, from_lang="auto"):
    """Language of each document and of each paragraph (`Article.detection`); never translates."""
    return _run("detect", sources, Options(from_lang=from_lang), None)


def translate(sources, *, from_lang: str = "auto", engine: Engine | None = None):
    """English text, sentence by sentence beside its original (`Article.translation`)."""
    return _run("translate", sources, Options(from_lang=from_lang), engine)


def summarize(
    sources,
    *,
    count: int | None = None,
    ratio: float | None = None,
    algorithm: str = "default",
    from_lang: str = "auto",
    engine: Engine | None = None,
):
    """Key points (`Article.summary`), as `newsbrief summarize -n COUNT --algorithm NAME`.

    `count` (default 5) and `ratio` (a share of the sentences) exclude each other, as on the CLI.
    """
    if count is not None and ratio is not None:
        raise ValueError("give count or ratio, not both")
    if ratio is None and count is None:
        count = 5
    options = Options(from_lang=from_lang, count=count, ratio=ratio, algorithm=algorithm)
    return _run("summarize", sources, options, engine)


def compare(
    sources: Sequence[Source],
    *,
    count: int | None = COMPARE_COUNT,
    algorithm: str = "default",
    from_lang: str = "auto",
    engine: Engine | None = None,
) -> Comparison:
    """Several accounts of one story grouped point by point, as `newsbrief compare`.

    Raises `DocumentFailed` for the first document that cannot be summarised: a comparison that
    silently left out an outlet would mislead.
    """
    from newsbrief.grouping import compare as group
    from newsbrief.grouping.evidence import with_outlet_evidence

    results = summarize(
        list(sources), count=count, algorithm=algorithm, from_lang=from_lang, engine=engine
    )
    for item in results:
        if isinstance(item, DocumentError):
            raise DocumentFailed(item)
    return group(with_outlet_evidence(results, Options(from_lang=from_lang, algorithm=algorithm)))
