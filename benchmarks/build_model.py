"""Build (once) realistic-size random-weight ru→en and uk→en Argos packages for benchmarks.

Real Argos models cannot be downloaded here, and speed depends on model size, not on what the
weights say. These packages have the shape of Argos's ru/uk→en models: Transformer 6+6 layers,
d_model 512, 8 heads, FFN 2048, 32k shared SentencePiece vocabulary (trained on FLORES ru/uk/en
text plus news-docs and BBC text from ../shared/data), int8 weights. The end-of-sentence token is
suppressed and the package asks for exactly 48 output tokens per sentence (metadata key
`newsbrief_decoding`), so every system under test does the same decoding work per sentence.

The result is cached outside the repository (default `$XDG_CACHE_HOME/newsbrief-bench/`, or
`--cache-dir`); a changed recipe gets a new folder. Usage:

    python benchmarks/build_model.py            # prints the models folder
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
sys.path.insert(0, str(ROOT / "tests"))

RECIPE = {
    "layers": 6,
    "d_model": 512,
    "heads": 8,
    "ffn": 2048,
    "vocab_size": 32000,
    "quantization": "int8",
    "output_tokens": 48,
    "seeds": {"ru": 11, "uk": 12},
    "version": 3,
}


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsbrief-bench"


def training_corpus(limit_chars: int = 6_000_000) -> list[str]:
    """Russian, Ukrainian and English text from ../shared/data for the tokenizer."""
    if not DATA.is_dir():
        raise SystemExit(f"benchmark data not found at {DATA.resolve()} (needs ../shared/data)")
    lines: list[str] = []
    flores = DATA / "flores200-devtest"
    for name in ("rus_Cyrl.devtest", "ukr_Cyrl.devtest", "eng_Latn.devtest"):
        lines += (flores / name).read_text(encoding="utf-8").splitlines()
    news = DATA / "news-docs" / "dev.jsonl"
    if news.is_file():
        for line in news.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            lines += record.get("src_sents", []) + record.get("ref_en_sents", [])
    bbc = DATA / "bbc-news-summary" / "dev.jsonl"
    if bbc.is_file():
        for line in bbc.read_text(encoding="utf-8").splitlines():
            lines += [p for p in json.loads(line).get("article", "").split("\n") if p.strip()]
    out, size = [], 0
    for line in lines:
        line = line.strip()
        if line:
            out.append(line)
            size += len(line)
            if size > limit_chars:
                break
    return out


def build(cache_dir: Path | None = None, force: bool = False, quiet: bool = False) -> Path:
    """Return a models folder with translate-ru_en and translate-uk_en, building if needed."""
    from synthetic_argos import build_package, train_sentencepiece

    key = hashlib.sha256(json.dumps(RECIPE, sort_keys=True).encode()).hexdigest()[:12]
    models = (cache_dir or default_cache_dir()) / f"models-{key}"
    done = models / ".complete"
    if done.is_file() and not force:
        return models
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    models.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    corpus = training_corpus()
    say(f"training a {RECIPE['vocab_size']}-piece SentencePiece model on {len(corpus)} lines...")
    sp_model = train_sentencepiece(corpus, RECIPE["vocab_size"], input_sentence_size=0)
    length = RECIPE["output_tokens"]
    for lang, seed in RECIPE["seeds"].items():
        say(f"building the random-weight {lang}→en Transformer (seed {seed})...")
        build_package(
            models, lang, "en",
            layers=RECIPE["layers"], d_model=RECIPE["d_model"], heads=RECIPE["heads"],
            ffn=RECIPE["ffn"], vocab_size=RECIPE["vocab_size"], seed=seed,
            quantization=RECIPE["quantization"], suppress_eos=True,
            sentencepiece_model=sp_model,
            extra_metadata={"newsbrief_decoding": {"max_decoding_length": length,
                                                   "min_decoding_length": length}},
        )
    done.write_text(json.dumps(RECIPE) + "\n")
    say(f"built in {time.perf_counter() - start:.0f} s: {models}")
    return models


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args()
    print(build(args.cache_dir, args.force))


if __name__ == "__main__":
    main()
