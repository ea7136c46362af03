"""A figure of one thing goes to the point that counts it, so a changed figure is seen
(`homes.by_figure`; texts written for these tests)."""

from __future__ import annotations

from newsbrief.grouping.figures import disagreements
from newsbrief.grouping.homes import by_figure

FIRST = ["Mayor Ilse Varga resigned on Monday after a 12-year term in office."]
SECOND = [
    "Ilse Varga stepped down as mayor of Linmouth on Monday.",
    "Seen as the city's longest-serving mayor, she had served a 15-year term in office.",
]
THIRD = ["Varga was the city's longest-serving mayor, the Courier wrote."]
GROUPS = [[(0, 0), (1, 0)], [(1, 1), (2, 0)]]
EVERY = [{0}, {0, 1}, {0}]


def test_a_figure_of_the_same_thing_joins_the_point_that_counts_it():
    groups = by_figure(GROUPS, [FIRST, SECOND, THIRD], EVERY)
    assert [(0, 0), (1, 0), (1, 1)] in groups
    assert [(2, 0)] in groups  # the other outlet keeps its own point
    # ... where the two accounts' terms now meet and disagree.
    assert disagreements([FIRST[0], SECOND[1]], [0, 1])


def test_a_sentence_stays_where_its_move_would_leave_no_key_point_of_another_outlet():
    groups = by_figure(GROUPS, [FIRST, SECOND, THIRD], [{0}, {0, 1}, set()])
    assert groups == GROUPS


def test_a_date_or_a_bare_count_of_years_moves_nothing():
    second = [SECOND[0], "Seen as the city's longest-serving mayor, she took office in 2011."]
    first = ["Mayor Ilse Varga, in office since 2011, resigned on Monday."]
    assert by_figure(GROUPS, [first, second, THIRD], EVERY) == GROUPS


def test_a_lone_sentence_with_the_very_count_of_a_point_joins_its_outlet_there():
    """"Three hundred thousand reserve troops will be called up" is the outlet saying again
    the count its own lead gave in a shared point; a small or different count stays alone."""
    first = ["The council called up some 3,00,000 reservists for the flood works on Monday."]
    second = [
        "The call-up covers 300,000 reservists, the council said.",
        '"Three hundred thousand reserve troops will be called up," the mayor said on radio.',
    ]
    groups = [[(0, 0), (1, 0)], [(1, 1)]]
    assert by_figure(groups, [first, second], [{0}, {0, 1}]) == [[(0, 0), (1, 0), (1, 1)]]
    for other in ('"Three reserve troops will be called up."', '"Four hundred thousand troops."'):
        texts = [first, [second[0], other]]
        assert by_figure(groups, texts, [{0}, {0, 1}]) == groups
    # Where the outlet does not stand in the point, the lone sentence is its own.
    apart = [[(0, 0)], [(1, 1)]]
    assert by_figure(apart, [first, second], [{0}, {0, 1}]) == apart
