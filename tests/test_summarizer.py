"""Key points: every algorithm offline in en/ru/uk, lengths, order, boilerplate, duplicates."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import summarizer
from newsbrief.records import paragraphs_of
from summarizer import ALGORITHMS, EmptyTextError, Pick, summarize
from summarizer.boilerplate import boilerplate_mask, caption_mask, is_boilerplate
from summarizer.splitting import split_sentences

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"

ENGLISH = [
    "Support The Moscow Times!",
    "The city council approved a new budget for public transport on Tuesday.",
    "The budget adds forty new electric buses to the city fleet next year.",
    "Council members said the electric buses will cut fuel costs and pollution.",
    "Photo: Alexander Kazakov / TASS",
    "Opposition members argued that the transport budget ignores the suburbs.",
    "The mayor promised a separate budget review for suburban bus routes in March.",
    "Read more",
    "Sign up for our free weekly newsletter",
    "Ticket prices for buses will stay the same until the end of the year.",
    "If you can, please support us monthly starting from just $2.",
]
RUSSIAN = [
    "Поддержите нас!",
    "Городской совет во вторник утвердил новый бюджет общественного транспорта.",
    "Бюджет добавляет в городской парк сорок новых электробусов в следующем году.",
    "Депутаты заявили, что электробусы снизят расходы на топливо и загрязнение воздуха.",
    "Фото: Александр Казаков / ТАСС",
    "Оппозиция утверждает, что транспортный бюджет не учитывает пригороды.",
    "Мэр пообещал отдельный пересмотр бюджета для пригородных автобусных маршрутов в марте.",
    "Читайте также: главные новости недели",
    "Подписывайтесь на наш Telegram-канал",
    "Цены на билеты в автобусах останутся прежними до конца года.",
]
UKRAINIAN = [
    "Підтримайте нас!",
    "Міська рада у вівторок затвердила новий бюджет громадського транспорту.",
    "Бюджет додає до міського парку сорок нових електробусів наступного року.",
    "Депутати заявили, що електробуси зменшать витрати на пальне та забруднення повітря.",
    "Фото: Олександр Козаков / УНІАН",
    "Опозиція стверджує, що транспортний бюджет не враховує передмістя.",
    "Мер пообіцяв окремий перегляд бюджету для приміських автобусних маршрутів у березні.",
    "Читайте також: головні новини тижня",
    "Підписуйтесь на наш Telegram-канал",
    "Ціни на квитки в автобусах залишаться незмінними до кінця року.",
]
TEXTS = {"en": ENGLISH, "ru": RUSSIAN, "uk": UKRAINIAN}
# Positions of the page furniture in each text above.
BOILERPLATE = {"en": {0, 4, 7, 8, 10}, "ru": {0, 4, 7, 8}, "uk": {0, 4, 7, 8}}
TITLES = {
    "en": "Council approves budget for electric buses",
    "ru": "Совет утвердил бюджет на электробусы",
    "uk": "Рада затвердила бюджет на електробуси",
}


@pytest.fixture
def no_nltk_data(monkeypatch):
    """Fail loudly if anything asks NLTK for a data package (punkt etc.)."""
    import nltk.data

    def refuse(*args, **kwargs):
        raise AssertionError(f"NLTK data requested: {args}")

    monkeypatch.setattr(nltk.data, "load", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)


def _check_shape(picks: list[Pick], n_sentences: int, want: int) -> None:
    assert len(picks) == want
    positions = [p.position for p in picks]
    assert positions == sorted(positions), "picks must be in document order"
    assert len(set(positions)) == len(positions)
    assert all(0 <= pos < n_sentences for pos in positions)
    assert sorted(p.rank for p in picks) == list(range(1, want + 1))
    assert all(0.0 <= p.score <= 1.0 for p in picks)
    best = min(picks, key=lambda p: p.rank)
    assert best.score == max(p.score for p in picks)


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_runs_offline_and_skips_boilerplate(
    algorithm: str, language: str, no_nltk_data
) -> None:
    sentences = TEXTS[language]
    picks = summarize(
        sentences, language=language, count=3, algorithm=algorithm, title=TITLES[language]
    )
    _check_shape(picks, len(sentences), 3)
    assert not {p.position for p in picks} & BOILERPLATE[language]


def test_algorithms_constant_and_unknown_algorithm() -> None:
    assert ALGORITHMS[0] == "default"
    assert set(ALGORITHMS) == {
        "default",
        "lexrank",
        "lsa",
        "luhn",
        "textrank",
        "edmundson",
        "kl",
        "sumbasic",
        "reduction",
    }
    with pytest.raises(ValueError) as error:
        summarize(ENGLISH, algorithm="bert")
    assert "lexrank" in str(error.value) and "default" in str(error.value)


@pytest.mark.parametrize("sentences", [[], [""], ["  ", "\n"]])
def test_no_text_is_an_error(sentences: list[str]) -> None:
    with pytest.raises(EmptyTextError, match="no text to summarise"):
        summarize(sentences)
    assert issubclass(EmptyTextError, ValueError)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_one_sentence_gives_one_pick(algorithm: str) -> None:
    picks = summarize(["The council approved the budget."], count=5, algorithm=algorithm)
    assert [(p.position, p.rank) for p in picks] == [(0, 1)]


def test_never_more_picks_than_sentences_and_empty_ones_are_skipped() -> None:
    sentences = ["", "The council approved the budget.", "   ", "Buses will be electric soon."]
    picks = summarize(sentences, count=10)
    assert sorted(p.position for p in picks) == [1, 3]


@pytest.mark.parametrize(("ratio", "expected"), [(0.1, 1), (0.25, 2), (0.5, 3), (1.0, 6)])
def test_ratio_overrides_count(ratio: float, expected: int) -> None:
    sentences = [ENGLISH[i] for i in (1, 2, 3, 5, 6, 9)]
    assert len(summarize(sentences, count=1, ratio=ratio)) == expected == math.ceil(ratio * 6)


@pytest.mark.parametrize("bad", [{"ratio": 0.0}, {"ratio": 1.5}, {"count": 0}])
def test_bad_lengths_are_rejected(bad: dict) -> None:
    with pytest.raises(ValueError):
        summarize(ENGLISH, **bad)


def test_count_none_means_five() -> None:
    sentences = [ENGLISH[i] for i in (1, 2, 3, 5, 6, 9)] + [
        "Drivers will be trained to operate the new vehicles over the winter.",
        "Charging stations are planned at three depots across the city.",
    ]
    assert len(summarize(sentences, count=None)) == 5


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_near_duplicates_never_both_become_bullets(algorithm: str) -> None:
    sentences = [
        "The city council approved a new budget for public transport on Tuesday.",
        "The city council approved the new budget for public transport on Tuesday.",
        "The budget adds forty new electric buses to the city fleet next year.",
        "The city council approved a new budget for public transport on Tuesday.",
        "Opposition members argued that the transport budget ignores the suburbs.",
        "Ticket prices for buses will stay the same until the end of the year.",
    ]
    picks = summarize(sentences, count=4, algorithm=algorithm)
    assert len({0, 1, 3} & {p.position for p in picks}) <= 1
    assert len(picks) == 4


def test_all_boilerplate_still_gives_a_summary() -> None:
    sentences = ["Support The Moscow Times!", "Read more", "Sign up for our free newsletter"]
    picks = summarize(sentences, count=2)
    assert len(picks) == 2


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_results_are_deterministic(algorithm: str) -> None:
    first = summarize(RUSSIAN, language="ru", count=4, algorithm=algorithm)
    second = summarize(list(RUSSIAN), language="ru", count=4, algorithm=algorithm)
    assert first == second


def test_default_prefers_the_story_over_asides() -> None:
    sentences = [
        "Floods forced thousands of people in the northern region to leave their homes on Sunday.",
        "Rescue teams evacuated the flooded villages of the northern region by boat.",
        "The weather was pleasant in the capital.",
        "Officials said the floods in the northern region destroyed roads and bridges.",
        "A local football match was postponed.",
    ]
    picks = summarize(sentences, count=2, title="Floods hit the northern region")
    assert {p.position for p in picks} <= {0, 1, 3}


def test_other_languages_fall_back_without_failing() -> None:
    sentences = [
        "Der Stadtrat hat am Dienstag einen neuen Haushalt beschlossen.",
        "Der Haushalt bringt vierzig neue Elektrobusse.",
        "Die Opposition kritisiert den Haushalt.",
    ]
    for algorithm in ALGORITHMS:
        assert len(summarize(sentences, language="de", count=2, algorithm=algorithm)) == 2


def test_long_document_default_gives_its_count() -> None:
    # Its speed (target < 2 s for 2,000 sentences) is measured by benchmarks/bench_summarize.py.
    import random

    rng = random.Random(7)
    vocabulary = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=7)) for _ in range(3000)]
    sentences = [" ".join(rng.choices(vocabulary, k=18)).capitalize() + "." for _ in range(2000)]
    picks = summarize(sentences, count=5)
    assert len({p.position for p in picks}) == len(picks) == 5


@pytest.mark.parametrize(
    "line",
    [
        "Support The Moscow Times!",
        "Alexander Kazakov / TASS",
        "Read more",
        "Sign up for our free weekly newsletter",
        "Подписывайтесь на наш канал в Telegram",
        "Підтримайте нас!",
        "Фото: Олександр Козаков / УНІАН",
        "By Our Diplomatic Correspondent",
        "3 февраля, 09:55",
        "Переведено сервисом «Яндекс Переводчик»",
        "Share this article",
        "Harbour Survey Ltd / Handout via Reuters",
        "A satellite image shows the flooded quay at Skerry Island on May 2.",
        "A screenshot from drone footage showing the ferry on the rocks.",
        "From the morning briefing to the weekend digest, get the best of the Courier delivered to "
        "your inbox.",
        "More to follow.",
        "This is a breaking news story.",
        "#Linmouth #Harbour — Linmouth Council (@LinmouthCouncil) March 4, 2022",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "A US bank has said it will donate more than $8m to victims of the regime.",
        "Russia hopes to finally become a member of the WTO by early 2006.",
        "The Kremlin said talks with the United States had stalled.",
        "Images showed the quay under water, the harbour master said.",
        "He said the photo showed the ferry on the rocks.",
        "A satellite image taken on Friday shows 100 boats in the bay, according to the survey.",
        "Песков заявил, что переговоры с США зашли в тупик.",
        "The ministry said the letters reached voters' mailboxes on Monday.",
        "More to follow on the budget next week, the mayor said.",
        "The council wrote on X (@LinmouthCouncil) that the bridge reopens on Friday.",
    ],
)
def test_news_sentences_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_a_photo_caption_is_never_a_key_point() -> None:
    """A paragraph of one sentence and a credit is a caption: what a picture shows."""
    story = [
        "The harbour bridge in Linmouth reopened on Friday after three weeks of repairs.",
        "A ferry with the town's flag waits at the quay in Linmouth.",
        "Credit: AP",
        "Traffic crossed the bridge again from six in the morning, the council said.",
        "The repairs cost the town 2.5 million euros, the council said.",
        "Buses return to the bridge route on Monday.",
    ]
    paragraphs = [0, 1, 1, 2, 3, 4]
    assert caption_mask(story, paragraphs) == [False, True, False, False, False, False]
    # A sentence whose next paragraph is a lone credit is no caption of its own, and a news
    # sentence that opens like a credit is no credit.
    assert caption_mask(story[:3], [0, 1, 2]) == [False, False, False]
    news = ["Prices rose.", "Credit-card borrowing rose to a record.", "Speed was 19 km / h over."]
    assert caption_mask(news, [0, 0, 0]) == [False, False, False]
    # A copyright sign opens a credit: "© Name / Agency" after the caption.
    credited = [story[1], "©  Mara Lind / Linmouth Press", story[3]]
    assert caption_mask(credited, [0, 0, 1]) == [True, False, False]
    # Agency credits joined by slashes: "NAME/AGENCY/Getty Images"; a sentence with a slash
    # ("the U.S./Russia talks", "and/or") is no credit.
    slashed = [story[1], "MARA LIND/LINMOUTH PRESS/Harbour Images", story[3]]
    assert caption_mask(slashed, [0, 0, 1]) == [True, False, False]
    for line in ("The U.S./Russia talks resumed.", "Talks and/or strikes", "Pay/conditions"):
        assert caption_mask([story[1], line], [0, 0]) == [False, False]
    picks = summarize(story, count=5, paragraphs=paragraphs)
    assert 1 not in [p.position for p in picks]


def test_a_caption_whose_picture_and_credit_were_lost_is_no_key_point() -> None:
    """A paragraph of one sentence shaped as an agency's caption ("…holds…, in Place,
    Country.") or a short line with no verb ("A ferry at the quay in Linmouth."), and a
    sentence with a credit in brackets after it, are captions."""
    story = [
        "The harbour bridge in Linmouth reopened on Friday after three weeks of repairs.",
        "Local fisherman Tomas holds his nets as he stands on the flooded quay, in Linmouth, "
        "Estland.",
        "A ferry at the quay in Linmouth.",
        "Traffic crossed the bridge again from six in the morning, the council said.",
        "The mayor says the repairs cost the town 2.5 million euros.",
        "(LP Archive)",
        "Buses return to the bridge route on Monday.",
    ]
    paragraphs = [0, 1, 2, 3, 4, 4, 5]
    assert caption_mask(story, paragraphs) == [False, True, True, False, True, False, False]
    picks = {p.position for p in summarize(story, count=5, paragraphs=paragraphs)}
    assert picks.isdisjoint({1, 2, 4})
    # Lines of news of the same shapes: a verb, no caption verb before the place, no period,
    # another script.
    for line in (
        "Prices rose.",
        "The talks were held in Linmouth, Estland.",
        "The ferry sank in the bay.",
        "Local fisherman Tomas holds his nets, in Linmouth, Estland",
        "Місцевий рибалка Томас тримає сіті на причалі, в Лінмуті, Естланд.",
        "Buses return to the bridge route on Monday.",
        "Ferries sank in the bay.",
        "A ferry at the quay in Linmouth",
    ):
        assert caption_mask([line], [0]) == [False], line


def test_a_wire_caption_closed_by_a_photo_credit_is_a_caption_throughout() -> None:
    """A wire caption tells of the picture, then of the news, then credits the photo: "(FILES)
    This undated picture shows … – Two ferries were … (Photo by Mara Lind / LP)". Every sentence
    of that paragraph is caption; a bracket that names no photo after two sentences closes none."""
    story = [
        "The harbour bridge in Linmouth reopened on Friday after three weeks of repairs.",
        "(FILES)",
        "This undated handout picture shows the ferry Skua at the quay in Linmouth.",
        "Two ferries were damaged in the storm, the council said on Friday.",
        "(Photo by Handout / Linmouth Press)",
        "Traffic crossed the bridge again from six in the morning, the council said.",
    ]
    paragraphs = [0, 1, 1, 1, 1, 2]
    assert caption_mask(story, paragraphs) == [False, True, True, True, True, False]
    assert caption_mask([story[2], story[3], "(AFP)"], [0, 0, 0]) == [False, False, False]
    picks = {p.position for p in summarize(story, count=3, paragraphs=paragraphs)}
    assert picks.isdisjoint({1, 2, 3, 4})


def test_closing_appeal_block_is_boilerplate() -> None:
    story = [f"The talks in Istanbul covered embassy issue number {i}." for i in range(6)]
    appeal = ["Dear readers,", "We are facing unprecedented challenges.", "Thank you."]
    assert boilerplate_mask(story + appeal) == [False] * 6 + [True] * 3


@pytest.mark.skipif(not SEEDS.exists(), reason="shared seeds not available")
def test_moscow_times_seed_appeal_never_becomes_a_key_point() -> None:
    path = next(SEEDS.glob("004_*.txt"))
    sentences = [s for _, p in paragraphs_of(path.read_text()) for s in split_sentences(p, "en")]
    appeal_start = next(i for i, s in enumerate(sentences) if s.startswith("Sign up"))
    for algorithm in ALGORITHMS:
        picks = summarize(sentences, count=5, algorithm=algorithm)
        positions = [p.position for p in picks]
        assert len(positions) == 5
        assert 0 not in positions, algorithm  # "Support The Moscow Times!"
        assert all(0 < pos < appeal_start for pos in positions), algorithm


def test_package_import_is_cheap() -> None:
    import subprocess
    import sys

    code = "import sys, summarizer; assert not {'numpy', 'nltk', 'sumy'} & set(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert summarizer.summarize is summarize


def test_short_sentences_fill_places_when_full_ones_run_out():
    sentences = [
        "The ferry across the river resumes service on Wednesday after the flood.",
        "Repairs to the landing pier cost the town two million hryvnias.",
        "Tickets stay cheap.",
    ]
    picks = summarize(sentences, count=3)
    assert [p.position for p in picks] == [0, 1, 2]
    assert max(p.rank for p in picks) == 3
    # ... ranked after every full sentence.
    assert next(p for p in picks if p.position == 2).rank == 3


def _expected_f1(probability, lengths, chosen) -> float:
    reference = sum(p * n for p, n in zip(probability, lengths, strict=True))
    covered = sum(probability[i] * lengths[i] for i in chosen)
    return 2 * covered / (sum(lengths[i] for i in chosen) + reference)


def test_default_order_maximises_expected_f1() -> None:
    import itertools
    import random

    import numpy as np

    from summarizer.default import expected_f1_scores

    rng = random.Random(3)
    for _ in range(50):
        n, want = rng.randint(4, 9), rng.randint(1, 4)
        probability = [rng.random() for _ in range(n)]
        lengths = [float(rng.randint(4, 40)) for _ in range(n)]
        scores = expected_f1_scores(np.array(probability), np.array(lengths), want)
        top = [int(i) for i in np.argsort(-scores, kind="stable")[:want]]
        best = max(
            _expected_f1(probability, lengths, subset)
            for subset in itertools.combinations(range(n), want)
        )
        assert _expected_f1(probability, lengths, top) == pytest.approx(best)


def test_default_weighs_length_against_likelihood() -> None:
    import numpy as np

    from summarizer.default import expected_f1_scores

    # Equally likely: the longer sentence covers more.
    assert np.argmax(expected_f1_scores(np.array([0.6, 0.6]), np.array([10.0, 30.0]), 1)) == 1
    # An unlikely sentence is not taken for its length alone.
    assert np.argmax(expected_f1_scores(np.array([0.9, 0.1]), np.array([15.0, 40.0]), 1)) == 0


def test_a_dialogue_dash_opens_a_quotation() -> None:
    """Russian and Ukrainian print direct speech after a dash, and translation keeps it: such a
    sentence beside the one reporting it is one fact told twice, and its "he" is the speaker's."""
    from summarizer.quotes import opens_quote

    assert opens_quote("— This is one of the important issues, the senator said.")
    assert opens_quote('— "We will not wait," she said.')
    assert opens_quote("«Мы не будем ждать», — сказала она.")
    assert not opens_quote("The senator — a former envoy — said this was important.")
    assert not opens_quote("-5 degrees is forecast for Monday.")
    report = "The harbour will reopen on Monday once the cranes are checked, the mayor said."
    quote = (
        "— We have asked the inspectors to start with the oldest cranes, and the harbour opens "
        "its gates on Monday."
    )
    story = [
        report,
        quote,
        "Ships waited offshore for a third day.",
        "Shop owners near the quay said trade had halved.",
        "The union will vote on the port's offer next week.",
    ]
    picks = {p.position for p in summarize(story, count=4)}
    assert len(picks & {0, 1}) == 1  # the report or its quotation, not both
