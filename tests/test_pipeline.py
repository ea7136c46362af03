"""The pipeline's routing and alignment, with a recording stand-in for the engine.

The stand-in marks each sentence with the model it went to, so a test can see which paragraph
reached which model and that every English sentence sits beside its own source sentence.
"""

from __future__ import annotations

from newsbrief.pipeline import Options, process
from newsbrief.records import Article, Document, DocumentError
from translator.errors import ModelMissingError


class RecordingEngine:
    def __init__(self, installed=("ru", "uk")):
        self.installed = set(installed)
        self.calls: list[tuple[str, list[str]]] = []

    def translate(self, lang: str, sentences: list[str]) -> list[str]:
        if lang not in self.installed:
            raise ModelMissingError(lang)
        self.calls.append((lang, list(sentences)))
        return [f"[{lang}] {s}" for s in sentences]


MIXED = (
    "Київ і Варшава домовилися відновити поромне сполучення через річку\n"
    "12 марта, 10:40\n"
    "\n"
    "Правительства двух стран подписали соглашение о восстановлении паромной линии. "
    "Первый рейс запланирован на конец апреля, сообщили в министерстве транспорта.\n"
    "По словам чиновников, билеты будут продаваться через интернет и в кассах порта.\n"
)


def run(docs, stage="translate", engine=None, **opts):
    engine = engine or RecordingEngine()
    return list(process(docs, stage, Options(**opts), lambda: engine)), engine


def test_ukrainian_headline_and_russian_body_each_reach_their_own_model():
    (article,), engine = run([Document("mixed", MIXED)])
    assert isinstance(article, Article)
    sent_to = {lang: sents for lang, sents in engine.calls}
    assert any("поромне" in s for s in sent_to["uk"])
    assert all("поромне" not in s for s in sent_to["ru"])
    assert any("паромной" in s for s in sent_to["ru"])
    # Alignment: each English sentence is its own source, marked with the model used.
    for pair in article.translation.sentences:
        assert pair.text.endswith(pair.source)
    assert article.translation.sentences[0].text.startswith("[uk] ")
    assert article.translation.sentences[-1].text.startswith("[ru] ")


def test_layout_is_kept_one_translated_paragraph_per_source_line():
    (article,), _ = run([Document("mixed", MIXED)])
    source_lines = MIXED.strip("\n").split("\n")
    english_lines = article.translation.text.split("\n")
    assert len(english_lines) == len(source_lines)
    assert [bool(x.strip()) for x in english_lines] == [bool(x.strip()) for x in source_lines]
    # The two-sentence paragraph was split and both halves translated in order.
    assert english_lines[3].count("[ru] ") == 2


def test_sentences_of_all_documents_go_to_the_engine_in_one_call_per_language():
    docs = [
        Document("a", "Правительство объявило о новых мерах. Они вступят в силу в мае."),
        Document("b", "Министр заявил, что переговоры продолжатся на следующей неделе."),
        Document("c", "The talks resume next week, officials said."),
    ]
    results, engine = run(docs)
    assert [r.id for r in results] == ["a", "b", "c"]
    assert [lang for lang, _ in engine.calls] == ["ru"]
    assert len(engine.calls[0][1]) == 3
    # English passes through untouched, without any model.
    assert results[2].translation.text == docs[2].text


def test_english_only_input_never_builds_an_engine():
    def factory():
        raise AssertionError("no engine needed for English")

    results = list(
        process([Document("en", "Officials said the ferry resumes in April.")], "translate",
                Options(), factory)
    )
    assert results[0].translation.sentences[0].text == "Officials said the ferry resumes in April."


def test_missing_model_fails_only_the_documents_that_need_it():
    docs = [
        Document("ru", "Правительство объявило о новых мерах поддержки для фермеров региона."),
        Document("uk", "Уряд оголосив про нові заходи підтримки для фермерів регіону."),
    ]
    results, _ = run(docs, engine=RecordingEngine(installed=("uk",)))
    assert isinstance(results[0], DocumentError)
    assert results[0].kind == "model"
    assert "newsbrief models install ru" in results[0].message
    assert isinstance(results[1], Article)


