"""Key points a reader can trust (issue 12): the lead is never lost, no restatement or lead-in
becomes a point, and boilerplate on either side of a translation stays out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_cli import assert_clean_stderr, invoke_cli

from summarizer import ALGORITHMS, summarize
from summarizer.headlines import looks_like_headline

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="shared seeds not available")

LEAD = (
    "The Verbohrad town council approved a plan on Monday to rebuild the ferry pier that the "
    "spring flood destroyed, so the river ferry can run again by May."
)
BODY = [
    "Council members voted 21 to 3 for the plan after a two-hour debate.",
    "The flood in March tore three pontoon sections from the pier and washed away the road to it.",
    "Rebuilding the ferry pier will cost 2.4 million hryvnias, shared by the town council and "
    "the regional budget.",
    "Until the ferry runs again, villagers drive two hours to town over the bridge at Zarichne.",
    "The mayor said work on the pier would start next week.",
]
HEADLINE = "Verbohrad votes to rebuild flood-hit ferry pier"


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def _key_points(result) -> list[dict]:
    assert result.returncode == 0, result.stderr
    assert_clean_stderr(result.stderr)
    return [point for article in json.loads(result.stdout) for point in article["key_points"]]


# ---------------------------------------------------------------- the lead is never lost


@pytest.mark.parametrize(
    ("first", "rest", "expected"),
    [
        ([HEADLINE], [[LEAD]], True),
        (["Putin Meets Trump in Alaska"], [[LEAD]], True),  # Title Case, short: a headline
        (["Is the ferry safe?"], [[LEAD]], True),
        ([LEAD], [BODY], False),  # a full sentence ending with a full stop is the lead
        (["Heavy snow closed the pass."], [[LEAD]], False),
        ([HEADLINE], [], False),  # nothing follows
        ([HEADLINE], [["Ferry timetable"], ["Tickets and prices"]], False),  # no lead follows
        ([HEADLINE, LEAD], [BODY], False),  # two sentences: not a headline line
        (["By Our Diplomatic Correspondent"], [[LEAD]], False),  # byline
        (["Support The Moscow Times!"], [[LEAD]], False),  # appeal
        (["3 февраля, 09:55"], [[LEAD]], False),  # dateline
        ([" ".join(["word"] * 40)], [[LEAD]], False),  # too long for a headline
    ],
)
def test_only_a_headline_like_first_line_is_a_headline(first, rest, expected) -> None:
    assert looks_like_headline(first, rest) is expected


def test_lead_only_article_keeps_its_lead_through_the_command(tmp_path) -> None:
    lead_only = tmp_path / "lead.txt"
    lead_only.write_text("\n\n".join([LEAD, *BODY]) + "\n", encoding="utf-8")
    points = _key_points(invoke_cli(["summarize", "-n", "3", "--format", "json", lead_only]))
    assert [p["text"] for p in points if p["position"] == 0] == [LEAD]
    assert next(p for p in points if p["position"] == 0)["rank"] == 1

    headed = tmp_path / "headed.txt"
    headed.write_text("\n\n".join([HEADLINE, LEAD, *BODY]) + "\n", encoding="utf-8")
    points = _key_points(invoke_cli(["summarize", "-n", "3", "--format", "json", headed]))
    texts = [p["text"] for p in points]
    assert HEADLINE not in texts  # the headline is the title, not a point
    assert LEAD in texts


# ---------------------------------------------------------------- no near-duplicates

RESTATED_LEAD = (
    "The restoration of direct flights and the return of diplomatic property are among the "
    "priority issues for Moscow in its dialogue with Washington, Grigory Karasin, chairman of the "
    "Federation Council's International Affairs Committee, told Izvestia."
)
RESTATEMENT = (
    "The mutual opening of airspace and the return of diplomatic property remain priority issues "
    "for Russia in its dialogue with the United States, the chairman of the Federation Council "
    "Committee on International Affairs told Izvestia."
)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_restatement_never_joins_its_lead(algorithm: str) -> None:
    sentences = [
        RESTATED_LEAD,
        "According to the senator, negotiations on these issues are underway until October.",
        "Contacts may be hampered by the Ukrainian conflict and European pressure, experts say.",
        RESTATEMENT,
        "Direct flights between the two countries were suspended in 2022.",
        "The embassies have worked with reduced staff since the diplomatic war began in 2016.",
    ]
    picks = summarize(sentences, count=len(sentences), algorithm=algorithm)
    positions = {p.position for p in picks}
    assert not {0, 3} <= positions
    assert len(positions) == len(sentences) - 1  # only the restatement (or the lead) is dropped


@needs_seeds
def test_seed_001_lead_and_restatement_not_both_at_eight(synthetic_models_dir) -> None:
    env = {"NEWSBRIEF_MODELS_DIR": str(synthetic_models_dir)}
    result = invoke_cli(["summarize", "-n", "8", "--format", "json", _seed("001")], env=env)
    texts = [p["text"] for p in _key_points(result)]
    assert len(texts) == 8
    assert not (RESTATED_LEAD in texts and RESTATEMENT in texts)


# ---------------------------------------------------------------- no lead-ins

LEAD_IN = "Key demands in the Russian proposal are understood to include:"


def test_a_sentence_ending_with_a_colon_is_never_a_point() -> None:
    sentences = [
        "Moscow has handed Washington a road map for restoring relations, officials said.",
        LEAD_IN,
        "The return of confiscated diplomatic property in New York and Maryland.",
        "The resumption of direct flights between the two countries.",
        "He told reporters: “We are ready.”",  # a colon inside is fine
    ]
    for algorithm in ALGORITHMS:
        picks = summarize(sentences, ratio=1.0, algorithm=algorithm)
        assert 1 not in {p.position for p in picks}, algorithm
        assert 4 in {p.position for p in picks}, algorithm


@needs_seeds
def test_seed_000_lead_in_is_not_a_point(synthetic_models_dir) -> None:
    env = {"NEWSBRIEF_MODELS_DIR": str(synthetic_models_dir)}
    result = invoke_cli(["summarize", "-n", "8", "--format", "json", _seed("000")], env=env)
    texts = [p["text"] for p in _key_points(result)]
    assert len(texts) == 8
    assert not any(text.rstrip().endswith(":") for text in texts)


# ---------------------------------------------------------------- boilerplate on both sides


def test_boilerplate_on_the_original_side_is_left_out() -> None:
    # What a model might make of a dateline, a photo credit and a "read also" line: English that
    # no English pattern catches.
    english = [
        "The ferry between Verbohrad and Lukivka will run again on Wednesday after the flood.",
        "The fourteenth of April in the year 2025, at half past eleven in the morning.",
        "The press service of the Verbohrad town council took this picture.",
        "Repairs to the pier cost 2.4 million hryvnias from the town and regional budgets.",
        "Also read about the new square the town will open on the embankment.",
        "The ferry carries up to 120 passengers and eight cars on each crossing.",
    ]
    russian = [
        "Паром между Вербоградом и Луковкой снова заработает в среду после паводка.",
        "14 апреля 2025, 11:30",
        "Фото: пресс-служба Вербоградского городского совета",
        "Ремонт причала обошелся в 2,4 миллиона гривен из городского и областного бюджетов.",
        "Читайте также: В Вербограде откроют новый сквер на набережной",
        "Паром вмещает до 120 пассажиров и восемь легковых автомобилей.",
    ]
    assert {1, 2, 4} & {p.position for p in summarize(english, ratio=1.0)}  # the bug
    for algorithm in ALGORITHMS:
        picks = summarize(english, ratio=1.0, algorithm=algorithm, originals=russian)
        assert {p.position for p in picks} == {0, 3, 5}, algorithm
    with pytest.raises(ValueError):
        summarize(english, originals=russian[:2])


def _side_by_side(path: Path, models: Path) -> str:
    result = invoke_cli(
        ["summarize", "--side-by-side", "--format", "markdown", path],
        env={"NEWSBRIEF_MODELS_DIR": str(models)},
    )
    assert result.returncode == 0, result.stderr
    assert_clean_stderr(result.stderr)
    return result.stdout


def test_russian_furniture_never_a_point_side_by_side(synthetic_models_dir) -> None:
    out = _side_by_side(SAMPLES / "ru_outlet.txt", synthetic_models_dir)
    assert out.count("\n| ") >= 5  # header plus the key-point rows
    for furniture in ("14 апреля 2025, 11:30", "Фото: пресс-служба", "Читайте также"):
        assert furniture not in out


@needs_seeds
def test_seed_002_side_by_side_has_no_dateline_byline_or_cut(synthetic_models_dir) -> None:
    out = _side_by_side(_seed("002"), synthetic_models_dir)
    for furniture in ("3 февраля, 09:55", "Маргарита Волошина"):
        assert furniture not in out
    assert "| Это следует из ответов |" not in out  # the fragment of a cut sentence
