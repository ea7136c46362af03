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

from newsbrief.missing_models import settle_failures
from newsbrief.overlap import ahead
from newsbrief.packed import PairView, Paragraphs, SentencesFrom, Work, fail
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
# Key points are ranked among the first this many body sentences. A news article has tens to a
# few hundred; a 5 MB text of one-word lines has a million, and ranking them all held about
# 270 MB of the ranker's arrays at once (memory and time grew with the text, past the 500 MB
# bound). Shorter texts are ranked whole, as before.
MAX_RANKED_SENTENCES = 50_000


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
    forced = []
    for par in detection.paragraphs:
        # A forced source language applies to everything that is not clearly English: a Latin
        # byline in a Russian article stays as written.
        lang = par.language if par.language == "en" else from_lang
        confidence = 1.0 if lang == from_lang else par.confidence
        forced.append(ParagraphLanguage(par.index, lang, confidence))
    doc_lang = from_lang if any(p.language == from_lang for p in forced) or not forced else "en"
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
    if not all(p.index == i for i, p in enumerate(found)):  # never so today; kept correct anyway
        by_index = {p.index: p.language for p in found}
        found = [ParagraphLanguage(i, by_index.get(i, lang), 0.0) for i in range(len(texts))]
    # A line met again is split and judged once (bounded memo); its sentences are shared strings.
    memo: dict[tuple[str, str], tuple[list[str], int, bool]] = {}
    for index, text in enumerate(texts):
        line_no = line_nos[index]
        plang = found[index].language if index < len(found) else lang
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
        work.pending = PairView(
            work.paragraphs, work.detection.paragraphs, work.untranslated, translated,
            translated_mode,
        )


def _english_text(work: Work) -> str:
    """The English document with the source's layout: each paragraph line replaced in place."""
    if not work.paragraphs:  # pairs came from upstream: one paragraph per original paragraph
        by_par: dict[int, list[str]] = {}
        for pair in work.pairs or []:
            by_par.setdefault(pair.paragraph, []).append(pair.text)
        return "\n".join(" ".join(texts) for _, texts in sorted(by_par.items()))
    pairs = work.pairs or []
    if any(a.paragraph > b.paragraph for a, b in pairwise(pairs)):  # never so today
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


def _grouped_texts(pairs: list[SentencePair], count: int) -> Iterator[list[str]]:
    """The texts of `pairs` (in paragraph order) for paragraphs 0 … count-1, one list each."""
    position = 0
    for index in range(count):
        texts = []
        while position < len(pairs) and pairs[position].paragraph == index:
            texts.append(pairs[position].text)
            position += 1
        yield texts


# ---------------------------------------------------------------- summarise


def _title(work: Work) -> str | None:
    """The headline: a first paragraph that looks like one (summarizer.headlines), else None so
    that a text starting with its lead keeps the lead as a candidate key point."""
    from summarizer.headlines import looks_like_headline

    if len(work.paragraphs) < 2:
        return None
    first = work.paragraphs.sentences_of(0)
    if looks_like_headline(first, SentencesFrom(work.paragraphs, 1)):
        return first[0]
    return None


def _pick(
    sentences: list[str],
    language: str,
    options: Options,
    title: str | None,
    has_title: bool | None = None,
    originals: list[str] | None = None,
    paragraphs: Sequence[int] | None = None,
    evidence: Sequence[float] | None = None,
) -> list:
    """Key points among the body sentences.

    A detected headline steers the ranking (the title signal) but is not itself a key point: it
    is shown as the article's title, and as a candidate it would always win, being most like
    itself. `has_title` says there is a headline to skip even when its text cannot steer the
    ranking (a headline left untranslated is not in the ranking's language). `originals` are the
    same sentences on the other side of the translation: a sentence either side calls
    boilerplate (a Russian dateline the model garbles) is left out. `paragraphs`: each
    sentence's paragraph number (subheads and lead paragraphs are told by them). `evidence`: a
    logit per sentence from outside the text (`newsbrief.grouping.evidence`).
    """
    import summarizer

    if has_title is None:
        has_title = title is not None
    offset = 1 if has_title and len(sentences) > 1 else 0
    body = sentences[offset:] if offset else sentences
    if originals is not None and originals is not sentences:
        originals = originals[offset:] if offset else originals
    else:  # the same list (nothing translated): the same body, not a second copy
        originals = body if originals is not None else None
    if paragraphs is not None and offset:
        paragraphs = paragraphs[offset:]
    if evidence is not None and offset:
        evidence = evidence[offset:]
    body, originals, paragraphs = _ranked_part(body, originals, paragraphs)
    if evidence is not None:
        evidence = evidence[: len(body)]
    picks = summarizer.summarize(
        body,
        language=language,
        count=options.count,
        ratio=options.ratio,
        algorithm=options.algorithm,
        title=title,
        originals=originals,
        paragraphs=paragraphs,
        evidence=evidence,
    )
    return [replace(pick, position=pick.position + offset) for pick in picks]


