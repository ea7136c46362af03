"""Converted CTranslate2 model folders of the NLLB-200, Marian/OPUS-MT and M2M-100 families.

Each folder is laid out as the documented conversion command writes it, with the tokenizer
files copied in, but holds random weights (see synthetic_argos for why and how):

- NLLB-200, as `ct2-transformers-converter --model facebook/nllb-200-distilled-600M
  --copy_files sentencepiece.bpe.model` writes it: model.bin, config.json,
  shared_vocabulary.json (fairseq's `<s> <pad> </s> <unk>`, the SentencePiece pieces, the
  language tokens, `<mask>`), sentencepiece.bpe.model (a BPE model, as NLLB's is);
- Marian/OPUS-MT, as `ct2-transformers-converter --model Helsinki-NLP/opus-mt-ru-en
  --copy_files source.spm target.spm` writes it (or, with `opus_converter=True`, as
  `ct2-opus-mt-converter` does: `add_source_eos` set in config.json): model.bin, config.json,
  shared_vocabulary.json (`</s> <unk>` then the pieces of both SentencePiece models),
  source.spm and target.spm (unigram models, as OPUS-MT's are). `vocab.json` (the transformers
  vocabulary, id by token) is written too, for the reference tokenizer in the tests.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
from synthetic_argos import TRAINING_TEXT, _fill_transformer, train_sentencepiece

# Sentences with what tokenizers get wrong: quotes of three kinds, numbers, «ёлочки»,
# apostrophes, Cyrillic and Latin in one sentence. Part of the tokenizers' training text, so
# that the pieces exist (the tokenizer-equality tests add out-of-vocabulary characters too).
TRICKY = [
    "Мэр сказал: «Мост откроют 16 апреля», — сообщает \"Интерфакс\".",
    "Цена выросла на 2,4 млн гривен (≈ $58 000) к 2025 году.",
    "Компания Google и «Яндекс» обсудили API для iPhone 15 Pro.",
    "Міністр заявив: «Ми п'ємо каву о 9:30», а не 'пізніше'.",
    "Поромна переправа «Чайка» на 120 пасажирів і 8 авто.",
    "The mayor said \"the bridge opens on 16 April\" at 6:00 and 21:00.",
    "Prices rose by 2.4 million hryvnias (about $58,000) in 2025.",
]
NLLB_LANGUAGE_TOKENS = ["bel_Cyrl", "deu_Latn", "eng_Latn", "rus_Cyrl", "ukr_Cyrl"]


def _corpus(langs) -> list[str]:
    text = []
    for lang in langs:
        text += TRAINING_TEXT[lang]
    return text + TRICKY


def _pieces(sp_model: bytes) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _save(spec, out: Path, vocabulary: list[str], config: dict, seed: int, d_model: int,
          ffn: int, never: list[str], quantization: str | None, mean_length: int,
          pad_to: int | None = None, suppress_eos: bool = False) -> None:
    """Fill `spec` with seeded random weights and save it as a CTranslate2 model in `out`.

    `pad_to` pads the vocabulary with tokens the tokenizer never produces (and the decoder never
    chooses) up to a real model's size, so that embeddings and output projection cost what they
    cost in the real model (benchmarks).
    """
    vocabulary = list(vocabulary)
    if pad_to and len(vocabulary) < pad_to:
        extra = [f"<extra_{i}>" for i in range(pad_to - len(vocabulary))]
        vocabulary += extra
        never = [*never, *extra]
    rng = np.random.default_rng(seed)
    ids = {token: i for i, token in enumerate(vocabulary)}
    _fill_transformer(
        spec, len(vocabulary), d_model, ffn, rng, eos_id=ids["</s>"],
        never=[ids[t] for t in never if t in ids],
        suppress_eos=suppress_eos, mean_length=mean_length, logit_scale=4.0,
    )
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    for key, value in config.items():
        setattr(spec.config, key, value)
    spec.validate()
    spec.optimize(quantization=quantization)
    spec.save(str(out))


def _fresh(out_dir: Path, name: str) -> Path:
    folder = Path(out_dir) / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    return folder


def build_nllb(
    out_dir: Path,
    name: str = "nllb-200-distilled-600M",
    *,
    language_tokens: list[str] | None = None,
    layers: int = 2,
    d_model: int = 64,
    heads: int = 4,
    ffn: int = 128,
    vocab_size: int = 600,
    seed: int = 7,
    quantization: str | None = None,
    mean_length: int = 12,
    pad_to: int | None = None,
    suppress_eos: bool = False,
    corpus: list[str] | None = None,
) -> Path:
    """A converted NLLB-200 folder (random weights); returns its path.

    The benchmark passes the real shape (`layers=12, d_model=1024, heads=16, ffn=4096,
    pad_to=256206`), a larger corpus, int8 and `suppress_eos`.
    """
    from ctranslate2.specs import transformer_spec

    folder = _fresh(out_dir, name)
    sp_model = train_sentencepiece(corpus or _corpus(["ru", "uk", "en"]), vocab_size,
                                   model_type="bpe", input_sentence_size=len(corpus or []))
    tokens = language_tokens if language_tokens is not None else NLLB_LANGUAGE_TOKENS
    # fairseq's order, as NllbTokenizer numbers them: 4 specials, the pieces after
    # SentencePiece's own <unk> <s> </s>, the language codes, then <mask>.
    vocabulary = ["<s>", "<pad>", "</s>", "<unk>", *_pieces(sp_model)[3:], *tokens, "<mask>"]
    spec = transformer_spec.TransformerSpec.from_config((layers, layers), heads, pre_norm=True)
    folder.mkdir()
    config = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>",
              "decoder_start_token": "</s>", "add_source_bos": False, "add_source_eos": False}
    _save(spec, folder, vocabulary, config, seed, d_model, ffn,
          never=["<s>", "<pad>", "<mask>", *tokens], quantization=quantization,
          mean_length=mean_length, pad_to=pad_to, suppress_eos=suppress_eos)
    (folder / "sentencepiece.bpe.model").write_bytes(sp_model)
    return folder


def build_marian(
    out_dir: Path,
    name: str = "opus-mt-ru-en",
    *,
    sources: tuple[str, ...] = ("ru",),
    opus_converter: bool = False,
    layers: int = 2,
    d_model: int = 64,
    heads: int = 4,
    ffn: int = 128,
    vocab_size: int = 400,
    seed: int = 11,
    quantization: str | None = None,
    mean_length: int = 12,
    pad_to: int | None = None,
    suppress_eos: bool = False,
    corpus: dict[str, list[str]] | None = None,
) -> Path:
    """A converted Marian/OPUS-MT folder (random weights) for `sources`→en; returns its path.

    `corpus` (language → sentences) replaces the built-in training text (benchmarks).
    """
    from ctranslate2.specs import transformer_spec

    folder = _fresh(out_dir, name)
    if corpus:
        source_text = [line for lang in sources for line in corpus[lang]]
        source_spm = train_sentencepiece(source_text, vocab_size,
                                         input_sentence_size=len(source_text))
        target_spm = train_sentencepiece(corpus["en"], vocab_size,
                                         input_sentence_size=len(corpus["en"]))
    else:
        source_spm = train_sentencepiece(_corpus(list(sources)), vocab_size)
        target_spm = train_sentencepiece(_corpus(["en"]), vocab_size)
    pieces = []
    for piece in _pieces(source_spm)[3:] + _pieces(target_spm)[3:]:
        if piece not in pieces:
            pieces.append(piece)
    # Marian's vocabulary: </s> and <unk> first; the converter drops transformers' final <pad>.
    vocabulary = ["</s>", "<unk>", *pieces]
    spec = transformer_spec.TransformerSpec.from_config((layers, layers), heads)
    folder.mkdir()
    # ct2-opus-mt-converter sets add_source_eos; ct2-transformers-converter leaves it false
    # (there transformers' MarianTokenizer adds the </s>).
    config = {"eos_token": "</s>", "unk_token": "<unk>", "decoder_start_token": "</s>",
              "add_source_eos": bool(opus_converter)}
    _save(spec, folder, vocabulary, config, seed, d_model, ffn, never=[],
          quantization=quantization, mean_length=mean_length, pad_to=pad_to,
          suppress_eos=suppress_eos)
    (folder / "source.spm").write_bytes(source_spm)
    (folder / "target.spm").write_bytes(target_spm)
    vocab = {token: i for i, token in enumerate(vocabulary + ["<pad>"])}
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    return folder


M2M100_LANGUAGE_TOKENS = ["__de__", "__en__", "__ru__", "__uk__"]


def build_m2m100(
    out_dir: Path,
    name: str = "m2m100_418M",
    *,
    layers: int = 2,
    d_model: int = 64,
    heads: int = 4,
    ffn: int = 128,
    vocab_size: int = 600,
    seed: int = 13,
    quantization: str | None = None,
    mean_length: int = 12,
) -> Path:
    """A converted M2M-100 folder (random weights), as `ct2-transformers-converter --model
    facebook/m2m100_418M --copy_files sentencepiece.bpe.model` writes it: the vocabulary is
    M2M100Tokenizer's vocab.json order, the `__xx__` language tokens, then `madeupword` fillers.
    `vocab.json` is written too, for the reference tokenizer."""
    from ctranslate2.specs import transformer_spec

    folder = _fresh(out_dir, name)
    sp_model = train_sentencepiece(_corpus(["ru", "uk", "en"]), vocab_size, model_type="bpe")
    base = ["<s>", "<pad>", "</s>", "<unk>", *_pieces(sp_model)[3:]]
    fillers = [f"madeupword{i}" for i in range(8)]
    vocabulary = [*base, *M2M100_LANGUAGE_TOKENS, *fillers]
    spec = transformer_spec.TransformerSpec.from_config((layers, layers), heads, pre_norm=True)
    folder.mkdir()
    config = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>",
              "decoder_start_token": "</s>", "add_source_bos": False, "add_source_eos": False}
    _save(spec, folder, vocabulary, config, seed, d_model, ffn,
          never=["<s>", "<pad>", *M2M100_LANGUAGE_TOKENS, *fillers],
          quantization=quantization, mean_length=mean_length)
    (folder / "sentencepiece.bpe.model").write_bytes(sp_model)
    vocab = {token: i for i, token in enumerate(base)}
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    return folder
