"""The one-way flow every command shares: detect → split → translate → summarise.

Documents are processed in chunks so that every sentence needing a given model, across all the
documents of a chunk, reaches the translation engine in one call (the engine sorts and batches
them), while memory stays bounded and output can start before the whole input is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Protocol

from newsbrief.records import (
    Article,
    Detection,
    Document,
    DocumentError,
    KeyPoint,
    ParagraphLanguage,
    SentencePair,
    Summary,
    Translation,
    paragraphs_of,
)

STAGES = ("detect", "translate", "summarize")
TRANSLATABLE = ("ru", "uk")
# List markup at the start of a paragraph ("• Россия передала…"): not part of the sentence, so
# it is neither translated nor shown in a key point, but it is put back in the translated text.
_LIST_MARKER = re.compile(r"^[•◦▪▫●‣∙·]\s*")


class SentenceTranslator(Protocol):
    """What the pipeline needs from a translation engine (translator.engine.Engine fits)."""

    def translate(self, lang: str, sentences: list[str]) -> list[str]: ...


@dataclass
class Options:
    from_lang: str = "auto"  # auto | ru | uk | en
    count: int | None = 5
    ratio: float | None = None
    algorithm: str = "default"
    summarize_in: str = "en"  # en | source
    translate_only: str = "all"  # all | key-points
    # Documents handled together; bigger chunks give the engine bigger batches.
    chunk_documents: int = 64
    chunk_sentences: int = 4000


@dataclass
class _Work:
    """A document in flight between stages."""

    doc: Document
    detection: Detection
    # Per paragraph: (line number, language, sentences)
    paragraphs: list[tuple[int, str, list[str]]] = field(default_factory=list)
    pairs: list[SentencePair] | None = None
    error: DocumentError | None = None
    # Paragraph index -> list marker removed before splitting.
    markers: dict[int, str] = field(default_factory=dict)


class PipelineError(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


def _fail(doc: Document, kind: str, message: str) -> DocumentError:
    return DocumentError(id=doc.id, message=message, kind=kind, extra=doc.extra, path=doc.path)


# ---------------------------------------------------------------- detect


def detect(doc: Document, from_lang: str = "auto") -> Detection:
    """Language of the document and of each paragraph; `from_lang` forces non-English ones."""
    from translator import langid

    texts = [p for _, p in paragraphs_of(doc.text)]
    detection = langid.detect_paragraphs(texts)
    if from_lang in ("auto", None):
        return detection
    forced = []
    for par in detection.paragraphs:
        # A forced source language applies to everything that is not clearly English: a Latin
        # byline in a Russian article stays as written.
        lang = par.language if par.language == "en" else from_lang
        confidence = 1.0 if lang == from_lang else par.confidence
        forced.append(ParagraphLanguage(par.index, lang, confidence))
    doc_lang = from_lang if any(p.language == from_lang for p in forced) or not forced else "en"
    return Detection(language=doc_lang, confidence=1.0, paragraphs=forced)


def _route(doc: Document, from_lang: str) -> _Work:
    """Detect, refuse what no model can translate, split each paragraph into sentences."""
    from summarizer.splitting import split_sentences
    from translator import langid

    if doc.sentences is not None:
        # Already translated upstream: the language is that of the originals.
        originals = Document(id=doc.id, text="\n".join(p.source for p in doc.sentences))
        work = _Work(doc=doc, detection=detect(originals, from_lang), pairs=list(doc.sentences))
        return work
    detection = detect(doc, from_lang)
    work = _Work(doc=doc, detection=detection)
    if not doc.text.strip():
        work.error = _fail(doc, "empty", f"{doc.id}: the document has no text")
        return work
    lang = detection.language
    if lang not in langid.SUPPORTED:
        name = langid.language_name(lang) if lang != "und" else "an undetermined language"
        work.error = _fail(
            doc,
            "language",
            f"{doc.id}: the text is in {name}, which newsbrief does not translate "
            "(it translates Russian and Ukrainian); if it really is one of those, "
            "force the model with --from ru or --from uk",
        )
        return work
    by_index = {p.index: p.language for p in detection.paragraphs}
    for index, (line_no, text) in enumerate(paragraphs_of(doc.text)):
        plang = by_index.get(index, lang)
        if plang not in langid.SUPPORTED:
            # A paragraph in another language inside a supported document (a quote, a name
            # list) is kept as written rather than fed to the wrong model.
            plang = "und"
        split_lang = plang if plang != "und" else lang
        marker = _LIST_MARKER.match(text)
        if marker and marker.end() < len(text):
            work.markers[index] = marker.group(0)
            text = text[marker.end() :]
        sentences = split_sentences(text, split_lang) or [text]
        work.paragraphs.append((line_no, plang, sentences))
    return work


# ---------------------------------------------------------------- translate


def _translate_chunk(works: list[_Work], engine_factory: Callable[[], SentenceTranslator]) -> None:
    """Translate every pending sentence of the chunk, one engine call per language."""
    wanted: dict[str, list[str]] = {}
    for work in works:
        if work.error or work.pairs is not None:
            continue
        for _, lang, sentences in work.paragraphs:
            if lang in TRANSLATABLE:
                wanted.setdefault(lang, []).extend(sentences)
    if not wanted:
        _assemble(works, {})
        return
    engine = engine_factory()
    translated: dict[str, dict[str, str]] = {}
    failures: dict[str, Exception] = {}
    for lang, sentences in sorted(wanted.items()):
        unique = list(dict.fromkeys(sentences))
        try:
            outputs = engine.translate(lang, unique)
        except Exception as exc:  # a missing/broken model fails only the documents needing it
            failures[lang] = exc
            continue
        translated[lang] = dict(zip(unique, outputs, strict=True))
    for work in works:
        if work.error or work.pairs is not None:
            continue
        needed = {lang for _, lang, _ in work.paragraphs if lang in TRANSLATABLE}
        broken = sorted(needed & failures.keys())
        if broken:
            exc = failures[broken[0]]
            kind = "model" if type(exc).__name__ == "ModelMissingError" else "translation"
            work.error = _fail(work.doc, kind, f"{work.doc.id}: {exc}")
    _assemble(works, translated)


def _assemble(works: list[_Work], translated: dict[str, dict[str, str]]) -> None:
    for work in works:
        if work.error or work.pairs is not None:
            continue
        pairs = []
        for index, (_, lang, sentences) in enumerate(work.paragraphs):
            table = translated.get(lang, {})
            for sentence in sentences:
                pairs.append(SentencePair(sentence, table.get(sentence, sentence), index, lang))
        work.pairs = pairs


def _english_text(work: _Work) -> str:
    """The English document with the source's layout: each paragraph line replaced in place."""
    if not work.paragraphs:  # pairs came from upstream: one paragraph per original paragraph
        by_par: dict[int, list[str]] = {}
        for pair in work.pairs or []:
            by_par.setdefault(pair.paragraph, []).append(pair.text)
        return "\n".join(" ".join(texts) for _, texts in sorted(by_par.items()))
    lines = work.doc.text.split("\n")
    out = [line if not line.strip() else "" for line in lines]
    by_par = {}
    for pair in work.pairs or []:
        by_par.setdefault(pair.paragraph, []).append(pair.text)
    for index, (line_no, _, _) in enumerate(work.paragraphs):
        out[line_no] = work.markers.get(index, "") + " ".join(by_par.get(index, []))
    return "\n".join(line.rstrip() for line in out).strip("\n")


