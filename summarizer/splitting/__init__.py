"""Offline sentence splitting for Russian, Ukrainian and English news text.

Chosen by measurement (benchmarks/bench_split.py): pysbd and razdel both stop short of 0.98 boundary
F1 on the news-docs set and pysbd is slow, so newsbrief uses these rules.  A boundary is proposed
after sentence-final punctuation (. ! ? … and runs of them, closing quotes and brackets included)
that is followed by whitespace and something that can open a sentence (a capital letter, a digit,
an opening quote or a dash before a capital).  It is then vetoed for abbreviations that never end
a sentence ("т.е.", "ул.", "Mr.", "Dr."), initials ("В. Путин", "J. Smith", "Н.И. Пирогова"),
month and number abbreviations before a digit ("Feb. 27", "No. 5") and dotted acronyms before a
name ("U.S. President").  Headlines glued to the next sentence without punctuation (as happens
when a title and a lead are joined) are split before a capitalised function word ("…неизбежна В
Германии…", "…inevitable The head…"), and otherwise where weighed evidence says the capitalised
word opens a sentence rather than names someone: the text's own use of the word (seen in lower
case elsewhere, or capitalised mid-sentence elsewhere), its ending (Russian/Ukrainian adjective
and common-noun endings, English common-word endings), the words around it and its position (a
headline opens the text), and a capitalised finite verb ("Существует", "Існує") opens a lead.
A lead that repeats two or more of the headline's content words is strong evidence of a headline
cut, and a title, subtitle and lead at the top of a text are all cut (each further heading must
be repeated by the text after it).  newsbrief splits one paragraph at a time, so every English body
paragraph opens "a text": there a cut with no punctuation needs more than its place (a lead that
repeats three of the headline's words, or two with a common word or a function word opening it),
and none is made after a day number, inside a clause with a comma, between a role and a name
("…company chairman | Tomas Vidal…", "…chairman Tomas | Vidal…") or before a capitalised title of
a work ("…a version of | We Are Young…", "…her novel | My Quiet Garden…", "…the 2004 film | The
Long Harbour…"), nor where what follows is more of a Title Case heading, with no word in lower
case ("…Incursion | Into Kursk A 'Provocation' By Ukraine"); measured on BBC
paragraphs (benchmarks/bench_split.py, secondary check).  In Russian and Ukrainian no such cut
follows a common first name ("лидер Владимир | Полянский заявил…").
Emoji after the final punctuation stay with their sentence; numbered and bulleted items after a
colon are pieces of their own and keep their number ("1. Открыть сайт."), and so are the items of
an inline list ("1) … 2) …", "a. … b. …", "• … • …") even without final punctuation.  A dash
after a sentence end opens the next line of dialogue only after a line that is all dialogue ("— Ты
придёшь? — Приду."): after the author's words the speaker goes on ("— Да, — сказал он. —
Пойдём.").  Measured on news-docs, tuned on one half of the documents and checked on the other
(benchmarks/bench_split.py); the peers' own suites (pySBD's English Golden Rules, razdel's unit
cases) were checked outside the project.

Only the standard library is imported: the translation engine splits every paragraph with this.

Where each rule lives, in this package: punctuation.py (cuts after . ! ? …, the abbreviation
and initials vetoes, dialogue, ellipses), lists.py (inline list items), lexicons.py (the word
lists and endings both consult); and summarizer/headlines/glued.py (cuts with no punctuation: a
headline glued to its lead, and the weighed evidence for them). This module puts their cuts
together.
"""

from __future__ import annotations

from summarizer.headlines.glued import glued_boundaries, headline_boundaries
from summarizer.splitting.punctuation import punct_boundaries


def split_sentences(text: str, language: str) -> list[str]:
    """Split one paragraph (or any run of text) into sentences, in order, stripped.

    `language` is an ISO 639-1 code; ru/uk/en have their own function-word lists and every other
    code falls back to the English ones (the punctuation rules are shared).  Empty or
    whitespace-only text gives an empty list.  The sentences, joined with single spaces, give back
    the text with its whitespace runs collapsed at the boundaries only.
    """
    if not text or not text.strip():
        return []
    code = (language or "en").lower()[:2]
    punct = punct_boundaries(text, code)
    glued = glued_boundaries(text, code)
    # Cuts before the first sentence end with punctuation split headings from each other.
    lead_end = min(punct, default=len(text))
    heading = max((cut for cut in glued if cut < lead_end), default=0)
    cuts = sorted(set(punct) | set(glued))
    cuts = sorted(set(cuts) | set(headline_boundaries(text, code, cuts, heading)))
    sentences = []
    start = 0
    for cut in cuts:
        piece = text[start:cut].strip()
        if piece:
            sentences.append(piece)
        start = cut
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
