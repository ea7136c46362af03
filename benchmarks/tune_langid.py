"""Tune the Cyrillic detector's weights (translator.langid.Weights) on the dev half of FLORES.

Why a script: the weights balance evidence of different kinds (n-grams, alphabets, function words,
word frequencies), and the issue's targets pull against each other (Russian/Ukrainian word pairs
must be recognised, look-alike pairs must not be taken for them). The search must be repeatable and
must never look at the held-out half: it selects on lines 0-505 only (bench_langid.DEV_LINES) and
prints the held-out figures once, for information, at the end.

Method: every sample's evidence is computed once (translator.langid's own feature function), so a
candidate set of weights costs one matrix product. A deterministic coordinate search then tries,
for each weight in turn, a ladder of steps and keeps any that lowers the loss; the loss counts
shortfalls against the targets with a safety margin, plus a small share of all errors.
Run: python benchmarks/tune_langid.py [--rounds N]   (prints the Weights(...) to paste)
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_langid import DATA, LOOKALIKES, load_samples  # noqa: E402

# Targets of issue 3 tightened by a margin, so that the held-out half has room to be worse.
MARGIN_SENTENCE, MARGIN_PAIR, MARGIN_WORD = 0.003, 0.012, 0.05
STEPS = (-8.0, -4.0, -2.0, -1.0, -0.5, -0.25, -0.1, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
FIXED = ("ngram_scale",)  # the scale of everything else is set relative to the n-grams


def prepare(half: dict) -> dict:
    """Per language and bucket: Cyrillic feature rows plus the fixed answers of other texts."""
    import numpy as np

    from translator import langid

    out = {}
    for lang, buckets in half.items():
        out[lang] = {}
        for bucket, texts in buckets.items():
            rows, fixed = [], []
            for text in texts:
                words = langid.cyrillic_words(text)
                if words is None:
                    fixed.append(langid.detect_text(text)[0])
                else:
                    rows.append(langid.cyrillic_features(words))
            feats = np.array(rows) if rows else np.zeros((0, langid.N_FEATURES))
            out[lang][bucket] = (feats, fixed)
    return out


def measure(prepared: dict, weights) -> dict:
    """rates[lang][bucket] = (share correct, share sent to ru or uk)."""
    import numpy as np

    from translator import langid

    rates = {}
    for lang, buckets in prepared.items():
        rates[lang] = {}
        for bucket, (feats, fixed) in buckets.items():
            got = list(fixed)
            if len(feats):
                best = np.argmax(langid.cyrillic_scores(feats, weights), axis=1)
                got += [langid.CYRILLIC[i] for i in best]
            n = len(got)
            rates[lang][bucket] = (
                sum(g == lang for g in got) / n,
                sum(g in ("ru", "uk") for g in got) / n,
            )
    return rates


def loss(rates: dict) -> float:
    """Shortfall against the (tightened) targets, heavily weighted, plus all errors lightly."""
    total = 0.0
    for lang in ("ru", "uk"):
        for bucket, need, weight in (
            ("sentence", 0.995 + MARGIN_SENTENCE, 50.0),
            ("pair", 0.98 + MARGIN_PAIR, 20.0),
            ("word", 0.92 + MARGIN_WORD, 10.0),
        ):
            correct = rates[lang][bucket][0]
            total += weight * max(0.0, need - correct) + (1.0 - correct)
    for lang in LOOKALIKES:
        for bucket, limit, weight in (
            ("sentence", 0.01 - MARGIN_SENTENCE, 50.0),
            ("pair", 0.05 - MARGIN_PAIR, 20.0),
        ):
            to_ruuk = rates[lang][bucket][1]
            total += weight * max(0.0, to_ruuk - limit) + to_ruuk
        total += 0.1 * sum(1.0 - rates[lang][b][0] for b in ("sentence", "pair"))
    return total


def _smooth_loss(stacked: list, weights, temperature: float) -> float:
    """The loss with soft (softmax) answers, so that small weight changes move it smoothly."""
    import numpy as np

    from translator import langid

    rates: dict = {}
    for lang, bucket, feats, n_fixed_right, n_fixed_ruuk, n in stacked:
        correct, to_ruuk = n_fixed_right, n_fixed_ruuk
        if len(feats):
            z = langid.cyrillic_scores(feats, weights) / temperature
            z = np.exp(z - z.max(axis=1, keepdims=True))
            p = z / z.sum(axis=1, keepdims=True)
            correct += p[:, langid.CYRILLIC.index(lang)].sum()
            to_ruuk += p[:, :2].sum()
        rates.setdefault(lang, {})[bucket] = (correct / n, to_ruuk / n)
    return loss(rates)


def descend(prepared: dict, start, steps: int, temperature: float = 2.0):
    """Adam on the smooth loss with numerical gradients: escapes the plateaus of the hard one."""
    import numpy as np

    stacked = []
    for lang, buckets in prepared.items():
        for bucket, (feats, fixed) in buckets.items():
            stacked.append((lang, bucket, feats, sum(g == lang for g in fixed),
                            sum(g in ("ru", "uk") for g in fixed), len(feats) + len(fixed)))
    names = [f.name for f in dataclasses.fields(start) if f.name not in FIXED]
    x = np.array([getattr(start, n) for n in names], dtype=float)

    def at(v: np.ndarray):
        return dataclasses.replace(start, **dict(zip(names, map(float, v), strict=True)))

    m, v = np.zeros_like(x), np.zeros_like(x)
    rate, eps = 0.3, 0.05
    for t in range(1, steps + 1):
        base = _smooth_loss(stacked, at(x), temperature)
        grad = np.zeros_like(x)
        for i in range(len(x)):
            bumped = x.copy()
            bumped[i] += eps
            grad[i] = (_smooth_loss(stacked, at(bumped), temperature) - base) / eps
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        x = x - rate * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
        if t % 25 == 0:
            print(f"descent {t}: smooth loss {base:.4f}", file=sys.stderr)
    return at(np.round(x, 2))


def search(prepared: dict, start, rounds: int):
    best, best_loss = start, loss(measure(prepared, start))
    names = [f.name for f in dataclasses.fields(start) if f.name not in FIXED]
    for r in range(rounds):
        improved = False
        for name in names:
            for step in STEPS:
                trial = dataclasses.replace(best, **{name: round(getattr(best, name) + step, 3)})
                trial_loss = loss(measure(prepared, trial))
                if trial_loss < best_loss - 1e-9:
                    best, best_loss, improved = trial, trial_loss, True
        print(f"round {r + 1}: loss {best_loss:.4f}", file=sys.stderr)
        if not improved:
            break
    return best, best_loss


def report(name: str, rates: dict) -> None:
    print(f"\n{name}: % correct (look-alikes: % sent to ru/uk)")
    for lang, buckets in rates.items():
        cells = []
        for bucket in ("sentence", "pair", "word"):
            correct, to_ruuk = buckets[bucket]
            cell = f"{100 * correct:5.1f}"
            if lang in LOOKALIKES:
                cell += f" ({100 * to_ruuk:4.1f})"
            cells.append(f"{cell:>14}")
        print(f"{lang:<4}" + "".join(cells))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=6, help="coordinate-search rounds")
    ap.add_argument("--descent", type=int, default=0, help="gradient steps before the search")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"FLORES data not found at {DATA.resolve()}; nothing to tune.")
        return 0
    from translator import langid

    samples = load_samples()
    samples["dev"].pop("en")  # the Cyrillic weights do not touch English; saves time
    dev = prepare(samples["dev"])
    start = langid.WEIGHTS
    report("dev, current weights", measure(dev, start))
    if args.descent:
        start = descend(dev, start, args.descent)
        report(f"dev, after descent (loss {loss(measure(dev, start)):.4f})", measure(dev, start))
    best, best_loss = search(dev, start, args.rounds)
    report(f"dev, tuned (loss {best_loss:.4f})", measure(dev, best))
    held = prepare({k: v for k, v in samples["held"].items() if k != "en"})
    report("held-out, tuned (for information only: not used to choose)", measure(held, best))
    print("\n" + repr(best))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
