"""`compare` on one story told by three outlets in their own words (texts written for these
tests): a fact in other words is one point, a scoop stays its outlet's own, figures that
disagree are flagged and the same figure written two ways is not, subheads are never members."""

from __future__ import annotations

import newsbrief
from newsbrief.grouping.figures import disagreements, figures
from newsbrief.grouping.fragments import is_fragment
from newsbrief.records import Document

GAZETTE = "\n\n".join(
    [
        "Harbour bridge in Linmouth shut after crack found in main span",
        (
            "The harbour bridge in Linmouth was closed to all traffic on Tuesday after "
            "engineers found a crack in its main span, the city council said."
        ),
        "About 1,200 vehicles cross the bridge every day, according to council figures.",
        "Repairs are expected to take three weeks and will cost 2.5 million euros.",
        "Traffic plans for the weekend",
        "Buses will be diverted over the river road until the bridge reopens.",
    ]
)

COURIER = "\n\n".join(
    [
        "Linmouth closes its harbour bridge",
        (
            "Linmouth city council shut the harbour bridge on Tuesday when inspectors "
            "discovered a crack in the central span."
        ),
        "Some 1.2 thousand cars a day use the crossing.",
        "Council officials said the repairs would last three weeks.",
        (
            "A ferry across the harbour, suspended since 2019, will run again during the "
            "closure, the port authority told the Courier."
        ),
    ]
)

POST = "\n\n".join(
    [
        "Crack closes Linmouth harbour bridge",
        (
            "The council closed Linmouth's harbour bridge on Tuesday after a crack was found "
            "in its main span."
        ),
        "The bridge carries about 900 vehicles each day.",
        "Work to fix it should take three weeks, officials said.",
    ]
)


def story(post: str = POST) -> newsbrief.Comparison:
    docs = [
        Document(id="gazette", text=GAZETTE),
        Document(id="courier", text=COURIER),
        Document(id="post", text=post),
    ]
    return newsbrief.compare(docs, count=8)


def point_with(cmp, words: str):
    return next(p for p in cmp.points if any(words in m.text for m in p.members))


def test_a_fact_in_other_words_is_one_point_across_outlets():
    cmp = story()
    closed = point_with(cmp, "closed to all traffic")
    assert set(closed.sources) == {"gazette", "courier", "post"}
    weeks = point_with(cmp, "three weeks")
    assert set(weeks.sources) == {"gazette", "courier", "post"}
    # Points reported by more outlets come first.
    reach = [len(p.sources) for p in cmp.points]
    assert reach == sorted(reach, reverse=True)


def test_a_scoop_stays_only_in_its_outlet():
    ferry = point_with(story(), "ferry")
    assert ferry.sources == ["courier"]


def test_a_changed_figure_is_flagged_on_the_point():
    traffic = point_with(story(), "900 vehicles")
    assert {"gazette", "post"} <= set(traffic.sources)
    flagged = {(d.source, d.figure) for d in traffic.differs}
    assert ("post", "900 vehicles") in flagged
    assert any(source == "gazette" for source, _ in flagged)


def test_the_same_figure_written_two_ways_is_not_flagged():
    same = POST.replace("about 900 vehicles", "roughly 1,200 vehicles")
    cmp = story(same)
    traffic = point_with(cmp, "1,200 vehicles")
    assert len(traffic.sources) >= 2
    assert not traffic.differs
    assert not any(p.differs for p in cmp.points)


def test_a_subhead_is_never_a_member():
    cmp = story()
    assert not any("Traffic plans" in m.text for p in cmp.points for m in p.members)


def test_differs_reaches_json_and_every_renderer():
    from newsbrief.render import html, jsonout, markdown, text

    cmp = story()
    record = jsonout.comparison_record(cmp)
    flagged = [p for p in record["points"] if "differs" in p]
    assert flagged and {"source", "figure"} == set(flagged[0]["differs"][0])
    assert all("differs" not in p for p in record["points"] if p not in flagged)
    for rendered in (
        text.render_comparison(cmp, width=200),
        text.render_comparison(cmp, width=60),
        markdown.render_comparison(cmp),
        html.render_comparison(cmp),
    ):
        assert "figures differ" in rendered and "900 vehicles" in rendered


