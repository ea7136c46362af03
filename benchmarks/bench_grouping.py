"""Cross-source grouping quality: pairwise precision and recall against a named baseline.

Data (skipped with a message when ../shared/data is absent):
- paraphrase/dev.jsonl: two independent English translations (a, b) of the same 12 Russian news
  sentences. a and b are two "sources"; sentence i of a must group with sentence i of b, and
  with nothing else.
  * full: every sentence of both is a key point;
  * subset: b keeps only every other sentence, so half of a's points have no partner and must
    stay alone (a summariser picks different points in different outlets);
  * distractors: b's kept sentences are mixed with the sentences of another document, which
    must not group with anything in a.
- news-docs/dev.jsonl: WMT22 Russian/Ukrainian news with English references. No second English
  rendering exists, so it measures false merges: each document's reference sentences against the
  *most similar other document* (by word overlap, i.e. the hardest negative at hand); every
  merge is wrong. Reported as merged pairs per sentence compared.

Baseline: plain word-overlap (Jaccard of lower-cased word sets) with the same one-to-one greedy
grouping, its threshold tuned on the same half. Both are tuned on the first half of the
documents (even ordinal) and reported on both halves; the second half is held out.

Run: python benchmarks/bench_grouping.py [--sweep]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsbrief.grouping import GroupingParams, group_sentences  # noqa: E402
from newsbrief.grouping.similarity import Weights  # noqa: E402

DATA = Path(os.environ.get("NEWSBRIEF_DATA", ROOT / ".." / "shared" / "data"))

Grouper = Callable[[Sequence[Sequence[str]]], list[list[tuple[int, int]]]]


def jaccard_grouper(threshold: float) -> Grouper:
    """Baseline: Jaccard of lower-cased word sets, greedy one-to-one, no other knowledge."""

    def words(s: str) -> set[str]:
        return set(re.findall(r"\w+", s.lower()))

    def group(sources: Sequence[Sequence[str]]) -> list[list[tuple[int, int]]]:
        left, right = sources
        pairs = []
        for i, a in enumerate(left):
            wa = words(a)
            for j, b in enumerate(right):
                wb = words(b)
                score = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
                if score >= threshold:
                    pairs.append((-score, i, j))
        pairs.sort()
        used_l, used_r, groups = set(), set(), []
        for _s, i, j in pairs:
            if i not in used_l and j not in used_r:
                used_l.add(i)
                used_r.add(j)
                groups.append([(0, i), (1, j)])
        groups += [[(0, i)] for i in range(len(left)) if i not in used_l]
        groups += [[(1, j)] for j in range(len(right)) if j not in used_r]
        return groups

    return group


def ours_grouper(params: GroupingParams) -> Grouper:
    return lambda sources: group_sentences(sources, params=params)


def pairs_of(groups: list[list[tuple[int, int]]]) -> set[tuple[tuple[int, int], tuple[int, int]]]:
    out = set()
    for g in groups:
        for x in range(len(g)):
            for y in range(x + 1, len(g)):
                out.add((g[x], g[y]))
    return out


def load(name: str) -> list[dict]:
    path = DATA / name
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def other_story(docs: list[dict], k: int, most_overlap: float = 0.12) -> int:
    """A document on another story than document k, for distractor sentences.

    Consecutive documents are often windows of one news story (the Navy Day parade runs over
    six of them), whose sentences may rightly group; so take the document half the list away,
    stepping on past any that shares >= `most_overlap` of its vocabulary with document k.
    """
    mine = words(" ".join(docs[k]["a_sents"] + docs[k]["b_sents"]))
    n = len(docs)
    for step in range(n // 2, n // 2 + n):
        j = (k + step) % n
        theirs = words(" ".join(docs[j]["a_sents"] + docs[j]["b_sents"]))
        if j != k and len(mine & theirs) / len(mine | theirs) < most_overlap:
            return j
    return (k + 1) % n


def paraphrase_cases(docs: list[dict], mode: str) -> list[tuple[list[list[str]], set]]:
    """(sources, gold pairs) for each document under one of the three setups."""
    cases = []
    for k, doc in enumerate(docs):
        a, b = doc["a_sents"], doc["b_sents"]
        if mode == "full":
            keep = list(range(len(b)))
            extra: list[str] = []
        else:
            keep = list(range(k % 2, len(b), 2))
            extra = docs[other_story(docs, k)]["b_sents"] if mode == "distractors" else []
        right = [b[i] for i in keep] + list(extra)
        gold = {((0, i), (1, n)) for n, i in enumerate(keep)}
        cases.append(([list(a), right], gold))
    return cases


def score_pairs(grouper: Grouper, cases) -> tuple[float, float]:
    tp = fp = fn = 0
    for sources, gold in cases:
        pred = pairs_of(grouper(sources))
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def words(s: str) -> set[str]:
    return set(re.findall(r"\w+", s.lower()))


def low_overlap_recall(grouper: Grouper, docs: list[dict], below: float = 0.3) -> tuple[float, int]:
    """Recall on the gold pairs whose word sets overlap little (Jaccard < `below`).

    These are the paraphrases proper: the two translators chose different words. A method that
    only counts shared words cannot find them at any safe threshold.
    """
    found = total = 0
    for sources, gold in paraphrase_cases(docs, "full"):
        hard = set()
        for (s, i), (t, j) in gold:
            a, b = words(sources[s][i]), words(sources[t][j])
            if len(a & b) / len(a | b) < below:
                hard.add(((s, i), (t, j)))
        if hard:
            total += len(hard)
            found += len(pairs_of(grouper(sources)) & hard)
    return (found / total if total else 1.0), total


def negative_cases(docs: list[dict], story_overlap: float = 0.12) -> list[list[list[str]]]:
    """Each document against the nearest document that is clearly about another story.

    The corpus holds several stories told by two outlets each (G7 warning Russia, dementia,
    New Caledonia's referendum...), whose sentences rightly group; those pairs overlap in
    >= 0.2 of their vocabulary, topic-only neighbours (two Omicron stories) in 0.14-0.19. So
    the partner is the most word-overlapping document below `story_overlap`: the same topic
    area at most, never the same story, and any merge is a false one.
    """
    bags = [words(" ".join(d["ref_en_sents"])) for d in docs]
    cases = []
    for i, d in enumerate(docs):
        best, best_score = None, -1.0
        for j in range(len(docs)):
            if j == i:
                continue
            score = len(bags[i] & bags[j]) / len(bags[i] | bags[j])
            if best_score < score < story_overlap:
                best, best_score = j, score
        if best is not None:
            cases.append([d["ref_en_sents"], docs[best]["ref_en_sents"]])
    return cases


def false_merge_rate(grouper: Grouper, cases) -> float:
    merged = compared = 0
    for sources in cases:
        merged += len(pairs_of(grouper(sources)))
        compared += min(len(sources[0]), len(sources[1]))
    return merged / compared if compared else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def tune_objective(grouper: Grouper, para_tune, neg_tune) -> float:
    values = []
    for cases in para_tune:
        values.append(f1(*score_pairs(grouper, cases)))
    return sum(values) / len(values) - false_merge_rate(grouper, neg_tune)


# ------------------------------------------------------------------ compare, end to end
#
# The sections above score `group_sentences` on given sentence lists. A reader sees `compare`:
# each source summarised to its top N key points, each point matched against the whole text of
# the other sources. Below, every source is a real article text (sentences joined into
# paragraphs, so the splitter and the summariser run as they do on a file), and every sentence
# `compare` shows is mapped back to the reference sentences it contains BY TEXT: a splitter that
# merges a headline into the next sentence gives one member covering two references, which is
# still a correct member of either point.


@dataclass
class Source:
    """One article made of reference sentences; `facts[i]` names what sentence i says."""

    text: str
    spans: list[tuple[int, int]]
    facts: list[tuple[int, int]]  # (document, sentence index): equal facts say the same


def build_source(parts: Sequence[tuple[tuple[int, int], str]], per_paragraph: int = 2) -> Source:
    """An article text from (fact, sentence) parts, `per_paragraph` sentences a paragraph."""
    text, spans, facts = "", [], []
    for n, (fact, sentence) in enumerate(parts):
        if n:
            text += "\n\n" if n % per_paragraph == 0 else " "
        spans.append((len(text), len(text) + len(sentence)))
        facts.append(fact)
        text += sentence
    return Source(text + "\n", spans, facts)


def _squash(text: str) -> str:
    return " ".join(text.split())


def facts_of(sentence: str, source: Source) -> frozenset[tuple[int, int]]:
    """The facts whose reference sentences `sentence` (as `compare` shows it) covers.

    Found by locating the sentence in the source text: a reference counts when the sentence
    covers at least half of it, or the sentence lies mostly inside it (a splitter cut a reference
    in two). Falls back to the reference with the most words in common.
    """
    needle = _squash(sentence)
    flat = _squash(source.text)
    start = flat.find(needle) if needle else -1
    if start >= 0:
        # Map reference spans into the squashed text (only whitespace runs changed length).
        out = set()
        end = start + len(needle)
        for (a, b), fact in zip(source.spans, source.facts, strict=True):
            ref = _squash(source.text[a:b])
            pos = flat.find(ref)
            while pos >= 0 and pos + len(ref) <= start:
                nxt = flat.find(ref, pos + 1)
                if nxt < 0:
                    break
                pos = nxt
            if pos < 0:
                continue
            overlap = min(end, pos + len(ref)) - max(start, pos)
            if overlap > 0 and (overlap >= 0.5 * len(ref) or overlap >= 0.5 * len(needle)):
                out.add(fact)
        if out:
            return frozenset(out)
    mine = words(sentence)
    best = max(
        range(len(source.facts)),
        key=lambda i: len(mine & words(source.text[slice(*source.spans[i])])),
    )
    return frozenset({source.facts[best]})


def compare_cases(docs: list[dict], mode: str) -> list[list[Source]]:
    """Articles for `compare` under one setup.

    two: the a and b translations of one document; three: a, b and a third rendering taking
    each sentence from a or b in turn; mixed: a, and b with the sentences of another story
    (the next document) interleaved paragraph by paragraph.
    """
    cases = []
    for k, doc in enumerate(docs):
        a = [((k, i), s) for i, s in enumerate(doc["a_sents"])]
        b = [((k, i), s) for i, s in enumerate(doc["b_sents"])]
        if mode == "two":
            cases.append([build_source(a), build_source(b)])
        elif mode == "three":
            c = [a[i] if i % 2 else b[i] for i in range(len(a))]
            cases.append([build_source(a), build_source(b), build_source(c)])
        else:
            j = other_story(docs, k)
            other = [((j, i), s) for i, s in enumerate(docs[j]["b_sents"])]
            mixed = []
            for n in range(0, max(len(b), len(other)), 2):
                mixed += b[n : n + 2] + other[n : n + 2]
            cases.append([build_source(a), build_source(mixed)])
    return cases


def run_compare_case(sources: list[Source], count: int):
    """Summarise each source to `count` key points and compare them, in process (the key
    points picked again with the other sources as evidence, as `newsbrief compare` does)."""
    from newsbrief.grouping import compare
    from newsbrief.grouping.evidence import with_outlet_evidence
    from newsbrief.pipeline import Options, process
    from newsbrief.records import Document

    def no_engine():
        raise AssertionError("English input needs no translation model")

    docs = [Document(id=f"s{n}", text=src.text) for n, src in enumerate(sources)]
    articles = list(process(docs, "summarize", Options(count=count), no_engine))
    articles = with_outlet_evidence(articles, Options(count=count))
    return articles, compare(articles)


def score_compare(cases: list[list[Source]], count: int) -> tuple[float, float, int]:
    """(cross-source recall, pairwise precision, key points) of `compare` on the cases.

    Recall: of every (key point, other source whose text states the same fact), the share where
    the key point's point holds a member of that source stating that fact. Precision: of every
    two members of one point from different sources, the share stating a common fact.
    """
    found = wanted = right = pairs = kps = 0
    for sources in cases:
        articles, cmp = run_compare_case(sources, count)
        index = {a.id: n for n, a in enumerate(articles)}
        facts_in = [set(src.facts) for src in sources]
        for point in cmp.points:
            members = [
                (index[m.source], facts_of(m.text, sources[index[m.source]])) for m in point.members
            ]
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs += 1
                    right += bool(members[x][1] & members[y][1])
            for m in point.members:
                if not getattr(m, "key_point", True):
                    continue
                s = index[m.source]
                mine = facts_of(m.text, sources[s])
                kps += 1
                for t in range(len(sources)):
                    if t == s or not (mine & facts_in[t]):
                        continue
                    wanted += 1
                    found += any(u == t and f & mine for u, f in members)
    recall = found / wanted if wanted else 1.0
    precision = right / pairs if pairs else 1.0
    return recall, precision, kps


def speed_articles(docs: list[dict], folder: Path, n_articles: int = 8, length: int = 40) -> None:
    """Eight English articles of 40 sentences on overlapping material (many shared points)."""
    per_doc = 10
    for i in range(n_articles):
        parts = []
        for k in range(length // per_doc):
            d = (i + k) % len(docs)
            sents = docs[d]["a_sents" if (i + k) % 2 == 0 else "b_sents"]
            parts += [((d, j), s) for j, s in enumerate(sents[:per_doc])]
        (folder / f"outlet{i}.txt").write_text(build_source(parts).text, encoding="utf-8")


def time_command(args: list[str], repeat: int = 3) -> float:
    exe = Path(sys.executable).parent / "newsbrief"
    cmd = [str(exe)] if exe.exists() else [sys.executable, str(ROOT / "cli.py")]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd + args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="print the tuning grid")
    parser.add_argument(
        "--only",
        choices=("sentences", "compare", "speed"),
        help="run one section: sentence grouping, compare end to end, or compare's speed",
    )
    args = parser.parse_args()
    if not (DATA / "paraphrase" / "dev.jsonl").exists():
        print(f"skipped: {DATA / 'paraphrase' / 'dev.jsonl'} not found")
        return 0
    para = load("paraphrase/dev.jsonl")
    if args.only in (None, "sentences"):
        sentence_section(para, args.sweep)
    if args.only in (None, "compare"):
        compare_section(para)
    if args.only in (None, "speed"):
        speed_section(para)
    return 0


def compare_section(para: list[dict]) -> None:
    print("compare end to end on paraphrase/dev.jsonl (every fact is in every source):")
    print("  cross-source recall = key points marked as reported by each other source whose")
    print("  text says the same; precision = member pairs of one point that say the same")
    setups = (
        ("two sources, -n 4", "two", 4),
        ("three sources, -n 5", "three", 5),
        ("a vs b + another story mixed in, -n 4", "mixed", 4),
    )
    for label, mode, count in setups:
        start = time.perf_counter()
        recall, precision, kps = score_compare(compare_cases(para, mode), count)
        took = time.perf_counter() - start
        print(
            f"  {label:40s} recall={recall:.3f} precision={precision:.3f} "
            f"({kps} key points, {took:.1f}s)"
        )
    print("  target: recall >= 0.95 (two, -n 4; three, -n 5), precision >= 0.95 (all)\n")


def speed_section(para: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        speed_articles(para, folder)
        files = sorted(str(p) for p in folder.glob("*.txt"))
        summarize = time_command(["summarize", *files])
        compare_t = time_command(["compare", *files])
    print("speed: newsbrief compare of 8 English articles of 40 sentences, end to end")
    print("  (median of 3 runs)")
    print(f"  baseline, newsbrief summarize of the same files: {summarize:.2f}s")
    print(
        f"  newsbrief compare: {compare_t:.2f}s (x{compare_t / summarize:.2f} of summarize; "
        f"{compare_t / 2.0:.2f} of the 2 s budget)"
    )
    print("  target: compare under 2 s\n")


def sentence_section(para: list[dict], sweep: bool) -> None:
    news = load("news-docs/dev.jsonl") if (DATA / "news-docs" / "dev.jsonl").exists() else []
    halves = {"tune": para[0::2], "held-out": para[1::2], "all dev": para}
    news_halves = {"tune": news[0::2], "held-out": news[1::2], "all dev": news}
    modes = ("full", "subset", "distractors")

    para_tune = [paraphrase_cases(halves["tune"], m) for m in modes]
    neg_tune = negative_cases(news_halves["tune"]) if news else []

    # Tune the baseline's single threshold the same way as ours (fair comparison).
    base_t = max(
        (t / 100 for t in range(5, 80, 5)),
        key=lambda t: tune_objective(jaccard_grouper(t), para_tune, neg_tune),
    )
    if sweep:
        for t in range(20, 44, 2):
            for ww in (0.4, 0.5, 0.6, 0.7):
                for nm in (0.5, 0.7):
                    p = GroupingParams(t / 100, weights=Weights(ww, 1 - ww, nm))
                    print(
                        f"t={t / 100:.2f} word={ww} numbers={nm}: "
                        f"{tune_objective(ours_grouper(p), para_tune, neg_tune):.4f}"
                    )

    systems = {
        f"baseline: word Jaccard, greedy 1-1 (t={base_t:.2f})": jaccard_grouper(base_t),
        "newsbrief.grouping (IDF stems+synonyms, char n-grams, numbers)": ours_grouper(
            GroupingParams()
        ),
    }
    print(f"paraphrase: {len(para)} docs of 12 sentences, two English translations each")
    print(f"news-docs: {len(news)} ru/uk docs, each vs its nearest doc on another story")
    print("full = all-sentences (every sentence of both is a key point)\n")
    for name, grouper in systems.items():
        print(name)
        for half in ("tune", "held-out", "all dev"):
            start = time.perf_counter()
            cells = []
            for mode in modes:
                p, r = score_pairs(grouper, paraphrase_cases(halves[half], mode))
                cells.append(f"{mode}: P={p:.3f} R={r:.3f}")
            hard_r, hard_n = low_overlap_recall(grouper, halves[half])
            cells.append(f"low-overlap pairs (n={hard_n}): R={hard_r:.3f}")
            if news:
                fm = false_merge_rate(grouper, negative_cases(news_halves[half]))
                cells.append(f"near-topic negatives: false merges/sentence={fm:.3f}")
            took = time.perf_counter() - start
            print(f"  {half:9s} " + "\n            ".join(cells) + f"\n            ({took:.1f}s)")
        print()
    print("target: P >= 0.95 on every setup; all-sentences (full) R >= 0.97\n")


if __name__ == "__main__":
    raise SystemExit(main())
