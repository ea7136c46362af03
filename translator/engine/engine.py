"""Sentence-level, batched translation on installed models (Argos, OPUS-MT, NLLB-200, M2M-100).

argostranslate's `translate()` walks a document paragraph by paragraph and hands CTranslate2
batches of at most 32 tokens, i.e. one sentence per call, which leaves most of the engine's
speed unused. `Engine.translate` instead takes every sentence a run needs in one language, drops
duplicates and cached ones, sorts the rest by length and feeds CTranslate2 large token batches.
Each sentence is still tokenized, decoded and post-processed exactly as argostranslate does it,
so on the same settings the output equals argostranslate's own (tests check this).

Heavy modules (ctranslate2, sentencepiece, argostranslate.tokenizer) are imported only when a
model is first needed, so importing this module costs nothing at start-up.

Threads and memory: on CPU, one single-threaded CTranslate2 worker per core, each decoding its
own batch, with batches planned by translator/engine/batching.py (a token budget and at most
DEFAULT_BATCH_HYPOTHESES hypotheses, which bounds a beam's scratch memory) and all submitted at
once; one glibc malloc arena for the process (translator/engine/host.py). The measurements behind
each choice, and what else was tried, are in docs/engine.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translator import families
from translator.engine.batching import (
    CHUNK_SENTENCES,
    DEFAULT_BATCH_HYPOTHESES,
    DEFAULT_BATCH_TOKENS,
    GPU_BATCH_HYPOTHESES,
    GPU_BATCH_TOKENS,
    MARIAN_BATCH_HYPOTHESES,
    MIN_BATCH_TOKENS,
    plan_batches,
)
from translator.engine.host import available_cores, release_free_memory, share_malloc_arena
from translator.errors import ModelLoadError, ModelMissingError, TranslatorError, language_name
from translator.store import choices
from translator.store import models as model_store

if TYPE_CHECKING:
    from translator.cache import TranslationCache

# argostranslate's decoding defaults (translate.apply_packaged_translation / settings).
ARGOS_BEAM_SIZE = 4
ARGOS_LENGTH_PENALTY = 0.2
# Package metadata key with decoding limits a package asks for (used by the benchmark package,
# whose random model never ends a sentence by itself).
METADATA_DECODING_KEY = "newsbrief_decoding"

Progress = Callable[[int, int], None]


def _file_stamp(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return f"{path.name}:absent"
    return f"{path.name}:{st.st_size}:{st.st_mtime_ns}"


@dataclass
class _Package:
    """An installed model as the engine sees it for one source language; loads on first use."""

    lang: str
    path: Path
    version: str
    decoding: dict[str, int]
    identity: str
    adapter: families.Adapter
    translator: Any = None
    prefix_tokens: list[str] | None = None


class Engine:
    """Translate sentences into English with the installed Argos packages.

    One CTranslate2 Translator per language, created the first time that language actually
    needs translating (cache hits and English input never load a model).
    """

    def __init__(
        self,
        models_dir: Path | None = None,
        *,
        beam_size: int = ARGOS_BEAM_SIZE,
        fast: bool = False,
        device: str = "auto",
        cache: TranslationCache | None = None,
        inter_threads: int | None = None,
        intra_threads: int | None = None,
        compute_type: str = "default",
        length_penalty: float = ARGOS_LENGTH_PENALTY,
        max_batch_tokens: int | None = None,
        max_batch_hypotheses: int | None = None,
        max_decoding_length: int | None = None,
        min_decoding_length: int | None = None,
        frugal_memory: bool = True,
        model: str | None = None,
    ):
        if beam_size < 1:
            raise TranslatorError(f"beam size must be at least 1, got {beam_size}")
        if device not in ("auto", "cpu", "cuda"):
            raise TranslatorError(f"unknown device {device!r}: choose auto, cpu or cuda")
        self.models_dir = Path(models_dir) if models_dir else model_store.default_models_dir()
        # A run's choice of model (name or family); see translator.store.choices.find_model.
        self.model = model
        self.beam_size = 1 if fast else beam_size
        self.fast = fast
        self.device = device
        self.cache = cache
        # None: on CPU one single-threaded worker per core; on a GPU one worker.
        self.inter_threads = inter_threads
        self.intra_threads = intra_threads
        self.compute_type = compute_type
        self.length_penalty = length_penalty
        # None: the device's default (DEFAULT_* on CPU, GPU_* on a GPU), chosen once the device
        # is known (`auto` is resolved on first use).
        self._max_batch_tokens = max_batch_tokens
        self._max_batch_hypotheses = max_batch_hypotheses
        self.max_decoding_length = max_decoding_length
        self.min_decoding_length = min_decoding_length
        # One malloc arena and memory handed back after each call (see the module docstring).
        self.frugal_memory = frugal_memory
        self._packages: dict[str, _Package | None] = {}
        self._resolved_device: str | None = None

    # -- discovery -------------------------------------------------------------------------

    def _package(self, lang: str) -> _Package | None:
        if lang not in self._packages:
            installed = choices.find_model(lang, self.models_dir, model=self.model)
            self._packages[lang] = self._describe(lang, installed) if installed else None
        return self._packages[lang]

    def _describe(self, lang: str, installed: model_store.InstalledModel) -> _Package:
        path = installed.path
        try:
            meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
            adapter = families.adapter_for(installed.family, lang, path, meta)
        except (OSError, ValueError) as exc:
            raise ModelLoadError(self._broken(lang, path, exc, installed.family)) from exc
        decoding = meta.get(METADATA_DECODING_KEY) or {}
        stamps = [
            str(path.resolve()),
            str(meta.get("package_version", "")),
            *(_file_stamp(f) for f in adapter.files),
            json.dumps(meta, sort_keys=True),
        ]
        if installed.family != families.ARGOS:
            # One model serving several languages translates each with its own source token.
            stamps.append(f"source={lang}")
        return _Package(
            lang=lang,
            path=path,
            version=str(meta.get("package_version", "")),
            decoding={k: int(v) for k, v in decoding.items()
                      if k in ("max_decoding_length", "min_decoding_length")},
            identity=hashlib.sha256("\n".join(stamps).encode("utf-8")).hexdigest(),
            adapter=adapter,
        )

    @staticmethod
    def _broken(lang: str, path: Path, exc: Exception, family: str = families.ARGOS) -> str:
        how = (f"`newsbrief models install {lang}`" if family == families.ARGOS
               else "`newsbrief models install --dir` from its converted folder")
        return (
            f"the {language_name(lang)}→English model in {path} cannot be loaded ({exc}): "
            f"reinstall it with {how}"
        )

    def _failed(self, pkg: _Package, exc: Exception) -> str:
        return self._broken(pkg.lang, pkg.path, exc, pkg.adapter.family)

    def has_model(self, lang: str) -> bool:
        """True for English (nothing to do) and for languages with an installed →en package."""
        return lang == "en" or self._package(lang) is not None

    def model_identity(self, lang: str) -> str:
        """A key that changes whenever the package or its files change (for caching)."""
        pkg = self._package(lang)
        if pkg is None:
            raise ModelMissingError(lang)
        return pkg.identity

    # -- decoding settings -----------------------------------------------------------------

    def _decoding_limits(self, pkg: _Package) -> dict[str, int]:
        limits = dict(pkg.decoding)
        if self.max_decoding_length is not None:
            limits["max_decoding_length"] = self.max_decoding_length
        if self.min_decoding_length is not None:
            limits["min_decoding_length"] = self.min_decoding_length
        return limits

    def settings_key(self, lang: str) -> str:
        """Everything besides the model and the sentence that decides a translation."""
        pkg = self._package(lang)
        limits = self._decoding_limits(pkg) if pkg else {}
        parts = [f"beam={self.beam_size}", f"lp={self.length_penalty}", "unk=replace"]
        parts += [f"{k}={v}" for k, v in sorted(limits.items())]
        return ";".join(parts)

    # -- loading ---------------------------------------------------------------------------

    def resolved_device(self) -> str:
        """`auto` becomes `cuda` when CTranslate2 sees a GPU, else `cpu`."""
        if self._resolved_device is None:
            import ctranslate2

            cuda = ctranslate2.get_cuda_device_count()
            if self.device == "cuda" and cuda == 0:
                raise TranslatorError(
                    "--device cuda: CTranslate2 finds no CUDA GPU here; use --device cpu or auto"
                )
            self._resolved_device = "cuda" if self.device != "cpu" and cuda > 0 else "cpu"
        return self._resolved_device

    def _load(self, pkg: _Package) -> None:
        if pkg.translator is not None:
            return
        import ctranslate2

        try:
            pkg.adapter.load()
        except (OSError, RuntimeError, ValueError) as exc:
            raise ModelLoadError(self._failed(pkg, exc)) from exc
        # One model serving several languages (NLLB-200) is loaded once for all of them.
        shared = next((p.translator for p in self._packages.values()
                       if p is not None and p.path == pkg.path and p.translator is not None),
                      None)
        if shared is None:
            device = self.resolved_device()
            if self.frugal_memory:
                share_malloc_arena()
            try:
                shared = ctranslate2.Translator(
                    str(pkg.path / "model"),
                    device=device,
                    compute_type=self.compute_type,
                    inter_threads=self.workers(),
                    intra_threads=(self.intra_threads or 1) if device == "cpu" else 0,
                )
            except (RuntimeError, ValueError, OSError) as exc:
                raise ModelLoadError(self._failed(pkg, exc)) from exc
        pkg.translator = shared
        pkg.prefix_tokens = pkg.adapter.target_prefix()

    def workers(self) -> int:
        """CTranslate2 workers (batches decoded at once) per model.

        A caller that sets only `intra_threads` (e.g. `batch --jobs`, giving each process its
        share of the cores) gets one worker with that many threads, as it asked.
        """
        if self.inter_threads is not None:
            return max(1, self.inter_threads)
        if self.intra_threads is not None or self.resolved_device() != "cpu":
            return 1
        return available_cores()

    @property
    def max_batch_tokens(self) -> int:
        """Padded source tokens per batch and worker (see DEFAULT_BATCH_TOKENS)."""
        if self._max_batch_tokens is not None:
            return self._max_batch_tokens
        return GPU_BATCH_TOKENS if self.resolved_device() == "cuda" else DEFAULT_BATCH_TOKENS

    @property
    def max_batch_hypotheses(self) -> int:
        """Hypotheses (sentences x beam) per batch (see DEFAULT_BATCH_HYPOTHESES)."""
        if self._max_batch_hypotheses is not None:
            return self._max_batch_hypotheses
        if self.resolved_device() == "cuda":
            return GPU_BATCH_HYPOTHESES
        return DEFAULT_BATCH_HYPOTHESES

    def batch_tokens(self, total_tokens: int) -> int:
        """Tokens per batch for a call of `total_tokens`: at most max_batch_tokens, and small
        enough that every worker gets a batch."""
        share = -(-total_tokens // self.workers())
        return max(MIN_BATCH_TOKENS, min(self.max_batch_tokens, share))

    def batch_sentences(self, family: str = families.ARGOS) -> int:
        """Sentences per batch: as many as fit the hypotheses bound at this beam size (on a CPU,
        MARIAN_BATCH_HYPOTHESES for an OPUS-MT model unless the caller set a bound)."""
        hypotheses = self.max_batch_hypotheses
        if (family == families.MARIAN and self._max_batch_hypotheses is None
                and self.resolved_device() == "cpu"):
            hypotheses = MARIAN_BATCH_HYPOTHESES
        return max(1, hypotheses // self.beam_size)

    def load(self, lang: str) -> None:
        """Load the model for `lang` now (normally it loads on first use)."""
        if lang == "en":
            return
        pkg = self._package(lang)
        if pkg is None:
            raise ModelMissingError(lang)
        self._load(pkg)

    # -- translating -----------------------------------------------------------------------

    def translate(
        self, lang: str, sentences: Sequence[str], progress: Progress | None = None
    ) -> list[str]:
        """English renderings of `sentences` (source language `lang`), in the same order.

        English comes back unchanged; empty or blank sentences pass through untouched; each
        distinct sentence is translated once. `progress(done, total)` counts distinct
        sentences. Raises ModelMissingError when no lang→en package is installed.
        """
        sentences = list(sentences)
        if lang == "en":
            return sentences
        pkg = self._package(lang)
        if pkg is None:
            raise ModelMissingError(lang)
        unique = list(dict.fromkeys(s for s in sentences if s.strip()))
        done: dict[str, str] = {}
        settings = self.settings_key(lang)
        if self.cache is not None and unique:
            done.update(self.cache.get_many(pkg.identity, settings, unique))
        todo = [s for s in unique if s not in done]
        if progress:
            progress(len(done), len(unique))
        if todo:
            fresh = self._translate_uncached(pkg, todo, progress, len(done), len(unique))
            done.update(fresh)
            if self.cache is not None:
                self.cache.put_many(pkg.identity, settings, fresh.items())
        return [done.get(s, s) if s.strip() else s for s in sentences]

    def _translate_uncached(
        self, pkg: _Package, sentences: list[str], progress: Progress | None,
        offset: int, total: int,
    ) -> dict[str, str]:
        self._load(pkg)
        tokenized = [pkg.adapter.encode(s) for s in sentences]
        order = sorted(range(len(sentences)), key=lambda i: len(tokenized[i]))
        options: dict[str, Any] = dict(
            beam_size=self.beam_size,
            num_hypotheses=1,
            length_penalty=self.length_penalty,
            replace_unknowns=True,
        )
        options.update(self._decoding_limits(pkg))
        out: dict[str, str] = {}
        extra = len(pkg.prefix_tokens) if pkg.prefix_tokens else 0
        for start in range(0, len(order), CHUNK_SENTENCES):
            chunk = order[start:start + CHUNK_SENTENCES][::-1]  # longest first
            lengths = [max(len(tokenized[i]), extra) for i in chunk]
            size = self.batch_tokens(sum(lengths))
            # Each planned batch is one job for the worker pool; submitted all at once, they
            # keep every worker busy until the chunk's last batch.
            pending = []
            try:
                for batch in plan_batches(lengths, size,
                                          self.batch_sentences(pkg.adapter.family)):
                    ids = [chunk[j] for j in batch]
                    prefix = [pkg.prefix_tokens] * len(ids) if pkg.prefix_tokens else None
                    jobs = pkg.translator.translate_batch(
                        [tokenized[i] for i in ids], target_prefix=prefix,
                        max_batch_size=len(ids), batch_type="examples", asynchronous=True,
                        **options,
                    )
                    pending.append((ids, jobs))
                finished = offset + start
                for ids, jobs in pending:
                    for i, job in zip(ids, jobs, strict=True):
                        out[sentences[i]] = self._detokenize(pkg, job.result().hypotheses[0])
                    finished += len(ids)
                    if progress:  # per batch: a chunk can take minutes on a slow machine
                        progress(finished, total)
            except (RuntimeError, ValueError) as exc:
                raise ModelLoadError(self._failed(pkg, exc)) from exc
        if self.frugal_memory:
            release_free_memory()
        return out

    @staticmethod
    def _detokenize(pkg: _Package, tokens: list[str]) -> str:
        """The family's post-processing (for Argos, argostranslate's), on one sentence."""
        return pkg.adapter.decode(tokens)
