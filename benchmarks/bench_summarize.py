"""Key-point quality of every algorithm on the BBC dev set, and speed on a 2,000-sentence text.

For each article: paragraphs (blank-line separated) are split with newsbrief's splitter, the
record's `title` is passed as the title, and 5 key points are picked.  Scores:
- ROUGE-2 F1 of the key points (joined) against the reference summary sentences (joined),
  benchmarks/rouge.py;
- P@5: share of picked sentences that are reference sentences.  A pick matches a reference
  sentence when their lower-cased alphanumeric tokens are equal, or one contains the other and
  is at least 80% of its length (the references were cut by a cruder splitter that leaves
  quotation marks on the wrong side: `"He said so.` vs `"He said so."`).

Articles are in two halves by a hash of their id: the default's weights were fitted on "tune";
"rest" was not looked at while fitting.  `lead-5` is the first five sentences.
`--fit` refits the default's logistic weights (summarizer.default.WEIGHTS and BIAS) on the tune
half (label: the sentence is a reference sentence; Newton's method, a light L2 penalty) and
prints them instead of the table.
Run: python benchmarks/bench_summarize.py [--limit N] [--no-speed] [--fit]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import zlib
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rouge import rouge_n  # noqa: E402

from summarizer import ALGORITHMS, summarize  # noqa: E402
from summarizer.splitting import split_sentences  # noqa: E402

DATA = REPO / ".." / "shared" / "data"
BBC = DATA / "bbc-news-summary" / "dev.jsonl"
NEWS_DOCS = DATA / "news-docs" / "dev.jsonl"
_TOKENS = re.compile(r"[a-z0-9]+")


def _norm(text: str) -> str:
    return " ".join(_TOKENS.findall(text.lower()))


def is_reference(sentence: str, references: list[str]) -> bool:
    mine = _norm(sentence)
    if not mine:
        return False
    for ref in references:
        if mine == ref:
            return True
        short, long_ = sorted((mine, ref), key=len)
        if short and short in long_ and len(short) >= 0.8 * len(long_):
            return True
    return False


def article_sentences(article: str) -> list[str]:
    paragraphs = [p.strip() for p in article.split("\n") if p.strip()]
    return [s for p in paragraphs for s in split_sentences(p, "en")]


def quality(limit: int | None) -> None:
    records = []
    with BBC.open(encoding="utf-8") as handle:
        for line in handle:
            records.append(json.loads(line))
    if limit:
        records = records[:limit]
    systems = ["lead-5", *ALGORITHMS]
    sums = {name: {half: [0.0, 0.0, 0] for half in ("tune", "rest")} for name in systems}
    took = dict.fromkeys(systems, 0.0)
    for record in records:
        half = "tune" if zlib.crc32(record["id"].encode()) % 2 == 0 else "rest"
        sentences = article_sentences(record["article"])
        references = [_norm(s) for s in record["summary_sents"]]
        reference_text = " ".join(record["summary_sents"])
        for name in systems:
            start = time.perf_counter()
            if name == "lead-5":
                positions = list(range(min(5, len(sentences))))
            else:
                picks = summarize(
                    sentences, language="en", count=5, algorithm=name, title=record["title"]
                )
                positions = [p.position for p in picks]
            took[name] += time.perf_counter() - start
            chosen = [sentences[i] for i in positions]
            row = sums[name][half]
            row[0] += rouge_n(" ".join(chosen), reference_text)
            row[1] += sum(is_reference(s, references) for s in chosen) / max(len(chosen), 1)
            row[2] += 1

    def cell(rows: list[list[float]]) -> str:
        n = sum(r[2] for r in rows)
        return f"{sum(r[0] for r in rows) / n:.3f} / {sum(r[1] for r in rows) / n:.3f}"

    n_tune = sums["lead-5"]["tune"][2]
    print(f"BBC dev, {len(records)} articles, 5 key points: ROUGE-2 F1 / P@5")
    print(f"{'algorithm':<11} {'all':>15} {'tune':>15} {'rest':>15} {'ms/doc':>8}")
    print(f"{'':<11} {len(records):>15} {n_tune:>15} {len(records) - n_tune:>15}")
    for name in systems:
        halves = sums[name]
        print(
            f"{name:<11} {cell([halves['tune'], halves['rest']]):>15} {cell([halves['tune']]):>15}"
            f" {cell([halves['rest']]):>15} {1000 * took[name] / len(records):>8.1f}"
        )


def _halves(records: list[dict]) -> dict[str, list[dict]]:
    halves: dict[str, list[dict]] = {"tune": [], "rest": []}
    for record in records:
        halves["tune" if zlib.crc32(record["id"].encode()) % 2 == 0 else "rest"].append(record)
    return halves


def fit(limit: int | None, penalty: float = 1.0) -> None:
    """Logistic regression of "is a reference sentence" on the default's model inputs."""
    import numpy as np

    from summarizer.default import FEATURES, model_inputs
    from summarizer.features import sentence_terms
    from summarizer.ranking import candidate_sentences

    records = [json.loads(line) for line in BBC.open(encoding="utf-8")][:limit]
    rows, labels = [], []
    for record in _halves(records)["tune"]:
        sentences = article_sentences(record["article"])
        texts = [sentences[i] for i in candidate_sentences(sentences)[1]]
        references = [_norm(s) for s in record["summary_sents"]]
        rows.append(model_inputs(sentence_terms(texts, "en", record["title"]), texts))
        labels += [is_reference(s, references) for s in texts]
    inputs = np.column_stack([np.vstack(rows), np.ones(len(labels))])
    target = np.array(labels, dtype=float)
    weights = np.zeros(inputs.shape[1])
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-inputs @ weights))
        gradient = inputs.T @ (target - p) - penalty * weights
        hessian = (inputs * (p * (1 - p))[:, None]).T @ inputs + penalty * np.eye(len(weights))
        weights += np.linalg.solve(hessian, gradient)
    print(f"fitted on {len(rows)} tune articles, {len(labels)} sentences")
    for name, weight in zip((*FEATURES, "BIAS"), weights, strict=True):
        print(f"{name:<10} {weight:+.2f}")


def long_document(language: str, size: int = 2000) -> list[str]:
    sentences: list[str] = []
    if language == "en":
        with BBC.open(encoding="utf-8") as handle:
            for line in handle:
                sentences += article_sentences(json.loads(line)["article"])
                if len(sentences) >= size:
                    break
    else:
        while len(sentences) < size:
            with NEWS_DOCS.open(encoding="utf-8") as handle:
                for line in handle:
                    doc = json.loads(line)
                    if doc["lang"] == language:
                        sentences += doc["src_sents"]
    return sentences[:size]


def speed() -> None:
    print("\nspeed: one 2,000-sentence document (target < 2 s for default)")
    summarize(["Warm up the imports.", "Second sentence here."], algorithm="lexrank")
    for language in ("en", "ru", "uk"):
        sentences = long_document(language)
        cells = []
        for name in ALGORITHMS:
            start = time.perf_counter()
            summarize(sentences, language=language, count=5, algorithm=name)
            cells.append(f"{name} {time.perf_counter() - start:.2f}s")
        print(f"{language}: " + ", ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--no-speed", action="store_true", help="skip the long-document timing")
    parser.add_argument("--fit", action="store_true", help="refit the default's weights on tune")
    args = parser.parse_args()
    if not BBC.exists():
        print(f"BBC data not found at {BBC}; nothing to measure")
        return
    if args.fit:
        fit(args.limit)
        return
    quality(args.limit)
    if not args.no_speed and NEWS_DOCS.exists():
        speed()


if __name__ == "__main__":
    main()
