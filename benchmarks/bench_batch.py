"""`newsbrief batch` throughput and driver memory (issue 17).

throughput: articles/s of the real executable, translation cache off, for --jobs 1 (the
  baseline), --jobs 2 and a Dask LocalCluster of 2 worker processes (1 thread each) reached with
  --scheduler; the cluster figure against --jobs 2 must be >= 0.9. Also the cost of an unchanged
  rerun (the manifest skip). The cluster is started before the timed run (a user's cluster is
  already up); its start-up is printed apart. Outputs of the three runs are compared byte for
  byte. --model tiny: the tests' synthetic model; --model argos: the realistic-size random-weight
  packages of benchmarks/build_model.py (fixed decoding work per sentence). Articles: the Russian
  and Ukrainian documents of ../shared/data/news-docs when present, else the samples.

memory: the driver's peak RSS (`--jobs 1`, so the driver is the whole run: the tiny model
  included, a constant) for 1k, 10k and 100k input articles in one jsonl archive; growth from
  10k to 100k must be <= 1.2x. Short one-sentence Russian records keep the run short: what grows,
  if anything, is what the driver keeps per article, not the article's size.

    python benchmarks/bench_batch.py throughput [--model tiny|argos] [--articles 40]
    python benchmarks/bench_batch.py memory [--sizes 1000,10000,100000] [--layout jsonl|files]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))


def _articles(limit: int) -> list[str]:
    texts: list[str] = []
    docs = DATA / "news-docs"
    for path in sorted(docs.glob("*.jsonl")) if docs.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            text = record.get("text") or "\n".join(record.get("src_sents") or [])
            if 500 <= len(text) <= 4000:
                texts.append(text)
            if len(texts) >= limit:
                return texts
    samples = sorted((ROOT / "samples").glob("*.txt"))
    k = 0
    while len(texts) < limit and samples:
        texts.append(samples[k % len(samples)].read_text(encoding="utf-8") + f"\n({k})\n")
        k += 1
    return texts


def _tiny_models(where: Path) -> Path:
    from tests.conftest import SYNTHETIC_LANGS
    from tests.synthetic_argos import build_package

    for lang, seed in SYNTHETIC_LANGS.items():
        build_package(where, lang, "en", seed=seed)
    return where


def _batch(in_dir: Path, out_dir: Path, models: Path, *extra: str) -> tuple[float, int]:
    """Seconds the run took, and the peak RSS (KiB) of its largest process."""
    exe = Path(sys.executable).parent / "newsbrief"
    cmd = [str(exe), "batch", str(in_dir), "-o", str(out_dir), "--models-dir", str(models),
           "--no-cache", "--quiet", *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        sys.exit(f"batch failed ({proc.returncode}): {proc.stderr}")
    return elapsed, peak if peak > before else -1


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith(".newsbrief-batch")
    }


def throughput(args: argparse.Namespace) -> None:
    from distributed import LocalCluster

    texts = _articles(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        if args.model == "tiny":
            models = _tiny_models(tmp_path / "models")
        else:
            import build_model

            models = build_model.build(quiet=True)
        in_dir = tmp_path / "in"
        for k, text in enumerate(texts):
            path = in_dir / f"part{k % 4}" / f"a{k:03d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=":0")
        cluster_start = time.perf_counter() - started
        try:
            one, _ = _batch(in_dir, tmp_path / "one", models, "--jobs", "1")
            rerun, _ = _batch(in_dir, tmp_path / "one", models, "--jobs", "1")
            two, _ = _batch(in_dir, tmp_path / "two", models, "--jobs", "2")
            dask, _ = _batch(in_dir, tmp_path / "dask", models, "--scheduler",
                             cluster.scheduler_address)
        finally:
            cluster.close()
        want = _tree(tmp_path / "one")
        same2, same_dask = _tree(tmp_path / "two") == want, _tree(tmp_path / "dask") == want
    n = len(texts)
    print(f"model: {args.model}; articles: {n}; cores: {os.cpu_count()}")
    print(f"--jobs 1 (baseline):      {one:7.1f} s  {n / one:7.2f} articles/s")
    print(f"--jobs 2:                 {two:7.1f} s  {n / two:7.2f} articles/s  "
          f"x{one / two:.2f} of --jobs 1  identical: {same2}")
    print(f"Dask LocalCluster 2 x 1:  {dask:7.1f} s  {n / dask:7.2f} articles/s  "
          f"x{two / dask:.2f} of --jobs 2 (target >= 0.9)  identical: {same_dask}  "
          f"(cluster start {cluster_start:.1f} s, not counted)")
    print(f"unchanged rerun:          {rerun:7.1f} s  (first run {one:.1f} s, "
          f"x{one / rerun:.0f} faster)")


def memory(args: argparse.Namespace) -> None:
    sizes = [int(s) for s in args.sizes.split(",")]
    peaks = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        models = _tiny_models(tmp_path / "models")
        for size in sizes:
            in_dir = tmp_path / f"in{size}"
            in_dir.mkdir()
            if args.layout == "jsonl":
                with open(in_dir / "archive.jsonl", "w", encoding="utf-8") as fh:
                    for k in range(size):
                        record = {"id": f"n{k}", "outlet": "bench",
                                  "text": f"Совет города утвердил план номер {k}."}
                        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:  # one article file each, 100 to a folder
                for k in range(size):
                    path = in_dir / f"d{k // 100:04d}" / f"a{k:06d}.txt"
                    path.parent.mkdir(exist_ok=True)
                    path.write_text(f"Совет города утвердил план номер {k}.", encoding="utf-8")
            seconds, peak = _batch(in_dir, tmp_path / f"out{size}", models, "--jobs", "1")
            if args.layout == "jsonl":
                lines = sum(1 for _ in open(tmp_path / f"out{size}" / "archive.jsonl", "rb"))
                assert lines == size, (lines, size)
            peaks[size] = peak
            print(f"{size:>7} articles: driver peak RSS {peak / 1024:6.1f} MiB  "
                  f"({seconds:6.1f} s, {size / seconds:6.0f} articles/s)", flush=True)
            shutil.rmtree(tmp_path / f"out{size}")
            shutil.rmtree(in_dir)
    if len(sizes) >= 2:
        a, b = sizes[-2], sizes[-1]
        print(f"growth {a} -> {b}: x{peaks[b] / peaks[a]:.3f} (target <= 1.2)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    t = sub.add_parser("throughput")
    t.add_argument("--model", choices=["tiny", "argos"], default="tiny")
    t.add_argument("--articles", type=int, default=40)
    m = sub.add_parser("memory")
    m.add_argument("--sizes", default="1000,10000,100000")
    m.add_argument("--layout", choices=["jsonl", "files"], default="jsonl",
                   help="one jsonl archive (the target), or one article file each")
    args = parser.parse_args()
    throughput(args) if args.what == "throughput" else memory(args)


if __name__ == "__main__":
    main()
