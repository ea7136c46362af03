"""Where the CPU time of `newsbrief translate` goes, phase by phase (issue 15: e2e / raw >= 0.9).

bench_families.py compares the whole `newsbrief translate` process with raw CTranslate2
`translate_batch` on the same tokens. This script says where the difference lies: it runs the
CLI in-process (`cli.main()`, as the console script does) on the same articles (Russian FLORES
sentences, articles of 8) with one of bench_families' random-weight models, and charges process
CPU time (user + system, all threads) to each phase by wrapping the functions that do them:

  imports of cli, language detection, sentence splitting, model load (CTranslate2 + tokenizer),
  SentencePiece encode / decode, translate_batch (the rest of the engine's translate call, i.e.
  CTranslate2's workers), memory trimming, and the rest (start-up, reading, routing, writing).

Then, in the same process and interleaved over --rounds rounds, the CPU time of translate_batch
on the same sentences with the engine's own batching, with the engine at a larger hypotheses
bound, and with raw CTranslate2's batchings (as bench_families.py measures raw). The phase
figures need no quiet machine; compare the batchings by their medians.

    python benchmarks/profile_e2e.py [--model opus-mt-base] [--sentences 128] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_families  # noqa: E402

CPU: dict[str, float] = {}


def charge(owner: object, name: str, phase: str) -> None:
    """Add the CPU time of every call of owner.name to `phase` (outermost calls only)."""
    inner = getattr(owner, name, None)
    if inner is None:  # renamed or moved: that phase is then counted in "the rest"
        print(f"note: {getattr(owner, '__name__', owner)}.{name} not found", file=sys.stderr)
        return
    depth = [0]

    def wrapper(*args, **kwargs):
        depth[0] += 1
        start = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            depth[0] -= 1
            if depth[0] == 0:
                CPU[phase] = CPU.get(phase, 0.0) + time.process_time() - start

    setattr(owner, name, wrapper)


def phases(models_dir: Path, articles: Path, out: Path) -> tuple[dict[str, float], float]:
    """CPU seconds per phase of one `newsbrief translate` run, and the process's total."""
    start = time.process_time()
    import cli

    CPU["imports of cli"] = time.process_time() - start
    from summarizer import splitting
    from translator import families, langid
    from translator.engine import engine

    charge(langid, "detect_paragraphs", "language detection")
    charge(splitting, "split_sentences", "sentence splitting")
    charge(engine.Engine, "_load", "model load (CTranslate2 + tokenizer)")
    charge(engine.Engine, "_translate_uncached", "engine call")
    charge(engine, "release_free_memory", "malloc_trim")
    for name in dir(families):
        cls = getattr(families, name)
        if isinstance(cls, type) and issubclass(cls, families.Adapter):
            for method in ("encode", "decode"):
                if method in vars(cls) and cls is not families.Adapter:
                    charge(cls, method, f"SentencePiece {method}")
    argv = sys.argv
    sys.argv = ["newsbrief", "translate", str(articles), "--format", "jsonl", "--no-cache",
                "--models-dir", str(models_dir), "-o", str(out), "-q", "--device", "cpu"]
    try:
        cli.main()
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise
    finally:
        sys.argv = argv
    total = time.process_time()  # includes the interpreter's start-up before this script ran
    call = CPU.pop("engine call", 0.0)
    inside = sum(CPU.get(k, 0.0) for k in ("model load (CTranslate2 + tokenizer)",
                                           "SentencePiece encode", "SentencePiece decode",
                                           "malloc_trim"))
    CPU["translate_batch (CTranslate2 workers)"] = call - inside
    CPU["the rest (start-up, reading, routing, writing)"] = total - sum(CPU.values())
    return dict(CPU), total


def batchings(models_dir: Path, articles: Path, rounds: int) -> dict[str, list[float]]:
    """CPU seconds of translating the articles' sentences, model loaded, per batching."""
    import ctranslate2

    from translator import families
    from translator.engine.engine import Engine
    from translator.engine.host import available_cores
    from translator.store import choices

    sentences = bench_families.article_sentences(str(articles))
    found = choices.find_model("ru", models_dir)
    meta = json.loads((found.path / "metadata.json").read_text(encoding="utf-8"))
    adapter = families.adapter_for(found.family, "ru", found.path, meta)
    adapter.load()
    tokens = sorted((adapter.encode(s) for s in sentences), key=len)
    prefix = adapter.target_prefix()
    limits = meta.get("newsbrief_decoding", {})
    cores = available_cores()

    def engine(**kwargs) -> Callable[[], None]:
        eng = Engine(models_dir, device="cpu", **kwargs)
        eng.load("ru")
        return lambda: eng.translate("ru", sentences)

    def raw(size: int, kind: str, workers: int, threads: int) -> Callable[[], None]:
        translator = ctranslate2.Translator(str(found.path / "model"), device="cpu",
                                            inter_threads=workers, intra_threads=threads)
        return lambda: translator.translate_batch(
            tokens, target_prefix=[prefix] * len(tokens) if prefix else None, beam_size=4,
            length_penalty=0.2, replace_unknowns=True, max_batch_size=size, batch_type=kind,
            **limits)

    runs = {
        "newsbrief engine (its defaults)": engine(),
        "newsbrief engine, 48 hypotheses a batch": engine(max_batch_hypotheses=48),
        "newsbrief engine, 64 hypotheses a batch": engine(max_batch_hypotheses=64),
        f"raw CT2, 512 tokens, {cores}x1": raw(512, "tokens", cores, 1),
        f"raw CT2, 32 examples, 1x{cores}": raw(32, "examples", 1, cores),
    }
    for run in runs.values():  # warm-up: first-use costs are not the batching's
        run()
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.process_time()
            run()
            cpu[name].append(time.process_time() - start)
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="opus-mt-base", choices=sorted(bench_families.SHAPES))
    parser.add_argument("--sentences", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-batchings", action="store_true")
    args = parser.parse_args()
    if not bench_families.DATA.is_dir():
        print(f"skipped: benchmark data not found at {bench_families.DATA.resolve()}")
        return
    models_dir = Path(bench_families.run_worker("build", args.model))
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles"
        bench_families.write_articles(articles, args.sentences)
        split, total = phases(models_dir, articles, Path(tmp) / "out.jsonl")
        print(f"{args.model}, {args.sentences} Russian FLORES sentences: CPU time of one "
              f"`newsbrief translate` run, by phase")
        print("| phase | CPU s | % |\n|---|---|---|")
        for name, seconds in sorted(split.items(), key=lambda kv: -kv[1]):
            print(f"| {name} | {seconds:.3f} | {100 * seconds / total:.1f} |")
        print(f"| total | {total:.3f} | 100 |", flush=True)
        if args.skip_batchings:
            return
        cpu = batchings(models_dir, articles, args.rounds)
        best = min(statistics.median(v) for k, v in cpu.items() if k.startswith("raw"))
        print(f"\ntranslate_batch alone, model loaded, same sentences: CPU s, median of "
              f"{args.rounds} interleaved rounds (raw's best / this = the CPU ratio it allows)")
        print("| batching | CPU s | raw best / this |\n|---|---|---|")
        for name, values in cpu.items():
            median = statistics.median(values)
            print(f"| {name} | {median:.2f} | {best / median:.2f} |")


if __name__ == "__main__":
    main()
