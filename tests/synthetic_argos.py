"""Build real Argos Translate packages with random weights, in code, without network or torch.

Model hubs are unreachable from development machines and CI, yet the translation path must be
exercised on the genuine file format: a `metadata.json`, a SentencePiece model and a CTranslate2
Transformer directory. This module trains a SentencePiece model on a few sentences written for
the project and fills a `ctranslate2.specs.TransformerSpec` with seeded numpy arrays. The output
of such a model is gibberish, but it is deterministic and goes through exactly the same code
(tokenising, batching, beam search, detokenising) as a trained model would.

The same builder makes the realistic-size benchmark package (see benchmarks/build_model.py) by
passing bigger dimensions, a larger training corpus, int8 quantization and `suppress_eos=True`.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

import numpy as np

LANGUAGE_NAMES = {"ru": "Russian", "uk": "Ukrainian", "en": "English"}

# A few sentences per language written for these tests (news register, one story).
TRAINING_TEXT = {
    "ru": [
        "Городской совет утвердил новый бюджет на следующий год.",
        "Мэр заявил, что ремонт моста начнётся весной.",
        "Жители района жалуются на шум от строительства.",
        "В среду в столице прошёл сильный дождь.",
        "Министерство здравоохранения открыло три новые больницы.",
        "Цены на хлеб выросли на пять процентов за месяц.",
        "Учёные из Новосибирска представили новый спутник.",
        "Футбольный клуб победил в финале кубка страны.",
        "Поезд из Москвы прибыл с опозданием на два часа.",
        "Правительство обещает снизить налоги для малого бизнеса.",
        "На выставке показали картины молодых художников.",
        "Школы города перейдут на новое расписание в сентябре.",
        "Пожарные быстро потушили огонь на складе.",
        "Аэропорт закрыт из-за тумана до утра.",
        "Депутаты обсудили закон о защите природы.",
    ],
    "uk": [
        "Міська рада затвердила новий бюджет на наступний рік.",
        "Мер заявив, що ремонт мосту розпочнеться навесні.",
        "Мешканці району скаржаться на шум від будівництва.",
        "У середу в столиці пройшов сильний дощ.",
        "Міністерство охорони здоров'я відкрило три нові лікарні.",
        "Ціни на хліб зросли на п'ять відсотків за місяць.",
        "Науковці з Харкова представили новий супутник.",
        "Футбольний клуб переміг у фіналі кубка країни.",
        "Потяг зі Львова прибув із запізненням на дві години.",
        "Уряд обіцяє знизити податки для малого бізнесу.",
        "На виставці показали картини молодих художників.",
        "Школи міста перейдуть на новий розклад у вересні.",
        "Пожежники швидко загасили вогонь на складі.",
        "Аеропорт зачинено через туман до ранку.",
        "Депутати обговорили закон про захист природи.",
    ],
    "en": [
        "The city council approved a new budget for next year.",
        "The mayor said that repairs to the bridge will begin in spring.",
        "Residents of the district complain about construction noise.",
        "Heavy rain fell in the capital on Wednesday.",
        "The health ministry opened three new hospitals.",
        "Bread prices rose by five percent in a month.",
        "Scientists presented a new satellite.",
        "The football club won the national cup final.",
        "The train arrived two hours late.",
        "The government promises to cut taxes for small businesses.",
        "The exhibition showed paintings by young artists.",
        "City schools will switch to a new timetable in September.",
        "Firefighters quickly put out the fire at the warehouse.",
        "The airport is closed because of fog until morning.",
        "Lawmakers discussed a law on protecting nature.",
    ],
}


def train_sentencepiece(
    sentences: Iterable[str],
    vocab_size: int,
    *,
    model_type: str = "unigram",
    user_defined_symbols: list[str] | None = None,
    input_sentence_size: int = 0,
) -> bytes:
    """Train a SentencePiece model in memory and return its serialized bytes.

    `hard_vocab_limit=False` lets a small corpus yield fewer pieces than asked instead of failing;
    callers read the real size from the trained model. One thread keeps it deterministic.
    """
    import sentencepiece as spm

    model = io.BytesIO()
    kwargs = dict(
        sentence_iterator=iter(list(sentences)),
        model_writer=model,
        vocab_size=vocab_size,
        model_type=model_type,
        character_coverage=1.0,
        hard_vocab_limit=False,
        num_threads=1,
        minloglevel=2,
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
    )
    if user_defined_symbols:
        kwargs["user_defined_symbols"] = user_defined_symbols
    if input_sentence_size:
        kwargs["input_sentence_size"] = input_sentence_size
        kwargs["shuffle_input_sentence"] = False
    spm.SentencePieceTrainer.train(**kwargs)
    return model.getvalue()


def _vocabulary(sp_model: bytes, vocab_size: int | None) -> list[str]:
    """The CTranslate2 vocabulary: the SentencePiece pieces in id order.

    When the corpus could not supply `vocab_size` pieces, the list is padded with placeholder
    tokens so the model has the requested size (the tokenizer never produces them; the decoder
    may, which is harmless for a random model).
    """
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    tokens = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    if vocab_size is not None and len(tokens) < vocab_size:
        tokens += [f"<extra_{i}>" for i in range(vocab_size - len(tokens))]
    return tokens


CLOCK_POSITIONS = 1024


def _sinusoids(length: int, d: int) -> np.ndarray:
    """Standard [sin | cos] position encodings, as CTranslate2 would generate them."""
    half = d // 2
    increment = np.log(10000.0) / max(half - 1, 1)
    inv = np.exp(-increment * np.arange(half))
    angles = np.arange(length)[:, None] * inv[None, :]
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1).astype(np.float32)


def _fill_transformer(
    spec, vocab: int, d_model: int, ffn: int, rng: np.random.Generator, eos_id: int,
    never: list[int], suppress_eos: bool, mean_length: int, logit_scale: float,
) -> None:
    """Give every required weight of a TransformerSpec a seeded random value.

    Shapes follow CTranslate2's layout (weights are [out, in]; self-attention fuses Q,K,V;
    encoder-decoder attention fuses K,V). Source and target embeddings are tied, as in
    the OpenNMT models Argos ships (shared vocabulary), so aliasing stores them once. The output
    projection is independent: tied to the embeddings, a random model would only ever repeat
    its previous token. Tokens in `never` (start token, vocabulary padding) get a -1e4 bias.

    Length control: a random model either stops at once or never. Unless EOS is suppressed,
    one residual channel (`clock`) is reserved: embeddings and every decoder sub-layer leave it
    untouched, the position encodings put a ramp `pos / mean_length` in it, and the EOS logit
    reads it. The EOS logit therefore climbs with the output position (plus the usual
    input-dependent random part), so outputs stop after roughly `mean_length` tokens.
    """
    from ctranslate2.specs import model_spec

    d = d_model
    clock = None if suppress_eos else d // 2 - 1  # slowest sin channel: near zero anyway
    shared_embeddings = (rng.standard_normal((vocab, d)) / np.sqrt(d)).astype(np.float32)
    projection = (rng.standard_normal((vocab, d)) / np.sqrt(d)).astype(np.float32)
    projection *= np.float32(logit_scale)
    bias = np.zeros(vocab, dtype=np.float32)
    bias[never] = -1e4
    bias[eos_id] = -1e4 if suppress_eos else 0.0
    encodings = None
    if clock is not None:
        shared_embeddings[:, clock] = 0.0
        encodings = _sinusoids(CLOCK_POSITIONS, d)
        encodings[:, clock] = np.arange(CLOCK_POSITIONS, dtype=np.float32) / mean_length
        projection[eos_id, clock] = 16.0 * logit_scale
        bias[eos_id] = -4.0 * logit_scale
    out_shapes = {
        ("self_attention", "linear_0"): 3 * d,
        ("attention", "linear_0"): d,
        ("attention", "linear_1"): 2 * d,
        ("ffn", "linear_0"): ffn,
    }
    in_shapes = {("ffn", "linear_1"): ffn}
    # Sub-layer outputs that are added to the residual stream (must not write the clock).
    residual_writers = {("self_attention", "linear_1"), ("attention", "linear_2"),
                        ("ffn", "linear_1")}
    todo = []
    model_spec.visit_spec(spec, lambda s, name, value: todo.append((s, name, value)))
    for owner, name, value in todo:
        parts = name.split("/")
        attr = parts[-1]
        parent = parts[-2] if len(parts) > 1 else ""
        grand = parts[-3] if len(parts) > 2 else ""
        in_decoder = parts[0] == "decoder"
        fill_optional = attr == "bias" or (parent == "position_encodings" and clock is not None)
        if value is not None and not (isinstance(value, str) and fill_optional):
            continue
        if parent.startswith("embeddings") and attr == "weight":
            array = shared_embeddings
        elif parent == "position_encodings":
            array = encodings
        elif parent == "projection":
            array = projection if attr == "weight" else bias
        elif parent == "layer_norm" or parent.endswith("_norm"):
            if attr == "gamma":
                array = (1.0 + 0.1 * rng.standard_normal(d)).astype(np.float32)
            elif attr == "beta":
                array = (0.1 * rng.standard_normal(d)).astype(np.float32)
            else:
                continue
            if clock is not None and in_decoder and len(parts) == 3:  # final decoder norm
                array[clock] = 1.0 if attr == "gamma" else 0.0
        elif parent.startswith("linear"):
            n_out = out_shapes.get((grand, parent), d)
            n_in = in_shapes.get((grand, parent), d)
            if attr == "weight":
                array = (rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)).astype(np.float32)
            elif attr == "bias":
                array = (0.05 * rng.standard_normal(n_out)).astype(np.float32)
            else:
                continue
            if clock is not None and in_decoder and (grand, parent) in residual_writers:
                array[clock] = 0.0
        else:
            continue
        setattr(owner, attr, array)


def build_package(
    out_dir: Path,
    from_code: str,
    to_code: str = "en",
    *,
    layers: int | tuple[int, int] = 2,
    d_model: int = 64,
    heads: int = 4,
    ffn: int = 128,
    vocab_size: int = 400,
    seed: int = 0,
    quantization: str | None = None,
    suppress_eos: bool = False,
    mean_length: int = 12,
    logit_scale: float = 4.0,
    target_prefix: str = "",
    corpus: Iterable[str] | None = None,
    sp_model_type: str = "unigram",
    sentencepiece_model: bytes | None = None,
    package_version: str = "1.0",
    extra_metadata: dict | None = None,
    name: str | None = None,
) -> Path:
    """Write an installed-style Argos package directory and return its path.

    The directory is `out_dir / name` (default `translate-{from}_{to}`) and contains
    `metadata.json`, `sentencepiece.model` and `model/` (a CTranslate2 Transformer with a shared
    vocabulary). Same arguments and seed give byte-identical weights. `sentencepiece_model`
    (serialized bytes) skips tokenizer training, so several packages can share one tokenizer.

    `logit_scale` sharpens the random output distribution so that decoding decisions are not
    near-ties that floating-point noise (batch shape, padding) could flip. Outputs stop after
    about `mean_length` tokens (see `_fill_transformer`); `suppress_eos` makes the model never
    stop, so that a fixed `max_decoding_length` fixes the work done (benchmarks).
    """
    from ctranslate2.specs import transformer_spec

    out_dir = Path(out_dir)
    pkg_dir = out_dir / (name or f"translate-{from_code}_{to_code}")
    if pkg_dir.exists():
        shutil.rmtree(pkg_dir)
    pkg_dir.mkdir(parents=True)

    if corpus is None:
        corpus = (
            TRAINING_TEXT.get(from_code, TRAINING_TEXT["ru"])
            + TRAINING_TEXT.get(to_code, TRAINING_TEXT["en"])
        )
    symbols = [target_prefix] if target_prefix else None
    sp_model = sentencepiece_model or train_sentencepiece(
        corpus, vocab_size, model_type=sp_model_type, user_defined_symbols=symbols
    )
    (pkg_dir / "sentencepiece.model").write_bytes(sp_model)
    tokens = _vocabulary(sp_model, vocab_size)

    spec = transformer_spec.TransformerSpec.from_config(layers, heads)
    rng = np.random.default_rng(seed)
    _fill_transformer(
        spec, len(tokens), d_model, ffn, rng, eos_id=tokens.index("</s>"),
        never=[tokens.index("<s>")] + [i for i, t in enumerate(tokens) if t.startswith("<extra_")],
        suppress_eos=suppress_eos, mean_length=mean_length, logit_scale=logit_scale,
    )
    spec.register_source_vocabulary(tokens)
    spec.register_target_vocabulary(tokens)
    spec.validate()
    spec.optimize(quantization=quantization)
    model_dir = pkg_dir / "model"
    model_dir.mkdir()
    spec.save(str(model_dir))

    metadata = {
        "package_version": package_version,
        "argos_version": "1.5",
        "from_code": from_code,
        "from_name": LANGUAGE_NAMES.get(from_code, from_code),
        "to_code": to_code,
        "to_name": LANGUAGE_NAMES.get(to_code, to_code),
        "type": "translate",
        "links": [],
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    if extra_metadata:
        metadata.update(extra_metadata)
    (pkg_dir / "metadata.json").write_text(
        json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (pkg_dir / "README.md").write_text(
        f"Synthetic random-weight {from_code}->{to_code} package built for tests (seed {seed}).\n",
        encoding="utf-8",
    )
    return pkg_dir


def zip_package(pkg_dir: Path, out_path: Path) -> Path:
    """Zip an installed package directory as an `.argosmodel` file.

    The archive holds one top-level folder (the package directory's name), the layout that
    argostranslate's `install_from_path` extracts into its packages directory.
    """
    pkg_dir = Path(pkg_dir)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(pkg_dir.rglob("*")):
            arcname = Path(pkg_dir.name) / path.relative_to(pkg_dir)
            if path.is_dir():
                archive.writestr(str(arcname) + "/", "")
            else:
                archive.write(path, str(arcname))
    return out_path


def build_argosmodel(out_path: Path, from_code: str, to_code: str = "en", **kwargs) -> Path:
    """Build a synthetic package (keyword arguments as in `build_package`), zipped at `out_path`."""
    with tempfile.TemporaryDirectory() as tmp:
        pkg_dir = build_package(Path(tmp), from_code, to_code, **kwargs)
        return zip_package(pkg_dir, Path(out_path))
