"""How much of the run the translation device is busy, with and without the overlap (issue 23).

`newsbrief translate` reads, detects and splits documents on the CPU, then hands a chunk of
sentences to the engine. Without overlap the device waits while Python prepares the next chunk;
with it (`Options.overlap`, newsbrief/overlap.py) the next chunk is prepared while this one
translates. Two measurements, in one run, on Russian FLORES devtest sentences grouped into
articles of 8 (paragraphs of 2):

1. A simulated device: an engine that sleeps a fixed time per sentence and releases the GIL, as
   a GPU does while CTranslate2 waits on it. "raw" is the device time alone (the ceiling); the
   figure is e2e/raw, device time ÷ wall time of `pipeline.process` over the articles, for the
   sequential path and the overlapped one. This is what a GPU box sees, without a GPU.
2. Real CTranslate2 on this CPU with a small random-weight model (tests/synthetic_argos.py):
   overlapped ÷ sequential wall time, to show the overlap costs nothing where the engine
   already uses every core.

    python benchmarks/bench_overlap.py [--articles 120] [--device-ms 0.5] [--rounds 3]

On a GPU machine, `bench_families.py --device cuda` gives the real e2e/raw per model family.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from newsbrief.pipeline import process  # noqa: E402
from newsbrief.records import Document  # noqa: E402
from newsbrief.settings import Options  # noqa: E402


def articles(count: int) -> list[Document]:
    path = DATA / "flores200-devtest" / "rus_Cyrl.devtest"
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line]
    docs = []
    for n in range(count):
        sentences = [lines[(n * 8 + k) % len(lines)] for k in range(8)]
        paragraphs = [" ".join(sentences[k : k + 2]) for k in range(0, 8, 2)]
        docs.append(Document(id=f"a{n}", text="\n".join(paragraphs)))
    return docs


class Device:
    """Sleeps `seconds` a sentence (the GIL released, as while CTranslate2 waits on a GPU)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.busy = 0.0

    def translate(self, lang: str, sentences: list[str]) -> list[str]:
        start = time.perf_counter()
        time.sleep(self.seconds * len(sentences))
        self.busy += time.perf_counter() - start
        return [f"[{lang}] {s}" for s in sentences]


def timed(docs: list[Document], engine, overlap: bool) -> float:
    # Chunks of 16 articles (128 sentences): an engine batch of the size a GPU is given.
    options = Options(overlap=overlap, chunk_documents=16)
    start = time.perf_counter()
    for result in process(iter(docs), "translate", options, lambda: engine):
        assert not hasattr(result, "message"), result
    return time.perf_counter() - start


def simulated(docs: list[Document], device_ms: float, rounds: int) -> None:
    rows = {}
    for overlap in (False, True):
        ratios = []
        for _ in range(rounds):
            device = Device(device_ms / 1000)
            wall = timed(docs, device, overlap)
            ratios.append(device.busy / wall)
        rows[overlap] = statistics.median(ratios)
    print(
        f"simulated device, {device_ms} ms a sentence: e2e/raw sequential {rows[False]:.2f},"
        f" overlapped {rows[True]:.2f} (target: >= 0.85 on a GPU; raw = device time alone)"
    )


def on_cpu(docs: list[Document], rounds: int) -> None:
    from synthetic_argos import build_package

    from translator.engine.engine import Engine

    with tempfile.TemporaryDirectory() as tmp:
        build_package(Path(tmp), "ru", "en", seed=3)
        engine = Engine(tmp, beam_size=4)
        timed(docs[:4], engine, False)  # load the model outside the timing
        walls: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(rounds):  # interleaved: a busy spell hits both
            for overlap in (False, True):
                walls[overlap].append(timed(docs, engine, overlap))
    seq, ovl = (statistics.median(walls[k]) for k in (False, True))
    print(
        f"CTranslate2 on this CPU (small random model): sequential {seq:.2f} s, overlapped"
        f" {ovl:.2f} s; sequential/overlapped speed-up {seq / ovl:.2f}x (target: >= 1.0)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--device-ms", type=float, default=0.5)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: benchmark data not found at {DATA.resolve()}")
        return
    docs = articles(args.articles)
    print(f"{len(docs)} Russian articles of 8 FLORES sentences; medians of {args.rounds} rounds")
    simulated(docs, args.device_ms, args.rounds)
    on_cpu(docs, args.rounds)


if __name__ == "__main__":
    main()
