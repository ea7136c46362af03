"""Peak memory of every command and output format on the largest input newsbrief accepts.

The house rule: memory stays bounded for the largest input we accept. A document may be 5 MB
(NEWSBRIEF_MAX_BYTES' default); the bound is 500 MB peak resident memory for the whole
process, imports included. Two English inputs (no model is needed), each just under 5 MB:
- `ok-lines`: "Ok." on every line, 1.2 million one-sentence paragraphs (the most records);
- `three-words`: three random words a line, ~235,000 paragraphs (longer sentence records).
- `jsonl-record`: one jsonl record whose text is 4.7 MB of three-word lines (4.9 MB a line).
Each runs through detect, translate and summarize in every format they take, and `--format
json -o FILE`; compare gets the input beside a short article of our own (samples/en_wire.txt)
in text, markdown, html and json, and the jsonl record beside the whole `ok-lines` text (two
long sources, issue 26's case). The real `newsbrief` in its own process (benchmarks/measure.py).
The figure is the peak RSS against the 500 MB bound; the output is discarded.
Then (unless --no-scaling) compare's time and memory on each text input cut to 1, 2, 4 and
4.8 MB beside the short article: seconds per MB must not grow with the size (linear time).
Run: python benchmarks/bench_output_memory.py [--inputs ok-lines] [--commands detect]
     [--formats json jsonl] [--no-scaling]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import newsbrief_cmd, run_checked  # noqa: E402

BOUND_MB = 500
SIZE = 4_800_000  # bytes: just under the 5 MB a document may be
COMMANDS = ("detect", "translate", "summarize", "compare")
# compare's second source: a short article, so the long input is compared with something real.
SMALL = Path(__file__).resolve().parent.parent / "samples" / "en_wire.txt"
FORMATS = ("json", "jsonl", "markdown", "html", "text", "json-o")
WORDS = (
    "river stone market report city council budget water plan said today minister police "
    "school road bridge north winter price train doctor village court season garden"
).split()


def _ok_lines(size: int = SIZE) -> str:
    return "Ok.\n" * (size // 4)


def _three_words(size: int = SIZE, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines, total = [], 0
    while total < size - 40:
        line = " ".join(rng.choice(WORDS) for _ in range(3)).capitalize() + ".\n"
        lines.append(line)
        total += len(line)
    return "".join(lines)


def _jsonl_record(size: int = SIZE) -> str:
    text = _three_words(size - size // 40, seed=8)  # each "\n" is two bytes in JSON
    return json.dumps({"id": "long-record", "text": text}) + "\n"


INPUTS = {"ok-lines": _ok_lines, "three-words": _three_words, "jsonl-record": _jsonl_record}
SUFFIX = {"jsonl-record": ".jsonl"}
# compare's second source per input (default SMALL): the record goes beside the whole long text.
PARTNER = {"jsonl-record": "ok-lines"}
SCALING_MB = (1, 2, 4, 4.8)


def _scaling(tmp: Path, names: list[str]) -> None:
    """compare (text) on each text input cut to SCALING_MB, beside the short article."""
    print(f"\ncompare --format text beside {SMALL.name}, by input size (linear: s/MB flat)")
    print(f"{'input':<12} {'MB':>5} {'seconds':>8} {'s/MB':>6} {'peak MB':>8}")
    for name in names:
        if name not in ("ok-lines", "three-words"):
            continue
        for mb in SCALING_MB:
            path = tmp / f"{name}-{mb}MB.txt"
            path.write_text(INPUTS[name](int(mb * 1_000_000)), encoding="utf-8")
            cmd = [*newsbrief_cmd(), "compare", "--quiet", str(path), str(SMALL)]
            result = run_checked(cmd + ["--format", "text"], f"compare of {path.name}")
            print(
                f"{name:<12} {mb:5.1f} {result['wall']:8.2f} {result['wall'] / mb:6.2f} "
                f"{result['rss']:8.0f}",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", nargs="+", choices=list(INPUTS), default=list(INPUTS))
    parser.add_argument("--commands", nargs="+", choices=COMMANDS, default=list(COMMANDS))
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--no-scaling", action="store_true", help="skip compare's size series")
    args = parser.parse_args()
    print(f"peak RSS of the whole process; bound {BOUND_MB} MB")
    print(f"{'input':<12} {'command':<10} {'format':<9} {'seconds':>8} {'peak MB':>8}  vs bound")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        paths: dict[str, Path] = {}
        for name in args.inputs:
            path = paths[name] = Path(tmp) / f"{name}{SUFFIX.get(name, '.txt')}"
            path.write_text(INPUTS[name](), encoding="utf-8")
            partner = PARTNER.get(name)
            if partner is not None and partner not in paths:
                paths[partner] = Path(tmp) / f"{partner}.txt"
                paths[partner].write_text(INPUTS[partner](), encoding="utf-8")
            for command in args.commands:
                for fmt in args.formats:
                    if command == "detect" and fmt in ("markdown", "html"):
                        continue  # detect writes text, json or jsonl
                    if command == "compare" and fmt in ("jsonl", "json-o"):
                        continue  # one comparison: json is its record
                    cmd = [*newsbrief_cmd(), command, "--quiet", str(path)]
                    if command == "compare":
                        cmd.append(str(paths[PARTNER[name]] if name in PARTNER else SMALL))
                    if fmt == "json-o":
                        cmd += ["--format", "json", "-o", str(Path(tmp) / "out.json")]
                    else:
                        cmd += ["--format", fmt]
                    result = run_checked(cmd, f"{command} --format {fmt} on {name}")
                    worst = max(worst, result["rss"])
                    verdict = "ok" if result["rss"] < BOUND_MB else "OVER"
                    print(
                        f"{name:<12} {command:<10} {fmt:<9} {result['wall']:8.2f} "
                        f"{result['rss']:8.0f}  {result['rss'] / BOUND_MB:.2f}x {verdict}",
                        flush=True,
                    )
        print(f"worst: {worst:.0f} MB of {BOUND_MB} MB")
        if not args.no_scaling and "compare" in args.commands:
            _scaling(Path(tmp), args.inputs)


if __name__ == "__main__":
    main()
