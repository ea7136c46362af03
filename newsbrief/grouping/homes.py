"""A sentence goes where its figure is compared: to the point whose members count that thing.

`figures.differs` can flag a changed figure only where both figures stand in one point, and
grouping by likeness alone often puts one outlet's count in another row than the other's
("was serving a 19-year jail term" and "where he was serving a 19-year term"). So after grouping,
such a sentence moves to the point where another outlet counts the very thing, as its outlet's
second sentence there.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.grouping.figures import Figure, figures

# A lone sentence joins a point where another outlet counts the same thing with the same
# value only when the value is at least this (a count of 3 is too common to be one fact).
LONE_VALUE = 100


def _is_count_of(figure: Figure) -> bool:
    """A count specific enough that two outlets giving it of one thing give one fact."""
    if any(t.startswith("month:") for t in figure.thing) or "calendar-year" in figure.thing:
        return False
    try:
        return float(figure.value) >= LONE_VALUE
    except ValueError:
        return False  # a time of day


def by_figure(
    groups: list[list[tuple[int, int]]], texts: Sequence[Sequence[str]], keyed: Sequence[set[int]]
) -> list[list[tuple[int, int]]]:
    """A sentence that gives a figure of the very thing another outlet's member of a point
    counts ("was serving a 19-year jail term" beside "where he was serving a 19-year term")
    moves there, as its outlet's second sentence of that point, where that outlet already
    stands: one thing's figures in one point, so a changed one is seen (`differs`).

    "The very thing" is two or more words of what the figure counts in common (a "19-year term",
    not any count of years); a date or a bare year moves nothing. The sentence leaves its own
    point only where that point keeps a key point (`keyed[s]`: source s's key points) of
    another outlet without it, so no outlet's scoop or shared row is lost.
    """
    found = {(s, i): figures(texts[s][i]) for g in groups for s, i in g}

    def same_thing(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return any(len(fa.thing & fb.thing) >= 2 for fa in found[a] for fb in found[b])

    def near_thing(a: tuple[int, int], b: tuple[int, int]) -> bool:
        pairs = ((fa, fb) for fa in found[a] for fb in found[b])
        return any(fa.thing & fb.thing or fa.value == fb.value for fa, fb in pairs)

    def same_count(a: tuple[int, int], b: tuple[int, int]) -> bool:
        """One count of one thing: a value of at least LONE_VALUE, in words of a thing alike."""
        return any(
            fa.value == fb.value and fa.thing & fb.thing and _is_count_of(fa)
            for fa in found[a]
            for fb in found[b]
        )

    moves: list[tuple[tuple[int, int], int, int]] = []
    for q, group in enumerate(groups):
        if len(group) == 1 and found[group[0]]:
            # A lone sentence that gives the very count another outlet's member of a point
            # gives, where its own outlet stands ("Three hundred thousand reserve troops will
            # be called up" beside "some 3,00,000 reservists" and "300,000 military
            # reservists"), is its outlet saying that point's fact again.
            y = group[0]
            homes = [
                p
                for p, other in enumerate(groups)
                if p != q
                and len({s for s, _ in other}) > 1
                and any(x[0] == y[0] for x in other)
                and any(x[0] != y[0] and same_count(y, x) for x in other)
            ]
            if homes:
                moves.append((y, q, max(homes, key=lambda p: len({x[0] for x in groups[p]}))))
            continue
        for y in group:
            if not found[y] or len({s for s, _ in group}) < 2:
                continue
            if any(x[0] != y[0] and near_thing(y, x) for x in group):
                continue  # its figure is already compared where it is ("13 people were killed")
            if not any(x[1] in keyed[x[0]] for x in group if x[0] != y[0]):
                continue
            homes = [
                p
                for p, other in enumerate(groups)
                if p != q
                and any(x[0] == y[0] for x in other)
                and any(x[0] != y[0] and same_thing(y, x) for x in other)
            ]
            if homes:
                moves.append((y, q, max(homes, key=lambda p: len({x[0] for x in groups[p]}))))
    out = [list(g) for g in groups]
    for y, q, home in moves:  # decided on the points as they were: no move leads to another
        out[q].remove(y)
        out[home] = sorted([*out[home], y])
    return [g for g in out if g]
