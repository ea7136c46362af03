"""The importable API (`from newsbrief import …`) gives the records the CLI renders, in-process."""

from __future__ import annotations

import subprocess
import sys

import pytest

import newsbrief
from newsbrief import render

RU = (
    "Паромная переправа через Днестр возобновила работу в среду после ремонта причала.\n"
    "Паром «Чайка» берёт на борт 120 пассажиров и восемь автомобилей."
)
EN = (
    "The ferry across the Dniester resumed on Wednesday after repairs to the pier.\n"
    "The Chaika carries 120 passengers and eight cars every thirty minutes.\n"
    "Officials said a second ferry is planned by June."
)


def test_import_is_lazy_and_names_are_public():
    code = "import sys, newsbrief; print('newsbrief.api' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
    for name in newsbrief.__all__:
        assert getattr(newsbrief, name) is not None
    from newsbrief import api

    # The package lists its names without importing api.py (lazy): the two lists must agree.
    assert set(api.__all__) <= set(newsbrief.__all__)
    with pytest.raises(AttributeError):
        newsbrief.no_such_function  # noqa: B018


def test_summarize_english_text_matches_the_cli_record():
    article = newsbrief.summarize(EN, count=2)
    assert isinstance(article, newsbrief.Article)
    points = article.summary.key_points
    assert len(points) == 2
    assert all(p.text == p.original and p.text in EN for p in points)
    record = render.to_record("summarize", article)
    assert [kp["text"] for kp in record["key_points"]] == [p.text for p in points]


def test_count_and_ratio_exclude_each_other():
    with pytest.raises(ValueError, match="count or ratio"):
        newsbrief.summarize(EN, count=2, ratio=0.5)
    assert len(newsbrief.summarize(EN, ratio=0.3).summary.key_points) == 1


def test_one_bad_document_raises_but_a_list_keeps_going():
    with pytest.raises(newsbrief.DocumentFailed) as info:
        newsbrief.summarize("   ")
    assert info.value.error.kind == "empty"
    results = newsbrief.summarize([EN, "   ", newsbrief.Document(id="mine", text=EN)], count=1)
    assert isinstance(results[0], newsbrief.Article)
    assert isinstance(results[1], newsbrief.DocumentError)
    assert results[2].id == "mine"
    with pytest.raises(TypeError):
        newsbrief.detect([b"bytes"])


def test_detect_never_loads_a_model():
    article = newsbrief.detect(RU)
    assert article.language == "ru"
    assert article.translation is None


def test_translate_with_a_shared_engine(synthetic_models_dir):
    engine = newsbrief.open_engine(str(synthetic_models_dir), cache=False)
    first, second = newsbrief.translate([RU, RU], engine=engine)
    assert first.translation.language == "ru"
    assert [p.source for p in first.translation.sentences] == RU.split("\n")
    # The same engine object served both: identical output for identical input.
    assert first.translation.text == second.translation.text
    assert engine() is engine()


def test_missing_model_is_a_document_failure(tmp_path):
    engine = newsbrief.open_engine(str(tmp_path), cache=False)
    with pytest.raises(newsbrief.DocumentFailed) as info:
        newsbrief.translate(RU, engine=engine)
    assert "models install" in str(info.value)


def test_compare_groups_accounts(synthetic_models_dir):
    other = EN.replace("resumed on Wednesday", "restarted on Wednesday")
    cmp = newsbrief.compare([EN, other], count=3)
    assert isinstance(cmp, newsbrief.Comparison)
    assert [s.id for s in cmp.sources] == ["0", "1"]
    shared = [p for p in cmp.points if len({m.source for m in p.members}) == 2]
    assert shared, "the two accounts share their sentences"


def test_readme_python_example_runs():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(block, "README.md", "exec"), {"print": lambda *a: None})


