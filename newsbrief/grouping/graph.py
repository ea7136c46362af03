"""The sentences being grouped and the groups made so far, as one record the grouping steps share.

Every step of `group_sentences` (links, the support tests, the second sentences) reads the same
scores and sources and changes the same groups; one record keeps them together, and one method
moves a group, so that `group_of` and `members` cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass
class Graph:
    """Sentences (by position among the kept ones) and the groups they stand in."""

    nodes: list[tuple[int, int]]  # (source, index in that source's texts)
    texts: Sequence[str]
    scores: np.ndarray  # pairwise similarity, -1 for two sentences of one source
    best_in: np.ndarray  # [k, s]: k's best score with any sentence of source s
    src_of: np.ndarray
    is_anchor: np.ndarray  # key points
    idf: Callable[[str], float]
    group_of: list[int]
    members: dict[int, list[int]]

    @classmethod
    def ungrouped(
        cls,
        nodes: list[tuple[int, int]],
        texts: Sequence[str],
        scores: np.ndarray,
        best_in: np.ndarray,
        src_of: np.ndarray,
        is_anchor: np.ndarray,
        idf: Callable[[str], float],
    ) -> Graph:
        """Every sentence in a group of its own."""
        n = len(nodes)
        return cls(
            nodes, texts, scores, best_in, src_of, is_anchor, idf, list(range(n)),
            {k: [k] for k in range(n)},
        )  # fmt: skip

    def merge(self, keep: int, gone: int) -> None:
        """Group `gone` joins group `keep`."""
        for k in self.members[gone]:
            self.group_of[k] = keep
        self.members[keep].extend(self.members.pop(gone))

    def move(self, k: int, group: int) -> None:
        """Sentence `k`, alone in its group, joins `group`."""
        self.merge(group, self.group_of[k])

    def sources(self, group: int) -> set[int]:
        """The sources that stand in `group`."""
        return {int(self.src_of[k]) for k in self.members[group]}

    def groups(self) -> list[list[tuple[int, int]]]:
        """The groups that hold a key point, as (source, index) pairs sorted by source."""
        return [
            sorted(self.nodes[k] for k in group)
            for group in self.members.values()
            if any(self.is_anchor[k] for k in group)
        ]