def test_figures_are_normalised_and_keyed_by_what_they_count():
    assert [f.value for f in figures("About 13.3 thousand people fled.")] == ["13300"]
    assert [f.value for f in figures("Some 13,300 people fled.")] == ["13300"]
    assert [f.value for f in figures("six diplomatic properties")] == ["6"]
    # Thousands grouped by spaces (Russian and Ukrainian style) are one figure, but a day and
    # a count after a month stay two.
    assert [f.value for f in figures("more than 16 000 children")] == ["16000"]
    assert not disagreements(["16 000 children were deported", "16,000 children deported"], "ab")
    assert [f.value for f in figures("On March 17 200 people fled")] == ["17", "200"]
    assert [f.value for f in figures("MARCH 17 200 people, Mar. 4 300 cars")] == [
        "17", "200", "4", "300"
    ]
    assert [f.value for f in figures("Since then, 16 000 children fled")] == ["16000"]
    assert not disagreements(["13.3 thousand people fled", "13,300 people fled"], ["a", "b"])
    spelled = "Three hundred thousand reservists"
    assert not disagreements(["some 3,00,000 reservists", spelled], "ab")
    assert disagreements(["some 3,00,000 reservists", "400,000 reservists"], "ab")
    assert [f.value for f in figures("It flooded two dozen villages.")] == ["24"]
    assert disagreements(["13,300 people fled", "15,000 people fled"], ["a", "b"])
    # Same thing in other words (a synonym of the noun) is compared ...
    assert disagreements(["six diplomatic properties", "two compounds"], ["a", "b"])
    assert disagreements(["An exchange of 37 individuals took place", "26 people were freed"], "ab")
    # ... figures of different things are not, nor more detail on one side.
    assert not disagreements(["12 people died", "40 houses burned"], ["a", "b"])
    assert not disagreements(["on February 27, 2025", "the Feb. 27 talks"], ["a", "b"])
    assert disagreements(["expires on February 5", "expires in February 2026"], ["a", "b"])
    # A date keeps its day and year however wrong they are ("35", "2832"), and a plain
    # four-digit number that counts nothing is a year.
    assert disagreements(["since March 3, 2832, the day", "since March 3, 2022, when"], "ab")
    assert disagreements(["since March 35, 2022, the day", "since March 3, 2022, when"], "ab")
    assert disagreements(["a pilot born in 2788, who", "a pilot born in 1978, who"], "ab")
    # ... so does a day with nothing counted after it, and a year after "in" that the next words
    # do not count ("seized in 2821 and the bridge" is no count of bridges).
    assert disagreements(["the invasion on Feb. 35.", "the offensive began on February 24"], "ab")
    assert disagreements(["seized Crimea in 2821 and the bridge", "annexed in 2014."], "ab")
    assert [f.value for f in figures("In March 35 people died")] == ["35"]  # a count, no day
    # ... but a count is no year of a date, nor a code or a time a year.
    assert [f.thing for f in figures("On March 3 1500 people fled")][1] != {"month:3"}
    assert figures("Call 044 235 1234.") == () and figures("At 1500, troops moved") == ()
    # A verb that only reports what the count is ("were described to be") is read past.
    serious = ["85 were described to be in serious condition", "60 were in serious condition"]
    assert disagreements(serious, "ab")
    assert [f.thing for f in figures("12 were reported to be in hospital")] == [{"hospital"}]
    # One source's own figures are never a disagreement.
    assert not disagreements(["12 people died", "40 people died"], ["a", "a"])
    # "30 others" is a count of its own; "five other passengers" is the rest of a count.
    assert disagreements(["injured 30 others", "injured 35 others"], ["a", "b"])
    assert not disagreements(
        ["Five other passengers were also on board", "seven passengers were on board"], ["a", "b"]
    )


def test_one_count_of_two_things_is_no_shared_figure():
    """"More than 100 injured" and "100 people escaped" share a number, not a count: the
    shared-count boost that joins two accounts of one toll is not theirs, and neither is a
    disagreement; "100 wounded" still shares it, and "12 were detained" / "15 were arrested"
    still disagree."""
    from newsbrief.grouping.figures import count_keys
    from newsbrief.grouping.similarity import SentenceSimilarity

    toll = "More than 60 people were killed and more than 100 injured at the Linmouth concert hall."
    fled = "At least 100 people escaped through the hall's basement, the ministry said."
    hurt = "The attack on the Linmouth concert hall left more than 100 people wounded."
    sim = SentenceSimilarity([toll, fled, hurt])
    # Boosted by the shared count (x1.6), the two would score above compare's threshold, 0.24.
    assert sim.score(toll, fled) < 0.24 < sim.score(toll, hurt)
    assert not disagreements(["more than 100 injured", "100 people escaped"], "ab")
    assert disagreements(["12 people were detained", "15 were arrested"], "ab")
    assert set(count_keys("100", {"injured"})) & set(count_keys("100", {""}))
    assert not set(count_keys("100", {"injured"})) & set(count_keys("100", {"escaped"}))


