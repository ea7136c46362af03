"""JSON records (the contract's "Record fields") and the `--format json` documents.

Records are plain dicts so the jsonl writer, the json writer and tests share one definition.
`--format json` is always one JSON document: an array of records for detect/translate/summarize
(even for a single input, so a script never has to check whether it got an object or a list),
and a single object for compare (one comparison per run).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from newsbrief.records import Article, Comparison, DocumentError

COMMANDS = ("detect", "translate", "summarize")


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


def to_record(command: str, article: Article) -> dict[str, Any]:
    """The contract record of `article` for `command` (detect, translate or summarize)."""
    if command == "detect":
        det = article.detection
        if det is None:
            raise ValueError(f"{article.id}: no language detection to report")
        record: dict[str, Any] = {
            "id": article.id,
            "language": det.language,
            "confidence": _number(det.confidence),
            "paragraphs": [
                {"index": p.index, "language": p.language, "confidence": _number(p.confidence)}
                for p in det.paragraphs
            ],
        }
    elif command == "translate":
        tr = article.translation
        if tr is None:
            raise ValueError(f"{article.id}: no translation to report")
        record = {
            "id": article.id,
            "language": article.language,
            "text_language": article.text_language,
            "text": tr.text,
            "sentences": [
                _kept(s, {"source": s.source, "text": s.text}) for s in tr.sentences
            ],
        }
    elif command == "summarize":
        summary = article.summary
        if summary is None:
            raise ValueError(f"{article.id}: no summary to report")
        record = {
            "id": article.id,
            "language": article.language,
            "text_language": article.text_language,
            "algorithm": summary.algorithm,
            "key_points": [
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
            ],
        }
    else:
        raise ValueError(f"unknown command {command!r}; expected one of {', '.join(COMMANDS)}")
    return _with_extra(record, article.extra)


def error_record(err: DocumentError) -> dict[str, Any]:
    """The record written in place of a document that failed: its id and what went wrong."""
    return _with_extra({"id": err.id, "error": err.message}, err.extra)


def comparison_record(cmp: Comparison) -> dict[str, Any]:
    """The contract's compare record: sources, then points with one member per source.

    A source's `label` is what the other formats call it (its jsonl `outlet`, else its shortest
    distinct file name); `title` its headline, or null. A member's `key_point` is false when it
    is not among its source's own key points: a sentence of that source's text that states the
    point (the source reports it, ranked lower). A member whose text was kept as written for
    want of a model says `"translated": false` and its language, as a key point does.
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
                ]
            }
            for point in cmp.points
        ],
    }


def dumps(value: Any) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2) plus a newline, joined a batch of pieces
    at a time: the indenting encoder yields about ten small strings per sentence record, and
    json.dumps holds all of them in one list first (half a gigabyte for a million sentences)."""
    # ensure_ascii=False: Cyrillic stays readable; the writer encodes UTF-8.
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    batches: list[str] = []
    batch: list[str] = []
    for piece in encoder.iterencode(value):
        batch.append(piece)
        if len(batch) >= 65536:
            batches.append("".join(batch))
            batch.clear()
    batches.append("".join(batch))
    batches.append("\n")
    return "".join(batches)


def render_articles(command: str, articles: Sequence[Article]) -> str:
    return dumps([to_record(command, a) for a in articles])


def render_comparison(cmp: Comparison) -> str:
    return dumps(comparison_record(cmp))
