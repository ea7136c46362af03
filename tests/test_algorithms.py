"""summarizer.algorithms is the one home of the algorithm names: the rankers, the CLI's check
and its help are all derived from it."""

from __future__ import annotations

import pytest
import typer

from summarizer import ALGORITHMS, summarize
from summarizer.algorithms import REGISTRY, SUMY_ALGORITHMS
from summarizer.ranking import SUMY_CANDIDATES

SENTENCES = [
    "The city council approved a new budget for the schools on Monday.",
    "The budget adds money for teachers and for repairs to old buildings.",
    "Parents had asked the council for more teachers for two years.",
    "The mayor said the plan would be paid for by a new tax on hotels.",
    "Hotel owners said the tax would drive visitors to other towns.",
]


def test_every_sumy_algorithm_has_its_class_and_a_candidate_bound() -> None:
    assert ALGORITHMS == tuple(REGISTRY) and ALGORITHMS[0] == "default"
    assert set(SUMY_ALGORITHMS) == set(ALGORITHMS) - {"default"}
    assert set(SUMY_CANDIDATES) == set(SUMY_ALGORITHMS)
    from summarizer.sumy_rankers import _classes

    assert set(_classes()) == set(SUMY_ALGORITHMS)


@pytest.mark.parametrize("name", ALGORITHMS)
def test_every_registered_name_summarises(name: str) -> None:
    picks = summarize(SENTENCES, count=2, algorithm=name)
    assert len(picks) == 2 and all(0 <= p.position < len(SENTENCES) for p in picks)


def test_the_cli_help_and_check_come_from_the_registry() -> None:
    import cli
    from newsbrief.commands.options import require_algorithm

    command = typer.main.get_command(cli.app).commands["summarize"]  # type: ignore[attr-defined]
    (option,) = [p for p in command.params if p.name == "algorithm"]
    assert all(name in option.help for name in ALGORITHMS)
    for name in ALGORITHMS:
        require_algorithm(name)
    with pytest.raises(typer.BadParameter, match="choose one of: " + ", ".join(ALGORITHMS)):
        require_algorithm("bert")
