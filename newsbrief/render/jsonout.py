"""JSON records (the contract's "Record fields") and the `--format json` documents.

Records are plain dicts so the jsonl writer, the json writer and tests share one definition.
`--format json` is always one JSON document: an array of records for detect/translate/summarize
(even for a single input, so a script never has to check whether it got an object or a list),
and a single object for compare (one comparison per run).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from json.encoder import encode_basestring as _encode_string
from typing import Any

from newsbrief.records import Article, Comparison, DocumentError


def _number(value: float) -> float:
    # Four decimals are plenty for a confidence or a score and keep records diff-friendly.
    return round(float(value), 4)


def _with_extra(record: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Record keys first, then the input's own keys; the record wins a clash."""
    return {**record, **{k: v for k, v in extra.items() if k not in record}}


def _kept(item: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """`fields`, plus `"translated": false` and the sentence's language when its text was left as
    written for want of a model (the key is absent for every sentence whose text is translated
    or was already in the record's `text_language`)."""
    if not item.translated:
        fields["translated"] = False
        fields["language"] = item.language
    return fields


class Items:
    """A list field of a record, made item by item when it is written.

    A 5 MB text of one-word lines has a million paragraphs and sentences: as dicts held all at
    once their records took more memory than the articles themselves. The streaming writer
    (`write_json`) walks an `Items` like a list without keeping it; `to_record` turns it into a
    real list for callers that want the record as data.
    """

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[], Iterable[Any]]):
        self._make = make

    def __iter__(self) -> Iterator[Any]:
        return iter(self._make())


def detect_fields(article: Article) -> dict[str, Any]:
    """detect's record of `article`, its paragraph list as `Items` (made when written).

    Everything that can fail for a whole article (a missing stage result) fails here, before
    any of it is written; so for the other two.
    """
    det = article.detection
    if det is None:
        raise ValueError(f"{article.id}: no language detection to report")
    record: dict[str, Any] = {
        "id": article.id,
        "language": det.language,
        "confidence": _number(det.confidence),
        "paragraphs": Items(
            lambda: (
                {
                    "index": p.index,
                    "language": p.language,
                    "confidence": _number(p.confidence),
                }
                for p in det.paragraphs
            )
        ),
    }
    return _with_extra(record, article.extra)


def _head(article: Article) -> dict[str, Any]:
    """The fields translate's and summarize's records open with."""
    return {"id": article.id, "language": article.language, "text_language": article.text_language}


def translate_fields(article: Article) -> dict[str, Any]:
    """translate's record of `article`: its English text and sentence pairs."""
    tr = article.translation
    if tr is None:
        raise ValueError(f"{article.id}: no translation to report")
    record = {
        **_head(article),
        "text": tr.text,
        "sentences": Items(
            lambda: (
                _kept(s, {"source": s.source, "text": s.text, "paragraph": s.paragraph})
                for s in tr.sentences
            )
        ),
    }
    return _with_extra(record, article.extra)


def summarize_fields(article: Article) -> dict[str, Any]:
    """summarize's record of `article`: its key points in document order."""
    summary = article.summary
    if summary is None:
        raise ValueError(f"{article.id}: no summary to report")
    record = {
        **_head(article),
        "algorithm": summary.algorithm,
        "key_points": Items(
            lambda: (
                _kept(
                    kp,
                    {
                        "rank": kp.rank,
                        "position": kp.position,
                        "score": _number(kp.score),
                        "text": kp.text,
                        "original": kp.original,
                    },
                )
                for kp in sorted(summary.key_points, key=lambda kp: kp.position)
            )
        ),
    }
    return _with_extra(record, article.extra)


Fields = Callable[[Article], dict[str, Any]]
# Each document command's record maker (`render.DOCUMENT_COMMANDS` in the same order).
FIELDS: dict[str, Fields] = {
    "detect": detect_fields,
    "translate": translate_fields,
    "summarize": summarize_fields,
}


def _fields_of(command: str) -> Fields:
    try:
        return FIELDS[command]
    except KeyError:
        raise ValueError(
            f"unknown command {command!r}; expected one of {', '.join(FIELDS)}"
        ) from None


def to_record(command: str, article: Article) -> dict[str, Any]:
    """The contract record of `article` for `command` (detect, translate or summarize)."""
    return {
        key: list(value) if isinstance(value, Items) else value
        for key, value in _fields_of(command)(article).items()
    }


def error_record(err: DocumentError) -> dict[str, Any]:
    """The record written in place of a document that failed: its id and what went wrong."""
    return _with_extra({"id": err.id, "error": err.message}, err.extra)


