"""A long fuzzing campaign over everything newsbrief reads and writes, in one process (issue 14).

Each input is made from the bundled samples (and the test articles) by a seeded generator:
random bytes, the articles re-encoded in every code page and then damaged (bit flips, cuts,
splices of two encodings, inserted invisible and control characters), hostile jsonl lines (huge
numbers, deep nesting, lone surrogate escapes, malformed `sentences`, upstream error records),
HTML pages (lying <meta charset>, scripts, broken markup), Markdown, and the `==> id <==` text
that newsbrief itself writes, hostile file names and jsonl ids (terminal escapes, bidi overrides,
NUL). Every input goes the way the CLI sends it: standard input (format
sniffed, or forced text/jsonl) or a file with one of the suffixes the reader knows, then the
pipeline (detect and summarise; a stub engine fails every Russian/Ukrainian document as a missing
model would), every renderer (text, Markdown, JSON, HTML, jsonl records) and, for two or more
articles, the comparison.

Counted:
- internal errors: an exception escaping any stage, a DocumentError of kind "internal" (the
  reader's last line of defence) or "error" (the pipeline's catch-all for an unexpected
  exception), a result that cannot be written as UTF-8 or as strict JSON (no NaN), or a
  control character or bidi override (ESC, BEL, NUL, CSI, U+202E) raw in a text, Markdown or
  HTML output (names are shown escaped: `newsbrief.shown`). The target is 0.
- hangs: an input taking longer than --limit seconds (interrupted by an alarm).
Baseline: the issue's figure, 0 internal errors over >= 10,000 inputs.

    python benchmarks/fuzz_inputs.py [--inputs 10000] [--seed 1] [--limit 20] [--save DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsbrief import render  # noqa: E402
from newsbrief.grouping import CompareError, compare  # noqa: E402
from newsbrief.pipeline import Options, process  # noqa: E402
from newsbrief.reading import read_inputs  # noqa: E402
from newsbrief.records import Article, DocumentError  # noqa: E402
from tests.helpers_cli import ENGLISH, GERMAN, RUSSIAN, UKRAINIAN  # noqa: E402

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1251",
             "koi8_r", "koi8_u", "mac_cyrillic", "cp866", "iso8859_5", "latin-1", "cp1252"]
HOSTILE_CHARS = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u2028",
                 "\u0085", "\x00", "\x07", "\x1b[31m", "\r", "\t", "\u0301", "\U0001f600",
                 "最", "ا", "«", "»", "—", "…", "№", "\\", '"', "<", "&", "{", "[", "==> x <==\n"]
SUFFIXES = [".txt", ".md", ".html", ".htm", ".jsonl", ".TXT", ""]
# Pieces of hostile names (file names, jsonl ids): terminal escapes, bidi overrides, line breaks,
# markup, an undecodable byte (as Python hands it over). A file name holds anything but NUL and /.
NAME_PIECES = ["\x1b]0;PWNED\x07", "\x1b[2J", "\x1b[31m", "\u202e", "\u2066", "\u200f", "\x07",
               "\x9b", "\x85", "\t", "\n", "\r", "\u2028", "\\", "`", "*", "<b>", "&amp;", " ",
               "-", "==> x <==", "\udcff", "txt.exe", "новости", "a", "1"]
# What must never reach a terminal, a page or a Markdown file raw (`newsbrief.shown`).
LEAKS = ("\x00", "\x07", "\x1b", "\x9b", "\u202e")


class Hang(Exception):
    pass


class StubEngine:
    """Stands in for a missing model: translation fails as it does without one installed."""

    def translate(self, lang: str, sentences: list[str]) -> list[str]:
        raise RuntimeError(f"no {lang} model in the fuzz run")


def corpus() -> list[str]:
    texts = [RUSSIAN, UKRAINIAN, ENGLISH, GERMAN]
    for path in sorted((ROOT / "samples").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    for line in (ROOT / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    return texts


# -- generators: each returns (how it is delivered, bytes) -------------------------------------
def _text(rng: random.Random, texts: list[str]) -> str:
    text = rng.choice(texts)
    if rng.random() < 0.5:  # a slice of it
        start = rng.randrange(len(text))
        text = text[start : start + rng.randrange(1, 3000)]
    for _ in range(rng.choice([0, 0, 1, 3, 20])):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(HOSTILE_CHARS) + text[at:]
    if rng.random() < 0.05:
        unit = rng.choice(["Hi. ", "Да. ", "a", "\n", "… ", "x" * 50 + " "])
        text = unit * rng.randrange(1, 4000)
    return text


def _encode(rng: random.Random, text: str) -> bytes:
    return text.encode(rng.choice(ENCODINGS), "replace")


def _damage(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.choice([0, 1, 2, 10])):
        if not data:
            break
        op = rng.randrange(4)
        at = rng.randrange(len(data))
        if op == 0:
            data[at] ^= 1 << rng.randrange(8)
        elif op == 1:
            del data[at : at + rng.randrange(1, 40)]
        elif op == 2:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
        else:
            data = data[:at]
    return bytes(data)


def gen_bytes(rng, texts):
    return "file-or-stdin", bytes(rng.randrange(256) for _ in range(rng.randrange(0, 2000)))


def gen_text(rng, texts):
    data = _encode(rng, _text(rng, texts))
    if rng.random() < 0.3:  # two paragraphs in two encodings
        data += b"\n" + _encode(rng, _text(rng, texts))
    if rng.random() < 0.3:
        data = _damage(rng, data)
    if rng.random() < 0.1:
        data = rng.choice([b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"%PDF-", b"\x1f\x8b"]) + data
    return "file-or-stdin", data


def _json_value(rng: random.Random, texts: list[str], depth: int = 0):
    roll = rng.random()
    if depth > 3 or roll < 0.5:
        return rng.choice([
            None, True, 0, -1, 1.5, float("inf"), float("nan"), 10**rng.randrange(1, 400),
            _text(rng, texts)[:200], "\ud800", "a\udc00b", "\ud83d\ude00", "", " ",
        ])
    if roll < 0.75:
        return [_json_value(rng, texts, depth + 1) for _ in range(rng.randrange(4))]
    return {rng.choice(["id", "text", "k", "\ud800", ""]): _json_value(rng, texts, depth + 1)
            for _ in range(rng.randrange(4))}


def gen_jsonl(rng, texts):
    lines = []
    for n in range(rng.randrange(1, 6)):
        roll = rng.random()
        if roll < 0.08:
            lines.append(rng.choice(["[" * rng.randrange(1, 200_000),
                                     '{"id": 1' + "0" * rng.randrange(4200, 5000) + "}",
                                     '{"id": "x", "text": ', "", "   ", "null", "[]", "{}"]))
            continue
        record: dict = {}
        if rng.random() < 0.9:
            record["id"] = rng.choice([f"doc{n}", n, 10**5000 if rng.random() < 0.02 else n * 7,
                                       _json_value(rng, texts)])
        if rng.random() < 0.9:
            record["text"] = _text(rng, texts) if rng.random() < 0.8 else _json_value(rng, texts)
        if rng.random() < 0.2:
            record["sentences"] = rng.choice([
                [{"source": "Один.", "text": "One.", "paragraph": 0}],
                [{"source": "x"}], "bad", [1, 2], _json_value(rng, texts),
            ])
            record["language"] = rng.choice(["ru", "uk", "en", 5, ""])
        if rng.random() < 0.1:
            record["error"] = _json_value(rng, texts)
            record["kind"] = rng.choice(["model", "", None, 3])
        for _ in range(rng.randrange(3)):
            record[rng.choice(["url", "outlet", "meta", "\ud800"])] = _json_value(rng, texts)
        try:
            line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
        except ValueError:  # integers over the conversion limit cannot even be written
            line = json.dumps({k: v for k, v in record.items() if k != "id"})
        lines.append(line)
    newline = rng.choice(["\n", "\r\n"])
    data = newline.join(lines).encode("utf-8", "surrogatepass")
    if rng.random() < 0.1:
        data = "\ufeff".encode() + data
    if rng.random() < 0.05:
        data = newline.join(lines).encode("utf-16", "surrogatepass")
    if rng.random() < 0.1:
        data = _damage(rng, data)
    return rng.choice(["jsonl-file", "stdin"]), data


def gen_html(rng, texts):
    paragraphs = [_text(rng, texts)[:600] for _ in range(rng.randrange(0, 6))]
    declared = rng.choice(["utf-8", "windows-1251", "koi8-r", "koi8-u", "iso-8859-1", "bogus", ""])
    pieces = ["<!DOCTYPE html>" if rng.random() < 0.8 else "", "<html><head>",
              f'<meta charset="{declared}">' if declared else "",
              f"<title>{rng.choice(paragraphs) if paragraphs else ''}</title>",
              "<script>var x = '<p>not text</p>';</script>" * rng.randrange(3), "</head><body>",
              "<nav><a href='/'>Home</a></nav>" if rng.random() < 0.5 else "", "<article>"]
    for p in paragraphs:
        pieces.append(rng.choice(["<p>{}</p>", "<div>{}", "<h1>{}</h1>", "{}<br>", "<p>{}"])
                      .format(p))
    pieces.append(rng.choice(["</article></body></html>", "", "<!--", "<![CDATA["]))
    data = _encode(rng, "".join(pieces))
    if rng.random() < 0.2:
        data = _damage(rng, data)
    return rng.choice(["html-file", "file-or-stdin"]), data


def gen_markdown(rng, texts):
    blocks = []
    if rng.random() < 0.3:
        blocks.append(f"---\ntitle: {_text(rng, texts)[:80]}\n---")
    for _ in range(rng.randrange(1, 8)):
        mark = rng.choice(["# ", "## ", "> ", "- ", "1. ", "    ", "", "**", "`", "```\n", "| "])
        blocks.append(mark + _text(rng, texts)[:400] + rng.choice(["", "**", "`", "\n```", " |"]))
    return "md-file", _encode(rng, "\n\n".join(blocks))


def gen_headed(rng, texts):
    sections = [f"==> {rng.choice(['a.txt', 'b', '-:2', 'x <== y', ' ', ''])} <==\n"
                f"{_text(rng, texts)}" for _ in range(rng.randrange(1, 4))]
    return "stdin", _encode(rng, "\n\n".join(sections))


def hostile_name(rng: random.Random, nul: bool = False) -> str:
    pieces = NAME_PIECES + (["\x00"] if nul else [])
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 6)))


def gen_named(rng, texts):
    """An ordinary article under a hostile file name (see `deliveries`)."""
    return "named-file", _encode(rng, _text(rng, texts))


def gen_hostile_ids(rng, texts):
    """jsonl records whose ids are hostile names (NUL included: a JSON string may hold it)."""
    lines = [json.dumps({"id": hostile_name(rng, nul=True), "text": _text(rng, texts)},
                        ensure_ascii=rng.random() < 0.5)
             for _ in range(rng.randrange(1, 4))]
    return rng.choice(["jsonl-file", "stdin"]), "\n".join(lines).encode("utf-8", "surrogatepass")


GENERATORS = [gen_bytes, gen_text, gen_text, gen_jsonl, gen_jsonl, gen_html, gen_markdown,
              gen_headed, gen_named, gen_hostile_ids]


# -- one input through every stage -------------------------------------------------------------
def deliveries(rng: random.Random, how: str, folder: Path, data: bytes):
    """(inputs, input_format, stdin bytes) for read_inputs, as the CLI would call it."""
    if how == "stdin" or (how == "file-or-stdin" and rng.random() < 0.5):
        return ["-"], rng.choice([None, None, "text", "jsonl"]), data
    suffix = {"jsonl-file": ".jsonl", "html-file": ".html", "md-file": ".md"}.get(how)
    stem = hostile_name(rng).replace("/", "_") if how == "named-file" else "in"
    path = folder / f"{stem}{suffix or rng.choice(SUFFIXES)}"
    path.write_bytes(data)
    return [str(path if rng.random() < 0.8 else folder)], None, b""


def run_one(inputs, fmt, stdin: bytes) -> tuple[Counter, list[str]]:
    """Everything the CLI does with one input; returns result kinds and internal errors."""
    kinds: Counter = Counter()
    internal: list[str] = []
    docs = read_inputs(inputs, fmt, stdin=io.BytesIO(stdin), warn=lambda message: None)
    options = Options(count=3)
    articles: list[Article] = []
    for item in process(docs, "summarize", options, StubEngine):
        if isinstance(item, DocumentError):
            kinds[item.kind] += 1
            if item.kind in ("internal", "error"):
                internal.append(f"{item.kind}: {item.message[:300]}")
            json.dumps(render.error_record(item), ensure_ascii=False, allow_nan=False).encode()
            continue
        kinds["ok"] += 1
        articles.append(item)
    for command in ("detect", "translate", "summarize"):
        for fmt_out in render.FORMATS:
            for side in (False, True) if command == "summarize" else (False,):
                out = render.render_articles(command, articles, fmt_out, side_by_side=side)
                out.encode("utf-8")
                _check_shown(out, f"{command} -f {fmt_out}", fmt_out, internal)
        for article in articles:
            record = render.to_record(command, article)
            json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8")
    if len(articles) >= 2:
        try:
            comparison = compare(articles)
        except CompareError:
            kinds["compare-refused"] += 1
        else:
            for fmt_out in render.FORMATS:
                out = render.render_comparison(comparison, fmt_out)
                out.encode("utf-8")
                _check_shown(out, f"compare -f {fmt_out}", fmt_out, internal)
    return kinds, internal


def _check_shown(out: str, what: str, fmt: str, internal: list[str]) -> None:
    """A control or bidi override raw in an output for people (JSON keeps exact names)."""
    if fmt == "json":
        return
    leaked = sorted({repr(ch) for ch in LEAKS if ch in out})
    if leaked:
        internal.append(f"raw {', '.join(leaked)} in {what}")


def _alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise Hang()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=float, default=20.0, help="seconds before a hang")
    parser.add_argument("--save", type=Path, help="write each failing input here")
    args = parser.parse_args()

    os.environ.setdefault("NEWSBRIEF_CACHE_DIR", tempfile.mkdtemp(prefix="newsbrief-fuzz-"))
    rng = random.Random(args.seed)
    texts = corpus()
    signal.signal(signal.SIGALRM, _alarm)
    # Warm-up, not counted: first-use imports (trafilatura's fallback extractors, the language
    # tables) would otherwise make the first inputs of each kind look slow.
    warm = random.Random(0)
    for generator in GENERATORS * 5:
        how, data = generator(warm, texts)
        with tempfile.TemporaryDirectory() as folder:
            try:
                run_one(*deliveries(warm, how, Path(folder), data))
            except Exception:  # noqa: BLE001 - counted in the campaign proper
                pass
    totals: Counter = Counter()
    by_generator: Counter = Counter()
    failures: list[tuple[str, str]] = []
    hangs = 0
    slowest = (0.0, "")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.inputs):
            generator = rng.choice(GENERATORS)
            how, data = generator(rng, texts)
            folder = Path(tmp) / str(n)
            folder.mkdir()
            inputs, fmt, stdin = deliveries(rng, how, folder, data)
            by_generator[generator.__name__] += 1
            t0 = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, args.limit)
            problem = None
            try:
                kinds, internal = run_one(inputs, fmt, stdin)
                totals.update(kinds)
                if internal:
                    problem = "; ".join(internal)
            except Hang:
                hangs += 1
                problem = f"hang: over {args.limit:g} s"
            except Exception:  # noqa: BLE001 - what the campaign is looking for
                problem = traceback.format_exc(limit=6)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            took = time.perf_counter() - t0
            if took > slowest[0]:
                slowest = (took, f"{generator.__name__}, {len(data)} bytes, {inputs[0][-12:]}")
                if args.save:
                    args.save.mkdir(parents=True, exist_ok=True)
                    (args.save / "slowest.bin").write_bytes(data)
            if problem:
                failures.append((generator.__name__, problem))
                if args.save:
                    args.save.mkdir(parents=True, exist_ok=True)
                    (args.save / f"{n:05d}-{generator.__name__}.bin").write_bytes(data)
            for path in folder.iterdir():
                path.unlink()
            folder.rmdir()
            if (n + 1) % 1000 == 0:
                print(f"  {n + 1} inputs, {len(failures)} failing, "
                      f"{time.perf_counter() - started:.0f} s", flush=True)
    elapsed = time.perf_counter() - started
    internal_errors = len(failures) - hangs
    print(f"\ninputs tried: {args.inputs} (seed {args.seed}) in {elapsed:.0f} s "
          f"({args.inputs / elapsed:.0f} inputs/s)")
    print("by generator: " + ", ".join(f"{k} {v}" for k, v in sorted(by_generator.items())))
    print("results: " + ", ".join(f"{k} {v}" for k, v in totals.most_common()))
    print(f"slowest input: {slowest[0]:.2f} s ({slowest[1]})")
    print(f"internal errors: {internal_errors}")
    print(f"hangs (over {args.limit:g} s): {hangs}")
    for name, problem in failures[:10]:
        print(f"--- {name}\n{problem}")
    verdict = "meets" if internal_errors == 0 and hangs == 0 and args.inputs >= 10_000 else "misses"
    print(f"baseline (issue 14): 0 internal errors over >= 10,000 inputs -> {verdict} it")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
