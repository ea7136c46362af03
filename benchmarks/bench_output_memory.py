"""Peak memory of every command and output format on the largest input newsbrief accepts.

The house rule: memory stays bounded for the largest input we accept. A document may be 5 MB
(NEWSBRIEF_MAX_BYTES' default); the bound is 500 MB peak resident memory for the whole
process, imports included. Two English inputs (no model is needed), each just under 5 MB:
- `ok-lines`: "Ok." on every line, 1.2 million one-sentence paragraphs (the most records);
- `three-words`: three random words a line, ~235,000 paragraphs (longer sentence records).
Each runs through detect, translate and summarize in every format they take, and `--format
json -o FILE`; compare gets the input beside a short article of our own (samples/en_wire.txt)
in text, markdown, html and json. The real `newsbrief` in its own process
(benchmarks/measure.py). The figure is the peak RSS against the 500 MB bound; the output is
discarded.
Run: python benchmarks/bench_output_memory.py [--inputs ok-lines] [--commands detect]
     [--formats json jsonl]
"""

from __future__ import annotations

import argparse
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


def _ok_lines() -> str:
    return "Ok.\n" * (SIZE // 4)


def _three_words() -> str:
    rng = random.Random(7)
    lines, size = [], 0
    while size < SIZE - 40:
        line = " ".join(rng.choice(WORDS) for _ in range(3)).capitalize() + ".\n"
        lines.append(line)
        size += len(line)
    return "".join(lines)


INPUTS = {"ok-lines": _ok_lines, "three-words": _three_words}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", nargs="+", choices=list(INPUTS), default=list(INPUTS))
    parser.add_argument("--commands", nargs="+", choices=COMMANDS, default=list(COMMANDS))
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    args = parser.parse_args()
    print(f"peak RSS of the whole process; bound {BOUND_MB} MB")
    print(f"{'input':<12} {'command':<10} {'format':<9} {'seconds':>8} {'peak MB':>8}  vs bound")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.inputs:
            path = Path(tmp) / f"{name}.txt"
            path.write_text(INPUTS[name](), encoding="utf-8")
            for command in args.commands:
                for fmt in args.formats:
                    if command == "detect" and fmt in ("markdown", "html"):
                        continue  # detect writes text, json or jsonl
                    if command == "compare" and fmt in ("jsonl", "json-o"):
                        continue  # one comparison: json is its record
                    cmd = [*newsbrief_cmd(), command, "--quiet", str(path)]
                    if command == "compare":
                        cmd.append(str(SMALL))
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


if __name__ == "__main__":
    main()