def comparison_record(cmp: Comparison) -> dict[str, Any]:
    """The contract's compare record: sources, then points with one member per source.

    A source's `label` is what the other formats call it (its jsonl `outlet`, else its shortest
    distinct file name); `title` its headline, or null. A member's `key_point` is false when it
    is not among its source's own key points: a sentence of that source's text that states the
    point (the source reports it, ranked lower). A member whose text was kept as written for
    want of a model says `"translated": false` and its language, as a key point does. A point
    whose members give different figures for one thing adds `differs`: [{source, figure}].
    """
    return {
        "sources": [
            {
                "id": s.id,
                "language": s.language,
                "text_language": s.text_language,
                "label": s.label or s.id,
                "title": s.title,
            }
            for s in cmp.sources
        ],
        "points": [
            {
                "members": [
                    _kept(
                        m,
                        {
                            "source": m.source,
                            "position": m.position,
                            "text": m.text,
                            "original": m.original,
                            "key_point": m.key_point,
                        },
                    )
                    for m in point.members
                ],
                **(
                    {"differs": [{"source": d.source, "figure": d.figure} for d in point.differs]}
                    if point.differs
                    else {}
                ),
            }
            for point in cmp.points
        ],
    }


# What one write to the sink carries at most, unless a single string value is longer.
CHUNK_CHARS = 1 << 16


def _float(value: float) -> str:
    # As json writes floats (allow_nan: NaN and infinities as JavaScript spells them).
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


_INFINITY = float("inf")


def _scalar(value: Any) -> str | None:
    """The JSON text of a string, number, boolean or null (as json.dumps writes it); None for
    anything else."""
    if isinstance(value, str):
        return _encode_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return None


def _key(key: Any) -> str:
    """A dict key as json writes it: keys are strings, and a few scalars are turned into one."""
    if isinstance(key, str):
        return _encode_string(key)
    if isinstance(key, float):
        return _encode_string(_float(key))
    if key is True or key is False or key is None:
        return _encode_string(_scalar(key) or "")
    if isinstance(key, int):
        return _encode_string(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _pieces(value: Any, indent: int | None, level: int) -> Iterator[str]:
    """The text of json.dumps(value, ensure_ascii=False, indent=indent), in pieces, with the
    nesting `level` it is written at; an `Items` is written as a list, one item at a time."""
    text = _scalar(value)
    if text is not None:
        yield text
        return
    if indent is None:
        open_sep, item_sep, close_sep = "", ", ", ""
    else:
        open_sep = "\n" + " " * (indent * (level + 1))
        item_sep = "," + open_sep
        close_sep = "\n" + " " * (indent * level)
    if isinstance(value, dict):
        if not value:
            yield "{}"
            return
        flat = [_scalar(v) for v in value.values()]
        if None not in flat:  # a flat record (most sentences, paragraphs): one piece
            pairs = [f"{_key(k)}: {v}" for k, v in zip(value, flat, strict=True)]
            yield "{" + open_sep + item_sep.join(pairs) + close_sep + "}"
            return
        sep = "{" + open_sep
        for k, v in value.items():
            yield sep + _key(k) + ": "
            sep = item_sep
            yield from _pieces(v, indent, level + 1)
        yield close_sep + "}"
        return
    if isinstance(value, (list, tuple, Items)):
        sep = "[" + open_sep
        for item in value:
            yield sep
            sep = item_sep
            yield from _pieces(item, indent, level + 1)
        yield "[]" if sep.startswith("[") else close_sep + "]"
        return
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def write_json(
    value: Any, write: Callable[[str], object], *, indent: int | None = 2, level: int = 0
) -> None:
    """Write json.dumps(value, ensure_ascii=False, indent=indent) to `write` a chunk at a time.

    No write is much longer than CHUNK_CHARS (one long string value is written whole), so the
    document never exists as one string: `--format json` of a million sentences no longer holds
    its records, the encoder's pieces and the text all at once. `level` is the nesting depth the
    value sits at (its lines are indented as they would be there).
    """
    batch: list[str] = []
    size = 0
    for piece in _pieces(value, indent, level):
        batch.append(piece)
        size += len(piece)
        if size >= CHUNK_CHARS:
            write("".join(batch))
            batch.clear()
            size = 0
    if batch:
        write("".join(batch))


def dumps(value: Any) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2) plus a newline (`Items` as lists)."""
    # ensure_ascii=False: Cyrillic stays readable; the writer encodes UTF-8.
    parts: list[str] = []
    write_json(value, parts.append)
    parts.append("\n")
    return "".join(parts)


def write_articles(
    fields: Fields, articles: Iterable[Article], write: Callable[[str], object]
) -> None:
    """The `--format json` document of `articles` (each made by `fields`), written to `write`
    in chunks (one array)."""
    write_json(Items(lambda: (fields(a) for a in articles)), write)
    write("\n")


def write_record(fields: Fields, article: Article, write: Callable[[str], object]) -> None:
    """The jsonl line of `article` (no newline), in chunks: json.dumps(fields(article),
    ensure_ascii=False), without holding the record's lists."""
    write_json(fields(article), write, indent=None)


def render_articles(fields: Fields, articles: Sequence[Article]) -> str:
    parts: list[str] = []
    write_articles(fields, articles, parts.append)
    return "".join(parts)


def render_comparison(cmp: Comparison) -> str:
    return dumps(comparison_record(cmp))
