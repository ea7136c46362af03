"""What a missing model costs a document: its end, or only the paragraphs that need it.

A missing model fails an article only when the paragraphs needing it are most of its text
(`MAX_UNTRANSLATED`, boilerplate not counted): a Russian credit line under an English article,
or a Ukrainian headline over a Russian body with only the ru model installed, is kept as
written (`translated=False`) with a warning naming it and the install command, and the rest of
the article is translated and summarised as usual.
"""

from __future__ import annotations

from newsbrief.packed import Work, fail
from translator.errors import is_missing_model
from translator.languages import language_name

__all__ = ["MAX_UNTRANSLATED", "settle_failures"]

# An article fails for a missing model only when the text that needs it is more than this share
# of the article's letters (boilerplate not counted): "most of its text cannot be translated".
MAX_UNTRANSLATED = 0.5
# How many untranslated paragraphs one warning names before it just counts the rest.
_WARN_PARAGRAPHS = 3


def settle_failures(work: Work, failures: dict[str, Exception]) -> None:
    """Decide what the languages that could not be translated cost this document.

    A missing model fails the document only when the paragraphs that need it are most of its
    text (boilerplate not counted); otherwise they are kept as written, with a warning naming
    them and the install command. Any other translation failure fails the document.
    """
    # Paragraphs emptied by --translate-only key-points still count: they are the article's text.
    # One pass of sums, no per-paragraph table: failing a million-line text holds nothing more.
    langs = work.paragraphs.langs
    missing = sorted({lang for lang in set(langs) if lang in failures})
    if not missing:
        return
    for lang in missing:
        exc = failures[lang]
        if not is_missing_model(exc):
            work.error = fail(work.doc, "translation", f"{work.doc.id}: {exc}")
            return
    # Boilerplate does not count, unless the whole text is boilerplate.
    counts_all = all(work.boilerplate)
    total = 0
    lost_by_lang = dict.fromkeys(missing, 0)
    for index, lang in enumerate(langs):
        if counts_all or not work.boilerplate[index]:
            total += work.weights[index]
            if lang in lost_by_lang:
                lost_by_lang[lang] += work.weights[index]
    if sum(lost_by_lang.values()) / (total or 1) > MAX_UNTRANSLATED:
        lang = max(missing, key=lambda code: lost_by_lang[code])
        work.error = fail(work.doc, "model", f"{work.doc.id}: {failures[lang]}")
        return
    needing = {index: lang for index, lang in enumerate(langs) if lang in lost_by_lang}
    work.untranslated.update(needing)
    for lang in missing:
        named = [
            i
            for i, code in needing.items()
            if code == lang and work.paragraphs.starts[i + 1] > work.paragraphs.starts[i]
        ]
        if named:
            work.warnings.append(_untranslated_warning(work, named, lang, failures[lang]))


def _untranslated_warning(work: Work, indices: list[int], lang: str, exc: Exception) -> str:
    """`ID: paragraph 1 ("Після повені: пором…") left in Ukrainian: no Ukrainian→English model
    installed: run `newsbrief models install uk` …`"""
    def name(index: int) -> str:
        text = " ".join(work.paragraphs.sentences_of(index))
        snippet = text if len(text) <= 50 else text[:49].rstrip() + "…"
        return f'paragraph {index + 1} ("{snippet}")'

    named = ", ".join(name(i) for i in indices[:_WARN_PARAGRAPHS])
    if len(indices) > _WARN_PARAGRAPHS:
        named += f" and {len(indices) - _WARN_PARAGRAPHS} more"
    return f"{work.doc.id}: {named} left in {language_name(lang)}, untranslated: {exc}"
