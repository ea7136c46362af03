"""Key points and `compare` on real multi-outlet stories, measured against gold facts.

Each story file (`--stories DIR`, default ../shared/data/stories) holds several outlets' accounts
of one event, every sentence annotated with the facts it reports (format and measures: the data
folder's README). Measures, exactly as that README defines them:

- a key point or compare member is matched to the gold sentences whose text, lower-cased with
  every non-word character removed, is contained in its own (or contains it); its facts are the
  union of theirs;
- core-fact coverage: per article, |core facts it reports ∩ facts of its 5 key points| ÷ |core
  facts it reports|, the mean over articles (lead-5: the first 5 `body` sentences);
- duplicate rate: key points whose facts are all carried by earlier key points of the article;
- pronoun-initial: key points opening with a pronoun, no referent in [brackets];
- "only in X" precision, grouped-pair precision and shared-fact recall over `compare` of each
  story's English articles;
- figures: each story is compared again with one figure changed in one of two outlets that
  agree on it (one run per change); the point holding both sentences must carry `differs`. On
  the unchanged stories the share of points with `differs` is printed as the false-flag rate.

Run: python benchmarks/bench_stories.py [--stories DIR] [--no-figures]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import newsbrief  # noqa: E402
from newsbrief.records import Document  # noqa: E402
from summarizer import ALGORITHMS  # noqa: E402

DEFAULT_STORIES = REPO / ".." / "shared" / "data" / "stories"
PRONOUNS = frozenset("he she it they this these that those his her their its".split())
_NON_WORD = re.compile(r"\W+")
_FIRST_WORD = re.compile(r"[\W_]*(\w+)")
# A figure: digits with their separators ("13,300", "19-year" gives 19, "2.5").
_FIGURE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])|(?<![\w.,])\d+(?=-)")


def norm(text: str) -> str:
    return _NON_WORD.sub("", text.lower()).replace("_", "")


@dataclass
class Gold:
    """One article's gold sentences, normalised, with their facts."""

    id: str
    outlet: str
    sentences: list[tuple[str, frozenset[str], str]]  # (normalised text, facts, kind)

    @property
    def reported(self) -> frozenset[str]:
        return frozenset().union(*(facts for _, facts, _ in self.sentences))

    def facts_of(self, text: str) -> frozenset[str]:
        mine = norm(text)
        if not mine:
            return frozenset()
        found: set[str] = set()
        for gold, facts, _ in self.sentences:
            if gold and (gold in mine or mine in gold):
                found |= facts
        return frozenset(found)


def load_stories(folder: Path) -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))]


def gold_of(article: dict) -> Gold:
    sentences = [
        (norm(s["text"]), frozenset(s["facts"]), s.get("kind", "body"))
        for s in article["sentences"]
    ]
    return Gold(article["id"], article.get("outlet", article["id"]), sentences)


def english(story: dict) -> list[dict]:
    return [a for a in story["articles"] if a.get("language", "en") == "en"]


def document(article: dict, text: str | None = None) -> Document:
    return Document(id=article["id"], text=article["text"] if text is None else text)


# ---- key points ---------------------------------------------------------------------------------


def key_points(article: dict, algorithm: str) -> list[str]:
    if algorithm == "lead-5":
        body = [s["text"] for s in article["sentences"] if s.get("kind", "body") == "body"]
        return body[:5]
    result = newsbrief.summarize(document(article), count=5, algorithm=algorithm)
    return [point.text for point in result.summary.key_points]


def pronoun_initial(text: str) -> bool:
    match = _FIRST_WORD.match(text)
    return bool(match and match.group(1).lower() in PRONOUNS and "[" not in text)


def score_key_points(stories: list[dict], algorithm: str) -> dict[str, float]:
    coverage: list[float] = []
    points = duplicates = pronouns = 0
    for story in stories:
        core = frozenset(f["id"] for f in story["facts"] if f.get("core"))
        for article in english(story):
            gold = gold_of(article)
            picked = key_points(article, algorithm)
            carried: set[str] = set()
            for text in picked:
                facts = gold.facts_of(text)
                points += 1
                duplicates += bool(facts) and facts <= carried
                pronouns += pronoun_initial(text)
                carried |= facts
            wanted = core & gold.reported
            if wanted:
                coverage.append(len(wanted & carried) / len(wanted))
    return {
        "coverage": sum(coverage) / max(len(coverage), 1),
        "duplicates": duplicates / max(points, 1),
        "pronouns": pronouns,
        "points": points,
    }


