"""Translation throughput and start-up figures for issue 7, against their baselines, in one run.

On the same Russian and Ukrainian FLORES devtest sentences, grouped into articles (paragraphs of
two sentences), with the realistic-size random-weight packages of benchmarks/build_model.py
(6+6 layers, d=512, 32k vocab, int8, beam 4, exactly 48 output tokens per sentence), it times:

  (a) argostranslate's own path: PackageTranslation.translate() per article (paragraph by
      paragraph, translate_batch with its 32-token batches), with the project's offline sentence
      splitter standing in for argostranslate's downloading one;
  (b) raw CTranslate2 translate_batch on the same sentences, length-sorted, with the best batch
      size of a small sweep (the ceiling);
  (c) `newsbrief translate DIR --format jsonl --no-cache` end to end as a subprocess (start-up,
      reading, language detection, splitting, routing, translating, writing).

and prints tokens/s, c/b (target >= 0.9), c/a (target >= 8); then the cached second run speed-up
(target >= 20x), `newsbrief --help` wall time (< 0.3 s), time to first output for a short
English article, peak RSS of a run that loads both models (< 500 MB) and the time to summarise a
2,000-sentence document. argostranslate gets the same thread count (all cores) as the others, and
its translator is wrapped only to pass the same fixed output length (48 tokens).

    python benchmarks/bench_translate.py [--sentences N] [--skip-argos]

N sentences per language (default 64, i.e. 128 in all) keep a run within ~10 minutes on two
cores; argostranslate's path dominates the time.
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

SENTENCES_PER_PARAGRAPH = 2
SENTENCES_PER_ARTICLE = 8
FLORES = {"ru": "rus_Cyrl.devtest", "uk": "ukr_Cyrl.devtest"}


def newsbrief_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("newsbrief")
    return [str(exe)] if exe.exists() else [sys.executable, str(ROOT / "cli.py")]


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


class FixedLength:
    """Passes argostranslate's calls through, adding the package's fixed output length."""

    def __init__(self, inner, limits: dict[str, int]):
        self.inner, self.limits, self.tokens = inner, limits, 0

    def translate_batch(self, batch, **kwargs):
        results = self.inner.translate_batch(batch, **kwargs, **self.limits)
        self.tokens += sum(len(r.hypotheses[0]) for r in results)
        return results


def bench_argos(models: Path, articles: dict[str, list[str]], threads: int) -> tuple[float, int]:
    """(a) seconds and output tokens for argostranslate's translate() over every article."""
    saved = dict(os.environ)
    # Importing argostranslate.settings creates its folders: keep them out of the user's home.
    scratch = Path(tempfile.mkdtemp(prefix="nb-bench-argos-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(scratch / var.lower())
    os.environ["ARGOS_PACKAGES_DIR"] = str(models)
    os.environ["ARGOS_INTRA_THREADS"] = str(threads)
    try:
        import ctranslate2
        from argostranslate.package import Package
        from argostranslate.translate import Language, PackageTranslation
    finally:
        os.environ.clear()
        os.environ.update(saved)

    class Splitter:
        def __init__(self, lang: str):
            self.lang = lang

        def split_sentences(self, text: str) -> list[str]:
            return split_paragraph(text, self.lang)

    seconds = 0.0
    tokens = 0
    for lang, texts in articles.items():
        pkg_dir = models / f"translate-{lang}_en"
        limits = json.loads((pkg_dir / "metadata.json").read_text())["newsbrief_decoding"]
        pkg = Package(pkg_dir)
        translation = PackageTranslation.__new__(PackageTranslation)  # skip MiniSBD set-up
        translation.from_lang, translation.to_lang = Language(lang, lang), Language("en", "en")
        translation.pkg, translation.sentencizer = pkg, Splitter(lang)
        translation.translator = FixedLength(
            ctranslate2.Translator(str(pkg_dir / "model"), device="cpu", inter_threads=1,
                                   intra_threads=threads), limits)
        start = time.perf_counter()
        for text in texts:
            translation.translate(text)
        seconds += time.perf_counter() - start
        tokens += translation.translator.tokens
    return seconds, tokens


def bench_raw(models: Path, sentences: dict[str, list[str]], threads: int):
    """(b) best seconds/tokens of length-sorted translate_batch over a few batch sizes."""
    import ctranslate2
    import sentencepiece as spm

    prepared = {}
    for lang, sents in sentences.items():
        pkg_dir = models / f"translate-{lang}_en"
        limits = json.loads((pkg_dir / "metadata.json").read_text())["newsbrief_decoding"]
        sp = spm.SentencePieceProcessor(model_file=str(pkg_dir / "sentencepiece.model"))
        tokens = sorted((sp.encode(s, out_type=str) for s in dict.fromkeys(sents)), key=len)
        translator = ctranslate2.Translator(str(pkg_dir / "model"), device="cpu",
                                            inter_threads=1, intra_threads=threads)
        prepared[lang] = (translator, tokens, limits)

    def run(size: int, kind: str, sample: int | None = None) -> tuple[float, int]:
        seconds, out_tokens = 0.0, 0
        for translator, tokens, limits in prepared.values():
            batch = tokens if sample is None else tokens[:: max(1, len(tokens) // sample)]
            start = time.perf_counter()
            results = translator.translate_batch(
                batch, beam_size=4, length_penalty=0.2, replace_unknowns=True,
                max_batch_size=size, batch_type=kind, **limits)
            seconds += time.perf_counter() - start
            out_tokens += sum(len(r.hypotheses[0]) for r in results)
        return seconds, out_tokens

    sweep = {}
    for size, kind in ((32, "examples"), (64, "examples"), (2048, "tokens"), (4096, "tokens")):
        seconds, tokens = run(size, kind, sample=32)
        sweep[(size, kind)] = tokens / seconds
    best = max(sweep, key=sweep.get)
    seconds, tokens = run(*best)
    return seconds, tokens, best, sweep


FALLBACK = {"used": False, "why": ""}


def bench_cli(folder: Path, models: Path, out: Path, cache_dir: Path | None) -> float:
    """Wall seconds of one `newsbrief translate` run writing jsonl to `out`.

    If the CLI cannot do it (still being written), the Engine-direct stand-in
    bench_translate_fallback.py runs instead and FALLBACK records why.
    """
    cmd = newsbrief_cmd() + ["translate", str(folder), "--format", "jsonl", "--models-dir",
                             str(models), "-o", str(out), "-q"]
    fallback = [sys.executable, str(ROOT / "benchmarks" / "bench_translate_fallback.py"),
                str(folder), str(models), str(out)]
    env = dict(os.environ)
    if cache_dir is None:
        cmd.append("--no-cache")
        fallback.append("--no-cache")
    else:
        env["NEWSBRIEF_CACHE_DIR"] = str(cache_dir)
    for attempt in ([fallback] if FALLBACK["used"] else [cmd, fallback]):
        start = time.perf_counter()
        proc = subprocess.run(attempt, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if proc.returncode == 0:
            return seconds
        if attempt is cmd:
            FALLBACK["used"] = True
            FALLBACK["why"] = (proc.stderr.strip().splitlines() or ["?"])[-1][:160]
    raise SystemExit(f"translation run failed ({proc.returncode}): {proc.stderr[-2000:]}")


def translated_sentences(jsonl: Path) -> int:
    count = 0
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        count += sum(1 for s in record.get("sentences", []) if s.get("source") != s.get("text"))
    return count


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


def peak_rss(articles: dict[str, list[str]], models: Path, folder: Path) -> str:
    """Peak RSS of a `newsbrief translate` run over one ru and one uk article (both models)."""
    rss = folder / "rss"
    rss.mkdir()
    for lang, texts in articles.items():
        (rss / f"{lang}_rss.txt").write_text(texts[0], encoding="utf-8")
    cli = newsbrief_cmd() + ["translate", str(rss), "--no-cache", "-q", "--models-dir",
                             str(models)]
    stand_in = [sys.executable, str(ROOT / "benchmarks" / "bench_translate_fallback.py"),
                str(rss), str(models), str(folder / "rss.jsonl"), "--no-cache"]
    for label, cmd in (("newsbrief translate", cli), ("Engine-direct stand-in", stand_in)):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            return f"{usage.ru_maxrss / 1024:.0f} MB ({label})"
    return "n/a (no run succeeded)"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=64, help="FLORES sentences per language")
    parser.add_argument("--skip-argos", action="store_true", help="skip (a), the slow baseline")
    parser.add_argument("--cache-dir", type=Path, default=None, help="where models are cached")
    args = parser.parse_args()
    if not (DATA / "flores200-devtest").is_dir():
        print(f"skipped: benchmark data not found at {DATA.resolve()}")
        return

    from build_model import RECIPE, build

    from translator.engine import available_cores

    threads = available_cores()
    models = build(args.cache_dir)
    print(f"models: {models}  ({RECIPE['layers']}+{RECIPE['layers']} layers, d={RECIPE['d_model']},"
          f" vocab {RECIPE['vocab_size']}, {RECIPE['quantization']}, beam 4, "
          f"{RECIPE['output_tokens']} output tokens/sentence)")
    print(f"cores: {threads}  load average at start: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="nb-bench-") as tmp:
        tmp = Path(tmp)
        corpus = tmp / "articles"
        corpus.mkdir()
        articles = make_articles(args.sentences, corpus)
        sentences = article_sentences(articles)
        n_sent = sum(len(v) for v in sentences.values())
        print(f"input: {sum(len(v) for v in articles.values())} articles, {n_sent} sentences "
              f"({args.sentences} FLORES devtest sentences per language)\n")

        b_sec, b_tok, best, sweep = bench_raw(models, sentences, threads)
        b_rate = b_tok / b_sec
        sweep_text = ", ".join(f"{s} {k}: {r:.0f}" for (s, k), r in sweep.items())
        print(f"(b) raw CTranslate2, best batching ({best[0]} {best[1]}): {b_rate:8.1f} tokens/s"
              f"  [{b_tok} tokens in {b_sec:.1f} s; sweep on a sample, tokens/s: {sweep_text}]")

        out = tmp / "out.jsonl"
        c_sec = bench_cli(corpus, models, out, None)
        c_tok = round(translated_sentences(out) * b_tok / n_sent)
        c_rate = c_tok / c_sec
        label = "(c) newsbrief translate end to end:      "
        if FALLBACK["used"]:
            label = "(c*) Engine-direct stand-in (NOT the CLI):"
            print(f"NOTE: `newsbrief translate` failed ({FALLBACK['why']}); (c) and the cache "
                  "figures below use benchmarks/bench_translate_fallback.py instead.")
        print(f"{label} {c_rate:8.1f} tokens/s"
              f"  [{c_tok} tokens in {c_sec:.1f} s wall, incl. start-up and model loading]")

        if args.skip_argos:
            a_rate = float("nan")
            print("(a) argostranslate translate(): skipped (--skip-argos)")
        else:
            a_sec, a_tok = bench_argos(models, articles, threads)
            a_rate = a_tok / a_sec
            print(f"(a) argostranslate translate():           {a_rate:8.1f} tokens/s"
                  f"  [{a_tok} tokens in {a_sec:.1f} s]")
        print(f"\nc/b = {c_rate / b_rate:.2f}   (target >= 0.9)")
        print(f"c/a = {c_rate / a_rate:.1f}    (target >= 8)")

        cache = tmp / "cache"
        cold = bench_cli(corpus, models, tmp / "cold.jsonl", cache)
        warm = bench_cli(corpus, models, tmp / "warm.jsonl", cache)
        same = (tmp / "cold.jsonl").read_text() == (tmp / "warm.jsonl").read_text()
        print(f"cached second run: {cold:.2f} s -> {warm:.2f} s = {cold / warm:.1f}x faster "
              f"(target >= 20x; identical output: {same})")
        print(f"newsbrief --help: {help_time():.3f} s median of 5 (target < 0.3 s)")
        print(f"time to first output, short English article: {first_output_time(tmp, models)}")
        print(f"peak RSS, one run loading both models: {peak_rss(articles, models, tmp)}"
              f" (target < 500 MB)")
        print(f"summarisation, 2,000-sentence document: {summarize_time(tmp)}")


if __name__ == "__main__":
    main()
