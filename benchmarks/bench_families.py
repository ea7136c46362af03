"""Speed and memory of each model family at real shape (issue 15), random weights, int8.

Real NLLB-200 or OPUS-MT weights cannot be downloaded here, and speed depends on the shape, not
on what the weights say. This builds (once, cached outside the repository) converted CTranslate2
folders of the shapes the issue names, with a SentencePiece tokenizer trained on FLORES text and
the vocabulary padded to the real size (tokens the decoder never picks, so the embeddings and
the output projection cost what they cost in the real model):

  opus-mt-base   Marian, 6+6 layers, d512, 8 heads, FFN 2048, ~60k vocabulary (ru→en);
  opus-mt-big    Marian, 6+6 layers, d1024, 16 heads, FFN 4096, ~60k vocabulary (tc-big);
  nllb-600m      NLLB-200, 12+12 layers, d1024, 16 heads, FFN 4096, 256,206 vocabulary.

The end-of-sentence token is suppressed and exactly 48 tokens are decoded per sentence, as in
bench_translate.py, so every run does the same work. On the same Russian FLORES devtest
sentences (articles of 8), for each model it prints:

  - tokens/s of `newsbrief translate DIR --no-cache` end to end (subprocess: start-up, reading,
    detection, splitting, loading, translating, writing), and of raw CTranslate2 translate_batch
    on the same tokens (newsbrief's own adapter tokenizes them; only translate_batch is timed;
    the better of two batchings), and the ratio e2e/raw (target >= 0.9; the e2e figure includes
    the start-up and model loading, raw does not);
  - peak RSS of the end-to-end run;
  - time to the first output of a 4-sentence article (start-up and model load included);
  - articles of 8 sentences per minute this machine sustains end to end.

    python benchmarks/bench_families.py [--sentences 32] [--models opus-mt-base,nllb-600m]

By default it runs every model of the catalog (translator/install/catalog.py), named as
`models install` names them, at its architecture's shape (the two base models share one,
measured once), and prints each one's articles/min against opus-mt-base's with its published
BLEU: the figures the default of `newsbrief models install` is chosen from.

With `--device cuda` (a machine with an NVIDIA GPU) both sides run on the GPU: raw CTranslate2
takes the best of GPU batchings, newsbrief runs `translate --device cuda`; `--sweep` also prints
newsbrief's engine (in-process, model loaded once) at several batch bounds, to set the GPU ones.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from measure import newsbrief_cmd, run_checked  # noqa: E402

OUTPUT_TOKENS = 48
SHAPES = {
    "opus-mt-base": dict(family="marian", layers=6, d_model=512, heads=8, ffn=2048,
                         pad_to=60_000),
    "opus-mt-big": dict(family="marian", layers=6, d_model=1024, heads=16, ffn=4096,
                        pad_to=60_000),
    "nllb-600m": dict(family="nllb", layers=12, d_model=1024, heads=16, ffn=4096,
                      pad_to=256_206),
}
RECIPE_VERSION = 1


def catalog_shapes() -> dict[str, str]:
    """Each catalog model (translator/install/catalog.py) → the shape above it is measured at: the
    d1024 transformer-big releases at opus-mt-big, the d512 ones at opus-mt-base."""
    from translator.install import catalog

    return {m.name: "opus-mt-big" if "d1024" in m.architecture else "opus-mt-base"
            for m in catalog.CATALOG}


def bleu_of(name: str) -> str:
    from translator.install import catalog

    model = catalog.by_name(name)
    if model is None:
        return "-"
    return "/".join(f"{model.bleu.get(lang, 0):.1f}" if lang in model.bleu else "-"
                    for lang in ("ru", "uk"))


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsbrief-bench" / "families"


def flores(lang: str) -> list[str]:
    names = {"ru": "rus_Cyrl", "uk": "ukr_Cyrl", "en": "eng_Latn"}
    path = DATA / "flores200-devtest" / f"{names[lang]}.devtest"
    return path.read_text(encoding="utf-8").splitlines()


def build(name: str) -> Path:
    """The installed models folder holding model `name` (built once, then cached)."""
    from synthetic_families import build_marian, build_nllb

    from translator.install.converted import install_converted

    shape = SHAPES[name]
    key = hashlib.sha256(json.dumps([shape, RECIPE_VERSION]).encode()).hexdigest()[:10]
    folder = cache_dir() / f"{name}-{key}"
    if (folder / "models").is_dir():
        return folder / "models"
    start = time.perf_counter()
    tmp = folder / "converted"
    corpus = {lang: flores(lang) for lang in ("ru", "uk", "en")}
    common = dict(layers=shape["layers"], d_model=shape["d_model"], heads=shape["heads"],
                  ffn=shape["ffn"], pad_to=shape["pad_to"], quantization="int8",
                  suppress_eos=True, vocab_size=32000)
    if shape["family"] == "nllb":
        converted = build_nllb(tmp, name, corpus=corpus["ru"] + corpus["uk"] + corpus["en"],
                               **common)
        sources = None
    else:
        converted = build_marian(tmp, name, sources=("ru",), corpus=corpus, **common)
        sources = ["ru"]
    installed = install_converted(converted, sources, folder / "models.part")
    meta_file = installed.path / "metadata.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta["newsbrief_decoding"] = {"max_decoding_length": OUTPUT_TOKENS,
                                  "min_decoding_length": OUTPUT_TOKENS}
    meta_file.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    shutil.rmtree(tmp)
    (folder / "models.part").rename(folder / "models")
    print(f"built {name} in {time.perf_counter() - start:.0f} s: {folder / 'models'}",
          file=sys.stderr)
    return folder / "models"


def write_articles(folder: Path, count: int) -> list[str]:
    """Russian FLORES sentences as articles of 8 (paragraphs of 2); returns the sentences.

    Beyond the 1,012 devtest sentences (a GPU run wants more), they come round again with a
    number added (`… (2)`): every sentence stays distinct, since newsbrief translates a repeated
    sentence only once, and raw CTranslate2 gets the very same sentences.
    """
    base = flores("ru")
    lines = []
    for i in range(count):
        line, k = base[i % len(base)], i // len(base) + 1
        if k > 1:  # before the final full stop, so that the number stays in its sentence
            cut = len(line.rstrip(".!?…\"»"))
            line = f"{line[:cut]} ({k}){line[cut:]}"
        lines.append(line)
    folder.mkdir(parents=True, exist_ok=True)
    for a in range(0, len(lines), 8):
        sents = lines[a:a + 8]
        paras = [" ".join(sents[p:p + 2]) for p in range(0, len(sents), 2)]
        (folder / f"ru_{a // 8:03d}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return lines


# ------------------------------------------------------------------ workers (own processes)

def article_sentences(articles: str) -> list[str]:
    """The distinct sentences newsbrief sends to the model for the articles in `articles`."""
    from summarizer.splitting import split_sentences

    sentences = []
    for path in sorted(Path(articles).glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            if para.strip():
                sentences += split_sentences(para.strip(), "ru")
    return list(dict.fromkeys(sentences))


def worker_raw(models_dir: str, articles: str, device: str = "cpu") -> dict:
    """Raw CTranslate2 on the sentences newsbrief would send, tokenized by newsbrief's adapter."""
    import ctranslate2

    from translator import families
    from translator.engine.host import available_cores
    from translator.store import choices

    found = choices.find_model("ru", Path(models_dir))
    meta = json.loads((found.path / "metadata.json").read_text(encoding="utf-8"))
    adapter = families.adapter_for(found.family, "ru", found.path, meta)
    adapter.load()
    tokens = sorted((adapter.encode(s) for s in article_sentences(articles)), key=len)
    prefix = adapter.target_prefix()
    limits = meta["newsbrief_decoding"]
    cores = available_cores()
    if device == "cuda":  # one worker; the batch size is what matters
        layouts = [(size, kind, 1, 0) for size, kind in
                   ((4096, "tokens"), (16384, "tokens"))]  # examples-based: slower on an H100
    else:
        layouts = [(512, "tokens", cores, 1), (32, "examples", 1, cores)]
    best = None
    for size, kind, workers, threads in layouts:
        translator = ctranslate2.Translator(str(found.path / "model"), device=device,
                                            inter_threads=workers, intra_threads=threads)
        translator.translate_batch(tokens[:8], target_prefix=[prefix] * 8 if prefix else None,
                                   beam_size=4, **limits)  # warm-up (CUDA kernels, caches)
        start, cpu0 = time.perf_counter(), time.process_time()
        results = translator.translate_batch(
            tokens, target_prefix=[prefix] * len(tokens) if prefix else None, beam_size=4,
            length_penalty=0.2, replace_unknowns=True, max_batch_size=size, batch_type=kind,
            **limits)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu0
        out = sum(len(r.hypotheses[0]) - (len(prefix) if prefix else 0) for r in results)
        rate = out / wall
        if best is None or rate > best["rate"]:
            best = {"rate": rate, "tokens": out, "wall": wall, "cpu": cpu,
                    "batching": f"{size} {kind}, {workers}x{threads}"}
        del translator
    return best


