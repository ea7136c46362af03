"""A list item is read with the line that introduces it.

"Key demands in the Russian proposal are understood to include:" and then "Resumption of
direct flights: Reconnecting the two nations…": the item says *what* and its lead-in says *whose
demand*. On its own words the item shares little more than "flights" with another outlet's
"Russia is seeking clearer answers on its proposal to resume direct flights", and `compare`
claimed it as the first outlet's alone. So a key point that is a list item and that grouping
left alone is matched again with its lead-in's words, and joins the point it then matches.

Only then, and only for matching (a member is shown as written): with the lead-in in every
item's words from the start, each item matched less well on its own words (the cosine spreads
over more terms), and on the seed story another outlet's sentence lost its place in the point
the item had matched.

A lead-in is a paragraph's last sentence that ends with a colon; its items are the paragraphs
right after it that open like an item (a bullet, a number such as "1." or "b)", or a short
label and a colon, "Economic cooperation: …"). The first paragraph that does not ends the list:
an introduced quote or a plain paragraph is not an item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from newsbrief.grouping.similarity import SentenceSimilarity
from newsbrief.records import SentencePair

# Most items one lead-in lends its words to: past this it is a list of facts of their own.
MAX_ITEMS = 20
_MIN_LEAD_IN_WORDS = 3
_BULLET = re.compile(r"^\s*(?:[•·▪◦‣●○■□*+\-–—]|\(?(?:\d{1,2}|[a-zA-Z])[.)])\s+\S")
# "Resumption of direct flights: …": up to six words, the first capitalised, then a colon.
_LABEL = re.compile(r"^\s*[A-Z][^\s:.!?]*(?:\s+[^\s:.!?]+){0,5}:\s+\S")

Group = list[tuple[int, int]]


class _Params(Protocol):
    threshold: float
    lone_floor: float


def _is_lead_in(text: str) -> bool:
    stripped = text.rstrip()
    return stripped.endswith(":") and len(stripped.split()) >= _MIN_LEAD_IN_WORDS


def is_item(text: str) -> bool:
    """Whether a paragraph's first sentence opens like a list item."""
    return bool(_BULLET.match(text) or _LABEL.match(text))


def lead_ins(pairs: Sequence[SentencePair]) -> dict[int, str]:
    """{position: its lead-in} for every sentence of a list item; other sentences are absent.

    One pass (a 5 MB text is a million sentences), keeping only the items.
    """
    found: dict[int, str] = {}
    lead_in: str | None = None  # the open list's lead-in
    items = 0
    reading = None  # the paragraph of the item being read
    for pos, pair in enumerate(pairs):
        first = pos == 0 or pairs[pos - 1].paragraph != pair.paragraph
        last = pos + 1 == len(pairs) or pairs[pos + 1].paragraph != pair.paragraph
        if lead_in is not None and first:
            if items < MAX_ITEMS and is_item(pair.text):
                items, reading = items + 1, pair.paragraph
            else:
                lead_in, reading = None, None
        if lead_in is not None and pair.paragraph == reading:
            found[pos] = lead_in
        if last and _is_lead_in(pair.text):
            lead_in, items, reading = pair.text.strip(), 0, None
    return found


def join_items(
    groups: list[Group],
    texts: Sequence[Sequence[str]],
    keys: Sequence[set[int]],
    items: Sequence[dict[int, str]],
    sim: SentenceSimilarity,
    params: _Params,
) -> list[Group]:
    """`groups` where each lone key point that is a list item, read with its lead-in, joins the
    point of another outlet it then matches: `params.threshold` with one member and
    `params.lone_floor` with every one (the complete-link rule of grouping), a point its own
    outlet is not in (of several, the best). Items in document order; a new list, in the same
    order, less the items joined."""
    lone = [
        g[0]
        for g in groups
        if len(g) == 1 and g[0][1] in keys[g[0][0]] and g[0][1] in items[g[0][0]]
    ]
    if not lone:
        return groups
    out = [list(g) for g in groups]
    for s, i in lone:
        others = [g for g in out if g != [(s, i)] and all(t != s for t, _ in g)]
        if not others:
            continue
        reading = f"{items[s][i]} {texts[s][i]}"
        members = [texts[t][j] for g in others for t, j in g]
        row = sim.matrix([reading], members)[0]
        best: tuple[float, int] | None = None
        at = 0
        for n, g in enumerate(others):
            scores = row[at : at + len(g)]
            at += len(g)
            if scores.max() >= params.threshold and scores.min() >= params.lone_floor:
                if best is None or scores.max() > best[0]:
                    best = (float(scores.max()), n)
        if best is None:
            continue
        target = others[best[1]]
        target.append((s, i))
        target.sort()
        out.remove([(s, i)])
    return out
