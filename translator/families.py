"""Model families on the CTranslate2 engine: how each one turns a sentence into tokens and back.

The engine (translator/engine/engine.py) batches, decodes and caches the same way for every
model; what differs between families is only the token layout around the sentence, which each
adapter here states once, following the layouts CTranslate2's own guides document for its
converters:

- Argos Translate packages: one SentencePiece (or BPE) model for both sides, an optional
  target prefix from metadata.json; argostranslate's own tokenizer classes and post-processing
  (unchanged, so the output still equals argostranslate's).
- Marian / OPUS-MT (`ct2-opus-mt-converter`, or `ct2-transformers-converter` on a Helsinki-NLP
  model): `source.spm` cuts the source and `target.spm` joins the output. The source ends with
  `</s>`, which the model was trained with; `ct2-opus-mt-converter` writes
  `"add_source_eos": true` in config.json so that CTranslate2 appends it itself, and then it is
  not added here (it would be there twice). No target prefix.
- NLLB-200 (`ct2-transformers-converter`): `sentencepiece.bpe.model` cuts the source, which
  becomes `[rus_Cyrl] pieces </s>` (the layout of transformers' NllbTokenizer since 4.32, not
  the older "legacy" `pieces </s> [rus_Cyrl]`); `eng_Latn` is the target prefix and is removed
  from the output with every other special token.
- M2M-100 (`ct2-transformers-converter`): the same with `__ru__` / `__en__` tokens, the output
  joined by the SentencePiece model (as M2M100Tokenizer does).

Out-of-vocabulary pieces keep their surface text (SentencePiece's own `out_type=str`), as Argos
does: CTranslate2 maps them to `<unk>` all the same (the model sees the same ids as with the
reference tokenizers), and `replace_unknowns` can then copy «, digits or a name into the
output instead of a placeholder.

Each adapter knows its files, so a model's identity (for the translation cache) covers them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translator.languages import TRANSLATABLE

ARGOS = "argos"
MARIAN = "marian"
NLLB = "nllb"
M2M100 = "m2m100"
FAMILIES = (ARGOS, MARIAN, NLLB, M2M100)

# Default choice when several installed models serve one language: the family with the larger
# published FLORES BLEU into English (see README, "Model families"), unless the user chose.
# M2M-100 (418M/1.2B), not in that table, scores below OPUS-MT in its own paper's FLORES figures.
FAMILY_PREFERENCE = {NLLB: 4, MARIAN: 3, M2M100: 2, ARGOS: 1}

# Language tokens of the languages newsbrief translates: NLLB-200's FLORES-200 codes, M2M-100's
# __xx__ codes.
NLLB_CODES = {"ru": "rus_Cyrl", "uk": "ukr_Cyrl", "en": "eng_Latn"}
M2M100_CODES = {"ru": "__ru__", "uk": "__uk__", "en": "__en__"}
NLLB_TOKENIZER = "sentencepiece.bpe.model"  # M2M-100's has the same name
MARIAN_TOKENIZERS = ("source.spm", "target.spm")
# Tokens that are never part of the English text of an output.
SPECIAL_TOKENS = frozenset({"<s>", "</s>", "<pad>", "<unk>", "<mask>"})


def read_vocabulary(model_dir: Path, side: str = "target") -> list[str]:
    """The model's vocabulary as the converters write it (json list, or one token a line)."""
    for name in (f"{side}_vocabulary", "shared_vocabulary"):
        json_file = model_dir / f"{name}.json"
        txt_file = model_dir / f"{name}.txt"
        if json_file.is_file():
            data = json.loads(json_file.read_text(encoding="utf-8"))
            if not isinstance(data, list) or not all(isinstance(t, str) for t in data):
                raise ValueError(f"{json_file.name} is not a list of tokens")
            return data
        if txt_file.is_file():
            return txt_file.read_text(encoding="utf-8").split("\n")[:-1] or []
    raise FileNotFoundError(f"no vocabulary file (shared_vocabulary.json) in {model_dir}")


def read_config(model_dir: Path) -> dict:
    """CTranslate2's config.json (written by every converter since CTranslate2 3.0)."""
    data = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("config.json is not a JSON object")
    return data


