"""How `newsbrief batch --jobs N` scales with cores (issue 23), with and without translation.

For N = 1, 2, 4, 8, 16 (those this machine has cores for; the others are printed as skipped),
`newsbrief batch IN -o OUT --jobs N` runs as a subprocess over the same folder of Russian
articles (FLORES devtest sentences, 8 a article), each run into a fresh OUT_DIR so no manifest
is reused. With translation it uses a small random-weight model (tests/synthetic_argos.py: the
speed of the pipeline around the model, not of a real model); without, `--no-translate`. It
prints articles/s and the efficiency, speed-up over N=1 ÷ N (targets at N=16: >= 0.75 with a
tiny model, >= 0.7 without translation).

    python benchmarks/bench_scaling.py [--articles 400] [--jobs 1,2,4,8,16]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from measure import newsbrief_cmd  # noqa: E402


def write_articles(folder: Path, count: int) -> None:
    path = DATA / "flores200-devtest" / "rus_Cyrl.devtest"
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line]
    folder.mkdir(parents=True)
    for n in range(count):
        sentences = [lines[(n * 8 + k) % len(lines)] for k in range(8)]
        text = "\n".join(" ".join(sentences[k : k + 2]) for k in range(0, 8, 2))
        (folder / f"{n:05d}.txt").write_text(text + "\n", encoding="utf-8")


def run(in_dir: Path, out_dir: Path, jobs: int, models: Path | None) -> float:
    cmd = [*newsbrief_cmd(), "batch", str(in_dir), "-o", str(out_dir), "--jobs", str(jobs),
           "--quiet", "--no-cache" if models else "--no-translate"]
    env = dict(os.environ)
    if models:
        cmd += ["--models-dir", str(models)]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"batch --jobs {jobs} failed ({done.returncode}): {done.stderr[-400:]}")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--jobs", default="1,2,4,8,16")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: benchmark data not found at {DATA.resolve()}")
        return
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    wanted = sorted({1, *(int(n) for n in args.jobs.split(","))})
    print(f"{cores} cores; {args.articles} Russian articles of 8 sentences")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_articles(root / "in", args.articles)
        from synthetic_argos import build_package

        models = root / "models"
        build_package(models, "ru", "en", seed=5)
        for label, model in (("translation, small model", models), ("--no-translate", None)):
            print(f"\n{label}")
            print("| jobs | wall s | articles/s | speed-up | efficiency |")
            print("|---:|---:|---:|---:|---:|")
            base = None
            for n, jobs in enumerate(wanted):  # N=1 first: the baseline
                if jobs > cores:
                    print(f"| {jobs} | skipped: this machine has {cores} cores | | | |")
                    continue
                wall = run(root / "in", root / f"out-{label[:2]}-{n}", jobs, model)
                base = base or wall  # the first run (N=1) is the baseline
                speed_up = base / wall
                print(f"| {jobs} | {wall:.1f} | {args.articles / wall:.1f} | {speed_up:.2f}x |"
                      f" {speed_up / jobs:.2f} |", flush=True)


if __name__ == "__main__":
    main()
