"""`newsbrief batch` throughput and driver memory (issue 17).

throughput: articles/s of the real executable, translation cache off, for --jobs 1 (the
  baseline), --jobs 2 and a Dask LocalCluster of 2 worker processes (1 thread each) reached with
  --scheduler; the cluster figure against --jobs 2 must be >= 0.9. Also the cost of an unchanged
  rerun (the manifest skip). The cluster is started before the timed run (a user's cluster is
  already up); its start-up is printed apart. Outputs of the three runs are compared byte for
  byte. --model tiny: the tests' synthetic model; --model argos: the realistic-size random-weight
  packages of benchmarks/build_model.py (fixed decoding work per sentence). Articles: the Russian
  and Ukrainian documents of ../shared/data/news-docs when present, else the samples.

memory (issue 24): per size, the manifest's bytes per record, the driver's peak RSS (`--jobs 1`,
  so the driver is the whole run) and the time of a no-op rerun per record, for 1k, 10k and 100k
  records in one jsonl archive (`--layout files`: 1k and 10k article files, 100 to a folder);
  then the RSS growth from the smallest size to the largest. Targets: manifest <= 1 kB a record
  on archives, growth <= x1.05, no-op rerun of 100k records <= 30 s. One-sentence English
  articles with `--no-translate` keep the runs short (`--sentences 12`: about 1 kB each): what
  grows, if anything, is what the driver keeps per article, not the work per article;
  `--model tiny`: Russian articles, translated by the synthetic model.

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


_MEASURED = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _measured(in_dir: Path, out_dir: Path, *extra: str) -> tuple[float, float]:
    """Seconds and the driver's peak RSS (MiB) of one `--jobs 1` batch run, measured in its own
    parent process (RUSAGE_CHILDREN is a maximum over every child a process ever had)."""
    cmd = [sys.executable, "-c", _MEASURED, sys.executable, str(ROOT / "cli.py"), "batch",
           str(in_dir), "-o", str(out_dir), "--no-cache", "--quiet", "--jobs", "1", *extra]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    elapsed = time.perf_counter() - start
    code, peak = proc.stdout.split()
    if code not in ("0", "1"):
        sys.exit(f"batch failed ({code}): {proc.stderr}")
    return elapsed, int(peak) / 1024


def _text(k: int, sentences: int, russian: bool) -> str:
    """An article of `sentences` sentences, distinct per k: English (no model needed), or
    Russian (for the synthetic model to translate)."""
    words = ["council", "budget", "bridge", "river", "school", "market", "ferry", "tram"]
    if russian:
        return " ".join(f"Совет города утвердил план номер {k} в день {j}."
                        for j in range(sentences))
    return " ".join(
        f"The city {words[(k + j) % 8]} plan number {k} was approved on day {j} by the board."
        for j in range(sentences)
    )


def _corpus(in_dir: Path, layout: str, size: int, sentences: int, russian: bool) -> None:
    in_dir.mkdir(parents=True)
    if layout == "jsonl":
        with open(in_dir / "archive.jsonl", "w", encoding="utf-8") as fh:
            for k in range(size):
                text = _text(k, sentences, russian)
                record = {"id": f"n{k}", "outlet": "bench", "text": text}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:  # one article file each, 100 to a folder
        for k in range(size):
            path = in_dir / f"d{k // 100:04d}" / f"a{k:06d}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(_text(k, sentences, russian), encoding="utf-8")


def _manifest_bytes(out_dir: Path) -> int:
    return sum(p.stat().st_size for p in out_dir.glob(".newsbrief-batch.sqlite*"))


def memory(args: argparse.Namespace) -> None:
    """Manifest bytes per record, driver peak RSS and the no-op rerun, per size (issue 24)."""
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = {}
    extra: list[str] = ["--no-translate"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        if args.model == "tiny":
            extra = ["--models-dir", str(_tiny_models(tmp_path / "models"))]
        for size in sizes:
            in_dir, out_dir = tmp_path / f"in{size}", tmp_path / f"out{size}"
            _corpus(in_dir, args.layout, size, args.sentences, args.model == "tiny")
            seconds, peak = _measured(in_dir, out_dir, *extra)
            if args.layout == "jsonl":
                lines = sum(1 for _ in open(out_dir / "archive.jsonl", "rb"))
                assert lines == size, (lines, size)
                output = (out_dir / "archive.jsonl").stat().st_size
            else:
                output = sum(p.stat().st_size for p in out_dir.rglob("d*/*.md"))
            manifest = _manifest_bytes(out_dir)
            rerun, rerun_peak = _measured(in_dir, out_dir, *extra)
            rows[size] = peak
            print(f"{size:>7} {args.layout}: manifest {manifest / size:7.0f} B/record "
                  f"(outputs {output / size:6.0f} B/record)  driver peak RSS {peak:6.1f} MiB  "
                  f"first run {seconds:6.1f} s  no-op rerun {rerun:6.2f} s "
                  f"({rerun / size * 1e6:5.0f} us/record, peak {rerun_peak:.1f} MiB)", flush=True)
            shutil.rmtree(out_dir)
            shutil.rmtree(in_dir)
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        print(f"driver peak RSS growth {a} -> {b}: x{rows[b] / rows[a]:.3f} (target <= 1.05); "
              "manifest target <= 1000 B/record on archives; no-op rerun of 100k records "
              "target <= 30 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    t = sub.add_parser("throughput")
    t.add_argument("--model", choices=["tiny", "argos"], default="tiny")
    t.add_argument("--articles", type=int, default=40)
    m = sub.add_parser("memory")
    m.add_argument("--sizes", default="1000,10000,100000",
                   help="records (jsonl) or files per run, comma-separated (1000,10000: quick)")
    m.add_argument("--layout", choices=["jsonl", "files"], default="jsonl",
                   help="one jsonl archive, or one article file each (100 to a folder)")
    m.add_argument("--model", choices=["none", "tiny"], default="none",
                   help="none: English articles, --no-translate; tiny: Russian ones, translated "
                   "by the tests' synthetic model")
    m.add_argument("--sentences", type=int, default=1,
                   help="sentences per English article (12: about 1 kB of text)")
    args = parser.parse_args()
    throughput(args) if args.what == "throughput" else memory(args)


if __name__ == "__main__":
    main()
