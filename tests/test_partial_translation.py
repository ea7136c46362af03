"""A paragraph no installed model can translate costs the article that paragraph, not the article.

Library tests (a stand-in engine that knows which models are "installed") for the rule, then the
`newsbrief` command (in-process, `invoke_cli`) on the cases users meet: an English article under
a Russian translation credit with no model at all, and a Ukrainian headline over a Russian body
with only the ru model installed.
"""

from __future__ import annotations

import json
import shutil

import pytest
from helpers_cli import ENGLISH, RUSSIAN, UKRAINIAN, assert_clean_stderr, invoke_cli

from newsbrief.missing_models import MAX_UNTRANSLATED
from newsbrief.pipeline import Options, process
from newsbrief.records import Article, Document, DocumentError
from translator.errors import ModelLoadError, ModelMissingError

CREDIT = "Переведено сервисом «Яндекс Переводчик»"
RUSSIAN_QUOTE = "«Мы будем работать всю ночь, пока дорога не откроется», — сказал мэр города."


class Engine:
    """Translates the installed languages as `[lang] sentence`; a missing one raises."""

    def __init__(self, installed=("ru", "uk"), broken=()):
        self.installed, self.broken = set(installed), set(broken)
        self.languages: list[str] = []

    def translate(self, lang, sentences):
        self.languages.append(lang)
        if lang in self.broken:
            raise ModelLoadError(f"cannot load the {lang} model")
        if lang not in self.installed:
            raise ModelMissingError(lang)
        return [f"[{lang}] {s}" for s in sentences]


def run(text, stage="summarize", installed=(), **options):
    engine = Engine(installed)
    (result,) = process([Document("doc", text)], stage, Options(count=2, **options), lambda: engine)
    return result


def test_a_credit_line_needing_a_missing_model_is_kept_and_named():
    article = run(ENGLISH + CREDIT + "\n")
    assert isinstance(article, Article), article
    credit = article.translation.sentences[-1]
    assert (credit.source, credit.text, credit.translated, credit.language) == (
        CREDIT, CREDIT, False, "ru")
    assert all(p.translated for p in article.translation.sentences[:-1])
    # Boilerplate never fails the article, but text-format `translate` prints it bare, so the
    # warning is the reader's only sign that it is not English (issue 25).
    (warning,) = article.warnings
    assert "left in Russian" in warning and CREDIT[:20] in warning
    assert article.summary.key_points


def test_a_credit_line_is_translated_when_its_model_is_installed():
    article = run(ENGLISH + CREDIT + "\n", stage="translate", installed=("ru",))
    credit = article.translation.sentences[-1]
    assert credit.translated and credit.text == f"[ru] {CREDIT}"


def test_a_minor_paragraph_needing_a_missing_model_is_named_in_a_warning():
    article = run(ENGLISH + RUSSIAN_QUOTE + "\n")
    assert isinstance(article, Article), article
    (warning,) = article.warnings
    assert warning.startswith("doc: paragraph 4 (")
    assert "left in Russian" in warning and "newsbrief models install ru" in warning
    kept = [p for p in article.translation.sentences if not p.translated]
    assert [p.source for p in kept] == [RUSSIAN_QUOTE]


def test_a_ukrainian_headline_over_a_russian_body_keeps_the_headline_as_written():
    headline = UKRAINIAN.split("\n")[0]
    article = run(headline + "\n" + RUSSIAN.split("\n", 1)[1], installed=("ru",))
    assert isinstance(article, Article), article
    first = article.translation.sentences[0]
    assert (first.text, first.translated, first.language) == (headline, False, "uk")
    assert all(p.translated and p.text.startswith("[ru] ")
               for p in article.translation.sentences[1:])
    assert article.title == headline
    # The headline is still not a key point, and every key point is English.
    assert all(kp.translated and kp.position > 0 for kp in article.summary.key_points)
    assert "paragraph 1 (" in article.warnings[0] and "install uk" in article.warnings[0]


def test_most_of_the_text_needing_a_missing_model_fails_the_article():
    # English headline and one English line, the rest Russian: more than half cannot be read.
    text = "Road plan approved\n" + RUSSIAN.split("\n", 1)[1] + "The vote was unanimous.\n"
    failed = run(text)
    assert isinstance(failed, DocumentError)
    assert failed.kind == "model" and "newsbrief models install ru" in failed.message


def test_the_threshold_is_a_share_of_the_text_not_of_the_paragraphs():
    assert MAX_UNTRANSLATED == 0.5
    english = "The council approved the plan on Wednesday after a long debate in the hall."
    russian = "Совет утвердил план в среду после долгих споров в зале заседаний городской думы."
    # Three short English paragraphs against one long Russian one: the Russian is most letters.
    short = "Roads first.\nSchools next.\nThen parks.\n"
    assert isinstance(run(short + russian + " " + russian + "\n"), DocumentError)
    # One Russian paragraph among three English ones of the same size: a minor part.
    assert isinstance(run((english + "\n") * 3 + russian + "\n"), Article)