# ---- compare ------------------------------------------------------------------------------------


def comparison(story: dict, texts: dict[str, str] | None = None):
    articles = english(story)
    texts = texts or {}
    return newsbrief.compare([document(a, texts.get(a["id"])) for a in articles])


def score_compare(story: dict, result, misses: list[str] | None = None) -> dict[str, list[int]]:
    """Counts [hits, total] per measure for one story's comparison; a shared-fact recall miss
    (outlet, fact, point) is described into `misses` when given."""
    golds = {a["id"]: gold_of(a) for a in english(story)}
    outlet = {aid: gold.outlet for aid, gold in golds.items()}
    reported_by: dict[str, set[str]] = {}
    for aid, gold in golds.items():
        for fact in gold.reported:
            reported_by.setdefault(fact, set()).add(outlet[aid])
    counts = {"only": [0, 0], "pairs": [0, 0], "recall": [0, 0], "differs": [0, 0]}
    for point in result.points:
        members = [(m, golds[m.source].facts_of(m.text)) for m in point.members]
        outlets = {outlet[m.source] for m, _ in members}
        counts["differs"][0] += bool(getattr(point, "differs", None))
        counts["differs"][1] += 1
        if len(outlets) == 1:
            facts = frozenset().union(*(f for _, f in members))
            if facts:
                own = next(iter(outlets))
                counts["only"][0] += any(reported_by[f] == {own} for f in facts)
                counts["only"][1] += 1
        for (a, fa), (b, fb) in combinations(members, 2):
            if outlet[a.source] != outlet[b.source]:
                counts["pairs"][0] += bool(fa & fb)
                counts["pairs"][1] += 1
        for fact in frozenset().union(*(f for m, f in members if m.key_point)):
            holding = {outlet[m.source] for m, f in members if fact in f}
            counts["recall"][0] += len(reported_by[fact] & holding)
            counts["recall"][1] += len(reported_by[fact])
            if misses is not None:
                for missing in sorted(reported_by[fact] - holding):
                    said = [
                        s["text"]
                        for a in english(story)
                        if outlet[a["id"]] == missing
                        for s in a["sentences"]
                        if fact in s["facts"]
                    ]
                    misses.append(
                        f"{missing} misses {fact} in point {point.members[0].text[:70]!r}"
                        f" ({len(point.members)} members); it says: {said[0][:90]!r}"
                    )
    return counts


def compare_coverage(story: dict, result) -> list[float]:
    """Core-fact coverage (as for key points) of each article's key points in `compare`: the
    members marked `key_point`, which other outlets may have steered (grouping.evidence)."""
    core = frozenset(f["id"] for f in story["facts"] if f.get("core"))
    golds = {a["id"]: gold_of(a) for a in english(story)}
    carried: dict[str, set[str]] = {aid: set() for aid in golds}
    for point in result.points:
        for m in point.members:
            if m.key_point:
                carried[m.source] |= golds[m.source].facts_of(m.text)
    out = []
    for aid, gold in golds.items():
        wanted = core & gold.reported
        if wanted:
            out.append(len(wanted & carried[aid]) / len(wanted))
    return out


# ---- figures ------------------------------------------------------------------------------------


@dataclass
class Change:
    story: dict
    article: str  # the article whose sentence is changed
    sentence: str  # that sentence, as written
    changed: str  # the sentence with one figure changed
    other: str  # the agreeing sentence of another outlet


def changed_figure(figure: str) -> str:
    digits = figure.replace(",", "").replace(".", "")
    value = int(digits) if digits.isdigit() else 1
    new = str(value + max(1, round(value * 0.4)) + 1)
    return new


def figure_changes(story: dict, per_story: int = 12) -> list[Change]:
    """Pairs of sentences of two outlets that share a fact and the same figure."""
    articles = english(story)
    changes: list[Change] = []
    seen: set[tuple[str, str]] = set()
    for a, b in combinations(articles, 2):
        if a.get("outlet") == b.get("outlet"):
            continue
        for sa in a["sentences"]:
            for sb in b["sentences"]:
                if not set(sa["facts"]) & set(sb["facts"]):
                    continue
                common = set(_FIGURE.findall(sa["text"])) & set(_FIGURE.findall(sb["text"]))
                for figure in sorted(common):
                    key = (sb["text"], figure)
                    if key in seen or sb["text"] not in b["text"]:
                        continue
                    seen.add(key)
                    pattern = re.compile(
                        rf"(?<![\w.,]){re.escape(figure)}(?![\w])|"
                        rf"(?<![\w.,]){re.escape(figure)}(?=-)"
                    )
                    changed = pattern.sub(changed_figure(figure), sb["text"], count=1)
                    changes.append(Change(story, b["id"], sb["text"], changed, sa["text"]))
    return changes[:per_story]