# ---------------------------------------------------------------- summarise


def _title(work: _Work) -> str | None:
    """The headline: a first paragraph that looks like one (summarizer.headline), else None so
    that a text starting with its lead keeps the lead as a candidate key point."""
    from summarizer.headline import looks_like_headline

    if len(work.paragraphs) < 2:
        return None
    first = work.paragraphs[0][2]
    if looks_like_headline(first, [sentences for _, _, sentences in work.paragraphs[1:]]):
        return first[0]
    return None


def _pick(
    sentences: list[str],
    language: str,
    options: Options,
    title: str | None,
    originals: list[str] | None = None,
) -> list:
    """Key points among the body sentences.

    A detected headline steers the ranking (the title signal) but is not itself a key point: it
    is shown as the article's title, and as a candidate it would always win, being most like
    itself.  `originals` are the same sentences on the other side of the translation: a
    sentence either side calls boilerplate (a Russian dateline the model garbles) is left out.
    """
    import summarizer

    offset = 1 if title is not None and len(sentences) > 1 else 0
    picks = summarizer.summarize(
        sentences[offset:],
        language=language,
        count=options.count,
        ratio=options.ratio,
        algorithm=options.algorithm,
        title=title,
        originals=originals[offset:] if originals is not None else None,
    )
    return [replace(pick, position=pick.position + offset) for pick in picks]


