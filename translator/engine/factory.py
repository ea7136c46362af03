"""How a caller gets a translation engine: its settings, a factory that builds it on first use,
and the one method the pipeline calls on it.

Plain data in, an engine out: the CLI, the API, the batch workers and a Dask cluster all build
their engine here, from the same settings, so none of them imports another's driver.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

__all__ = ["EngineSettings", "SentenceTranslator", "lazy_engine"]


class SentenceTranslator(Protocol):
    """What the pipeline needs from a translation engine (translator.engine.engine.Engine fits)."""

    def translate(self, lang: str, sentences: list[str]) -> list[str]: ...


@dataclass
class EngineSettings:
    models_dir: str | None = None
    beam_size: int = 4
    fast: bool = False
    device: str = "auto"
    cache: bool = True
    # CTranslate2 threads per translation; None: the engine decides. `batch --jobs N` gives each
    # worker process its share of the cores. Set before the engine is built: it is read when a
    # model loads.
    intra_threads: int | None = None
    model: str | None = None  # --model: an installed model's name or a family


def lazy_engine(settings: EngineSettings) -> Callable[[], SentenceTranslator]:
    """A factory that builds the translation engine on first use, once per process."""
    built: list[SentenceTranslator] = []

    def factory() -> SentenceTranslator:
        if not built:
            from translator.engine.engine import Engine

            cache = None
            if settings.cache:
                from translator.cache import TranslationCache

                cache = TranslationCache()
            built.append(
                Engine(
                    settings.models_dir,
                    intra_threads=settings.intra_threads,
                    beam_size=settings.beam_size,
                    fast=settings.fast,
                    device=settings.device,
                    cache=cache,
                    model=settings.model,
                )
            )
        return built[0]

    return factory