def test_a_time_of_day_is_one_figure_however_written():
    """A clock time is a figure of its own kind, in 24 hours: "12 noon" is "12:00 p.m.", and
    "18 o'clock" against it is a disagreement, not two figures of different things."""
    values = [(f.value, f.thing) for f in figures("The train leaves at 12:00 p.m., or 10 am")]
    assert values == [("12:00", {"time-of-day"}), ("10:00", {"time-of-day"})]
    assert [f.value for f in figures("650 people had left as of 1000 GMT")] == ["650", "10:00"]
    assert not disagreements(["at 12 noon, Bakhmut was taken", "at 12:00 p.m. it fell"], "ab")
    assert disagreements(["at 12 noon, Bakhmut was taken", "at 18 o'clock it fell"], "ab")
    assert disagreements(["the blast at 6:07 a.m.", "the blast at 6:40 a.m."], "ab")
    # Its minutes are no count ("07" of 6:07), and a bare number is still no time.
    assert [f.value for f in figures("At 6:07 two trucks burned")] == ["6:07", "2"]
    assert figures("At 1500, troops moved") == () and figures("at noon") == ()


def test_the_dead_and_the_injured_and_distances_from_two_places_are_different_things():
    """A count says what befell what it counts, and a distance where it is measured from: the
    dead are not the injured, "from the harbour" is not "north of Linmouth"."""
    killed = "At least five people have been killed and 31 wounded, six of them children."
    assert [(f.value, f.qualifier) for f in figures(killed)] == [
        ("5", "dead"), ("31", "injured"), ("6", "")
    ]
    wounded = "The ministry said 31 residents, including six children, had been wounded."
    assert not disagreements([killed, wounded], "ab")
    assert disagreements([killed, wounded.replace("31", "44")], "ab")
    # "44 wounded" counts people, whoever the other outlet says they are; a count with
    # nothing said of what befell it may be either.
    assert disagreements(["Twelve people died in the fire.", "The fire killed 14 people."], "ab")
    assert disagreements(["Some 44 wounded were taken to hospital.", "31 people were hurt"], "ab")
    assert disagreements(["Thirty people were in the ferry.", "40 people died"], "ab")
    assert not disagreements(["the blast, killing at least 13 people", "injuring 20 people"], "ab")
    # Distances from two places are two figures; from one place, one that differs.
    north = "The ferry sank 40 km (25 miles) north of Linmouth, the coastguard said."
    harbour = "The ferry sank about 6 miles from the harbour."
    assert not disagreements([north, harbour], "ab")
    assert disagreements([harbour, "The ferry sank 10 miles from the harbour."], "ab")
    assert disagreements([north, "It sank 40 km (30 miles) north of Linmouth."], "ab")


def test_fragments():
    assert is_fragment("Traffic plans for the weekend", first=False, alone=True)
    assert not is_fragment("Traffic plans for the weekend", first=True, alone=True)
    assert not is_fragment("Buses will be diverted over the river road.")
    assert is_fragment('"There have already been two rounds.')
    assert not is_fragment('"The mayor felt unwell after a walk and almost at once lost his way.')


def test_a_line_that_only_names_its_source_is_never_a_member():
    """Russian and Ukrainian news close a paragraph with "Об этом говорится в заявлении…",
    translated "This is stated in the council's statement.": it shares the story's words with
    every account and says nothing itself."""
    courier = COURIER.replace(
        "Council officials said the repairs would last three weeks.",
        "Council officials said the repairs would last three weeks.\n\n"
        "This is stated in the statement of the Linmouth city council on the bridge.",
    )
    docs = [Document(id="gazette", text=GAZETTE), Document(id="courier", text=courier)]
    members = [m.text for p in newsbrief.compare(docs, count=8).points for m in p.members]
    assert not any(t.startswith("This is stated") for t in members)
    assert any("repairs would last three weeks" in t for t in members)
    assert is_fragment("This was reported by the press service of the ministry.")
    # ... but a "that" clause or a figure carries the fact.
    assert not is_fragment("It was reported that six people died in the fire.")
    assert not is_fragment("It was announced on 5 May by the council.")


