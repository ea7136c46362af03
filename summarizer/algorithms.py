"""The summarising algorithms `--algorithm` offers: the one registry of their names.

Everything else is derived from `REGISTRY`: `summarizer.ALGORITHMS` (what `summarize()` accepts
and the CLI checks), the sumy class each name runs (`summarizer.sumy_rankers`), how many
sentences it may rate directly (`summarizer.ranking`), and the `--algorithm` help text. Adding
an algorithm is one entry here.

Importing this module is cheap: sumy's classes are named, not imported (sumy pulls in NLTK).
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT = "default"


@dataclass(frozen=True)
class Algorithm:
    name: str
    # "module:Class" of the sumy summarizer that rates sentences; None for newsbrief's own.
    sumy_class: str | None = None
    # The most sentences it rates directly (about a second each on this machine: sumy's classes
    # are quadratic in pure Python); longer texts are first cut to that many candidates by the
    # default ranker. None: no limit.
    candidates: int | None = None


REGISTRY: dict[str, Algorithm] = {
    algorithm.name: algorithm
    for algorithm in (
        Algorithm(DEFAULT),  # our measured combination: summarizer.default
        Algorithm("lexrank", "sumy.summarizers.lex_rank:LexRankSummarizer", 150),
        Algorithm("lsa", "summarizer.lsa_ordered:OrderedLsaSummarizer", 300),
        Algorithm("luhn", "sumy.summarizers.luhn:LuhnSummarizer", 800),
        Algorithm("textrank", "sumy.summarizers.text_rank:TextRankSummarizer", 250),
        Algorithm("edmundson", "sumy.summarizers.edmundson:EdmundsonSummarizer", 5000),
        Algorithm("kl", "sumy.summarizers.kl:KLSummarizer", 60),
        Algorithm("sumbasic", "sumy.summarizers.sum_basic:SumBasicSummarizer", 600),
        Algorithm("reduction", "sumy.summarizers.reduction:ReductionSummarizer", 150),
    )
}

ALGORITHMS: tuple[str, ...] = tuple(REGISTRY)
SUMY_ALGORITHMS: tuple[str, ...] = tuple(n for n, a in REGISTRY.items() if a.sumy_class)


def help_text() -> str:
    """What `--algorithm` says it accepts."""
    return (
        f"{DEFAULT} (our measured combination), or a sumy algorithm: "
        f"{', '.join(SUMY_ALGORITHMS)}."
    )


def sumy_class(name: str) -> type:
    """The sumy summarizer class behind `name` (imports sumy: about a second the first time)."""
    from importlib import import_module

    module, _, cls = (REGISTRY[name].sumy_class or "").partition(":")
    if not cls:
        raise ValueError(f"{name!r} is not a sumy algorithm")
    return getattr(import_module(module), cls)