def test_api_reads_text_as_the_cli_reads_it():
    """Issue 25: one normalisation for both. Curly quotes, an HTML page and odd spaces reach the
    key points the same way whether the text comes through the API or standard input."""
    import json

    from tests.helpers_cli import invoke_cli

    text = (
        "<html><body><nav>Home | World</nav><article><p>The council\u00a0approved Russia\u2019s"
        " \u201cnew\u201d budget on Monday after a long debate.</p><p>The mayor said the"
        " vote was close and that work on the bridge would start in spring.</p></article>"
        "</body></html>"
    )
    from_api = [p.text for p in newsbrief.summarize(text, count=2).summary.key_points]
    run = invoke_cli(["summarize", "-n", "2", "-f", "json"], input=text)
    from_cli = [p["text"] for p in json.loads(run.stdout)[0]["key_points"]]
    assert from_api == from_cli
    assert any("Russia's \"new\" budget" in t for t in from_api)
    assert not any("<" in t or "\u00a0" in t for t in from_api)


def test_api_document_text_is_normalised_and_keeps_its_id():
    text = "It said \u201cyes\u201d to the plan on Monday morning."
    doc = newsbrief.Document(id="wire-7", text=text)
    article = newsbrief.summarize(doc, count=1)
    assert article.id == "wire-7"
    assert article.summary.key_points[0].text == 'It said "yes" to the plan on Monday morning.'


def test_title_after_page_furniture_is_the_one_compare_shows():
    """A headline after a support banner is still the article's title, as batch and compare show
    it; an article that opens with its lead has none."""
    text = (
        "Support The Moscow Times!\n\n"
        "Ferry Across the Dniester Resumes After Pier Repairs\n\n" + EN
    )
    article = newsbrief.summarize(text, count=2)
    assert article.title == "Ferry Across the Dniester Resumes After Pier Repairs"
    compared = newsbrief.compare([text, EN])
    assert compared.sources[0].title == article.title
    assert newsbrief.summarize(EN, count=2).title is None


def test_compare_by_default_groups_what_the_cli_groups(tmp_path):
    """`newsbrief.compare(sources)` and `newsbrief compare FILES` take the same number of key
    points per source unless told (the API took 5 where the CLI takes 8)."""
    import json
    from pathlib import Path

    from tests.helpers_cli import invoke_cli

    samples = Path(__file__).resolve().parent.parent / "samples"
    files = [samples / "en_wire.txt", samples / "en_local.txt"]
    from_api = newsbrief.compare([f.read_text(encoding="utf-8") for f in files])
    run = invoke_cli(["compare", "-f", "json", *map(str, files)])
    from_cli = json.loads(run.stdout)
    key = [sorted(m["text"] for p in from_cli["points"] for m in p["members"] if m["key_point"])]
    api_key = [sorted(m.text for p in from_api.points for m in p.members if m.key_point)]
    assert api_key == key
    assert len(api_key[0]) > 10  # more than 5 a source: both sides took their default of 8


def test_a_path_is_read_as_the_cli_reads_a_named_input(tmp_path):
    """A `pathlib.Path` is a file (one Article, its id the CLI's), a folder or a .jsonl file (a
    list); a str is always text, never a file name."""
    from pathlib import Path

    article_file = tmp_path / "harbour.txt"
    article_file.write_text(EN, encoding="utf-8")
    from_path = newsbrief.summarize(article_file, count=2)
    assert isinstance(from_path, newsbrief.Article)
    assert from_path.id == str(article_file)
    assert [p.text for p in from_path.summary.key_points] == [
        p.text for p in newsbrief.summarize(EN, count=2).summary.key_points
    ]
    assert newsbrief.summarize(str(article_file), count=1).summary.key_points[0].text == str(
        article_file
    )
    (tmp_path / "second.txt").write_text("The ferry sailed at noon. It was full.", "utf-8")
    folder = newsbrief.summarize(tmp_path, count=1)
    assert isinstance(folder, list) and len(folder) == 2
    records = tmp_path / "in.jsonl"
    records.write_text('{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n', "utf-8")
    assert [a.id for a in newsbrief.detect(records)] == ["a", "b"]
    with pytest.raises(newsbrief.DocumentFailed, match="no such file"):
        newsbrief.summarize(Path(tmp_path / "missing.txt"))
    both = newsbrief.compare([article_file, tmp_path / "second.txt"])
    assert len(both.sources) == 2