def test_a_broken_model_still_fails_the_article():
    engine = Engine(installed=("ru", "uk"), broken=("ru",))
    (failed,) = process(
        [Document("doc", ENGLISH + RUSSIAN_QUOTE + "\n")], "translate", Options(), lambda: engine
    )
    assert isinstance(failed, DocumentError) and failed.kind == "translation"


# --- the command ----------------------------------------------------------------------------


@pytest.fixture
def ru_only(synthetic_models_dir, tmp_path):
    folder = tmp_path / "ru-only"
    shutil.copytree(synthetic_models_dir / "translate-ru_en", folder / "translate-ru_en")
    return {"NEWSBRIEF_MODELS_DIR": str(folder)}


def test_cli_english_article_with_a_russian_credit_needs_no_model(tmp_path, no_models):
    article = tmp_path / "credited.txt"
    article.write_text(ENGLISH + CREDIT + "\n", encoding="utf-8")
    result = invoke_cli(["summarize", "--format", "json", article], env=no_models)
    assert result.returncode == 0, result.stderr
    assert_clean_stderr(result.stderr)
    (record,) = json.loads(result.stdout)
    assert record["language"] == "en" and record["key_points"]
    translated = invoke_cli(["translate", "--format", "jsonl", article], env=no_models)
    assert translated.returncode == 0, translated.stderr
    *body, last = json.loads(translated.stdout)["sentences"]
    assert last.pop("paragraph") > body[-1]["paragraph"]  # a paragraph of its own
    assert last == {"source": CREDIT, "text": CREDIT, "translated": False, "language": "ru"}


def test_cli_compare_keeps_the_article_with_a_credit_line(tmp_path, no_models):
    paths = []
    for k, text in enumerate([ENGLISH, ENGLISH.replace("Tuesday", "Monday") + CREDIT + "\n"]):
        paths.append(tmp_path / f"outlet{k}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    result = invoke_cli(["compare", "--format", "json", *paths], env=no_models)
    assert result.returncode == 0, result.stderr
    sources = [s["id"] for s in json.loads(result.stdout)["sources"]]
    assert sources == [str(p) for p in paths]


def test_cli_ukrainian_headline_is_kept_with_only_the_russian_model(ru_only):
    sample = "samples/uk_headline_ru_body.txt"
    from helpers_cli import REPO

    result = invoke_cli(["translate", "--format", "json", sample], env=ru_only, cwd=REPO)
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    headline = (REPO / sample).read_text(encoding="utf-8").split("\n")[0]
    assert record["sentences"][0] == {
        "source": headline, "text": headline, "paragraph": 0, "translated": False,
        "language": "uk"}
    assert all("translated" not in s for s in record["sentences"][1:])
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and 'paragraph 1 ("Регіони' in warnings[0]
    assert "newsbrief models install uk" in warnings[0]
    summary = invoke_cli(["summarize", "-n", "2", "-q", sample], env=ru_only, cwd=REPO)
    assert summary.returncode == 0 and summary.stderr == ""


def test_cli_a_russian_article_with_no_model_still_fails(tmp_path, no_models):
    article = tmp_path / "ru.txt"
    article.write_text(RUSSIAN + "Source: Kazan city council press office.\n", encoding="utf-8")
    result = invoke_cli(["summarize", article], env=no_models)
    assert result.returncode == 1
    assert "newsbrief models install ru" in result.stderr and result.stdout == ""


def test_summarize_of_a_translate_record_reads_the_headline_as_from_the_file(tmp_path):
    """`translate --format jsonl | summarize` gives the file's own key points: the record's
    sentences carry their paragraphs, so the headline is read as the headline, not ranked as
    the first key point (it was, being most like itself)."""
    article = tmp_path / "bridge.txt"
    article.write_text(
        "Harbour Bridge In Linmouth Shut After Crack Found\n\n"
        "The harbour bridge in Linmouth was closed to all traffic on Tuesday after engineers "
        "found a crack in its main span, the city council said.\n\n"
        "About 1,200 vehicles cross the bridge every day, according to council figures.\n\n"
        "Repairs are expected to take three weeks and will cost 2.5 million euros.\n",
        encoding="utf-8",
    )
    direct = invoke_cli(["summarize", "-n", "2", article])
    record = invoke_cli(["translate", "--format", "jsonl", article])
    piped = invoke_cli(["summarize", "-n", "2", "-"], input=record.stdout)
    assert direct.returncode == piped.returncode == 0, piped.stderr
    assert "Shut After Crack" not in direct.stdout
    assert piped.stdout == direct.stdout
