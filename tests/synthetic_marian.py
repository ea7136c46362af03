"""An original OPUS-MT release built in code: a tiny Marian transformer with random weights.

Laid out as the Tatoeba-MT-models zips are (files at the top of the zip): `decoder.yml` naming
the `.npz` and the vocabularies, the `.npz` Marian writes (its options in `special:model.yml`,
weights under Marian's names), one `.vocab.yml` shared by both sides, `source.spm` and
`target.spm`, a README and LICENSE. The keys are the ones CTranslate2's Marian converter
(`ctranslate2/converters/marian.py`) reads: a pre-norm transformer (`--transformer-preprocess n
--transformer-postprocess da --transformer-postprocess-top n`), tied embeddings (`Wemb`), a
separate output layer (`decoder_ff_logit_out_W`, `_b`) and position encodings (`Wpos`).

The weights come from synthetic_argos._fill_transformer (so outputs end after about
`mean_length` tokens) and are written out under Marian's names; converting the release gives
back that model.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
from synthetic_argos import _fill_transformer, train_sentencepiece
from synthetic_families import _corpus, _pieces

RELEASE_STEM = "opusTCv20210807+bt.spm32k-spm32k"
NPZ_NAME = f"{RELEASE_STEM}.transformer-big.model1.npz.best-perplexity.npz"
VOCAB_NAME = f"{RELEASE_STEM}.vocab.yml"


def _model_yml(layers: int, heads: int) -> str:
    return "\n".join([
        "type: transformer",
        f"enc-depth: {layers}",
        f"dec-depth: {layers}",
        f"transformer-heads: {heads}",
        "transformer-decoder-autoreg: self-attention",
        "transformer-no-projection: false",
        "transformer-ffn-activation: relu",
        "transformer-preprocess: n",
        "transformer-postprocess: da",
        "transformer-postprocess-top: n",
        "transformer-postprocess-emb: d",
        "transformer-guided-alignment-layer: last",
        "tied-embeddings-all: true",
        "",
    ])


def _quote(token: str) -> str:
    """A token as a double-quoted YAML key (what Marian's vocabulary files hold)."""
    return '"' + token.replace("\\", "\\\\").replace('"', '\\"') + '"'


def marian_weights(spec, layers: int) -> dict[str, np.ndarray]:
    """A filled CTranslate2 TransformerSpec's weights under Marian's names ([in, out] order)."""
    def t(linear):
        return np.ascontiguousarray(linear.weight.T)

    def norm(out, key, ln):
        out[f"{key}_ln_scale"] = ln.gamma[None, :]
        out[f"{key}_ln_bias"] = ln.beta[None, :]

    def split(out, scope, linear, parts):  # a fused [q;k;v] or [k;v] layer, one per part
        d = linear.weight.shape[0] // len(parts)
        for j, part in enumerate(parts):
            out[f"{scope}_W{part}"] = np.ascontiguousarray(linear.weight[j * d:(j + 1) * d].T)
            out[f"{scope}_b{part}"] = linear.bias[None, j * d:(j + 1) * d]

    w: dict[str, np.ndarray] = {
        "Wemb": spec.encoder.embeddings[0].weight,
        "Wpos": spec.encoder.position_encodings.encodings,
        "decoder_ff_logit_out_W": t(spec.decoder.projection),
        "decoder_ff_logit_out_b": spec.decoder.projection.bias[None, :],
    }
    for side in ("encoder", "decoder"):
        norm(w, f"{side}_top", getattr(spec, side).layer_norm)
    for side in ("encoder", "decoder"):
        for i, layer in enumerate(getattr(spec, side).layer, start=1):
            scope = f"{side}_l{i}"
            attention = layer.self_attention
            split(w, f"{scope}_self", attention.linear[0], "qkv")
            w[f"{scope}_self_Wo"] = t(attention.linear[1])
            w[f"{scope}_self_bo"] = attention.linear[1].bias[None, :]
            norm(w, f"{scope}_self_Wo", attention.layer_norm)
            if side == "decoder":
                context = layer.attention
                split(w, f"{scope}_context", context.linear[0], "q")
                split(w, f"{scope}_context", context.linear[1], "kv")
                w[f"{scope}_context_Wo"] = t(context.linear[2])
                w[f"{scope}_context_bo"] = context.linear[2].bias[None, :]
                norm(w, f"{scope}_context_Wo", context.layer_norm)
            w[f"{scope}_ffn_W1"] = t(layer.ffn.linear_0)
            w[f"{scope}_ffn_b1"] = layer.ffn.linear_0.bias[None, :]
            w[f"{scope}_ffn_W2"] = t(layer.ffn.linear_1)
            w[f"{scope}_ffn_b2"] = layer.ffn.linear_1.bias[None, :]
            norm(w, f"{scope}_ffn_ffn", layer.ffn.layer_norm)
    # Marian names its pre-norm layer norms `..._ln_scale_pre`; the top ones have no suffix.
    return {(k + "_pre" if "_ln_" in k and "_top_" not in k else k): v for k, v in w.items()}


def release_files(
    sources: tuple[str, ...] = ("ru", "uk"),
    *,
    layers: int = 2,
    d_model: int = 64,
    heads: int = 4,
    ffn: int = 128,
    vocab_size: int = 400,
    seed: int = 17,
    mean_length: int = 12,
) -> dict[str, bytes]:
    """The files of a release (name → bytes)."""
    from ctranslate2.specs import transformer_spec

    source_spm = train_sentencepiece(_corpus(list(sources)), vocab_size)
    target_spm = train_sentencepiece(_corpus(["en"]), vocab_size)
    pieces: list[str] = []
    for piece in _pieces(source_spm)[3:] + _pieces(target_spm)[3:]:
        if piece not in pieces:
            pieces.append(piece)
    vocabulary = ["</s>", "<unk>", *pieces]
    spec = transformer_spec.TransformerSpec.from_config((layers, layers), heads, pre_norm=True)
    _fill_transformer(spec, len(vocabulary), d_model, ffn, np.random.default_rng(seed), eos_id=0,
                      never=[], suppress_eos=False, mean_length=mean_length, logit_scale=4.0)
    weights = marian_weights(spec, layers)
    config = _model_yml(layers, heads).encode("utf-8") + b"\0"
    weights["special:model.yml"] = np.frombuffer(config, dtype=np.int8)
    npz = io.BytesIO()
    np.savez(npz, **weights)
    vocab_yml = "".join(f"{_quote(token)}: {i}\n" for i, token in enumerate(vocabulary))
    decoder_yml = (f"models:\n  - {NPZ_NAME}\nvocabs:\n  - {VOCAB_NAME}\n  - {VOCAB_NAME}\n"
                   "beam-size: 6\nnormalize: 1\nword-penalty: 0\nmini-batch: 16\n"
                   "maxi-batch: 100\nmaxi-batch-sort: src\nrelative-paths: true\n")
    return {
        "README.md": b"# synthetic OPUS-MT release (random weights, for tests)\n",
        "LICENSE": b"CC-BY 4.0 (synthetic test fixture)\n",
        "decoder.yml": decoder_yml.encode("utf-8"),
        NPZ_NAME: npz.getvalue(),
        VOCAB_NAME: vocab_yml.encode("utf-8"),
        "source.spm": source_spm,
        "target.spm": target_spm,
    }


def zip_release(files: dict[str, bytes], out: Path, top: str = "") -> Path:
    """Write `files` as a release zip (at the top of the zip, or inside folder `top`)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(f"{top}/{name}" if top else name, data)
    return out


def build_release(out: Path, sources: tuple[str, ...] = ("ru", "uk"), **kwargs) -> Path:
    """A release zip at `out`; returns its path."""
    return zip_release(release_files(sources, **kwargs), out)