def worker_sweep(models_dir: str, articles: str, device: str) -> dict:
    """newsbrief's engine in-process at several batch bounds: tokens/s for each."""
    from translator.engine.engine import Engine

    sentences = article_sentences(articles)
    rows = {}
    for tokens, hypotheses in ((768, 32), (2048, 256), (8192, 1024), (16384, 4096)):
        engine = Engine(Path(models_dir), device=device, max_batch_tokens=tokens,
                        max_batch_hypotheses=hypotheses)
        engine.translate("ru", sentences[:8])  # load and warm up outside the timing
        start = time.perf_counter()
        engine.translate("ru", sentences)
        wall = time.perf_counter() - start
        rows[f"{tokens} tokens / {hypotheses} hyp"] = len(sentences) * OUTPUT_TOKENS / wall
        del engine
    return rows


def run_worker(*args: str):
    proc = subprocess.run([sys.executable, __file__, "--worker", *args], capture_output=True,
                          text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"worker failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_e2e(articles: Path, models_dir: Path, out: Path, device: str = "cpu") -> dict:
    cmd = newsbrief_cmd() + ["translate", str(articles), "--format", "jsonl", "--no-cache",
                             "--models-dir", str(models_dir), "-o", str(out), "-q",
                             "--device", device]
    run = run_checked(cmd, "newsbrief translate")
    translated = 0
    for line in out.read_text(encoding="utf-8").splitlines():
        translated += len(json.loads(line)["sentences"])
    return {"wall": run["wall"], "cpu": run["cpu"], "rss": run["rss"], "sentences": translated}


def first_output(models_dir: Path, folder: Path, device: str = "cpu") -> float:
    article = folder / "short_ru.txt"
    article.write_text("\n\n".join(flores("ru")[100:104]) + "\n", encoding="utf-8")
    start = time.perf_counter()
    proc = subprocess.Popen(newsbrief_cmd() + ["translate", str(article), "--no-cache",
                                               "--models-dir", str(models_dir),
                                               "--device", device],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    proc.stdout.read(1)
    seconds = time.perf_counter() - start
    proc.communicate()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # As bench_translate.py measures the Argos path: 128 sentences, 3 interleaved rounds, medians.
    parser.add_argument("--sentences", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=3)
    # The base shape first: it is the baseline the others' articles/min are divided by.
    default = sorted(catalog_shapes(), key=lambda n: catalog_shapes()[n] != "opus-mt-base")
    parser.add_argument("--models", default=",".join(default),
                        help="catalog names (default: every catalog model) or shape names")
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    parser.add_argument("--sweep", action="store_true",
                        help="also time the engine at several batch bounds (in-process)")
    parser.add_argument("--worker", nargs="*")
    args = parser.parse_args()
    if args.worker:
        if args.worker[0] == "build":
            print(json.dumps(str(build(args.worker[1]))))
        elif args.worker[0] == "sweep":
            print(json.dumps(worker_sweep(*args.worker[1:])))
        else:
            print(json.dumps(worker_raw(*args.worker[1:])))
        return
    if not DATA.is_dir():
        print(f"skipped: benchmark data not found at {DATA.resolve()}")
        return
    from translator.engine.host import available_cores

    where = "CPU" if args.device == "cpu" else "GPU (--device cuda)"
    print(f"{available_cores()} cores; {args.sentences} Russian FLORES sentences, "
          f"{OUTPUT_TOKENS} output tokens each, beam 4, int8, {where}; medians of "
          f"{args.rounds} interleaved rounds")
    print("| model | shape | e2e tokens/s | raw CT2 tokens/s | e2e/raw | e2e/raw CPU time | "
          "peak RSS | first output | articles/min | articles/min vs opus-mt-base | "
          "published BLEU ru/uk |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    shapes = catalog_shapes()
    measured: dict[str, tuple[str, float]] = {}  # shape → (row without the name, articles/min)
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles"
        write_articles(articles, args.sentences)
        for name in args.models.split(","):
            shape_name = shapes.get(name, name)
            if shape_name in measured:  # two catalog models of one shape: measured once
                row, per_minute = measured[shape_name]
                print(f"| {name} | {row} | {_versus(per_minute, measured)} | {bleu_of(name)} |")
                continue
            # Built in a process of its own: a child's peak RSS as Linux reports it starts at
            # the parent's at fork time, and building holds the float32 weights (GBs).
            models_dir = Path(run_worker("build", shape_name))
            raws, e2es = [], []
            for _ in range(args.rounds):  # interleaved: a busy spell hits both sides
                raws.append(run_worker("raw", str(models_dir), str(articles), args.device))
                e2es.append(run_e2e(articles, models_dir, Path(tmp) / f"{name}.jsonl",
                                    args.device))
            first = first_output(models_dir, Path(tmp), args.device)
            # The work done: each distinct sentence is translated once (e2e["sentences"] also
            # counts a sentence that two articles share).
            tokens = len(article_sentences(str(articles))) * OUTPUT_TOKENS
            wall = statistics.median(e["wall"] for e in e2es)
            rate = tokens / wall
            raw_rate = statistics.median(r["rate"] for r in raws)
            # CPU seconds per output token: much less sensitive to other programs sharing the
            # machine than wall-clock rates.
            cpu_ratio = (statistics.median(r["cpu"] / r["tokens"] for r in raws)
                         / statistics.median(e["cpu"] / tokens for e in e2es))
            per_minute = (e2es[0]["sentences"] / 8) / wall * 60
            shape = SHAPES[shape_name]
            label = (f"{shape_name}: {shape['layers']}+{shape['layers']}, d{shape['d_model']}, "
                     f"vocab {shape['pad_to']:,}")
            row = (f"{label} | {rate:.0f} | {raw_rate:.0f} ({raws[0]['batching']}) | "
                   f"{rate / raw_rate:.2f} | {cpu_ratio:.2f} | "
                   f"{max(e['rss'] for e in e2es):.0f} MB | {first:.1f} s | {per_minute:.1f}")
            measured[shape_name] = (row, per_minute)
            print(f"| {name} | {row} | {_versus(per_minute, measured)} | {bleu_of(name)} |",
                  flush=True)
            if args.sweep:
                swept = run_worker("sweep", str(models_dir), str(articles), args.device)
                print(f"  engine sweep ({name}): " + "; ".join(
                    f"{k}: {v:.0f} tokens/s" for k, v in swept.items()), flush=True)


def _versus(per_minute: float, measured: dict[str, tuple[str, float]]) -> str:
    """Articles/min as a ratio of the baseline, opus-mt-base (measured first by default)."""
    base = measured.get("opus-mt-base")
    return f"×{per_minute / base[1]:.2f}" if base else "(baseline not run)"


if __name__ == "__main__":
    main()
