"""Renderers say which language each sentence is really in.

A paragraph kept as written for want of a model is not English, and neither is anything
summarised with --no-translate: no renderer may head it "English" or tag it `lang="en"`. Library
tests run the pipeline (a stand-in engine) into every renderer; the command is run (in-process,
`invoke_cli`) on the two user paths: an English article carrying a Russian quote with no model
installed, and a --no-translate comparison.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from helpers_cli import ENGLISH, RUSSIAN, UKRAINIAN, assert_clean_stderr, invoke_cli

from newsbrief.grouping import compare
from newsbrief.pipeline import Options, process
from newsbrief.records import Article, Document
from newsbrief.render import render_articles, render_comparison
from newsbrief.render.html import CSS
from translator.errors import ModelMissingError

QUOTE = "Губернатор области заявил, что дорогу откроют в четверг, если погода улучшится."
MIXED = ENGLISH + QUOTE + "\n"


class Engine:
    """Translates `installed` languages as `[lang] sentence`; any other is a missing model."""

    def __init__(self, installed=()):
        self.installed = set(installed)

    def translate(self, lang, sentences):
        if lang not in self.installed:
            raise ModelMissingError(lang)
        return [f"[{lang}] {s}" for s in sentences]


def run(docs, stage="summarize", installed=(), **options) -> list[Article]:
    engine = Engine(installed)
    options.setdefault("count", 20)
    out = list(process(docs, stage, Options(**options), lambda: engine))
    assert all(isinstance(a, Article) for a in out), out
    return out


def mixed() -> Article:
    (article,) = run([Document("mixed.txt", MIXED)])
    (quote,) = [kp for kp in article.summary.key_points if kp.text == QUOTE]
    assert (quote.translated, quote.language) == (False, "ru")
    return article


def lang_of(page: str, text: str) -> str:
    """The lang attribute of the element whose own text holds `text`."""
    pattern = r'lang="([^"]+)">(?:<span[^>]*>[^<]*</span>)*[^<]*' + re.escape(html.escape(text))
    match = re.search(pattern + "[^<]*<", page)
    assert match, (text, page)
    return match.group(1)


def test_an_untranslated_key_point_is_labelled_in_text_and_markdown():
    article = mixed()
    text = render_articles("summarize", [article], "text", width=200)
    assert f"• [Russian, untranslated] {QUOTE}" in text
    english = next(kp.text for kp in article.summary.key_points if kp.translated)
    assert f"• {english}" in text  # translated ones carry no label
    side = render_articles("summarize", [article], "text", side_by_side=True, width=300)
    assert f"[Russian, untranslated] {QUOTE}" in side
    md = render_articles("summarize", [article], "markdown")
    assert "- *\\[Russian, untranslated\\]* " in md
    assert md.count("untranslated") == 1
    translation = render_articles("translate", [article], "markdown")
    assert f"\n*\\[Russian, untranslated\\]* {QUOTE}\n" in translation
    assert translation.count("untranslated") == 1


def test_html_tags_each_key_point_with_its_own_language():
    article = mixed()
    for side_by_side in (False, True):
        page = render_articles("summarize", [article], "html", side_by_side=side_by_side)
        assert lang_of(page, QUOTE) == "ru"
        for kp in article.summary.key_points:
            if kp.translated:
                assert lang_of(page, kp.text) == "en"
        assert "[Russian, untranslated]" in page
    translation = render_articles("translate", [article], "html")
    assert lang_of(translation, QUOTE) == "ru"
    assert lang_of(translation, "Forecasters expect more snow at the end of the week.") == "en"


def test_side_by_side_heads_the_text_column_by_its_language():
    (article,) = run([Document("ru.txt", RUSSIAN)], installed=("ru",))
    for fmt in ("text", "markdown", "html"):
        out = render_articles("summarize", [article], fmt, side_by_side=True, width=200)
        assert "English" in out and "Original" in out
    (article,) = run([Document("ru.txt", RUSSIAN)], translate=False)
    for fmt in ("text", "markdown"):
        out = render_articles("summarize", [article], fmt, side_by_side=True, width=200)
        assert "English" not in out and "Russian (as written)" in out, fmt
    page = render_articles("summarize", [article], "html", side_by_side=True)
    assert "English" not in page.replace(CSS, "")
    assert 'lang="en"' not in page.replace('<html lang="en">', "")


def test_no_translate_output_is_tagged_with_the_article_language():
    (article,) = run([Document("ru.txt", RUSSIAN)], translate=False)
    assert article.text_language == "ru"
    for stage in ("summarize", "translate"):
        page = render_articles(stage, [article], "html")
        assert 'lang="en">' not in page.replace('<html lang="en">', "")
        assert lang_of(page, article.summary.key_points[0].text) == "ru"
    text = render_articles("summarize", [article], "text", width=300)
    assert "[" not in text  # nothing is in another language than the article's


def test_an_english_line_in_an_article_summarised_without_translation_is_labelled_english():
    line = "Reporting by Anna Petrova; editing by John Smith and the regional desk staff."
    (article,) = run([Document("ru.txt", RUSSIAN + line + "\n")], translate=False, count=20)
    if not any(kp.text == line for kp in article.summary.key_points):
        pytest.skip("the byline is not a key point here")
    assert "[English] " + line in render_articles("summarize", [article], "text", width=300)
    assert lang_of(render_articles("summarize", [article], "html"), line) == "en"


def test_comparison_members_carry_their_real_language_in_every_format():
    # Only the uk model: the Russian quote in the English article stays as written.
    en, uk = run([Document("en.txt", MIXED), Document("uk.txt", UKRAINIAN)], installed=("uk",))
    cmp = compare([en, uk])
    members = [m for p in cmp.points for m in p.members]
    (quote,) = [m for m in members if m.text == QUOTE]
    assert (quote.translated, quote.language) == (False, "ru")
    assert all(m.translated for m in members if m is not quote)
    record = json.loads(render_comparison(cmp, "json"))
    kept = [m for p in record["points"] for m in p["members"] if "translated" in m]
    assert kept == [{**kept[0], "translated": False, "language": "ru"}]
    assert kept[0]["text"] == QUOTE
    assert f"[Russian, untranslated] {QUOTE}" in render_comparison(cmp, "text", width=300)
    stacked = render_comparison(cmp, "text", width=60)  # one line per source, wrapped
    assert f"[Russian, untranslated] {QUOTE}" in " ".join(stacked.split())
    assert "*\\[Russian, untranslated\\]* " in render_comparison(cmp, "markdown")
    page = render_comparison(cmp, "html")
    assert lang_of(page, QUOTE) == "ru"


def test_no_translate_comparison_tags_each_source_in_its_language():
    ru, uk = run([Document("ru.txt", RUSSIAN), Document("uk.txt", UKRAINIAN)], translate=False)
    cmp = compare([ru, uk])
    page = render_comparison(cmp, "html")
    for p in cmp.points:
        for m in p.members:
            assert lang_of(page, m.text) == {"ru.txt": "ru", "uk.txt": "uk"}[m.source]
    assert "untranslated" not in render_comparison(cmp, "text", width=200)


# --- the command ---------------------------------------------------------------------------


def test_cli_labels_a_paragraph_kept_in_russian_without_a_model(tmp_path, no_models):
    article = tmp_path / "mixed.txt"
    article.write_text(MIXED, encoding="utf-8")
    text = invoke_cli(["summarize", "-n", "20", article], env=no_models)
    assert text.returncode == 0, text.stderr
    assert_clean_stderr(text.stderr)
    assert f"• [Russian, untranslated] {QUOTE}" in text.stdout
    assert "left in Russian, untranslated" in text.stderr
    page = invoke_cli(["summarize", "-n", "20", "--format", "html", article], env=no_models)
    assert page.returncode == 0, page.stderr
    assert lang_of(page.stdout, QUOTE) == "ru"
    assert lang_of(page.stdout, "Forecasters expect more snow at the end of the week.") == "en"


def test_cli_no_translate_comparison_is_not_tagged_english(tmp_path, no_models):
    ru, uk = tmp_path / "ru.txt", tmp_path / "uk.txt"
    ru.write_text(RUSSIAN, encoding="utf-8")
    uk.write_text(UKRAINIAN, encoding="utf-8")
    result = invoke_cli(["compare", "--no-translate", "--format", "html", ru, uk], env=no_models)
    assert result.returncode == 0, result.stderr
    tags = re.findall(r'<p class="(?:text|original)" lang="([^"]+)"', result.stdout)
    assert tags and set(tags) <= {"ru", "uk"}, tags


def test_the_batch_index_labels_and_tags_points_by_language():
    from newsbrief.batch.index import IndexData, IndexEntry, render_html, render_markdown

    (ru,) = run([Document("ru.txt", RUSSIAN)], translate=False)
    data = IndexData(
        title="news",
        entries=[
            IndexEntry("mixed.txt", {"markdown": "mixed.md"}, mixed()),
            IndexEntry("ru.txt", {"markdown": "ru.md"}, ru),
        ],
    )
    md = render_markdown(data)
    assert f"- *(Russian, untranslated)* {QUOTE}" in md and md.count("untranslated") == 1
    page = render_html(data)
    assert f'<li lang="ru"><span lang="en">[Russian, untranslated]</span> {QUOTE}</li>' in page
    assert '<ul lang="en">' in page and '<ul lang="ru">' in page


def test_a_headline_kept_in_ukrainian_is_tagged_ukrainian():
    headline = UKRAINIAN.split("\n")[0]
    body = RUSSIAN.split("\n", 1)[1]
    mixed_doc, ru = run(
        [Document("mixed.txt", headline + "\n" + body), Document("ru.txt", RUSSIAN)],
        installed=("ru",),
    )
    cmp = compare([mixed_doc, ru])
    assert [(s.title, s.title_language) for s in cmp.sources] == [
        (headline, "uk"), (ru.translation.sentences[0].text, "en")]
    page = render_comparison(cmp, "html")
    assert f'<span class="title" lang="uk">{html.escape(headline)}</span>' in page
    # a jsonl title's language is unknown: said so, not left to the English page
    ru.extra["title"] = "Казань ремонтирует дороги"
    page = render_comparison(compare([mixed_doc, ru]), "html")
    assert '<span class="title" lang="">Казань' in page


def test_the_batch_index_says_a_headline_was_kept_untranslated():
    from newsbrief.batch.index import IndexData, IndexEntry, render_html, render_markdown

    headline = UKRAINIAN.split("\n")[0]
    body = RUSSIAN.split("\n", 1)[1]
    (kept,) = run([Document("mixed.txt", headline + "\n" + body)], installed=("ru",))
    (translated,) = run([Document("ru.txt", RUSSIAN)], installed=("ru",))
    (own,) = run([Document("uk.txt", UKRAINIAN)], translate=False)
    data = IndexData(title="news", entries=[
        IndexEntry("mixed.txt", {"markdown": "mixed.md"}, kept),
        IndexEntry("ru.txt", {"markdown": "ru.md"}, translated),
        IndexEntry("uk.txt", {}, own),
    ])
    md = render_markdown(data)
    assert f"### [{headline}](mixed.md) *(Ukrainian, untranslated)*" in md
    # a translated headline, and one summarised in its own language, carry no label
    assert md.count("### ") == 3 and md.count("untranslated") == 1
    assert f"### {headline}\n" in md
    page = render_html(data)
    kept_h3, own_h3 = re.findall(r'<h3 lang="uk">(.*?)</h3>', page)
    assert html.escape(headline) in kept_h3 and html.escape(headline) in own_h3
    assert kept_h3.endswith(' <span lang="en">[Ukrainian, untranslated]</span>')
    assert page.count("[Ukrainian, untranslated]") == 1