def test_a_fact_one_outlet_splits_over_two_sentences_is_not_claimed_as_its_own():
    from newsbrief.grouping import GroupingParams, group_sentences

    split = [
        "The mayor opened the new library on Monday.",
        "The library cost 3 million euros to build.",
        "Rain is expected all week.",
    ]
    whole = [
        "The mayor on Monday opened the new library, which cost 3 million euros to build.",
        "The harbour ferry will run again in May.",
    ]
    groups = group_sentences([split, whole])
    assert [(0, 0), (0, 1), (1, 0)] in groups  # both halves with the sentence that says both
    assert [(0, 2)] in groups and [(1, 1)] in groups  # the scoops stay alone
    # Without the coverage step (and the support step's rule for an outlet's repeats, which
    # takes it too) one half would be listed as "only" in the first outlet.
    bare = GroupingParams(coverage=2.0, repeats=False)
    assert [(0, 0)] in group_sentences([split, whole], params=bare)


def test_figures_never_fail_on_odd_numbers():
    assert figures("1" * 400 + " km") == ()  # a serial number, not a figure
    assert [f.value for f in figures("rose 5 % in May")] == ["5"]
    for odd in ["$", "May", "²³ things", "1,2,3,4 people", "Feb 30 2021 2022", "9" * 30 + " bn"]:
        figures(odd)


def test_a_quote_piece_in_the_first_person_that_names_no_one_is_a_fragment():
    # Who "we" are is in the sentence before: on its own it groups with any "informed".
    assert is_fragment('As soon as we have any news of the bridge, we will tell our readers."')
    # The same words with the speaker named, or a piece that says who speaks, state something.
    assert not is_fragment('As soon as the Linmouth council has news, it will tell the public."')
    assert not is_fragment('The repairs will take three weeks," the council said.')
    assert not is_fragment('"I will tell you when I know more, as I always have," the mayor said.')


def test_a_sentence_nobody_picked_joins_through_another_outlets_non_key_member():
    from newsbrief.grouping import group_sentences

    first = [
        (
            "The port authority of Linmouth said on Tuesday that the harbour ferry, suspended "
            "since 2019, will run again from May."
        ),
        "The council meets on Friday.",
    ]
    second = [
        "Linmouth council will meet on Friday to vote on the budget.",
        (
            "The harbour ferry will run again from May, the port authority said, after a "
            "six-year pause."
        ),
        "Rain is expected all week.",
    ]
    # Says what the second outlet says, in fewer of the first outlet's words.
    third = ["The ferry returns to the harbour in May after a six-year pause.", "Schools shut."]
    groups = group_sentences([first, second, third], anchors=[{0, 1}, set(), set()])
    assert [(0, 0), (1, 1), (2, 0)] in groups
    assert [(0, 1), (1, 0)] in groups
    assert not any((2, 1) in g for g in groups)


def test_a_sentence_nobody_picked_that_shares_only_the_names_joins_no_point():
    from newsbrief.grouping import GroupingParams, group_sentences

    first = [
        (
            "Earlier in May, Linmouth mayor Ada Brennan and harbour master Tom Quill held their "
            "first joint inspection of the bridge since 2019."
        ),
        "Rain is expected all week.",
    ]
    second = [
        (
            "Earlier in May, Linmouth mayor Ada Brennan and harbour master Tom Quill carried out "
            "the first joint bridge inspection since 2019."
        ),
        "Schools shut.",
    ]
    # The same people at the same inspection, saying something else.
    third = [
        (
            "At that inspection, Linmouth mayor Ada Brennan said the council had offered to pay "
            "for new ferry boats, but got no answer."
        ),
        "Buses run late.",
    ]
    anchors = [{0}, {0}, set()]
    assert group_sentences([first, second, third], anchors=anchors) == [[(0, 0), (1, 0)]]
    # On likeness alone it would join (what the predicate share is there to stop).
    loose = group_sentences(
        [first, second, third], anchors=anchors, params=GroupingParams(predicate=0)
    )
    assert [(0, 0), (1, 0), (2, 0)] in loose
