"""Stand-in for `newsbrief translate DIR --format jsonl` while the CLI cannot run it end to end.

bench_translate.py uses this only when the real command fails, and says so in its output. It does
the same work in a fresh process: read every .txt file, split paragraphs into sentences with the
project's splitter, send all sentences of a language to one Engine.translate call, write jsonl.
The language comes from the file name prefix (ru_/uk_) instead of language detection.

    python benchmarks/bench_translate_fallback.py DIR MODELS OUT.jsonl [--no-cache]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    from summarizer.splitting import split_sentences
    from translator.cache import TranslationCache
    from translator.engine import Engine

    folder, models, out = Path(argv[0]), Path(argv[1]), Path(argv[2])
    cache = None if "--no-cache" in argv else TranslationCache()
    engine = Engine(models, cache=cache)
    docs = []
    wanted: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.txt")):
        lang = path.name.split("_")[0]
        paras = [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        sents = [s for p in paras for s in (split_sentences(p, lang) or [p])]
        docs.append((str(path), lang, sents))
        wanted.setdefault(lang, []).extend(sents)
    table = {}
    for lang, sents in wanted.items():
        unique = list(dict.fromkeys(sents))
        table[lang] = dict(zip(unique, engine.translate(lang, unique), strict=True))
    with open(out, "w", encoding="utf-8") as sink:
        for doc_id, lang, sents in docs:
            pairs = [{"source": s, "text": table[lang][s]} for s in sents]
            record = {"id": doc_id, "language": lang,
                      "text": " ".join(p["text"] for p in pairs), "sentences": pairs}
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
