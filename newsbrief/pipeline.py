"""The one-way flow every command shares: detect → split → translate → summarise.

Documents are processed in chunks so that every sentence needing a given model, across all the
documents of a chunk, reaches the translation engine in one call (the engine sorts and batches
them), while memory stays bounded and output can start before the whole input is read.

A missing model fails an article only when most of its text needs it; what it costs otherwise
is decided in newsbrief/missing_models.py.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import pairwise

from newsbrief import key_points
from newsbrief.missing_models import settle_failures
from newsbrief.overlap import ahead
from newsbrief.packed import PackedPairs, PairView, Paragraphs, Work, fail
from newsbrief.records import (
    Article,
    Detection,
    Document,
    DocumentError,
    ParagraphLanguages,
    SentencePair,
    Translation,
    iter_paragraphs,
)
from newsbrief.settings import Options
from translator.engine.factory import SentenceTranslator
from translator.languages import TRANSLATABLE, language_name

STAGES = ("detect", "translate", "summarize")
# List markup at the start of a paragraph ("• Россия передала…"): not part of the sentence, so
# it is neither translated nor shown in a key point, but it is put back in the translated text.
_LIST_MARKER = re.compile(r"^[•◦▪▫●‣∙·]\s*")
# Lines whose sentences _route remembers, so that a line met again is split once (bounded; the
# answer never depends on what is remembered).
_SPLIT_MEMO_SIZE = 4096


class PipelineError(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


# ---------------------------------------------------------------- detect


def detect(doc: Document, from_lang: str = "auto") -> Detection:
    """Language of the document and of each paragraph; `from_lang` forces non-English ones."""
    return _detect_texts([p for _, p in iter_paragraphs(doc.text)], from_lang)


def _detect_texts(texts: list[str], from_lang: str = "auto") -> Detection:
    """`detect` of a document whose paragraphs are `texts`."""
    from translator import langid

    detection = langid.detect_paragraphs(texts)
    if from_lang in ("auto", None):
        return detection
    forced = ParagraphLanguages()
    for par in detection.paragraphs:
        # A forced source language applies to everything that is not clearly English: a Latin
        # byline in a Russian article stays as written.
        lang = par.language if par.language == "en" else from_lang
        forced.append(lang, 1.0 if lang == from_lang else par.confidence)
    doc_lang = from_lang if from_lang in forced.languages or not forced else "en"
    return Detection(language=doc_lang, confidence=1.0, paragraphs=forced)


def _route(doc: Document, from_lang: str, stage: str = "translate") -> Work:
    """Detect; then, unless only detecting, refuse what no model can translate and split each
    paragraph into sentences.

    `detect` only reports: Belarusian or German is an answer there, not an error.
    """
    from summarizer.boilerplate import is_boilerplate
    from summarizer.splitting import split_sentences
    from translator import langid

    if doc.sentences is not None:
        # Already translated upstream: the language is that of the originals.
        originals = Document(id=doc.id, text="\n".join(p.source for p in doc.sentences))
        work = Work(doc=doc, detection=detect(originals, from_lang), pairs=list(doc.sentences))
        return work
    line_nos = array("q")
    texts: list[str] = []
    for line_no, text in iter_paragraphs(doc.text):
        line_nos.append(line_no)
        texts.append(text)
    detection = _detect_texts(texts, from_lang)
    work = Work(doc=doc, detection=detection)
    if not doc.text.strip():
        work.error = fail(doc, "empty", f"{doc.id}: the document has no text")
        return work
    if stage == "detect":
        return work
    lang = detection.language
    if lang not in langid.SUPPORTED:
        name = language_name(lang) if lang != "und" else "an undetermined language"
        work.error = fail(
            doc,
            "language",
            f"{doc.id}: the text is in {name}, which newsbrief does not translate "
            "(it translates Russian and Ukrainian); if it really is one of those, "
            "force the model with --from ru or --from uk",
        )
        return work
    found = detection.paragraphs
    if isinstance(found, ParagraphLanguages):
        found_langs = found.languages
    else:  # records from elsewhere, each naming its paragraph
        by_index = {p.index: p.language for p in found}
        found_langs = [by_index.get(i, lang) for i in range(len(texts))]
    # A line met again is split and judged once (bounded memo); its sentences are shared strings.
    memo: dict[tuple[str, str], tuple[list[str], int, bool]] = {}
    for index, text in enumerate(texts):
        line_no = line_nos[index]
        plang = found_langs[index] if index < len(found_langs) else lang
        if plang not in langid.SUPPORTED:
            # A paragraph in another language inside a supported document (a quote, a name
            # list) is kept as written rather than fed to the wrong model.
            if plang != "und":
                work.untranslated[index] = plang
            plang = "und"
        split_lang = plang if plang != "und" else lang
        marker = _LIST_MARKER.match(text)
        if marker and marker.end() < len(text):
            work.markers[index] = marker.group(0)
            text = text[marker.end() :]
        known = memo.get((split_lang, text))
        if known is None:
            sentences = split_sentences(text, split_lang) or [text]
            if len(memo) >= _SPLIT_MEMO_SIZE:
                memo.clear()
            known = memo[split_lang, text] = (
                sentences,
                sum(ch.isalpha() for ch in text),
                all(is_boilerplate(s) for s in sentences),
            )
        work.paragraphs.append(line_no, plang, known[0])
        work.weights.append(known[1])
        work.boilerplate.append(known[2])
    return work


# ---------------------------------------------------------------- translate


def _needs_model(works: list[Work | DocumentError]) -> bool:
    """Whether some sentence of the chunk is for the engine (see `overlap.ahead`)."""
    return any(
        isinstance(w, Work) and not w.error and w.pairs is None
        and not set(TRANSLATABLE).isdisjoint(w.paragraphs.langs)
        for w in works
    )


def _translate_chunk(works: list[Work], engine_factory: Callable[[], SentenceTranslator]) -> None:
    """Translate every pending sentence of the chunk, one engine call per language."""
    wanted: dict[str, list[str]] = {}
    for work in works:
        if work.error or work.pairs is not None:
            continue
        paragraphs = work.paragraphs
        for index, lang in enumerate(paragraphs.langs):
            if lang in TRANSLATABLE:
                wanted.setdefault(lang, []).extend(paragraphs.sentences_of(index))
    if not wanted:
        _assemble(works, {})
        return
    translated: dict[str, dict[str, str]] = {}
    failures: dict[str, Exception] = {}
    try:
        engine = engine_factory()
    except Exception as exc:  # e.g. an unreadable cache: fails the documents needing a model
        failures = dict.fromkeys(wanted, exc)
        wanted = {}
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
        settle_failures(work, failures)
    _assemble(works, translated)


def _keep_source(works: list[Work]) -> None:
    """--no-translate: every sentence's text is the sentence as written; no engine is built
    (sentences translated upstream, in a `translate --format jsonl` record, go back to their
    originals)."""
    for work in works:
        if not work.error and work.pairs is not None:
            work.pairs = [replace(p, text=p.source) for p in work.pairs]
    _assemble(works, {}, translated_mode=False)


def _assemble(
    works: list[Work], translated: dict[str, dict[str, str]], *, translated_mode: bool = True
) -> None:
    """Pair every sentence with its translation: `_finish` makes the pairs from `work.pending`,
    after the summariser has run on them one at a time (a million-line text's pairs and the
    summariser's arrays are never held at once)."""
    for work in works:
        if work.error or work.pairs is not None:
            continue
        work.pending = PairView(work.paragraphs, work.untranslated, translated, translated_mode)


def _english_text(work: Work) -> str:
    """The English document with the source's layout: each paragraph line replaced in place."""
    if not work.paragraphs:  # pairs came from upstream: one paragraph per original paragraph
        by_par: dict[int, list[str]] = {}
        for pair in work.pairs or []:
            by_par.setdefault(pair.paragraph, []).append(pair.text)
        return "\n".join(" ".join(texts) for _, texts in sorted(by_par.items()))
    pairs = work.pairs or []
    if any(a > b for a, b in pairwise(_columns(pairs)[0])):  # never so today
        by_par = {}
        for pair in pairs:
            by_par.setdefault(pair.paragraph, []).append(pair.text)
        paragraph_texts = [by_par.get(i, []) for i in range(len(work.paragraphs))]
    else:
        paragraph_texts = _grouped_texts(pairs, len(work.paragraphs))
    # Every line that is not a paragraph is blank (paragraphs_of), and blank lines come out
    # empty: so the text is the paragraphs' lines with as many line breaks between them as in
    # the source, built without a list of every line of the source.
    parts: list[str] = []
    breaks: dict[int, str] = {}
    previous = None
    for index, texts in enumerate(paragraph_texts):
        line_no = work.paragraphs.line_nos[index]
        if previous is not None:
            gap = line_no - previous
            parts.append(breaks.get(gap) or breaks.setdefault(gap, "\n" * gap))
        previous = line_no
        parts.append((work.markers.get(index, "") + " ".join(texts)).rstrip())
    return "".join(parts).strip("\n")


def _columns(pairs: Sequence[SentencePair]) -> tuple[Iterable[int], Iterable[str]]:
    """The pairs' paragraph numbers and texts, read from packed columns where they are (no
    SentencePair is made for each)."""
    if isinstance(pairs, PackedPairs):
        return pairs.paragraphs, pairs.texts
    return (p.paragraph for p in pairs), (p.text for p in pairs)


def _grouped_texts(pairs: Sequence[SentencePair], count: int) -> Iterator[list[str]]:
    """The texts of `pairs` (in paragraph order) for paragraphs 0 … count-1, one list each."""
    items = zip(*_columns(pairs), strict=True)
    pending = next(items, None)
    for index in range(count):
        texts = []
        while pending is not None and pending[0] == index:
            texts.append(pending[1])
            pending = next(items, None)
        yield texts


# ---------------------------------------------------------------- summarise


def _summarize_first(works: list[Work], options: Options) -> None:
    """--translate-only key-points: choose key points in the source language, keep only those
    sentences (and the headline) for translation."""
    for work in works:
        if work.error or work.pairs is not None:
            continue
        flat = work.paragraphs.sentences
        title = key_points.title_of(work)
        try:
            picks = key_points.pick(flat, work.detection.language, options, title)
        except ValueError as exc:
            work.error = fail(work.doc, "empty", f"{work.doc.id}: {exc}")
            continue
        except Exception as exc:  # never let one document stop the run
            work.error = _unexpected(work.doc, exc)
            continue
        keep = {p.position for p in picks} | ({0} if title is not None else set())
        kept_pars = Paragraphs()
        counter = 0
        for line_no, lang, sents in work.paragraphs:
            chosen = [s for k, s in enumerate(sents) if counter + k in keep]
            counter += len(sents)
            kept_pars.append(line_no, lang, chosen)
        work.paragraphs = kept_pars


# ---------------------------------------------------------------- driver


def _unexpected(doc: Document, exc: Exception) -> DocumentError:
    """A bug met while processing one document: a one-line error for it alone."""
    return fail(doc, "error", f"{doc.id}: unexpected error: {one_line(exc)}")


def one_line(exc: BaseException) -> str:
    """`Type: message` on one line, however many lines the message has."""
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"


def _guarded(docs: Iterable[Document | DocumentError]) -> Iterator[Document | DocumentError]:
    """The documents, until reading them raises: then one error record ends the input, so what
    was read before is still processed and written."""
    iterator = iter(docs)
    while True:
        try:
            doc = next(iterator)
        except StopIteration:
            return
        except Exception as exc:
            yield DocumentError(
                id="-",
                message=f"reading stopped: unexpected error: {one_line(exc)}",
                kind="error",
            )
            return
        yield doc


def _chunks(docs: Iterable[Document | DocumentError], options: Options) -> Iterator[list]:
    chunk: list[Document | DocumentError] = []
    size = 0
    for doc in _guarded(docs):
        chunk.append(doc)
        if isinstance(doc, Document):
            size += doc.text.count(".") + doc.text.count("\n") + 1
        if len(chunk) >= options.chunk_documents or size >= options.chunk_sentences:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _routed(
    docs: Iterable[Document | DocumentError], stage: str, options: Options
) -> Iterator[list[Work | DocumentError]]:
    """The documents read, detected and split, a chunk at a time (the CPU stages before the
    model)."""
    for chunk in _chunks(docs, options):
        works: list[Work | DocumentError] = []
        for doc in chunk:
            if isinstance(doc, DocumentError):
                works.append(doc)
                continue
            try:
                works.append(_route(doc, options.from_lang, stage))
            except Exception as exc:  # never let one document stop the run
                works.append(_unexpected(doc, exc))
        yield works


def process(
    docs: Iterable[Document | DocumentError],
    stage: str,
    options: Options,
    engine_factory: Callable[[], SentenceTranslator] | None = None,
) -> Iterator[Article | DocumentError]:
    """Run `stage` ("detect", "translate" or "summarize") over documents, in input order.

    `engine_factory` is called only when some sentence really needs a model, so English-only
    runs never load one (and never with `options.translate` False). An exception met while
    processing one document becomes that document's error; the others go on.
    """
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    if stage != "detect" and options.translate and engine_factory is None:
        raise ValueError("translation needs an engine factory")
    overlap = options.overlap and stage != "detect" and options.translate
    for works in ahead(_routed(docs, stage, options), overlap, _needs_model):
        live = [w for w in works if isinstance(w, Work)]
        if stage != "detect":
            if not options.translate:
                _keep_source(live)
            else:
                if stage == "summarize" and options.translate_only == "key-points":
                    _summarize_first(live, options)
                try:
                    _translate_chunk(live, engine_factory)  # type: ignore[arg-type]
                except Exception as exc:  # a bug here must not take other chunks down
                    for work in live:
                        if not work.error:
                            work.error = _unexpected(work.doc, exc)
        for item in works:
            if isinstance(item, DocumentError):
                yield item
                continue
            try:
                yield _finish(item, stage, options)
            except Exception as exc:  # never let one document stop the run
                yield _unexpected(item.doc, exc)


def _finish(work: Work, stage: str, options: Options) -> Article | DocumentError:
    if work.error:
        return work.error
    doc = work.doc
    article = Article(
        id=doc.id,
        language=work.detection.language,
        detection=work.detection,
        extra=doc.extra,
        path=doc.path,
        text_language="en" if options.translate else work.detection.language,
        warnings=list(work.warnings),
    )
    if stage == "detect":
        return article
    title = key_points.title_of(work)
    work.has_title = title is not None
    if stage == "summarize":
        # Before the pairs are made (see _assemble): the summariser reads them one at a time.
        try:
            article.summary = key_points.summarize_work(work, options)
        except ValueError as exc:
            return fail(doc, "empty", f"{doc.id}: {exc}")
    if work.pending is not None:
        # compare packs them at once: a million SentencePair objects are never alive together.
        pack = PackedPairs if options.packed_pairs else list
        work.pairs, work.pending = pack(work.pending), None
    article.translation = Translation(
        language=work.detection.language, text=_english_text(work), sentences=work.pairs or []
    )
    if title is not None and work.pairs:
        article.title = work.pairs[0].text
    else:
        # A headline after page furniture ("Support The Moscow Times!"): the one `batch` and
        # `compare` show (titles.display_title), so the API's Article names it too.
        from newsbrief.titles import display_title

        article.title = display_title(article)
    # The article owns the pairs and the detection now: the chunk's Work must not keep them (nor
    # the paragraphs) alive while the next chunk is read and summarised.
    work.paragraphs, work.pairs = Paragraphs(), None
    work.detection = replace(work.detection, paragraphs=[])
    return article