def flagged(change: Change) -> bool:
    article = next(a for a in english(change.story) if a["id"] == change.article)
    text = article["text"].replace(change.sentence, change.changed, 1)
    result = comparison(change.story, {change.article: text})
    mine, other = norm(change.changed), norm(change.other)
    for point in result.points:
        texts = [norm(m.text) for m in point.members]
        has_mine = any(t and (t in mine or mine in t) for t in texts)
        has_other = any(t and (t in other or other in t) for t in texts)
        if has_mine and has_other:
            return bool(getattr(point, "differs", None))
    return False


# ---- report -------------------------------------------------------------------------------------


def ratio(pair: list[int]) -> str:
    return f"{pair[0] / pair[1]:.3f} ({pair[0]}/{pair[1]})" if pair[1] else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, default=DEFAULT_STORIES)
    parser.add_argument("--no-figures", action="store_true", help="skip the changed-figure runs")
    parser.add_argument(
        "--verbose", action="store_true", help="list each shared-fact recall miss of compare"
    )
    args = parser.parse_args()
    if not args.stories.is_dir():
        print(f"no stories at {args.stories}: nothing to measure", file=sys.stderr)
        return 0
    stories = load_stories(args.stories)
    n_articles = sum(len(english(s)) for s in stories)
    print(f"{len(stories)} stories, {n_articles} English articles ({args.stories})")
    print("\nKey points (5 per article): core-fact coverage / duplicate rate / pronoun-initial")
    print(f"{'algorithm':<11} {'coverage':>9} {'dup rate':>9} {'pronoun':>8} {'points':>7}")
    table = {}
    for name in ["default", "lead-5", *[a for a in ALGORITHMS if a != "default"]]:
        row = table[name] = score_key_points(stories, name)
        print(
            f"{name:<11} {row['coverage']:>9.3f} {row['duplicates']:>9.3f}"
            f" {row['pronouns']:>8d} {row['points']:>7d}"
        )
    default, lead = table["default"], table["lead-5"]
    print(
        f"default coverage {default['coverage']:.3f} against lead-5's {lead['coverage']:.3f}"
        f" (targets: >= 0.90 and >= lead-5); duplicates {default['duplicates']:.3f}"
        f" (target <= 0.02); pronoun-initial {default['pronouns']} (target 0)"
    )

    totals = {"only": [0, 0], "pairs": [0, 0], "recall": [0, 0], "differs": [0, 0]}
    start = time.perf_counter()
    covered: list[float] = []
    misses: list[str] | None = [] if args.verbose else None
    for story in stories:
        result = comparison(story)
        covered += compare_coverage(story, result)
        counts = score_compare(story, result, misses)
        for key, (hit, total) in counts.items():
            totals[key][0] += hit
            totals[key][1] += total
    took = time.perf_counter() - start
    print(f"\ncompare of each story's English articles ({took:.1f} s in all)")
    print(f'"only in X" precision   {ratio(totals["only"])}   (target >= 0.95)')
    print(f"grouped-pair precision  {ratio(totals['pairs'])}   (target >= 0.95)")
    print(f"shared-fact recall      {ratio(totals['recall'])}   (target >= 0.90)")
    print(
        f"core-fact coverage of the compare key points {sum(covered) / max(len(covered), 1):.3f}"
        f" (summarize alone: {default['coverage']:.3f})"
    )
    for miss in misses or []:
        print(f"  recall miss: {miss}")
    print(
        f"points with `differs`   {ratio(totals['differs'])}   (unchanged stories, target <= 0.10)"
    )

    if not args.no_figures:
        changes = [c for story in stories for c in figure_changes(story)]
        hits = sum(flagged(c) for c in changes)
        print(
            f"changed figures flagged {ratio([hits, len(changes)])}   (target >= 0.9;"
            " one figure changed in one of two agreeing outlets, one compare per change)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
