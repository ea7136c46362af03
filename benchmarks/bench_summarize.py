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
`--cli` runs only the real `newsbrief summarize` on 5 MB of one-line paragraphs and prints
its peak memory against the 500 MB target and the baseline (also run by `--scale`).
Run: python benchmarks/bench_summarize.py [--limit N] [--no-speed] [--fit] [--scale] [--cli]
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
from summarizer.headlines import looks_like_headline  # noqa: E402
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


def as_pipeline(text: str) -> tuple[list[str], int, str | None]:
    """(sentences, index of the first body sentence, headline or None), as newsbrief splits it."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    split = [split_sentences(p, "en") or [p] for p in paragraphs]
    sentences = [s for sents in split for s in sents]
    if split and looks_like_headline(split[0], split[1:]) and len(sentences) > 1:
        return sentences, 1, split[0][0]
    return sentences, 0, None


def pick(sentences: list[str], offset: int, title: str | None, algorithm: str) -> list[int]:
    """Positions of the 5 key points of the body sentences (`lead-5`: the first five)."""
    if algorithm == "lead-5":
        return list(range(offset, min(offset + 5, len(sentences))))
    picks = summarize(sentences[offset:], language="en", count=5, algorithm=algorithm, title=title)
    return [p.position + offset for p in picks]


def quality(limit: int | None, headline: bool) -> dict[str, tuple[float, float]]:
    """Print the table for one way of presenting the articles; return {system: (R2, P@5)}."""
    records = []
    with BBC.open(encoding="utf-8") as handle:
        for line in handle:
            records.append(json.loads(line))
    if limit:
        records = records[:limit]
    systems = ["lead-5", *ALGORITHMS]
    sums = {name: {half: [0.0, 0.0, 0] for half in ("tune", "rest")} for name in systems}
    took = dict.fromkeys(systems, 0.0)
    headlines = 0
    for record in records:
        half = "tune" if zlib.crc32(record["id"].encode()) % 2 == 0 else "rest"
        text = f"{record['title']}\n\n{record['article']}" if headline else record["article"]
        sentences, offset, title = as_pipeline(text)
        headlines += title is not None
        references = [_norm(s) for s in record["summary_sents"]]
        reference_text = " ".join(record["summary_sents"])
        for name in systems:
            start = time.perf_counter()
            positions = pick(sentences, offset, title, name)
            took[name] += time.perf_counter() - start
            chosen = [sentences[i] for i in positions]
            row = sums[name][half]
            row[0] += rouge_n(" ".join(chosen), reference_text)
            row[1] += sum(is_reference(s, references) for s in chosen) / max(len(chosen), 1)
            row[2] += 1

    def mean(rows: list[list[float]]) -> tuple[float, float]:
        n = sum(r[2] for r in rows)
        return sum(r[0] for r in rows) / n, sum(r[1] for r in rows) / n

    def cell(rows: list[list[float]]) -> str:
        rouge, precision = mean(rows)
        return f"{rouge:.3f} / {precision:.3f}"

    n_tune = sums["lead-5"]["tune"][2]
    way = "with the headline line" if headline else "without a headline line (lead first)"
    print(f"\nBBC dev, {len(records)} articles {way}, 5 key points: ROUGE-2 F1 / P@5")
    print(f"(first paragraph taken as the headline in {headlines} articles)")
    print(f"{'algorithm':<11} {'all':>15} {'tune':>15} {'rest':>15} {'ms/doc':>8}")
    print(f"{'':<11} {len(records):>15} {n_tune:>15} {len(records) - n_tune:>15}")
    for name in systems:
        halves = sums[name]
        print(
            f"{name:<11} {cell([halves['tune'], halves['rest']]):>15} {cell([halves['tune']]):>15}"
            f" {cell([halves['rest']]):>15} {1000 * took[name] / len(records):>8.1f}"
        )
    return {name: mean([sums[name]["tune"], sums[name]["rest"]]) for name in systems}


def compare_ways(with_line: dict, without: dict) -> None:
    """Issue 12's target: without the headline line within 0.01 of with it, above every sumy."""
    rouge_gap = with_line["default"][0] - without["default"][0]
    precision_gap = with_line["default"][1] - without["default"][1]
    print(
        f"\ndefault without the headline line: ROUGE-2 {rouge_gap:.3f} and P@5 "
        f"{precision_gap:.3f} below with it (target: both under 0.010)"
    )
    sumy = [name for name in with_line if name not in ("default", "lead-5")]
    for label, table in (("with", with_line), ("without", without)):
        best = max(sumy, key=lambda name: table[name][0])
        ahead = all(table["default"][k] > table[name][k] for name in sumy for k in (0, 1))
        print(
            f"{label} the line: default {table['default'][0]:.3f} / {table['default'][1]:.3f},"
            f" best sumy ({best}) {table[best][0]:.3f} / {table[best][1]:.3f};"
            f" default above every sumy algorithm on both: {'yes' if ahead else 'NO'}"
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


SCALE_SIZES = (2_000, 20_000, 100_000)
FIVE_MB = 5_000_000


def bbc_sentences() -> list[str]:
    return [
        s
        for line in BBC.open(encoding="utf-8")
        for s in article_sentences(json.loads(line)["article"])
    ]


def scale_input(kind: str) -> list[str]:
    """The sentences of one long text: N distinct ones, "hi", or "5mb" (see the docstring)."""
    if kind == "hi":
        return ["Hi."] * 100_000
    if kind == "5mb":
        import random

        rng = random.Random(0)
        parts: list[str] = []
        size = 0
        articles = [json.loads(line)["article"] for line in BBC.open(encoding="utf-8")]
        while size < FIVE_MB:
            for article in articles:
                paragraphs = [p for p in article.split("\n") if p.strip()]
                if parts:  # after the first pass, the same paragraphs in another order
                    rng.shuffle(paragraphs)
                parts += paragraphs
                size += sum(len(p.encode()) + 2 for p in paragraphs)
                if size >= FIVE_MB:
                    break
        text = "\n\n".join(parts).encode()[:FIVE_MB].decode(errors="ignore")
        return [s for p in text.split("\n") if p.strip() for s in split_sentences(p.strip(), "en")]
    n = int(kind)
    pool = bbc_sentences()
    # Past the first pass each sentence gets a tag, so that all n are distinct texts.
    return [
        pool[k % len(pool)] + (f" ({k // len(pool)})" if k >= len(pool) else "") for k in range(n)
    ]


def _current_rss_mb() -> float | None:
    """Resident memory now (Linux), so that "+MB" is what summarising adds to the input."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def scale_child(kind: str, exact: bool) -> None:
    """In a fresh process: summarise one long text, print a JSON line of time and memory."""
    import resource

    from summarizer import features

    if exact:
        features.EXACT_LIMIT = 10**9
    summarize(["Warm up the imports.", "Second sentence here."])
    sentences = scale_input(kind)
    before = _current_rss_mb() or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    summarize(sentences, language="en", count=5)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"n": len(sentences), "seconds": seconds, "before": before, "peak": peak}))


def _run_child(kind: str, exact: bool = False) -> dict:
    import subprocess

    args = [sys.executable, __file__, "--scale-child", kind] + (["--exact"] if exact else [])
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def scale() -> None:
    print("\nlong texts, default algorithm, each in a fresh process (target: peak ≤ 500 MB;")
    print("time per sentence flat, i.e. linear, past a few thousand sentences)")
    print("(peak MB: the whole process, input included; +MB: peak minus memory before summarising)")
    print(f"{'text':<28} {'sentences':>9} {'seconds':>8} {'µs/sent':>8} {'peak MB':>8} {'+MB':>6}")

    def row(label: str, result: dict) -> float:
        per = 1e6 * result["seconds"] / result["n"]
        print(
            f"{label:<28} {result['n']:>9,} {result['seconds']:>8.2f} {per:>8.1f}"
            f" {result['peak']:>8.0f} {result['peak'] - result['before']:>6.0f}"
        )
        return per

    baseline = _run_child(str(SCALE_SIZES[0]), exact=True)
    base_per = row(f"{SCALE_SIZES[0]:,} (baseline: n×n matrix)", baseline)
    per_sentence = {}
    for n in SCALE_SIZES:
        per_sentence[n] = row(f"{n:,} distinct", _run_child(str(n)))
    row("100,000 × 'Hi.'", _run_child("hi"))
    row("5 MB of varied English", _run_child("5mb"))
    first, last = SCALE_SIZES[0], SCALE_SIZES[-1]
    growth = per_sentence[last] / per_sentence[first]
    print(
        f"time per sentence at {last:,} vs {first:,}: x{growth:.2f}"
        f" (linear: x1, quadratic: x{last / first:.0f}); at {first:,}, x"
        f"{base_per / per_sentence[first]:.2f} faster than the baseline"
    )
    for n in SCALE_SIZES[1:]:
        print(f"baseline at {n:,}: one n×n matrix alone is {n * n * 8 / 2**30:.1f} GiB (not run)")


# The whole `newsbrief summarize` process on 5 MB (NEWSBRIEF_MAX_BYTES' default) of one-line
# paragraphs, the input that took the most memory (issue 14 item 3: target ≤ 500 MB).
CLI_TARGET_MB = 500
# Peak RSS of each case before the per-paragraph records were made compact (commit 99629b1,
# measured 2026-11-25 on the project machine with /usr/bin/time -f %M).
CLI_BASELINE_MB = {"hi-blank": 987, "hi-lines": 1199, "distinct": 419, "varied": 195}


def cli_input(kind: str) -> str:
    """5 MB of one-line paragraphs: "Hi." between blank lines, "Hi." on every line, distinct
    short lines ("Line 7 ends."), or varied English (BBC sentences, one a line, tagged after the
    first pass so that every line differs)."""
    if kind == "hi-blank":
        return "\n\n".join(["Hi."] * 1_000_000)[:FIVE_MB]
    if kind == "hi-lines":
        return "\n".join(["Hi."] * (FIVE_MB // 4))
    lines: list[str] = []
    size = 0
    pool = bbc_sentences() if kind == "varied" else None
    while True:
        k = len(lines)
        if pool is None:
            line = f"Line {k} ends."
        else:
            line = pool[k % len(pool)] + (f" ({k // len(pool)})" if k >= len(pool) else "")
        size += len(line.encode()) + 1
        if size > FIVE_MB:
            return "\n".join(lines)
        lines.append(line)


def _newsbrief() -> list[str]:
    script = Path(sys.executable).parent / "newsbrief"
    return [str(script)] if script.is_file() else [sys.executable, str(REPO / "cli.py")]


def cli_peak(path: Path) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit status) of `newsbrief summarize PATH` in its own process."""
    import subprocess

    start = time.perf_counter()
    proc = subprocess.Popen(
        [*_newsbrief(), "summarize", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    error = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if "internal error" in error or "Traceback" in error:
        print(error.strip().splitlines()[-1])
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def cli() -> None:
    import tempfile

    print("\n`newsbrief summarize` on 5 MB of one-line paragraphs")
    print(f"(target: peak ≤ {CLI_TARGET_MB} MB of the whole process)")
    print(f"{'text':<30} {'lines':>9} {'seconds':>8} {'peak MB':>8} {'target':>7} {'baseline':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for kind, label in (
            ("hi-blank", "'Hi.' between blank lines"),
            ("hi-lines", "'Hi.' on every line"),
            ("distinct", "distinct short lines"),
            ("varied", "varied English (BBC)"),
        ):
            if kind == "varied" and not BBC.exists():
                continue
            text = cli_input(kind)
            path = Path(folder) / f"{kind}.txt"
            path.write_text(text, encoding="utf-8")
            lines = sum(1 for line in text.split("\n") if line.strip())
            del text
            seconds, peak, status = cli_peak(path)
            if status:
                verdict = f"exit {status}"
            else:
                verdict = "ok" if peak <= CLI_TARGET_MB else "OVER"
            base = CLI_BASELINE_MB[kind]
            against = f"x{peak / base:.2f}" if base else "-"
            print(f"{label:<30} {lines:>9,} {seconds:>8.1f} {peak:>8.0f} {verdict:>7} {against:>9}")
    print("(baseline: peak / the peak before compact paragraph records, commit 99629b1:")
    print(" " + ", ".join(f"{k} {v} MB" for k, v in CLI_BASELINE_MB.items() if v) + ")")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--no-speed", action="store_true", help="skip the long-document timing")
    parser.add_argument("--fit", action="store_true", help="refit the default's weights on tune")
    parser.add_argument("--scale", action="store_true", help="only memory and time on long texts")
    parser.add_argument(
        "--cli", action="store_true", help="only peak memory of newsbrief summarize on 5 MB"
    )
    parser.add_argument("--scale-child", help=argparse.SUPPRESS)
    parser.add_argument("--exact", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cli:  # needs no data: the varied-English case is skipped without it
        cli()
        return
    if not BBC.exists():
        print(f"BBC data not found at {BBC}; nothing to measure")
        return
    if args.scale_child:
        scale_child(args.scale_child, args.exact)
        return
    if args.fit:
        fit(args.limit)
        return
    if args.scale:
        scale()
        cli()
        return
    with_line = quality(args.limit, headline=True)
    without = quality(args.limit, headline=False)
    compare_ways(with_line, without)
    if not args.no_speed:
        scale()
        if NEWS_DOCS.exists():
            speed()


if __name__ == "__main__":
    main()