def _ranked_part(
    body: list[str], originals: list[str] | None, paragraphs: Sequence[int] | None
) -> tuple[list[str], list[str] | None, Sequence[int] | None]:
    """The first MAX_RANKED_SENTENCES body sentences (with their originals and paragraph
    numbers): the ones the ranker reads. Positions stay valid: the cut is at the end."""
    if len(body) <= MAX_RANKED_SENTENCES:
        return body, originals, paragraphs
    cut = MAX_RANKED_SENTENCES
    same = originals is body
    body = body[:cut]
    originals = body if same else (originals[:cut] if originals is not None else None)
    return body, originals, paragraphs[:cut] if paragraphs is not None else None


def _paragraph_numbers(work: Work, pairs: Sequence[SentencePair]):
    """Each sentence's paragraph number, as a numpy array (a million sentences: 8 MB)."""
    import numpy as np

    if isinstance(pairs, PairView) and work.paragraphs:
        starts = np.frombuffer(work.paragraphs.starts, dtype=np.int64)
        return np.repeat(np.arange(len(starts) - 1), np.diff(starts))
    return np.fromiter((p.paragraph for p in pairs), dtype=np.int64, count=len(pairs))


def _with_referent(text: str, referent: str | None) -> str:
    """A pronoun-initial key point with the name it refers to: "[Trump] He issued…"."""
    return f"[{referent}] {text}" if referent else text


def _summarize(work: Work, options: Options) -> Summary:
    pairs: Sequence[SentencePair] = (
        work.pairs if work.pairs is not None else (work.pending or [])
    )
    in_source = options.summarize_in == "source" or not options.translate
    # Nothing translated (an English text): both sides are one list, neither held twice nor
    # checked twice for boilerplate (a million lines of "Hi.": 10 MB a list, seconds).
    same = all(p.text is p.source or p.text == p.source for p in pairs)
    if same and isinstance(pairs, PairView):
        sentences = others = pairs.paragraphs.sentences  # the pairs' sources, as they are
    else:
        sentences = [p.source if in_source else p.text for p in pairs]
        others = sentences if same else [p.text if in_source else p.source for p in pairs]
    language = work.detection.language if in_source else "en"
    has_title = work.has_title if work.has_title is not None else _title(work) is not None
    has_title = has_title and bool(pairs)
    title = None
    if has_title and (in_source or pairs[0].translated):
        title = pairs[0].source if in_source else pairs[0].text
    numbers = _paragraph_numbers(work, pairs)
    picks = _pick(sentences, language, options, title, has_title, others, numbers)
    return Summary(algorithm=options.algorithm, key_points=_key_points(pairs, picks))


def _key_points(pairs: Sequence[SentencePair], picks: list) -> list[KeyPoint]:
    return [
        KeyPoint(
            rank=pick.rank,
            position=pick.position,
            score=float(pick.score),
            # A referent comes only from English ranking: it goes with the English text (and
            # with the source when that is the same sentence, so it reads as one).
            text=_with_referent(pairs[pick.position].text, pick.referent),
            original=_with_referent(pairs[pick.position].source, pick.referent)
            if pairs[pick.position].source == pairs[pick.position].text
            else pairs[pick.position].source,
            translated=pairs[pick.position].translated,
            language=pairs[pick.position].language,
        )
        for pick in picks
    ]


def summarize_again(article: Article, options: Options, evidence: Sequence[float]) -> Summary:
    """The article's key points picked again, as `_summarize` picked them, with `evidence` (a
    logit per sentence of its translation) added to the ranking: `compare` re-picks each
    outlet's key points once the other outlets are known. The headline is told again from the
    sentences' own paragraphs (the article keeps no `Work`)."""
    from summarizer.headlines import looks_like_headline

    pairs = article.translation.sentences if article.translation is not None else []
    if not pairs:
        raise ValueError("no sentences to pick from")
    in_source = options.summarize_in == "source" or not options.translate
    sentences = [p.source if in_source else p.text for p in pairs]
    same = all(p.text == p.source for p in pairs)
    others = sentences if same else [p.text if in_source else p.source for p in pairs]
    language = article.language if in_source else "en"
    paragraphs: dict[int, list[str]] = {}
    for pair in pairs:
        paragraphs.setdefault(pair.paragraph, []).append(pair.source)
    ordered = [paragraphs[k] for k in sorted(paragraphs)]
    has_title = len(ordered) >= 2 and looks_like_headline(ordered[0], ordered[1:])
    title = None
    if has_title and (in_source or pairs[0].translated):
        title = pairs[0].source if in_source else pairs[0].text
    numbers = [p.paragraph for p in pairs]
    picks = _pick(sentences, language, options, title, has_title, others, numbers, evidence)
    return Summary(algorithm=options.algorithm, key_points=_key_points(pairs, picks))


def _summarize_first(works: list[Work], options: Options) -> None:
    """--translate-only key-points: choose key points in the source language, keep only those
    sentences (and the headline) for translation."""
    for work in works:
        if work.error or work.pairs is not None:
            continue
        flat = work.paragraphs.sentences
        title = _title(work)
        try:
            picks = _pick(flat, work.detection.language, options, title)
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
    for works in ahead(_routed(docs, stage, options), overlap):
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
    title = _title(work)
    work.has_title = title is not None
    if stage == "summarize":
        # Before the pairs are made (see _assemble): the summariser reads them one at a time.
        try:
            article.summary = _summarize(work, options)
        except ValueError as exc:
            return fail(doc, "empty", f"{doc.id}: {exc}")
    if work.pending is not None:
        work.pairs, work.pending = list(work.pending), None
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
