"""Translation throughput, memory and start-up figures for issue 7, against their baselines.

On the same Russian and Ukrainian FLORES devtest sentences, grouped into articles (paragraphs of
two sentences), with the realistic-size random-weight packages of benchmarks/build_model.py
(6+6 layers, d=512, 32k vocab, int8, beam 4, exactly 48 output tokens per sentence), it times:

  (a) argostranslate's own path: PackageTranslation.translate() per article (paragraph by
      paragraph, translate_batch with its 32-token batches), with the project's offline sentence
      splitter standing in for argostranslate's downloading one; on the first --argos-sentences
      sentences of each language (it is a per-sentence rate, so a subset measures it);
  (b) raw CTranslate2 translate_batch on all the sentences, length-sorted, with the batching that
      a sweep found fastest (the ceiling; only translate_batch is timed);
  (c) `newsbrief translate DIR --format jsonl --no-cache` end to end as a subprocess (start-up,
      reading, language detection, splitting, routing, model loading, translating, writing).

Every system runs in a process of its own, the three are interleaved over --rounds rounds, and
medians are printed: tokens/s (wall clock) and CPU seconds per output token (user+sys of that
process; much less sensitive to other programs sharing the machine than wall clock), with c/b
(target >= 0.9) and c/a (target >= 8) for both. Then: the cached second run speed-up (>= 20x),
`newsbrief --help` wall time (< 0.3 s), time to first output for a short English article, peak
RSS of the end-to-end runs, which load both models (< 500 MB), and the time to summarise a
2,000-sentence document.

With --engine-sweep H1,H2,... it also runs the engine alone (both models loaded first, each
setting in its own process) with at most H hypotheses (beam x sentences) per batch, 0 meaning no
bound, and prints tokens/s, CPU time per token and peak RSS for each: the memory/speed trade-off
behind translator/engine/engine.py's DEFAULT_BATCH_HYPOTHESES.

    python benchmarks/bench_translate.py [--sentences N] [--rounds R] [--skip-argos]
        [--engine-sweep 0,48,40,32,24]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from measure import newsbrief_cmd, run_checked  # noqa: E402

SENTENCES_PER_PARAGRAPH = 2
SENTENCES_PER_ARTICLE = 8
FLORES = {"ru": "rus_Cyrl.devtest", "uk": "ukr_Cyrl.devtest"}
# Batchings tried for the ceiling (b): (max_batch_size, batch_type, workers, threads per worker),
# where workers=0 / threads=0 mean "as many as there are cores". One worker using every core for
# each matrix product, or one single-threaded worker per core, each decoding its own batch.
SWEEP = (
    (32, "examples", 1, 0), (64, "examples", 1, 0),
    (512, "tokens", 1, 0), (1024, "tokens", 1, 0), (2048, "tokens", 1, 0),
    (128, "tokens", 0, 1), (256, "tokens", 0, 1), (384, "tokens", 0, 1), (512, "tokens", 0, 1),
    (1024, "tokens", 0, 1),
)


def make_articles(per_lang: int, folder: Path) -> dict[str, list[str]]:
    """Write FLORES sentences as article files; returns lang → article texts."""
    flores = DATA / "flores200-devtest"
    articles: dict[str, list[str]] = {}
    for lang, name in FLORES.items():
        lines = (flores / name).read_text(encoding="utf-8").splitlines()[:per_lang]
        texts = []
        for a in range(0, len(lines), SENTENCES_PER_ARTICLE):
            sents = lines[a:a + SENTENCES_PER_ARTICLE]
            paras = [" ".join(sents[p:p + SENTENCES_PER_PARAGRAPH])
                     for p in range(0, len(sents), SENTENCES_PER_PARAGRAPH)]
            text = "\n\n".join(paras) + "\n"
            (folder / f"{lang}_{a // SENTENCES_PER_ARTICLE:03d}.txt").write_text(text, "utf-8")
            texts.append(text)
        articles[lang] = texts
    return articles


def read_articles(folder: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.txt")):
        out.setdefault(path.name.split("_")[0], []).append(path.read_text(encoding="utf-8"))
    return out


def split_paragraph(text: str, lang: str) -> list[str]:
    from summarizer.splitting import split_sentences

    return split_sentences(text, lang) or [text]


def article_sentences(articles: dict[str, list[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for lang, texts in articles.items():
        for text in texts:
            for para in text.split("\n"):
                if para.strip():
                    out.setdefault(lang, []).extend(split_paragraph(para.strip(), lang))
    return out


# ------------------------------------------------------------------ workers (own processes)


def _cpu() -> float:
    return time.process_time()


def worker_raw(models: Path, corpus: Path, size: int, kind: str, workers: int, threads: int,
               limit: int | None) -> dict:
    """(b): length-sorted translate_batch over every sentence, both models loaded first."""
    import ctranslate2
    import sentencepiece as spm

    from translator.engine.host import available_cores

    workers = workers or available_cores()
    threads = threads or available_cores()
    sentences = article_sentences(read_articles(corpus))
    prepared = []
    for lang, sents in sorted(sentences.items()):
        pkg_dir = models / f"translate-{lang}_en"
        limits = json.loads((pkg_dir / "metadata.json").read_text())["newsbrief_decoding"]
        sp = spm.SentencePieceProcessor(model_file=str(pkg_dir / "sentencepiece.model"))
        unique = list(dict.fromkeys(sents))[:limit]
        tokens = sorted((sp.encode(s, out_type=str) for s in unique), key=len)
        translator = ctranslate2.Translator(str(pkg_dir / "model"), device="cpu",
                                            inter_threads=workers, intra_threads=threads)
        prepared.append((translator, tokens, limits))
    wall = cpu = 0.0
    out_tokens = 0
    for translator, tokens, limits in prepared:
        start, cpu0 = time.perf_counter(), _cpu()
        results = translator.translate_batch(
            tokens, beam_size=4, length_penalty=0.2, replace_unknowns=True,
            max_batch_size=size, batch_type=kind, **limits)
        wall += time.perf_counter() - start
        cpu += _cpu() - cpu0
        out_tokens += sum(len(r.hypotheses[0]) for r in results)
    return {"wall": wall, "cpu": cpu, "tokens": out_tokens}


def worker_engine(models: Path, corpus: Path, hypotheses: int) -> dict:
    """The engine alone, both models loaded first, at most `hypotheses` per batch (0: no bound)."""
    from translator.engine.engine import Engine

    sentences = article_sentences(read_articles(corpus))
    engine = Engine(models, max_batch_hypotheses=hypotheses or 1_000_000)
    for lang in sorted(sentences):
        engine.load(lang)
    wall = cpu = 0.0
    count = 0
    for lang, sents in sorted(sentences.items()):
        unique = list(dict.fromkeys(sents))
        start, cpu0 = time.perf_counter(), _cpu()
        engine.translate(lang, unique)
        wall += time.perf_counter() - start
        cpu += _cpu() - cpu0
        count += len(unique)
    from build_model import RECIPE

    return {"wall": wall, "cpu": cpu, "tokens": count * RECIPE["output_tokens"]}


class FixedLength:
    """Passes argostranslate's calls through, adding the package's fixed output length."""

    def __init__(self, inner, limits: dict[str, int]):
        self.inner, self.limits, self.tokens = inner, limits, 0

    def translate_batch(self, batch, **kwargs):
        results = self.inner.translate_batch(batch, **kwargs, **self.limits)
        self.tokens += sum(len(r.hypotheses[0]) for r in results)
        return results


def worker_argos(models: Path, corpus: Path, limit: int) -> dict:
    """(a): argostranslate's translate() over the articles holding the first `limit` sentences."""
    from translator.engine.host import available_cores

    threads = available_cores()
    # Importing argostranslate.settings creates its folders: keep them out of the user's home.
    scratch = Path(tempfile.mkdtemp(prefix="nb-bench-argos-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(scratch / var.lower())
    os.environ["ARGOS_PACKAGES_DIR"] = str(models)
    import ctranslate2
    from argostranslate.package import Package
    from argostranslate.translate import Language, PackageTranslation

    class Splitter:
        def __init__(self, lang: str):
            self.lang = lang

        def split_sentences(self, text: str) -> list[str]:
            return split_paragraph(text, self.lang)

    wall = cpu = 0.0
    tokens = 0
    for lang, texts in sorted(read_articles(corpus).items()):
        texts = texts[: max(1, limit // SENTENCES_PER_ARTICLE)]
        pkg_dir = models / f"translate-{lang}_en"
        limits = json.loads((pkg_dir / "metadata.json").read_text())["newsbrief_decoding"]
        translation = PackageTranslation.__new__(PackageTranslation)  # skip MiniSBD set-up
        translation.from_lang, translation.to_lang = Language(lang, lang), Language("en", "en")
        translation.pkg, translation.sentencizer = Package(pkg_dir), Splitter(lang)
        translation.translator = FixedLength(
            ctranslate2.Translator(str(pkg_dir / "model"), device="cpu", inter_threads=1,
                                   intra_threads=threads), limits)
        start, cpu0 = time.perf_counter(), _cpu()
        for text in texts:
            translation.translate(text)
        wall += time.perf_counter() - start
        cpu += _cpu() - cpu0
        tokens += translation.translator.tokens
    return {"wall": wall, "cpu": cpu, "tokens": tokens}


def run_worker(*args: str) -> dict:
    """Run a worker of this script in a fresh process; adds its peak RSS (MB)."""
    cmd = [sys.executable, __file__, "--worker", *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"worker {args[0]} failed: {err[-2000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    return result


def run_cli(folder: Path, models: Path, out: Path, cache_dir: Path | None) -> dict:
    """One `newsbrief translate` run: wall seconds, CPU seconds (user+sys), peak RSS (MB)."""
    cmd = newsbrief_cmd() + ["translate", str(folder), "--format", "jsonl", "--models-dir",
                             str(models), "-o", str(out), "-q"]
    env = dict(os.environ)
    if cache_dir is None:
        cmd.append("--no-cache")
    else:
        env["NEWSBRIEF_CACHE_DIR"] = str(cache_dir)
    run = run_checked(cmd, "newsbrief translate", env)
    return {"wall": run["wall"], "cpu": run["cpu"], "rss": run["rss"]}


def translated_sentences(jsonl: Path) -> int:
    count = 0
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        count += sum(1 for s in record.get("sentences", []) if s.get("source") != s.get("text"))
    return count


# ------------------------------------------------------------------ other figures


def help_time(runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(newsbrief_cmd() + ["--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def first_output_time(folder: Path, models: Path) -> str:
    english = folder / "short_en.txt"
    lines = (DATA / "flores200-devtest" / "eng_Latn.devtest").read_text("utf-8").splitlines()
    english.write_text("\n\n".join(lines[:4]) + "\n", encoding="utf-8")
    start = time.perf_counter()
    proc = subprocess.Popen(newsbrief_cmd() + ["translate", str(english), "--models-dir",
                                               str(models)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    first = proc.stdout.read(1)
    seconds = time.perf_counter() - start
    proc.communicate()
    if proc.returncode != 0 or not first:
        return f"n/a (newsbrief translate exited {proc.returncode})"
    return f"{seconds:.3f} s"


def small_run_rss(articles: dict[str, list[str]], models: Path, folder: Path) -> str:
    """Peak RSS of `newsbrief translate` over one ru and one uk article (both models)."""
    rss = folder / "rss"
    rss.mkdir()
    for lang, texts in articles.items():
        (rss / f"{lang}_rss.txt").write_text(texts[0], encoding="utf-8")
    return f"{run_cli(rss, models, folder / 'rss.jsonl', None)['rss']:.0f} MB"


def detect_rss(folder: Path) -> float:
    """Peak RSS (MB) of `newsbrief detect` over the articles: the process before any model."""
    proc = subprocess.Popen(newsbrief_cmd() + ["detect", str(folder), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_maxrss / 1024


def summarize_time(folder: Path) -> str:
    sents = (DATA / "flores200-devtest" / "eng_Latn.devtest").read_text("utf-8").splitlines()
    for line in (DATA / "news-docs" / "dev.jsonl").read_text("utf-8").splitlines():
        sents += json.loads(line)["ref_en_sents"]
        if len(sents) >= 2000:
            break
    sents = sents[:2000]
    doc = folder / "long_en.txt"
    doc.write_text("\n\n".join(" ".join(sents[i:i + 5]) for i in range(0, 2000, 5)) + "\n",
                   encoding="utf-8")
    start = time.perf_counter()
    proc = subprocess.run(newsbrief_cmd() + ["summarize", str(doc), "--format", "json"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1][:120]
        return f"n/a (newsbrief summarize exited {proc.returncode}: {last})"
    return f"{seconds:.2f} s (newsbrief summarize, end to end, 2,000 sentences)"


# ------------------------------------------------------------------ main


def _rate(r: dict) -> tuple[float, float]:
    """(tokens/s wall, CPU ms per token)."""
    return r["tokens"] / r["wall"], 1000 * r["cpu"] / r["tokens"]


def batching_label(config: tuple) -> str:
    size, kind, workers, threads = config
    cores = _cores()
    return (f"{size} {kind}, {workers or cores} worker(s) x {threads or cores} thread(s)")


def _cores() -> int:
    from translator.engine.host import available_cores

    return available_cores()


def raw_args(models: Path, corpus: Path, config: tuple, limit: int | None = None) -> list[str]:
    size, kind, workers, threads = config
    args = ["raw", str(models), str(corpus), str(size), kind, str(workers), str(threads)]
    return args + ([str(limit)] if limit else [])


def sweep(models: Path, corpus: Path, limit: int) -> tuple[tuple, list[str]]:
    """Each batching on `limit` sentences per language in its own process; best by tokens/s."""
    rows, scores = [], {}
    for config in SWEEP:
        r = run_worker(*raw_args(models, corpus, config, limit))
        rate, cpu_ms = _rate(r)
        scores[config] = rate
        rows.append(f"    {batching_label(config):<42} {rate:7.1f} tok/s  {cpu_ms:6.2f} "
                    f"CPU-ms/tok  peak RSS {r['rss']:.0f} MB")
    return max(scores, key=scores.get), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=128, help="FLORES sentences per language")
    parser.add_argument("--argos-sentences", type=int, default=16,
                        help="sentences per language for (a), the slow baseline, per round")
    parser.add_argument("--sweep-sentences", type=int, default=48,
                        help="sentences per language for each batching of the sweep")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of a, b, c")
    parser.add_argument("--batch", default=None,
                        help="skip the sweep: batching for (b) as SIZE:KIND:WORKERS:THREADS "
                             "(0 = all cores), e.g. 384:tokens:0:1")
    parser.add_argument("--skip-argos", action="store_true", help="skip (a)")
    parser.add_argument("--engine-sweep", default=None,
                        help="comma-separated hypotheses-per-batch bounds to try on the engine "
                             "alone (0 = none), e.g. 0,40,32")
    parser.add_argument("--cache-dir", type=Path, default=None, help="where models are cached")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        import resource

        kind, *rest = args.worker
        if kind == "engine":
            result = worker_engine(Path(rest[0]), Path(rest[1]), int(rest[2]))
        elif kind == "raw":
            result = worker_raw(Path(rest[0]), Path(rest[1]), int(rest[2]), rest[3],
                                int(rest[4]), int(rest[5]), int(rest[6]) if len(rest) > 6 else None)
        else:
            result = worker_argos(Path(rest[0]), Path(rest[1]), int(rest[2]))
        result["rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    if not (DATA / "flores200-devtest").is_dir():
        print(f"skipped: benchmark data not found at {DATA.resolve()}")
        return

    from build_model import RECIPE, build

    from translator.engine.batching import DEFAULT_BATCH_HYPOTHESES, DEFAULT_BATCH_TOKENS
    from translator.engine.host import available_cores

    models = build(args.cache_dir)
    print(f"models: {models}  ({RECIPE['layers']}+{RECIPE['layers']} layers, d={RECIPE['d_model']},"
          f" vocab {RECIPE['vocab_size']}, {RECIPE['quantization']}, beam 4, "
          f"{RECIPE['output_tokens']} output tokens/sentence)")
    print(f"cores: {available_cores()}  load average at start: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="nb-bench-") as tmp:
        tmp = Path(tmp)
        corpus = tmp / "articles"
        corpus.mkdir()
        articles = make_articles(args.sentences, corpus)
        sentences = article_sentences(articles)
        n_sent = sum(len(set(v)) for v in sentences.values())
        print(f"input: {sum(len(v) for v in articles.values())} articles, {n_sent} sentences "
              f"({args.sentences} FLORES devtest sentences per language); engine: "
              f"batches of at most {DEFAULT_BATCH_TOKENS} padded tokens and "
              f"{DEFAULT_BATCH_HYPOTHESES} hypotheses, one single-threaded worker per core\n")

        if args.engine_sweep:
            print("engine alone, both models loaded, hypotheses per batch (one process each):")
            for bound in (int(x) for x in args.engine_sweep.split(",")):
                r = run_worker("engine", str(models), str(corpus), str(bound))
                rate, cpu_ms = _rate(r)
                label = f"at most {bound}" if bound else "no bound"
                print(f"    {label:<14} {rate:7.1f} tok/s  {cpu_ms:6.2f} CPU-ms/tok  "
                      f"peak RSS {r['rss']:.0f} MB", flush=True)
            print()

        if args.batch:
            size, kind, workers, threads = args.batch.split(":")
            best = (int(size), kind, int(workers), int(threads))
        else:
            best, rows = sweep(models, corpus, args.sweep_sentences)
            print(f"batching sweep for (b), {args.sweep_sentences} sentences per language, "
                  "one process each (beam 4):")
            print("\n".join(rows))
            print(f"  best by tokens/s: {batching_label(best)}\n", flush=True)

        runs: dict[str, list[dict]] = {"a": [], "b": [], "c": []}
        for r in range(args.rounds):
            runs["b"].append(run_worker(*raw_args(models, corpus, best)))
            out = tmp / "out.jsonl"
            c = run_cli(corpus, models, out, None)
            c["tokens"] = round(translated_sentences(out) * RECIPE["output_tokens"])
            runs["c"].append(c)
            if not args.skip_argos:
                runs["a"].append(run_worker("argos", str(models), str(corpus),
                                            str(args.argos_sentences)))
            print(f"  round {r + 1}/{args.rounds} done (load average {os.getloadavg()[0]:.1f})",
                  flush=True)

        def med(key: str) -> tuple[float, float]:
            if not runs[key]:
                return float("nan"), float("nan")
            rates = [_rate(x) for x in runs[key]]
            return (statistics.median(x[0] for x in rates),
                    statistics.median(x[1] for x in rates))

        a, b, c = med("a"), med("b"), med("c")
        print(f"\nmedians of {args.rounds} interleaved rounds      tokens/s   CPU-ms/token")
        print(f"(a) argostranslate translate()          {a[0]:9.1f}   {a[1]:9.2f}"
              f"   [{args.argos_sentences} sentences/language]")
        print(f"(b) raw CTranslate2 translate_batch      {b[0]:9.1f}   {b[1]:9.2f}"
              f"   [{batching_label(best)}; translate_batch only]")
        print(f"(c) newsbrief translate, end to end     {c[0]:9.1f}   {c[1]:9.2f}"
              f"   [whole process: start-up, detection, loading, writing]")
        print(f"c/b = {c[0] / b[0]:.2f} by wall clock, {b[1] / c[1]:.2f} by CPU time"
              "   (target >= 0.9)")
        print(f"c/a = {c[0] / a[0]:.1f} by wall clock, {a[1] / c[1]:.1f} by CPU time"
              "   (target >= 8)")
        peaks = [x["rss"] for x in runs["c"]]
        print(f"peak RSS, newsbrief translate loading both models: max {max(peaks):.0f} MB over"
              f" {len(peaks)} runs of {n_sent} sentences; {small_run_rss(articles, models, tmp)}"
              " for one short ru + one uk article   (target < 500 MB)")
        print(f"  of which before any model is loaded (`newsbrief detect` on the same articles):"
              f" {detect_rss(corpus):.0f} MB")
        if runs["b"]:
            print(f"  (raw CTranslate2 process with both models, {batching_label(best)}: "
                  f"{max(x['rss'] for x in runs['b']):.0f} MB)")

        cache = tmp / "cache"
        cold = run_cli(corpus, models, tmp / "cold.jsonl", cache)["wall"]
        warm = run_cli(corpus, models, tmp / "warm.jsonl", cache)["wall"]
        same = (tmp / "cold.jsonl").read_text() == (tmp / "warm.jsonl").read_text()
        print(f"cached second run: {cold:.2f} s -> {warm:.2f} s = {cold / warm:.1f}x faster "
              f"(target >= 20x; identical output: {same})")
        print(f"newsbrief --help: {help_time():.3f} s median of 5 (target < 0.3 s)")
        print(f"time to first output, short English article: {first_output_time(tmp, models)}")
        print(f"summarisation, 2,000-sentence document: {summarize_time(tmp)}")


if __name__ == "__main__":
    main()
