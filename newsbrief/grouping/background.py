"""A sentence that says what something is, not what happened, is background to the story.

"The Wagner Group is a private army of mercenaries…" shares the story's words with "The head of
the Wagner mercenary group says he has ordered his mercenaries to halt their march…", and word
likeness grouped the two; "It is a war crime to attack a nuclear power plant" joined Zelensky's
accusation. A pair of one such definition and one account of events scores `BACKGROUND` of its
likeness before any link is made, and the fill step never puts one beside the other; two
definitions keep theirs (two outlets may both explain what the ICC is).

Measured 2026-12-07 (benchmarks/bench_stories.py): pairs 0.818 -> 0.826 on the five stories,
0.867 -> 0.872 on the eight, 0.845 -> 0.859 on four of them; "only in X" 0.623 -> 0.635 on the
five; the same at 0 and 0.3. At 0, bench_grouping's end-to-end recall fell 0.991 -> 0.989 (a
translation that writes "X is a…" on one side only); at 0.5, 0.986 -> 0.985 on three sources.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

BACKGROUND = 0.5
_DEFINES = re.compile(
    r"^(?:The )?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)* (?:is|are) (?:a|an|one of)\b"
    r"|^It is an? \w+ (?:crime|violation)\b"
)


def defines(sentence: str) -> bool:
    """Whether the sentence says what something is ("The ICC is a court of last resort…")."""
    return bool(_DEFINES.match(sentence))


def dampen_background(
    scores: np.ndarray, texts: Sequence[str], floor: float
) -> list[tuple[int, int]]:
    """Multiply, in place, the symmetric `scores` of each definition with each account of
    events scoring `floor` or more by `BACKGROUND`; the pairs changed."""
    changed: list[tuple[int, int]] = []
    background = np.fromiter((defines(t) for t in texts), dtype=bool, count=len(texts))
    for k in np.flatnonzero(background).tolist():
        for j in np.flatnonzero((scores[k] >= floor) & ~background).tolist():
            scores[k, j] = scores[j, k] = scores[k, j] * BACKGROUND
            changed.append((k, j))
    return changed
