"""Sentence-splitter boundary F1 on news-docs (ru/uk source and English reference sentences).

Each document's gold sentences are joined with single spaces and split again; a boundary is the
character offset where a sentence ends (the end of the text is not counted).  Two protocols:

- joined: every sentence of the document in one text, as the issue specifies.  Headlines and
  captions have no final punctuation, so they cannot be told from the lead on punctuation alone.
- lines: a gold sentence without final punctuation (a headline, a caption) ends its line, as it
  does in a real article, where newsbrief splits one line (paragraph) at a time.

Documents are split into two halves by their position in the file: "tune" (even positions), on
which the rules were tuned, and "check" (odd positions), which was only measured; both are
printed, with PASS/FAIL against the 0.98 target.

The gold segments are WMT translation segments, and some hold several sentences ("Where should I
go?? Who needs me?" is one segment), so a splitter that ends those sentences is charged with false
positives.  A second, clearly labelled figure ("consensus-adjusted") leaves unscored the
boundaries that BOTH third-party splitters, razdel and pysbd, place inside a gold segment: they are
neither hits nor errors for any candidate.  The main figure is always the plain one.

A second secondary check, also clearly labelled, guards English body text: newsbrief splits one
paragraph at a time, so every paragraph start looks like "the top of a text" to the headline
rules.  On the BBC paragraphs (bbc-news-summary, skipped when absent) it prints (a) "reference
sentences intact": the share of the reference `summary_sents` (verbatim article sentences) that
the splitter gives back whole (lower-cased alphanumeric tokens compared) when each paragraph is
split on its own, and (b) the paragraphs with a suspicious unpunctuated cut: a cut after a piece
that has no sentence-final punctuation (. ! ? …, maybe closing quotes or brackets) and more than
SUSPICIOUS_WORDS words.  BBC bodies hold no headlines, so such a cut is almost always a sentence
broken in the middle ("…of European | Union leaders…").

Candidates: newsbrief's rules, pysbd, razdel (when installed) and sumy's Ukrainian regex.
Run: python benchmarks/bench_split.py [--show CANDIDATE] [--protocol joined|lines] [--bbc-only]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO / ".." / "shared" / "data" / "news-docs" / "dev.jsonl"
BBC = REPO / ".." / "shared" / "data" / "bbc-news-summary" / "dev.jsonl"
_FINAL = tuple(".!?…\"»”')")

Splitter = Callable[[str, str], list[str]]


def candidates() -> dict[str, Splitter]:
    from summarizer.splitting import split_sentences

    found: dict[str, Splitter] = {"newsbrief": split_sentences}
    try:
        import pysbd

        segmenters: dict[str, object] = {}

        def sbd(text: str, lang: str) -> list[str]:
            code = lang if lang in ("en", "ru") else "ru"  # pysbd has no Ukrainian rules
            if code not in segmenters:
                segmenters[code] = pysbd.Segmenter(language=code, clean=False)
            return segmenters[code].segment(text)

        found["pysbd"] = sbd
    except ImportError:
        pass
    try:
        import razdel

        found["razdel"] = lambda text, lang: [s.text for s in razdel.sentenize(text)]
    except ImportError:
        pass
    regex = re.compile(r"(?<=[.!?…»])\s+")  # the shape of sumy's Ukrainian splitter
    found["regex"] = lambda text, lang: regex.split(text)
    return found


HALVES = ("tune", "check")
TARGET = 0.98


def documents() -> Iterator[tuple[str, str, list[str]]]:
    """(half, language, gold sentences): each source document and its English reference."""
    with DATA.open(encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            doc = json.loads(line)
            half = HALVES[index % 2]
            yield half, doc["lang"], [s.strip() for s in doc["src_sents"]]
            yield half, "en", [s.strip() for s in doc["ref_en_sents"]]


def units(sentences: list[str], protocol: str) -> list[list[str]]:
    if protocol == "joined":
        return [sentences]
    lines: list[list[str]] = [[]]
    for sentence in sentences:
        lines[-1].append(sentence)
        if not sentence.endswith(_FINAL):
            lines.append([])
    return [line for line in lines if line]


def boundaries(sentences: list[str], text: str) -> set[int]:
    out, pos = set(), 0
    for sentence in sentences:
        found = text.find(sentence.strip(), pos)
        pos = (found if found >= 0 else pos) + len(sentence.strip())
        out.add(pos)
    out.discard(len(text))
    return out


Table = dict[tuple[str, str], tuple[float, float, float, int]]
# (protocol, document number, unit number) -> boundaries inside gold segments that razdel and
# pysbd both propose: real sentence ends the gold keeps inside one translation segment.
Disputed = dict[tuple[str, int, int], set[int]]


def disputed(found: dict[str, Splitter], protocol: str) -> Disputed | None:
    """Boundaries that both third-party splitters put inside a gold segment; None without them."""
    if "razdel" not in found or "pysbd" not in found:
        return None
    out: Disputed = {}
    for number, (_, lang, sentences) in enumerate(documents()):
        for unit_number, unit in enumerate(units(sentences, protocol)):
            text = " ".join(unit)
            gold = boundaries(unit, text)
            both = boundaries(found["razdel"](text, lang), text)
            both &= boundaries(found["pysbd"](text, lang), text)
            if both - gold:
                out[(protocol, number, unit_number)] = both - gold
    return out


def score(
    split: Splitter, protocol: str, show: bool = False, skip: Disputed | None = None
) -> Table:
    """(half, language) -> (precision, recall, F1, gold boundaries); "all" covers both halves.
    Boundaries in `skip` are left unscored (the consensus-adjusted figure)."""
    counts: dict[tuple[str, str], list[int]] = {}
    for number, (half, lang, sentences) in enumerate(documents()):
        for unit_number, unit in enumerate(units(sentences, protocol)):
            text = " ".join(unit)
            gold, got = boundaries(unit, text), boundaries(split(text, lang), text)
            if skip:
                got -= skip.get((protocol, number, unit_number), set())
            for key in ((half, lang), ("all", lang)):
                row = counts.setdefault(key, [0, 0, 0])
                row[0] += len(gold & got)
                row[1] += len(got)
                row[2] += len(gold)
            if show:
                for b in sorted(gold ^ got):
                    kind = "missed" if b in gold else "extra "
                    left, right = text[max(0, b - 60) : b], text[b : b + 30]
                    print(f"{half} {lang} {kind} {left!r} | {right!r}")
    table: Table = {}
    for key, (hit, n_got, n_gold) in counts.items():
        p, r = hit / max(n_got, 1), hit / max(n_gold, 1)
        table[key] = (p, r, 2 * p * r / max(p + r, 1e-9), n_gold)
    return table


SUSPICIOUS_WORDS = 3
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'»”’)\]]*$")
_TOKEN = re.compile(r"[^\W_]+")


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text.lower()))


def bbc_articles() -> Iterator[tuple[list[str], list[str]]]:
    """(paragraphs, reference sentences) of each BBC article."""
    with BBC.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(doc["article"]) if p.strip()]
            yield paragraphs, doc["summary_sents"]


def suspicious_cuts(pieces: list[str]) -> list[int]:
    """Indexes of the pieces (all but the last) that end without sentence-final punctuation and
    are longer than SUSPICIOUS_WORDS words: a cut after them is likely inside a sentence."""
    return [
        i
        for i, piece in enumerate(pieces[:-1])
        if not _ENDS_SENTENCE.search(piece) and len(piece.split()) > SUSPICIOUS_WORDS
    ]


def bbc_check(split: Splitter, show: bool = False) -> tuple[int, int, int, int]:
    """(reference sentences given back whole, reference sentences, paragraphs with a suspicious
    unpunctuated cut, paragraphs) with each BBC paragraph split on its own."""
    intact = total = suspicious = n_paragraphs = 0
    for paragraphs, references in bbc_articles():
        got: set[tuple[str, ...]] = set()
        for paragraph in paragraphs:
            pieces = split(paragraph, "en")
            got.update(_tokens(piece) for piece in pieces)
            bad = suspicious_cuts(pieces)
            suspicious += bool(bad)
            n_paragraphs += 1
            if show:
                for i in bad:
                    print(f"bbc cut {pieces[i][-60:]!r} | {pieces[i + 1][:40]!r}")
        total += len(references)
        intact += sum(_tokens(sentence) in got for sentence in references)
    return intact, total, suspicious, n_paragraphs


def print_bbc(found: dict[str, Splitter]) -> None:
    """The BBC secondary check for each candidate (regex left out: it has no headline rules)."""
    if not BBC.exists():
        print(f"\n(BBC secondary check skipped: {BBC} not found)")
        return
    print(
        "\nSECONDARY, BBC English paragraphs split one at a time (not the target figure): "
        "reference sentences intact, and paragraphs with an unpunctuated cut after more than "
        f"{SUSPICIOUS_WORDS} words (lower is better; BBC bodies hold no headlines)"
    )
    print(f"{'splitter':<10} {'intact':>22} {'suspicious cuts':>22}")
    for name, split in found.items():
        if name == "regex":
            continue
        intact, total, suspicious, paragraphs = bbc_check(split)
        print(
            f"{name:<10} {f'{intact}/{total} ({intact / total:.4f})':>22} "
            f"{f'{suspicious}/{paragraphs}':>22}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="print the disagreements of one candidate")
    parser.add_argument("--protocol", default="lines", choices=("joined", "lines"))
    parser.add_argument("--only", help="measure only this candidate")
    parser.add_argument("--bbc-only", action="store_true", help="only the BBC secondary check")
    args = parser.parse_args()
    found = candidates()
    if args.bbc_only or not DATA.exists():
        if not DATA.exists():
            print(f"news-docs data not found at {DATA}; only the BBC check is measured")
        if args.show:
            if BBC.exists():
                bbc_check(found[args.show], show=True)
            return
        print_bbc({args.only: found[args.only]} if args.only else found)
        return
    if args.show:
        score(found[args.show], args.protocol, show=True)
        if BBC.exists():
            bbc_check(found[args.show], show=True)
        return
    if args.only:
        found = {args.only: found[args.only]}
    print(f"boundary F1 (precision/recall) per language; target >= {TARGET} in each")
    for protocol in ("joined", "lines"):
        results: dict[str, tuple[Table, float | None]] = {}
        for name, split in found.items():
            start = time.perf_counter()
            results[name] = (score(split, protocol), time.perf_counter() - start)
        print_tables(results, protocol, "")
    print_bbc(found)
    everything = candidates()
    for protocol in ("joined", "lines"):
        skip = disputed(everything, protocol)
        if skip is None:
            print("\n(consensus-adjusted figure needs both razdel and pysbd installed)")
            return
        languages = [lang for _, lang, _ in documents()]
        counts: dict[str, int] = {}
        for (_, number, _), cuts in skip.items():
            counts[languages[number]] = counts.get(languages[number], 0) + len(cuts)
        print(
            f"\nSECONDARY, consensus-adjusted ({protocol}): boundaries that razdel and pysbd both "
            f"place inside a gold segment are not scored ({counts}); not the target figure"
        )
        adjusted: dict[str, tuple[Table, float | None]] = {
            name: (score(split, protocol, skip=skip), None) for name, split in found.items()
        }
        print_tables(adjusted, protocol, " (consensus-adjusted)", halves=("all",))


def print_tables(
    results: dict[str, tuple[Table, float | None]],
    protocol: str,
    label: str,
    halves: tuple[str, ...] = ("tune", "check", "all"),
) -> None:
    """One table per half: F1 (precision/recall) per language, the verdict and the time taken."""
    for half in halves:
        print(f"\nprotocol: {protocol}{label}, half: {half}")
        head = f"{'en':>22} {'ru':>22} {'uk':>22} {'verdict':>8} {'seconds':>8}"
        print(f"{'splitter':<10} {head}")
        for name, (table, took) in results.items():
            rows = [table[(half, k)] for k in ("en", "ru", "uk")]
            cells = [f"{t[2]:.4f} ({t[0]:.3f}/{t[1]:.3f})" for t in rows]
            verdict = "PASS" if all(t[2] >= TARGET for t in rows) else "FAIL"
            seconds = f"{took:.2f}" if half == "all" and took is not None else ""
            print(
                f"{name:<10} {cells[0]:>22} {cells[1]:>22} {cells[2]:>22} {verdict:>8} {seconds:>8}"
            )


if __name__ == "__main__":
    main()