@dataclass
class Adapter:
    """What the engine needs from a family: tokens in, tokens out, and the files it reads."""

    family: str
    lang: str
    model_dir: Path
    files: list[Path] = field(default_factory=list)

    def load(self) -> None:
        """Open the tokenizer files (called once, on first use)."""

    def encode(self, sentence: str) -> list[str]:
        raise NotImplementedError

    def target_prefix(self) -> list[str] | None:
        return None

    def decode(self, tokens: list[str]) -> str:
        raise NotImplementedError


def _processor(path: Path) -> Any:
    import sentencepiece as spm

    return spm.SentencePieceProcessor(model_file=str(path))


@dataclass
class ArgosAdapter(Adapter):
    """argostranslate's tokenizers and post-processing, applied as argostranslate does."""

    target_prefix_text: str = ""
    _tokenizer: Any = None

    def load(self) -> None:
        from argostranslate.tokenizer import BPETokenizer, SentencePieceTokenizer

        pkg = self.model_dir.parent
        if (pkg / "sentencepiece.model").is_file():
            self._tokenizer = SentencePieceTokenizer(pkg / "sentencepiece.model")
        elif (pkg / "bpe.model").is_file():
            self._tokenizer = BPETokenizer(pkg / "bpe.model", self.lang, "en")
        else:
            raise FileNotFoundError("no tokenizer (sentencepiece.model or bpe.model)")

    def encode(self, sentence: str) -> list[str]:
        return self._tokenizer.encode(sentence)

    def target_prefix(self) -> list[str] | None:
        return [self.target_prefix_text] if self.target_prefix_text else None

    def decode(self, tokens: list[str]) -> str:
        prefix = self.target_prefix()
        if prefix and tokens[: len(prefix)] == prefix:
            tokens = tokens[len(prefix):]
        value = self._tokenizer.decode(tokens)
        if self.target_prefix_text and value.startswith(self.target_prefix_text):
            value = value[len(self.target_prefix_text):]
        if value.startswith(" "):
            value = value[1:]
        return value


@dataclass
class MarianAdapter(Adapter):
    """OPUS-MT: source.spm in, target.spm out, `</s>` closing the source."""

    add_eos: bool = True
    _source: Any = None
    _target: Any = None

    def load(self) -> None:
        self._source = _processor(self.model_dir / "source.spm")
        self._target = _processor(self.model_dir / "target.spm")
        # ct2-opus-mt-converter sets add_source_eos; ct2-transformers-converter does not (there
        # MarianTokenizer adds the </s>).
        self.add_eos = not read_config(self.model_dir).get("add_source_eos", False)

    def encode(self, sentence: str) -> list[str]:
        pieces = self._source.encode(sentence, out_type=str)
        return pieces + ["</s>"] if self.add_eos else pieces

    def decode(self, tokens: list[str]) -> str:
        # MarianTokenizer.decode(skip_special_tokens=True): pieces joined by target.spm; a "▁"
        # left in a piece target.spm does not know (the vocabulary is shared with the source
        # side) becomes a space too.
        kept = [t for t in tokens if t not in SPECIAL_TOKENS]
        return self._target.decode_pieces(kept).replace("▁", " ").strip()


@dataclass
class NllbAdapter(Adapter):
    """NLLB-200: `[rus_Cyrl] pieces </s>` in, `eng_Latn` as the target prefix."""

    _sp: Any = None

    def load(self) -> None:
        self._sp = _processor(self.model_dir / NLLB_TOKENIZER)

    def encode(self, sentence: str) -> list[str]:
        return [NLLB_CODES[self.lang], *self._sp.encode(sentence, out_type=str), "</s>"]

    def target_prefix(self) -> list[str] | None:
        return [NLLB_CODES["en"]]

    def decode(self, tokens: list[str]) -> str:
        # NllbTokenizer.decode(skip_special_tokens=True): special and language tokens dropped,
        # "▁" becomes a space, and the one space SentencePiece put before the first word goes.
        kept = [t for t in tokens if t not in SPECIAL_TOKENS and not _is_language_token(t)]
        text = "".join(kept).replace("▁", " ")
        return text[1:] if text.startswith(" ") else text