def test_unsupported_language_is_named_and_not_translated():
    belarusian = (
        "Урад абвясціў аб новых мерах падтрымкі для фермераў рэгіёна. "
        "Першыя выплаты чакаюцца ўжо ў траўні."
    )
    results, engine = run([Document("be", belarusian)])
    assert isinstance(results[0], DocumentError)
    assert "Belarusian" in results[0].message
    assert "--from" in results[0].message
    assert engine.calls == []


def test_forcing_the_source_language_translates_anyway():
    belarusian = "Урад абвясціў аб новых мерах падтрымкі для фермераў рэгіёна."
    results, engine = run([Document("be", belarusian)], from_lang="ru")
    assert isinstance(results[0], Article)
    assert [lang for lang, _ in engine.calls] == ["ru"]


def test_empty_document_is_an_error_for_that_document_only():
    results, _ = run([Document("empty", "  \n \n"), Document("ok", "Talks resume on Monday.")])
    assert isinstance(results[0], DocumentError) and results[0].kind == "empty"
    assert isinstance(results[1], Article)


def test_upstream_errors_pass_through_in_order():
    upstream = DocumentError("bad", "bad: not UTF-8", kind="encoding")
    results, _ = run([upstream, Document("ok", "Talks resume on Monday.")])
    assert results[0] is upstream
    assert results[1].id == "ok"


def test_summarize_keeps_original_beside_each_english_key_point():
    text = (
        "Правительство объявило о восстановлении паромной линии через реку. "
        "Первый рейс запланирован на конец апреля. "
        "Билеты будут продаваться в кассах порта и через интернет. "
        "Стоимость проезда пока не объявлена. "
        "Власти ожидают, что линия будет перевозить тысячи пассажиров в месяц. "
        "Местные жители давно просили вернуть паром."
    )
    (article,), _ = run([Document("ru", text)], stage="summarize", count=3)
    points = article.summary.key_points
    assert len(points) == 3
    assert [p.position for p in points] == sorted(p.position for p in points)
    pairs = article.translation.sentences
    for point in points:
        assert point.original == pairs[point.position].source
        assert point.text == pairs[point.position].text == f"[ru] {point.original}"


def test_translate_only_key_points_translates_nothing_else():
    text = (
        "Правительство объявило о восстановлении паромной линии через реку. "
        "Первый рейс запланирован на конец апреля. "
        "Билеты будут продаваться в кассах порта и через интернет. "
        "Стоимость проезда пока не объявлена. "
        "Власти ожидают, что линия будет перевозить тысячи пассажиров в месяц. "
        "Местные жители давно просили вернуть паром. "
        "Старый причал отремонтируют за счёт областного бюджета. "
        "Экологи опасаются за состояние берегов после наводнения."
    )
    (article,), engine = run(
        [Document("ru", text)], stage="summarize", count=2, translate_only="key-points"
    )
    translated = [s for _, sents in engine.calls for s in sents]
    assert len(translated) == 2
    assert {p.original for p in article.summary.key_points} == set(translated)


def test_list_markers_are_not_translated_but_kept_in_the_layout():
    text = "Главное\n• Правительство объявило о новых мерах поддержки фермеров.\n"
    (article,), engine = run([Document("ru", text)])
    sent = [s for _, sents in engine.calls for s in sents]
    assert "Правительство объявило о новых мерах поддержки фермеров." in sent
    assert all(not s.startswith("•") for s in sent)
    assert article.translation.text.split("\n")[1].startswith("• [ru] Правительство")


def test_headline_steers_the_summary_but_is_not_a_key_point():
    text = (
        "Паромная переправа через реку возобновит работу\n"
        "Правительство объявило о восстановлении паромной переправы через реку. "
        "Первый рейс запланирован на конец апреля. "
        "Билеты будут продаваться в кассах порта и через интернет. "
        "Стоимость проезда пока не объявлена. "
        "Старый причал отремонтируют за счёт областного бюджета.\n"
    )
    (article,), _ = run([Document("ru", text)], stage="summarize", count=3)
    assert article.title == "[ru] Паромная переправа через реку возобновит работу"
    positions = [p.position for p in article.summary.key_points]
    assert len(positions) == 3 and 0 not in positions
