"""`--translate-only key-points` (issue 7): how often summarising the source picks the same
sentences as summarising the English, and how much translation it saves.

Agreement, on ../shared/data/news-docs/dev.jsonl (150 ru/uk news documents with sentence-aligned
human English references): for each document, `summarizer.summarize(src_sents, language=lang,
count=5)` and `summarizer.summarize(ref_en_sents, language="en", count=5)`; printed are the share
of positions picked from the source that are also picked from the English (averaged over
documents), how often the two sets are identical, both also over documents with more than 5
sentences only (shorter ones agree trivially), and the agreement that random picks would get.
The default (translate, then summarise in English) should change only if agreement is >= 90%.

Speed-up: sentences translated (all vs the key points), and the measured end-to-end time of
`newsbrief summarize DIR --no-cache` with and without `--translate-only key-points` on a subset of
documents, with the realistic-size benchmark packages (benchmarks/build_model.py), runs
interleaved, medians of wall clock and of CPU time.

    python benchmarks/bench_translate_only.py [--docs N] [--rounds R] [--skip-timing]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
NEWS = DATA / "news-docs" / "dev.jsonl"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from measure import newsbrief_cmd, run_checked  # noqa: E402

COUNT = 5


def picks(sentences: list[str], language: str) -> set[int]:
    import summarizer

    return {p.position for p in summarizer.summarize(sentences, language=language, count=COUNT)}


def agreement(docs: list[dict]) -> list[dict]:
    """Per document: n, the source picks, the English picks."""
    rows = []
    for doc in docs:
        src = picks(doc["src_sents"], doc["lang"])
        ref = picks(doc["ref_en_sents"], "en")
        rows.append({"lang": doc["lang"], "n": len(doc["src_sents"]), "src": src, "ref": ref})
    return rows


def summary_line(label: str, rows: list[dict]) -> str:
    if not rows:
        return f"  {label:<28} (no documents)"
    share = statistics.mean(len(r["src"] & r["ref"]) / len(r["src"]) for r in rows)
    exact = statistics.mean(1.0 if r["src"] == r["ref"] else 0.0 for r in rows)
    chance = statistics.mean(min(COUNT, r["n"]) / r["n"] for r in rows)
    return (f"  {label:<28} {len(rows):4d} docs   positions agree {100 * share:5.1f}%   "
            f"same set {100 * exact:5.1f}%   (random picks: {100 * chance:5.1f}%)")


def run_summarize(folder: Path, models: Path, key_points: bool, out: Path) -> dict:
    cmd = newsbrief_cmd() + ["summarize", str(folder), "--format", "jsonl", "--no-cache", "-q",
                             "--models-dir", str(models), "-o", str(out)]
    if key_points:
        cmd += ["--translate-only", "key-points"]
    run = run_checked(cmd, "newsbrief summarize")
    return {"wall": run["wall"], "cpu": run["cpu"]}


def timing(docs: list[dict], models: Path, rounds: int) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="nb-bench-keypoints-") as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for i, doc in enumerate(docs):
            sents = doc["src_sents"]
            paras = [" ".join(sents[p:p + 3]) for p in range(0, len(sents), 3)]
            (folder / f"{doc['lang']}_{i:03d}.txt").write_text("\n\n".join(paras) + "\n", "utf-8")
        runs: dict[bool, list[dict]] = {False: [], True: []}
        for _ in range(rounds):
            for key_points in (False, True):
                out = Path(tmp) / f"out-{key_points}.jsonl"
                runs[key_points].append(run_summarize(folder, models, key_points, out))
        full_wall = statistics.median(r["wall"] for r in runs[False])
        kp_wall = statistics.median(r["wall"] for r in runs[True])
        full_cpu = statistics.median(r["cpu"] for r in runs[False])
        kp_cpu = statistics.median(r["cpu"] for r in runs[True])
        n = sum(len(d["src_sents"]) for d in docs)
        kept = sum(min(COUNT, len(d["src_sents"])) for d in docs)
        return [
            f"measured on {len(docs)} documents ({n} sentences), `newsbrief summarize --no-cache`,"
            f" realistic-size packages, median of {rounds}:",
            f"  translate all, then summarise:       {full_wall:7.1f} s wall  {full_cpu:7.1f} s CPU"
            f"   ({n} sentences to translate)",
            f"  --translate-only key-points:          {kp_wall:7.1f} s wall  {kp_cpu:7.1f} s CPU"
            f"   (~{kept})",
            f"  speed-up: {full_wall / kp_wall:.2f}x wall clock, {full_cpu / kp_cpu:.2f}x CPU time",
        ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=16, help="documents timed (half ru, half uk)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--skip-timing", action="store_true")
    parser.add_argument("--cache-dir", type=Path, default=None, help="where models are cached")
    args = parser.parse_args()
    if not NEWS.is_file():
        print(f"skipped: {NEWS.resolve()} not found (needs ../shared/data)")
        return
    docs = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]
    start = time.perf_counter()
    rows = agreement(docs)
    seconds = time.perf_counter() - start
    print(f"news-docs dev: {len(docs)} documents, count={COUNT}, default algorithm "
          f"({2 * len(docs)} summaries in {seconds:.1f} s)")
    print(summary_line("all", rows))
    for lang in ("ru", "uk"):
        print(summary_line(f"{lang}", [r for r in rows if r["lang"] == lang]))
    print(summary_line(f"more than {COUNT} sentences", [r for r in rows if r["n"] > COUNT]))
    total = sum(r["n"] for r in rows)
    kept = sum(len(r["src"]) for r in rows)
    print(f"sentences translated: {total} (all) vs {kept} (key points) = "
          f"{total / kept:.2f}x fewer")
    if args.skip_timing:
        return
    from build_model import build

    models = build(args.cache_dir)
    half = args.docs // 2
    subset = [d for d in docs if d["lang"] == "ru"][:half] + \
        [d for d in docs if d["lang"] == "uk"][: args.docs - half]
    print("\n".join(timing(subset, models, args.rounds)))


if __name__ == "__main__":
    main()
