"""Sentence boundaries with no punctuation at all: a headline (or a subtitle) glued to its lead.

Text often arrives with its title joined to the first sentence ("…неизбежна Четвертая
вакцинация…", "…inevitable The head…").  Two rules find such a cut: before a capitalised function
word (`glued_boundaries`), and otherwise where weighed evidence says the capitalised word opens a
sentence rather than names someone (`headline_boundaries`): the text's own use of the word, its
ending, the words around it, its position, and whether the lead repeats the headline's words.
The word lists and endings are in summarizer/splitting/lexicons.py; the weights are here, beside the
features they weigh.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from summarizer.splitting.lexicons import (
    ADJECTIVE_ENDINGS,
    BEFORE_TITLE,
    COMMON_ENGLISH_ENDINGS,
    COMMON_NOUN_ENDINGS,
    FIRST_NAMES,
    MAY_END_HEADLINE,
    NO_ARTICLE,
    OBLIQUE_ENDINGS,
    SURNAME_ENDINGS,
    VERBAL_ENDINGS,
    function_words,
    sentence_starters,
)
from summarizer.splitting.punctuation import CLOSERS, NEXT_WORD, next_word

# A word with no final punctuation, whitespace, then a capitalised word (headline glued to a lead).
# (Lower-case Latin and Cyrillic letters are ruled out in the pattern itself: it keeps this fast.)
_GLUED_BOUNDARY = re.compile(r"(?<=[\w\"»”’])(?<!_)(\s+)(?=[^\W\d_a-zа-яёіїєґ])")
_GLUED_QUOTES = '"»”’'
# A list label with a bracket: "1)", "2.)", "а)", "b)".
_ITEM_LABEL = re.compile(r"\(?(?:\d{1,3}|[^\W\d_])\.?\)")


def _article_is_letter(text: str, pos: int) -> bool:
    """True when the word after the "A"/"The" ending at `pos` never follows an article ("A and
    G", "A are produced"): the capital is then a letter or a name, not an article."""
    rest = text[pos : pos + 40].lstrip()
    return next_word(rest, 0).lower() in NO_ARTICLE


def glued_boundaries(text: str, language: str) -> list[int]:
    """Boundaries with no punctuation: a lower-case word, then a capitalised function word."""
    own, english = sentence_starters(language)
    ending_stops = function_words("en") - MAY_END_HEADLINE
    cuts = []
    for match in _GLUED_BOUNDARY.finditer(text):
        cut = match.start()
        # The character before the whitespace, or a letter or digit and a closing quote after it.
        before_start = cut - 1
        if text[before_start] in _GLUED_QUOTES and cut > 1 and text[cut - 2].isalnum():
            before_start -= 1
        last = text[before_start]
        if not (last.islower() or last.isdigit() or text[cut - 1] in _GLUED_QUOTES):
            continue
        # The whole previous word must be lower case or a number: "By Our Correspondent" and
        # Title Case headlines ("Frustration Over Stalled Talks") stay whole.
        start = text.rfind(" ", 0, before_start) + 1
        if text[start : before_start + 1][:1].isupper():
            continue
        next_pos = match.end()
        word_match = NEXT_WORD.match(text, next_pos)
        word = word_match.group(0) if word_match else ""
        if not word or not word[0].isupper() or (len(word) > 1 and word.isupper()):
            continue
        lower = word.lower()
        after = text[next_pos + len(word) : next_pos + len(word) + 2]
        if not after[:1].isspace():
            continue  # "группы В, витамин С" — a letter, not a word that opens a sentence
        if language == "en" or language not in ("ru", "uk"):
            # "told The Moscow Times": an English function word before a capitalised word opens
            # a name or a title ("the film Being Julia", "his hit When a Man…"), and so does one
            # after a function word ("a version of We Will Rock You"); a capital "A" before "and"
            # or "are" is a letter ("immunoglobulins A and G").
            if (
                lower in english
                and not after[1:2].isupper()
                and _word_before(text, cut).lower().strip('"»”’') not in ending_stops
                and not (
                    lower in ("the", "a", "an") and _article_is_letter(text, next_pos + len(word))
                )
            ):
                cuts.append(cut)
        elif lower in own:
            cuts.append(cut)
    return cuts


# Evidence for a boundary that has no punctuation at all ("…неизбежна Четвертая вакцинация…"):
# a word, whitespace, maybe opening quotes, then a capitalised word and (maybe) the word after it.
# (The word before is found by the caller: a pattern that starts at the whitespace is faster.)
_UNPUNCTUATED = re.compile(r"(?<=\S)(\s+)(?=([\"«“„'(]*)([^\W\d_a-zа-яёіїєґ]\S*)(?:\s+(\S))?)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_DEMONYM = re.compile(r"(?:[ie]an|ese|ish)$")  # Russian, European, Chinese, British
_WORD_CHAR = re.compile(r"[\w'’-]")
# Weights of the evidence, fitted as a logistic regression on the "tune" half of the news-docs
# documents (benchmarks/bench_split.py) and rounded; a candidate is a boundary when its score is
# above zero and it is the best candidate of its stretch of text.
# Heading lines looked for at the top of a text (title, subtitle, …) before its lead.
_HEADINGS = 3
_WEIGHTS_CYRILLIC = {
    "bias": -2.0,
    "after_lower": -1.5,
    "after_digit": 0.5,
    "after_quote": 0.5,
    "after_acronym": -1.0,
    "starter": 0.5,
    "acronym": -1.0,
    "latin": -1.0,
    "quoted": -1.0,
    "next_capital": -1.0,
    "no_next": -1.0,
    "repeats": 0.5,
    "lower_elsewhere": 1.0,
    "stem_elsewhere": 1.0,
    "name_elsewhere": -2.0,
    "first": 2.5,
    "short": -1.0,
    "long": -1.0,
    "short_rest": -1.0,
    "adjective": 1.5,
    "oblique": -1.0,
    "common_noun": 1.5,
    "verbal": 1.5,
    "lead_repeats": 2.0,
}
_WEIGHTS_LATIN = {
    "bias": -2.0,
    "after_lower": -1.0,
    "after_quote": -0.5,
    "after_title": -1.0,
    "after_acronym": 0.5,
    "starter": 2.0,
    "quoted": -1.0,
    "no_next": -1.0,
    "repeats": 1.0,
    "stem_elsewhere": 0.5,
    "name_elsewhere": -1.0,
    "first": 2.5,
    "short": -0.5,
    "long": -0.5,
    "short_rest": -1.0,
    "common_noun": 1.0,
    "lead_repeats": 2.0,
}


def _word_before(text: str, pos: int) -> str:
    """The run of non-space characters that ends at `pos` (a bounded look-back first)."""
    window = text[max(0, pos - 64) : pos]
    parts = window.rsplit(None, 1)
    if len(parts) == 2 or pos <= 64:
        return parts[-1] if parts else ""
    return text[:pos].rsplit(None, 1)[-1]


def _title_before(text: str, pos: int) -> bool:
    """True when the word ending just before `pos` (whitespace skipped) is capitalised."""
    return _word_before(text, pos)[:1].isupper()


def _stem(word: str) -> str:
    """A crude stem that lets inflected forms meet ("вакцинация"/"вакцинации")."""
    return word[:5]


def _content_stems(text: str, stops: frozenset[str]) -> set[str]:
    """Stems of the content words (four letters or more, not function words) of `text`."""
    return {
        _stem(word.lower())
        for word in _WORD.findall(text)
        if len(word) >= 4 and word.lower() not in stops
    }


def _shared_stems(first: str, second: str, stops: frozenset[str]) -> int:
    """How many content-word stems the two texts share."""
    return len(_content_stems(first, stops) & _content_stems(second, stops))


class _WordEvidence:
    """What the whole text says about each capitalised word (after Mikheev's document-centred
    approach): seen in lower case elsewhere means a common word, seen capitalised after a
    lower-case word elsewhere means a name.  Names are counted only for the words asked about:
    most of a text's capitalised words never need it."""

    def __init__(self, text: str, stops: frozenset[str]) -> None:
        self.text = text
        self.stops = stops
        self.lower = {word for word in _WORD.findall(text) if word[0].islower()}
        self.stems = {_stem(word) for word in self.lower}
        self._names: dict[str, int] = {}

    def names(self, word: str) -> int:
        """How often `word` follows a lower-case word that is not a function word, with only
        whitespace between them."""
        count = self._names.get(word)
        if count is None:
            count = 0
            text, size = self.text, len(word)
            at = text.find(word)
            while at >= 0:
                end = at + size
                whole = end == len(text) or not _WORD_CHAR.match(text, end)
                if whole and at and text[at - 1].isspace():
                    gap = at - 1
                    while gap > 0 and text[gap - 1].isspace():
                        gap -= 1
                    previous = _word_before(text, gap) if gap else ""
                    # The last char is a letter, so the last word runs to the end of the token.
                    if previous and previous[-1].islower():
                        if _WORD.findall(previous)[-1].lower() not in self.stops:
                            count += 1
                at = text.find(word, end)
            self._names[word] = count
        return count


def _candidate_features(
    text: str,
    code: str,
    bounds: list[int],
    evidence: _WordEvidence,
    heading: int = 0,
    top_only: bool = False,
) -> Iterator[tuple[int, int, dict[str, bool]]]:
    """(stretch index, cut offset, evidence) for each place a headline could end: a word with no
    final punctuation, whitespace, then a capitalised word.  `bounds` are the sorted boundaries
    found so far; the stretch index says which stretch between them the candidate is in.  The
    stretches that start at or before `heading` (the last cut known to end a heading at the top of
    the text, 0 for none) count as the first one; with `top_only` only their candidates are
    given."""
    stops = function_words(code)
    own, english = sentence_starters(code)
    starters = own | english
    adjective = ADJECTIVE_ENDINGS.get(code)
    common = COMMON_ENGLISH_ENDINGS if code == "en" else COMMON_NOUN_ENDINGS
    for match in _UNPUNCTUATED.finditer(text):
        quotes, after, next_char = match.group(2, 3, 4)
        pos = match.start()
        before = _word_before(text, pos)
        last = before[-1]
        if not (last.isalnum() or last in CLOSERS) or not after[0].isupper():
            continue
        if before.lower().strip('"«»“”()') in stops - MAY_END_HEADLINE:
            continue  # "в Украину", "of Ukraine": a headline never ends with a function word
        if adjective is not None and before[0].isupper() and adjective.search(before):
            continue  # "Верховна Рада", "Белый Дом": a capitalised adjective starts a name
        if code in ("ru", "uk") and before.replace("’", "'") in FIRST_NAMES:
            continue  # "Владимир | Зеленский": a first name goes on to its surname
        if code == "en" and before.lower() in BEFORE_TITLE:
            continue  # "the film | The Life of David Gale": a title follows, not a lead
        if (
            code == "en"
            and before[0].isupper()
            and _DEMONYM.search(before)
            and _word_before(text, pos - len(before)).lower() == "the"
        ):
            continue  # "of the Russian | Federation": "the" + an adjective of a place opens a name
        if _ITEM_LABEL.fullmatch(before):
            continue  # "1) | The first item": a list label goes with its item
        index = bisect.bisect_left(bounds, pos)
        if index < len(bounds) and bounds[index] == pos:
            continue
        start = bounds[index - 1] if index else 0
        if top_only and start > heading:
            break  # past the stretch after the headings
        end = bounds[index] if index < len(bounds) else len(text)
        word_match = _WORD.match(after)
        word = word_match.group() if word_match else after
        lower = word.lower()
        if "(" in quotes or lower == "i" or lower[:2] in ("i'", "i’"):
            continue  # "(WHO)" is an aside; "every day I want…" is the pronoun, not a new start
        if lower in ("a", "an", "the") and _article_is_letter(text, match.end(3)):
            continue  # "vitamins A and E": a letter, not an article
        segment = text[start:pos]
        n_before = segment.count(" ") + 1
        n_after = text.count(" ", pos + 1, end)
        features = {
            "bias": True,
            "after_lower": last.islower(),
            "after_digit": last.isdigit(),
            "after_quote": last in CLOSERS,
            "after_title": before[:1].isupper(),
            "after_acronym": len(before) > 1 and before.isupper(),
            "starter": lower in starters,
            "acronym": len(word) > 1 and word.isupper(),
            "latin": code != "en" and "a" <= lower[:1] <= "z",
            "quoted": bool(quotes),
            "next_capital": bool(next_char) and next_char.isupper(),
            "no_next": not next_char or after[-1] in ",:",
            "repeats": _stem(lower) in segment.lower(),
            "lower_elsewhere": lower in evidence.lower,
            "stem_elsewhere": _stem(lower) in evidence.stems,
            "name_elsewhere": evidence.names(word)
            > (1 if last.islower() and before.lower() not in stops else 0),
            "first": start <= heading,
            "short": n_before < 3,
            "long": n_before > 15,
            # (A short piece between two headings is a short subheading, not a fragment.)
            "short_rest": n_after < 6 and end > heading,
            "adjective": adjective is not None and bool(adjective.search(lower)),
            "oblique": code != "en" and bool(OBLIQUE_ENDINGS.search(lower)),
            "common_noun": bool(common.search(lower)),
            "verbal": code != "en" and bool(VERBAL_ENDINGS.search(lower)),
        }
        # A headline's lead repeats its topic words ("Biologist listed the early signs of dementia
        # Semen Golosheykin … listed the early signs of dementia"); the words after a name inside
        # a sentence seldom repeat the words before it.  A quoted word, an oblique case and a word
        # before a colon or comma are left out: they are names inside the sentence far more often.
        shared = (
            _shared_stems(segment, text[match.end(3) : end], stops)
            if start <= heading
            and not (features["quoted"] or features["oblique"] or features["no_next"])
            else 0
        )
        features["repeated"] = shared > 1  # not weighed: lets a further heading be looked for
        # "…Atlantic Shipping Company chairman | Tomas Vidal…": a lower-case word after a name
        # and before another (a role between an organisation and a person) is inside a sentence.
        role = (
            code == "en"
            and before.isalpha()
            and before.islower()
            and features["next_capital"]
            and not features["starter"]
            and _title_before(text, pos - len(before))
        )
        # "…chairman Tomas | Vidal said…": a capitalised word after a lower-case content word is
        # a first name more often than the end of a headline ("…dose in Kenya | Health workers").
        previous = _word_before(text, pos - len(before)) if features["after_title"] else ""
        first_name = previous.isalpha() and previous.islower() and previous not in stops
        # newsbrief splits one paragraph at a time, so the top of every English body paragraph
        # looks like a headline; there the place alone is no evidence ("…at the Lisbon summit of
        # European | Union leaders…", "…officer | Brian Dunne and…", "…on 8 | December…").  An
        # English cut at the top (no heading found above it yet) needs the lead to repeat three
        # of its words, or two when a common word opens the lead, or a function word that does
        # not open a capitalised name; a comma before it marks a clause, not a headline.
        features["unsupported"] = role or (
            code == "en"
            and features["first"]
            and not heading
            and (
                features["after_digit"]
                or "," in segment
                or (first_name and not (features["starter"] or features["common_noun"]))
                or not (
                    shared > 2
                    or (features["starter"] and (shared > 1 or not features["next_capital"]))
                    or (features["common_noun"] and shared > 1)
                )
            )
        )
        # A surname after a capitalised word goes on a name ("президента РФ Дмитрий Песков").
        features["surname"] = (
            code != "en"
            and before[1:2].islower()
            and features["after_title"]
            and bool(SURNAME_ENDINGS.search(lower))
        )
        # An English word after a capitalised one is part of a name far more often too ("the
        # Supreme Federal Court"), unless it stands alone after a lone capitalised word ("in
        # Kazakhstan Information has been…").
        features["lead_repeats"] = features["repeated"] and not (
            features["surname"]
            or (
                code == "en"
                and features["after_title"]
                and (features["next_capital"] or _title_before(text, pos - len(before)))
            )
        )
        yield index, pos, features


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-zа-яёіїєґ][\w'’-]+")


def _title_case_after(text: str, cut: int, bounds: list[int]) -> bool:
    """Whether the words from `cut` to the next boundary are all capitalised: a Title Case
    heading ("Russia Calls Cross-Border Incursion Into Kursk A 'Provocation' By Ukraine") goes
    on there, where a lead would have words in lower case."""
    end = (
        bounds[bisect.bisect_right(bounds, cut)]
        if bisect.bisect_right(bounds, cut) < len(bounds)
        else len(text)
    )
    return _LOWER_WORD.search(text, cut, end) is None


def headline_boundaries(text: str, language: str, cuts: list[int], heading: int = 0) -> list[int]:
    """Boundaries with no punctuation where the next word is not a function word: a headline glued
    to its lead ("…неизбежна Четвертая вакцинация…", "…hypertension Studies have shown…").

    Each candidate is scored from the words around it, what the rest of the text says about the
    capitalised word, and where it sits (a headline opens the text and is a few words long); the
    best candidate of each stretch between existing boundaries is kept when its score is positive.
    The top of a text may hold several heading lines before the lead ("title | subtitle | lead"):
    the stretches that start at or before `heading` (the last cut known to end a heading) count as
    the first one, but past the first a heading is cut only where the text after it repeats it.
    A heading found at the top is added to them and they are looked at again, a few times at most.
    """
    code = language if language in ("ru", "uk") else "en"
    weights = _WEIGHTS_CYRILLIC if code in ("ru", "uk") else _WEIGHTS_LATIN
    evidence = _WordEvidence(text, function_words(code))
    bounds = sorted(cuts)
    lead_end = min((cut for cut in bounds if cut > heading), default=len(text))
    found: list[int] = []
    for round_number in range(_HEADINGS):
        best: dict[int, tuple[float, int]] = {}
        candidates = _candidate_features(text, code, bounds, evidence, heading, round_number > 0)
        for index, cut, features in candidates:
            if index and features["first"] and not features["repeated"]:
                continue  # a further heading needs the text after it to repeat it
            if features["unsupported"]:
                continue
            if _title_case_after(text, cut, bounds):
                continue  # "…Incursion | Into Kursk A 'Provocation' By Ukraine": more heading
            score = sum(weights.get(name, 0.0) for name, on in features.items() if on)
            if score > 0 and score > best.get(index, (0.0, 0))[0]:
                best[index] = (score, cut)
        new = [cut for _, cut in best.values()]
        found += new
        top = [cut for cut in new if cut < lead_end]
        if not top:
            break
        heading = max(heading, *top)
        bounds = sorted(set(bounds) | set(new))
    return found
