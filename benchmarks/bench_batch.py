"""`newsbrief batch` throughput: articles per second with --jobs N against the --jobs 1 baseline,
and the cost of an unchanged rerun (the manifest skip) against the first run.

Uses the realistic-size random-weight packages from benchmarks/build_model.py (fixed decoding
work per sentence) and articles from ../shared/data/news-docs when present, else the samples.
Runs the real executable, translation cache off, so each figure is the full pipeline.

    python benchmarks/bench_batch.py [--articles 24] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))


def _articles(limit: int) -> list[str]:
    texts: list[str] = []
    for path in (
        sorted((DATA / "news-docs").glob("*.jsonl")) if (DATA / "news-docs").is_dir() else []
    ):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                text = json.loads(line).get("text", "")
            except ValueError:
                continue
            if 500 <= len(text) <= 4000:
                texts.append(text)
            if len(texts) >= limit:
                return texts
    samples = sorted((ROOT / "samples").glob("*.txt"))
    while len(texts) < limit and samples:
        texts.append(samples[len(texts) % len(samples)].read_text(encoding="utf-8"))
    return texts


def _run(in_dir: Path, out_dir: Path, models: Path, jobs: int) -> float:
    exe = Path(sys.executable).parent / "newsbrief"
    cmd = [
        str(exe),
        "batch",
        str(in_dir),
        "-o",
        str(out_dir),
        "--models-dir",
        str(models),
        "--no-cache",
        "--quiet",
        "--jobs",
        str(jobs),
    ]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"batch failed ({proc.returncode}): {proc.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=24)
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1))
    args = parser.parse_args()

    import build_model

    models = build_model.build(quiet=True)
    texts = _articles(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        in_dir = Path(tmp) / "in"
        for k, text in enumerate(texts):
            path = in_dir / f"part{k % 4}" / f"a{k:03d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        base = _run(in_dir, Path(tmp) / "out1", models, 1)
        rerun = _run(in_dir, Path(tmp) / "out1", models, 1)
        par = _run(in_dir, Path(tmp) / f"out{args.jobs}", models, args.jobs)
        same = all(
            (Path(tmp) / "out1" / p.relative_to(Path(tmp) / f"out{args.jobs}")).read_bytes()
            == p.read_bytes()
            for p in (Path(tmp) / f"out{args.jobs}").rglob("*.md")
        )
        shutil.rmtree(in_dir)
    n = len(texts)
    print(f"articles: {n}, cores: {os.cpu_count()}")
    print(f"--jobs 1 (baseline): {base:7.1f} s  {n / base:6.2f} articles/s")
    print(
        f"--jobs {args.jobs}:            {par:7.1f} s  {n / par:6.2f} articles/s  "
        f"speed-up x{base / par:.2f}  output identical: {same}"
    )
    print(
        f"unchanged rerun:     {rerun:7.1f} s  (first run {base:.1f} s, x{base / rerun:.0f} faster)"
    )


if __name__ == "__main__":
    main()
