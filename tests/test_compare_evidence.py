"""Other outlets as evidence for an outlet's key points (`newsbrief.grouping.evidence`), on a
story written for these tests: a fact three outlets lead with becomes a key point of the outlet
that tells it low, while `summarize` of that outlet alone is unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from helpers_cli import invoke_cli

import newsbrief
from newsbrief.grouping.evidence import outlet_evidence, with_outlet_evidence
from newsbrief.pipeline import Options, process
from newsbrief.records import Document

FACT = "audit"  # a word only the sentences telling the story's core fact carry

HERALD = "\n\n".join(
    [
        "Council meeting in Dunmore moved to the library hall",
        (
            "Tuesday's council meeting in Dunmore will be held in the library hall, because "
            "the town hall is being painted, a spokeswoman said."
        ),
        "Doors open at seven in the evening and seating is limited to eighty residents.",
        "Parking near the library will be free for the evening, the spokeswoman added.",
        "The agenda also lists the new cycle lane on Quay Street and the summer market.",
        (
            "The meeting will be chaired by the deputy mayor, as Mayor Ellen Roache of Dunmore "
            "resigned on Monday after an audit found 3 million euros missing from the harbour "
            "fund of the town council."
        ),
        "Residents can follow the meeting on the council's website.",
    ]
)

OTHERS = {
    "times": [
        "Dunmore mayor resigns over missing harbour money",
        (
            "Dunmore's mayor, Ellen Roache, stepped down on Monday after an audit showed 3 "
            "million euros had gone missing from the town's harbour fund."
        ),
        "Police said they had been asked to look at the accounts.",
        "Ms Roache had led the council for six years.",
    ],
    "echo": [
        "Audit brings down Dunmore mayor",
        (
            "An audit that found 3 million euros missing from the harbour fund led Mayor "
            "Ellen Roache of Dunmore to resign on Monday."
        ),
        "Her deputy, Colm Ferris, will act as mayor until an election in the autumn.",
        "The harbour fund pays for the upkeep of the quays and the lifeboat station.",
    ],
    "wire": [
        "Irish mayor quits after audit",
        (
            "Ellen Roache resigned as mayor of Dunmore on Monday when an audit found that 3 "
            "million euros were missing from the harbour fund."
        ),
        "The council said it would publish the audit in full next week.",
        "Opposition councillors called for a police inquiry.",
    ],
}


def _no_engine():
    raise AssertionError("English input needs no translation model")


def _summarised(count: int):
    docs = [Document(id="herald", text=HERALD)] + [
        Document(id=name, text="\n\n".join(paras)) for name, paras in OTHERS.items()
    ]
    return list(process(docs, "summarize", Options(count=count), _no_engine))


def _mentions_fact(points) -> bool:
    return any(FACT in p.text.lower() for p in points)


def test_a_fact_three_outlets_report_becomes_a_key_point_of_the_outlet_that_told_it_low():
    articles = _summarised(count=2)
    herald = articles[0]
    assert not _mentions_fact(herald.summary.key_points)  # alone, the Herald's lead wins
    again = with_outlet_evidence(articles, Options(count=2))
    assert _mentions_fact(again[0].summary.key_points)
    assert len(again[0].summary.key_points) == 2  # the count stays -n
    comparison = newsbrief.compare(
        [HERALD] + ["\n\n".join(p) for p in OTHERS.values()], count=2
    )
    shared = [p for p in comparison.points if len({m.source for m in p.members}) == 4]
    assert any(
        m.key_point and FACT in m.text.lower()
        for p in shared
        for m in p.members
        if m.source == comparison.sources[0].id
    )


def test_no_evidence_leaves_every_key_point_where_it_was():
    """Picking again with nothing from the other outlets gives the same key points: the second
    pick reads the article as the first did (headline, paragraphs, sides)."""
    articles = _summarised(count=2)
    zero = [[0.0] * len(a.translation.sentences) for a in articles]
    from newsbrief.key_points import summarize_again

    for article, evidence in zip(articles, zero, strict=True):
        again = summarize_again(article, Options(count=2), evidence)
        assert again == article.summary


def test_evidence_counts_the_other_outlets_that_report_a_sentence():
    texts = [
        ["Ellen Roache resigned as mayor of Dunmore after an audit.", "Parking is free."],
        ["Mayor Ellen Roache of Dunmore resigned after an audit.", "The lifeboat station."],
        ["Dunmore mayor Ellen Roache resigned after an audit found money missing.", "Rain."],
    ]
    shares = outlet_evidence(texts)
    assert shares is not None
    assert shares[0][0] == 1.0  # both other outlets report the resignation
    assert shares[0][1] == 0.0  # nobody else reports the parking


def _story_files(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = [folder / "herald.txt"]
    paths[0].write_text(HERALD + "\n", encoding="utf-8")
    for name, paras in OTHERS.items():
        paths.append(folder / f"{name}.txt")
        paths[-1].write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return paths


def test_compare_and_batch_compare_both_take_the_other_outlets_as_evidence(tmp_path):
    """`compare` and `batch --compare` share the step: the Herald's audit sentence is its key
    point in both reports, while its own brief (`summarize`, batch's per-article file) keeps
    the key points it picked alone."""
    paths = _story_files(tmp_path / "in")
    result = invoke_cli(["compare", "--format", "json", "-n", "2", *paths])
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    herald = record["sources"][0]["id"]
    assert any(
        m["source"] == herald and m["key_point"] and FACT in m["text"].lower()
        for p in record["points"]
        for m in p["members"]
    )
    alone = invoke_cli(["summarize", "--format", "json", "-n", "2", paths[0]])
    assert alone.returncode == 0, alone.stderr
    assert FACT not in alone.stdout.lower()

    out = tmp_path / "out"
    ran = invoke_cli(["batch", tmp_path / "in", "-o", out, "-n", "2", "--compare"])
    assert ran.returncode == 0, ran.stderr
    said = "The meeting will be chaired"  # the Herald's audit sentence
    rows = [line for line in (out / "compare.md").read_text().splitlines() if said in line]
    assert rows and f"(in text)_ {said}" not in rows[0]
    brief = next(p for p in out.rglob("herald*") if p.suffix in (".md", ".txt", ".json"))
    assert said not in brief.read_text()


def test_batch_compare_groups_as_many_key_points_as_compare(tmp_path):
    """The folder's report is `newsbrief compare` of its files: 8 key points a source, not the
    5 each article's own file shows (on the seed story the 5 left 000's "Resumption of direct
    flights" as "only in 000", while `compare` of the same files grouped it with 003 and 004)."""
    paths = _story_files(tmp_path / "in")
    alone = invoke_cli(["compare", "--format", "markdown", *sorted(paths)])  # as batch reads
    assert alone.returncode == 0, alone.stderr
    out = tmp_path / "out"
    ran = invoke_cli(["batch", tmp_path / "in", "-o", out, "--compare"])
    assert ran.returncode == 0, ran.stderr

    def rows(markdown: str) -> list[str]:
        lines = markdown.splitlines()
        return lines[next(k for k, line in enumerate(lines) if line.startswith("## ")) :]

    report = (out / "compare.md").read_text(encoding="utf-8")
    assert rows(report) == rows(alone.stdout)
    assert sum(line.startswith("- ") for line in rows(report)) > 0
