"""Sentence boundaries at list items written inline: "1) … 2) …", "a. … b. …", "• … • …".

A list item opens a piece of its own even when the item before it has no final punctuation
("1) The first item 2) The second item"), and the period after its label is not a sentence end
("2. The second item").  A label is trusted only as part of a run: labels of one style (the same
punctuation after them) with consecutive values, the first one opening the text or following a
colon, a semicolon or a sentence end.  A number or a letter met alone is far more often a count
("won 2. The team…") or an abbreviation ("с. Берёзовка") than an item.  A bullet always opens an
item, and so does a ")"-label after a semicolon ("…в квартире; 2) отчуждать…"), where the
semicolon has already closed the item before it.
"""

from __future__ import annotations

import re

_BULLETS = "•⁃▪►‣◦"
# A label: maybe a bullet, then a number, a letter or a Roman numeral, then ".)", ")" or ".",
# then whitespace.  It must not be glued to the word before it.
_LABEL = re.compile(
    rf"(?<![^\s{_BULLETS}])(?P<value>\d{{1,3}}|[a-zа-яё]|[ivx]{{1,4}}|[IVX]{{1,4}})"
    r"(?P<style>\.\)|\)|\.)(?=\s)"
)
_BULLET = re.compile(rf"(?<=\s)[{_BULLETS}]")
_LATIN = "abcdefghijklmnopqrstuvwxyz"
# Russian and Ukrainian lettered lists skip the letters that start no word or look like others.
_CYRILLIC = "абвгдежзиклмнопрстуфхцчшщэюя"
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_OPENS = ":;.!?…"


def _rank(value: str) -> tuple[str, int] | None:
    """(kind, position) of a label's value: 1, 2, 3…; a, b, c…; а, б, в…; i, ii, iii…"""
    if value.isdigit():
        return "number", int(value)
    lower = value.lower()
    if len(value) == 1 and lower in _LATIN and lower not in "ivx":
        return "latin" + ("" if value.islower() else "-upper"), _LATIN.index(lower)
    if len(value) == 1 and lower in _CYRILLIC:
        return "cyrillic", _CYRILLIC.index(lower)
    if lower in _ROMAN:
        # "i", "v" and "x" alone are letters as often as numerals: both readings are tried.
        return "roman" + ("" if value.islower() else "-upper"), _ROMAN.index(lower)
    return None


def _opens_piece(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3) : pos].rstrip().rstrip(_BULLETS).rstrip()
    return not before or before[-1] in _OPENS


def list_items(text: str) -> tuple[list[int], set[int]]:
    """(cuts before list items, ends of the labels whose period is no sentence end)."""
    labels = []
    for match in _LABEL.finditer(text):
        value, style = match.group("value", "style")
        ranks = [_rank(value)]
        if value.lower() in ("i", "v", "x") and len(value) == 1:
            case = "" if value.islower() else "-upper"
            ranks.append(("latin" + case, _LATIN.index(value.lower())))
        for rank in ranks:
            if rank is not None:
                labels.append((match.start(), match.end(), style, rank))
    cuts: list[int] = []
    labels_end: set[int] = set()
    # Chains of consecutive labels of one kind and style, found through the label each chain
    # waits for next (a dictionary: a text of a million "1." stays linear).
    chains: list[list[tuple[int, int, str, tuple[str, int]]]] = []
    waiting: dict[tuple[str, str, int], list[tuple[int, int, str, tuple[str, int]]]] = {}
    for label in labels:
        _, _, style, (kind, position) = label
        chain = waiting.pop((style, kind, position), None)
        if chain is None:
            chain = []
            chains.append(chain)
        chain.append(label)
        waiting[style, kind, position + 1] = chain
    for chain in chains:
        if len(chain) < 2 or not _opens_piece(text, chain[0][0]):
            continue
        for start, end, _, _ in chain:
            labels_end.add(end)
            if start:
                cuts.append(start)
    for match in _BULLET.finditer(text):
        cuts.append(match.start())
    for match in _LABEL.finditer(text):
        before = text[max(0, match.start() - 8) : match.start()].rstrip()
        if match.group("style") == ")" and before.endswith(";"):
            cuts.append(match.start())
            labels_end.add(match.end())
    return sorted({_before_bullet(text, cut) for cut in cuts} - {0}), labels_end


def _before_bullet(text: str, cut: int) -> int:
    """A cut before a bulleted label ("• 10.") goes before its bullet."""
    before = text[max(0, cut - 2) : cut]
    if before[-1:] in _BULLETS and before[-1:]:
        return cut - 1
    if before[-1:].isspace() and before[:1] in _BULLETS and before[:1]:
        return cut - 2
    return cut
