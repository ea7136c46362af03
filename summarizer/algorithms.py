"""The summarising algorithms `--algorithm` offers: the one registry of their names.

Everything else is derived from `REGISTRY`: `summarizer.ALGORITHMS` (what `summarize()` accepts
and the CLI checks), the sumy algorithms `summarizer.sumy_rankers` runs (it maps each to its
sumy class; a test checks that every one has a class), how many sentences each may rate directly
(`summarizer.ranking`), and the `--algorithm` help text.

Importing this module is cheap: it imports nothing of sumy (which pulls in NLTK).
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT = "default"


@dataclass(frozen=True)
class Algorithm:
    name: str
    # True: rated by the sumy summarizer class of that name (summarizer.sumy_rankers maps each
    # name to its class); False: newsbrief's own ranker.
    sumy: bool = True
    # The most sentences it rates directly (about a second each on this machine: sumy's classes
    # are quadratic in pure Python); longer texts are first cut to that many candidates by the
    # default ranker. None: no limit.
    candidates: int | None = None


REGISTRY: dict[str, Algorithm] = {
    algorithm.name: algorithm
    for algorithm in (
        Algorithm(DEFAULT, sumy=False),  # our measured combination: summarizer.default
        Algorithm("lexrank", candidates=150),
        Algorithm("lsa", candidates=300),
        Algorithm("luhn", candidates=800),
        Algorithm("textrank", candidates=250),
        Algorithm("edmundson", candidates=5000),
        Algorithm("kl", candidates=60),
        Algorithm("sumbasic", candidates=600),
        Algorithm("reduction", candidates=150),
    )
}

ALGORITHMS: tuple[str, ...] = tuple(REGISTRY)
SUMY_ALGORITHMS: tuple[str, ...] = tuple(n for n, a in REGISTRY.items() if a.sumy)


def help_text() -> str:
    """What `--algorithm` says it accepts."""
    return (
        f"{DEFAULT} (our measured combination), or a sumy algorithm: "
        f"{', '.join(SUMY_ALGORITHMS)}."
    )