@dataclass
class M2M100Adapter(Adapter):
    """M2M-100: `[__ru__] pieces </s>` in, `__en__` as the target prefix (M2M100Tokenizer)."""

    _sp: Any = None
    _specials: frozenset[str] = frozenset()

    def load(self) -> None:
        self._sp = _processor(self.model_dir / NLLB_TOKENIZER)
        self._specials = SPECIAL_TOKENS | {
            t for t in read_vocabulary(self.model_dir) if _is_m2m_language_token(t)
        }

    def encode(self, sentence: str) -> list[str]:
        return [M2M100_CODES[self.lang], *self._sp.encode(sentence, out_type=str), "</s>"]

    def target_prefix(self) -> list[str] | None:
        return [M2M100_CODES["en"]]

    def decode(self, tokens: list[str]) -> str:
        # M2M100Tokenizer.decode(skip_special_tokens=True): specials dropped, pieces joined by
        # the SentencePiece model, outer spaces stripped.
        kept = [t for t in tokens if t not in self._specials]
        return self._sp.decode(kept).strip()


def _is_m2m_language_token(token: str) -> bool:
    return (len(token) in (6, 7) and token.startswith("__") and token.endswith("__")
            and token[2:-2].isalpha() and token[2:-2].islower())


def _is_language_token(token: str) -> bool:
    """An NLLB FLORES-200 code such as eng_Latn (3 letters, underscore, 4-letter script)."""
    return (
        len(token) == 8 and token[3] == "_" and token[:3].isalpha() and token[:3].islower()
        and token[4:].isalpha() and token[4].isupper() and token[5:].islower()
    )


def tokenizer_files(family: str) -> tuple[str, ...]:
    """The tokenizer files a converted model of `family` needs beside model.bin."""
    return {MARIAN: MARIAN_TOKENIZERS, NLLB: (NLLB_TOKENIZER,),
            M2M100: (NLLB_TOKENIZER,)}.get(family, ())


def adapter_for(family: str, lang: str, package_dir: Path, metadata: dict) -> Adapter:
    """The adapter of an installed model (its CTranslate2 files are in package_dir/model)."""
    model_dir = package_dir / "model"
    if family == ARGOS:
        files = [model_dir / "model.bin", package_dir / "sentencepiece.model",
                 package_dir / "bpe.model"]
        prefix = str(metadata.get("target_prefix", "") or "")
        return ArgosAdapter(family, lang, model_dir, files, target_prefix_text=prefix)
    if family == MARIAN:
        files = [model_dir / "model.bin", model_dir / "config.json"]
        files += [model_dir / name for name in MARIAN_TOKENIZERS]
        return MarianAdapter(family, lang, model_dir, files)
    if family in (NLLB, M2M100):
        files = [model_dir / "model.bin", model_dir / NLLB_TOKENIZER]
        kind = NllbAdapter if family == NLLB else M2M100Adapter
        return kind(family, lang, model_dir, files)
    raise ValueError(f"unknown model family {family!r}")


@dataclass
class Detected:
    """What a converted CTranslate2 folder is: its family and the sources it declares."""

    family: str
    sources: list[str]  # empty: the model does not say (the user must, with --from)


def detect_family(model_dir: Path) -> Detected:
    """Recognise a folder written by ct2-transformers-converter / ct2-opus-mt-converter.

    Raises ValueError naming what is missing. NLLB is told by its tokenizer file and its
    language tokens (which also tell the source languages); Marian by its two SentencePiece
    models.
    """
    missing = [n for n in ("model.bin", "config.json") if not (model_dir / n).is_file()]
    if missing:
        raise ValueError(
            f"not a converted CTranslate2 model (no {' or '.join(missing)}); convert it first "
            "with ct2-transformers-converter or ct2-opus-mt-converter"
        )
    read_config(model_dir)
    vocabulary = set(read_vocabulary(model_dir))
    if (model_dir / NLLB_TOKENIZER).is_file():
        for family, codes in ((NLLB, NLLB_CODES), (M2M100, M2M100_CODES)):
            if codes["en"] in vocabulary:
                sources = [lang for lang in TRANSLATABLE if codes[lang] in vocabulary]
                return Detected(family, sources)
        raise ValueError(
            f"{NLLB_TOKENIZER} is there but the vocabulary has neither {NLLB_CODES['en']} nor "
            f"{M2M100_CODES['en']}: not an NLLB-200 or M2M-100 model"
        )
    if all((model_dir / name).is_file() for name in MARIAN_TOKENIZERS):
        return Detected(MARIAN, [])
    raise ValueError(
        "no tokenizer files next to model.bin: copy source.spm and target.spm (OPUS-MT) or "
        f"{NLLB_TOKENIZER} (NLLB-200) into the folder, e.g. with the converter's --copy_files"
    )