def _summarize(work: _Work, options: Options) -> Summary:
    pairs = work.pairs or []
    in_source = options.summarize_in == "source"
    sentences = [p.source if in_source else p.text for p in pairs]
    others = [p.text if in_source else p.source for p in pairs]
    language = work.detection.language if in_source else "en"
    title = None
    if _title(work) is not None and pairs:
        title = pairs[0].source if in_source else pairs[0].text
    points = [
        KeyPoint(
            rank=pick.rank,
            position=pick.position,
            score=float(pick.score),
            text=pairs[pick.position].text,
            original=pairs[pick.position].source,
        )
        for pick in _pick(sentences, language, options, title, others)
    ]
    return Summary(algorithm=options.algorithm, key_points=points)


def _summarize_first(works: list[_Work], options: Options) -> None:
    """--translate-only key-points: choose key points in the source language, keep only those
    sentences (and the headline) for translation."""
    for work in works:
        if work.error or work.pairs is not None:
            continue
        flat = [s for _, _, sents in work.paragraphs for s in sents]
        title = _title(work)
        try:
            picks = _pick(flat, work.detection.language, options, title)
        except ValueError as exc:
            work.error = _fail(work.doc, "empty", f"{work.doc.id}: {exc}")
            continue
        keep = {p.position for p in picks} | ({0} if title is not None else set())
        kept_pars: list[tuple[int, str, list[str]]] = []
        counter = 0
        for line_no, lang, sents in work.paragraphs:
            chosen = [s for k, s in enumerate(sents) if counter + k in keep]
            counter += len(sents)
            kept_pars.append((line_no, lang, chosen))
        work.paragraphs = kept_pars


# ---------------------------------------------------------------- driver


def _chunks(docs: Iterable[Document | DocumentError], options: Options) -> Iterator[list]:
    chunk: list[Document | DocumentError] = []
    size = 0
    for doc in docs:
        chunk.append(doc)
        if isinstance(doc, Document):
            size += doc.text.count(".") + doc.text.count("\n") + 1
        if len(chunk) >= options.chunk_documents or size >= options.chunk_sentences:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def process(
    docs: Iterable[Document | DocumentError],
    stage: str,
    options: Options,
    engine_factory: Callable[[], SentenceTranslator] | None = None,
) -> Iterator[Article | DocumentError]:
    """Run `stage` ("detect", "translate" or "summarize") over documents, in input order.

    `engine_factory` is called only when some sentence really needs a model, so English-only
    runs never load one.
    """
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    for chunk in _chunks(docs, options):
        works: list[_Work | DocumentError] = []
        for doc in chunk:
            if isinstance(doc, DocumentError):
                works.append(doc)
                continue
            try:
                works.append(_route(doc, options.from_lang))
            except Exception as exc:  # never let one document stop the run
                works.append(_fail(doc, "error", f"{doc.id}: {exc}"))
        live = [w for w in works if isinstance(w, _Work)]
        if stage != "detect":
            if stage == "summarize" and options.translate_only == "key-points":
                _summarize_first(live, options)
            if engine_factory is None:
                raise ValueError("translation needs an engine factory")
            _translate_chunk(live, engine_factory)
        for item in works:
            if isinstance(item, DocumentError):
                yield item
                continue
            yield _finish(item, stage, options)


def _finish(work: _Work, stage: str, options: Options) -> Article | DocumentError:
    if work.error:
        return work.error
    doc = work.doc
    article = Article(
        id=doc.id,
        language=work.detection.language,
        detection=work.detection,
        extra=doc.extra,
        path=doc.path,
    )
    if stage == "detect":
        return article
    article.translation = Translation(
        language=work.detection.language, text=_english_text(work), sentences=work.pairs or []
    )
    title = _title(work)
    if title is not None and work.pairs:
        article.title = work.pairs[0].text
    if stage == "summarize":
        try:
            article.summary = _summarize(work, options)
        except ValueError as exc:
            return _fail(doc, "empty", f"{doc.id}: {exc}")
    return article
