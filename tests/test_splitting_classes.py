"""Sentence splitting, one class of hard case at a time (issue 22): abbreviations and initials,
inline lists, dialogue dashes, ellipses, decimal numbers and times, URLs and e-mail addresses.
The examples are our own; each class is the kind of text a news article holds."""

from __future__ import annotations

import pytest

from summarizer.splitting import split_sentences


def _check(language: str, pieces: list[str]) -> None:
    assert split_sentences(" ".join(pieces), language) == pieces


@pytest.mark.parametrize(
    ("language", "pieces"),
    [
        # Degrees written as dotted lower-case letters go on to the name after them.
        ("ru", ["Доклад сделал к.т.н. П. С. Орлов.", "Зал аплодировал."]),
        ("uk", ["Доповідь зробив к.е.н. О. Петренко.", "Зал слухав уважно."]),
        # Place words before a name: lake, street, town.
        ("ru", ["Рыбаки вышли на оз. Ильмень рано утром.", "Улов был хорошим."]),
        ("uk", ["Лекцію прочитав проф. Іваненко з м. Львів.", "Після неї було обговорення."]),
        ("uk", ["Вона живе на вул. Шевченка, 5, що у м. Київ.", "Там тихо."]),
        # Two-letter initials ("Дж.") are initials too.
        ("ru", ["Роман написал Дж. Р. Р. Толкин.", "Перевод вышел позже."]),
        # "т.зв." never ends a sentence; "рр." after a decade does.
        ("uk", ["Йдеться про т.зв. нову хвилю.", "Вона почалася у 2010-х рр.", "Потім вщухла."]),
        # Units after a number end a sentence when a capital follows.
        ("ru", ["Встреча назначена на 12 ч. 30 мин.", "Опоздания не допускаются."]),
        ("en", ["Dr. Ames met Gov. Reyes on Friday.", "The meeting ran long."]),
        ("en", ["Prices rose, e.g. for bread, i.e. the basics.", "Wages did not."]),
        ("en", ["The firm moved to the U.S. in 1990.", "It grew fast."]),
        # A time of day ends a sentence, unless the sentence so far is nothing but the time.
        (
            "en",
            [
                "At 7 a.m. Ms. Lane opened the shop.",
                "She closed it at 8 p.m.",
                "The street was empty by then.",
            ],
        ),
        ("en", ["Mr. and Mrs. Hale arrived at 5 p.m. sharp.", "Dinner followed."]),
        # A bracket that glosses the time goes on with its sentence; a label starts the next.
        ("en", ["The ferry left at 6:07 a.m. (0407 GMT) with 40 cars.", "It docked at noon."]),
        ("en", ["The ferry left at 6:07 a.m. (0407 GMT).", "It docked at noon."]),
        ("en", ["The ferry left.", "(Reuters) The port reopened."]),
    ],
)
def test_abbreviations_and_initials(language: str, pieces: list[str]) -> None:
    _check(language, pieces)


@pytest.mark.parametrize(
    ("language", "pieces"),
    [
        ("en", ["Bring three things:", "1) a map", "2) a torch", "3) water"]),
        ("ru", ["План такой:", "а) собрать вещи;", "б) купить билеты;", "в) выехать утром."]),
        ("en", ["Choose one:", "a. The red door", "b. The blue door"]),
        # Items with no final punctuation, opening the text.
        ("ru", ["1. Собрать вещи", "2. Купить билеты", "3. Выехать"]),
        ("uk", ["1.) Зібрати речі", "2.) Купити квитки"]),
        # A semicolon closes the item before a bracketed label.
        ("uk", ["Орендар має право: користуватися житлом;", "2) здавати його в піднайм."]),
        # Bullets open items even without a colon before them.
        ("en", ["• 4. Pack the bags", "• 5. Lock the door"]),
        # A numbered piece opens with its label: the label's period ends nothing.
        ("ru", ["IV. Итоги года"]),
        ("ru", ["§3. Права сторон."]),
        ("uk", ["2.4. Порядок оплати визначає договір."]),
    ],
)
def test_inline_lists(language: str, pieces: list[str]) -> None:
    _check(language, pieces)


def test_a_lone_number_is_not_a_list() -> None:
    # Numbers that are not a run of consecutive labels are counts, and still end sentences.
    _check("en", ["The team won 2.", "Then it lost 3."])
    _check("ru", ["Счёт стал 3.", "Потом пошёл дождь."])
    # Letters that only look like labels ("с." for a village, "в" a preposition) stay put.
    _check("ru", ["Мы приехали в с. Берёзовка и в г. Тверь.", "Было холодно."])


@pytest.mark.parametrize(
    ("language", "pieces"),
    [
        # Lines of dialogue, one after another.
        ("ru", ["— Ты придёшь завтра?", "— Конечно приду."]),
        ("uk", ["– Де ти був?", "– Удома."]),
        ("ru", ['- "Где ключи?"', '- "На столе".']),
        # After the author's words the speaker goes on: one quotation, one piece.
        ("ru", ["— Да, — сказал он. — Пойдём."]),
        ("uk", ["«Ми готові, — сказала вона. — Починаймо».", "Зал затих."]),
        # A dash before a lower-case word is an attribution.
        ("ru", ["«Всё готово!» — сказал мастер.", "Мы вошли."]),
        ("en", ['"We are ready," she said.', '"Let us start."']),
    ],
)
def test_dialogue_dashes_and_quotes(language: str, pieces: list[str]) -> None:
    _check(language, pieces)


def test_reported_speech_inside_narration_is_not_cut() -> None:
    # Dashes inside a narrated exchange mark speech within the narration.
    text = "Нас спитали: «Хто там?» – Відповідаю, що свої. – «Виходьте!»"
    assert split_sentences(text, "uk") == [text]


@pytest.mark.parametrize(
    ("language", "pieces"),
    [
        # Mid-sentence: a lower-case word follows.
        ("ru", ["Он замолчал... потом продолжил.", "Все ждали."]),
        ("en", ["She hesitated… then signed.", "The deal was done."]),
        # Before a capital an ellipsis ends the sentence.
        ("ru", ["Мы ждали…", "Никто не пришёл."]),
        ("uk", ["Ми чекали...", "Ніхто не прийшов."]),
        # Words left out of a quotation.
        ("en", ["He quoted the rule [...] and sat down.", "Nobody spoke."]),
        ("ru", ["Он процитировал: «Закон (…) не работает».", "Все кивнули."]),
        # A spaced ellipsis: one mark, and after a word's own period it opens the next sentence.
        ("en", ["The law . . . was never enforced.", "Few noticed."]),
        ("en", ["The plan failed.", ". . . Nobody was surprised."]),
        ("en", ["It was late . . . I left early."]),
    ],
)
def test_ellipses(language: str, pieces: list[str]) -> None:
    _check(language, pieces)


@pytest.mark.parametrize(
    ("language", "pieces"),
    [
        ("ru", ["Курс вырос до 3.5 рубля в 10:30.", "В 14.30 он упал."]),
        ("uk", ["Температура сягнула 36,6 градуса о 14.30.", "Потім пішов дощ."]),
        ("en", ["The train left at 10:30.", "It arrived at 14.30 sharp."]),
        ("en", ["Growth slowed to 0.8 per cent.", "Analysts expected 1.2."]),
        ("en", ["She paid $12.50 for it.", "It was worth it."]),
    ],
)
def test_decimal_numbers_and_times(language: str, pieces: list[str]) -> None:
    _check(language, pieces)


@pytest.mark.parametrize(
    ("language", "pieces"),
    [
        ("en", ["Write to press@example.org.", "We answer within a day."]),
        ("uk", ["Пишіть на info@example.ua.", "Відповімо за день."]),
        ("en", ["Contact J.Doe@mail.example.com today.", "It is urgent."]),
        ("ru", ["Подробности на сайте https://example.ru/news/2024.html.", "Там же контакты."]),
        ("en", ["See www.example.com/Report.pdf for details.", "It is free."]),
        ("uk", ["Запис на https://example.ua/?id=5.", "Місць мало."]),
    ],
)
def test_urls_and_email_addresses(language: str, pieces: list[str]) -> None:
    _check(language, pieces)


def test_long_runs_of_labels_and_dashes_are_split_in_linear_time() -> None:
    """Hostile input: every label and dash is a candidate, and none may look back over the whole
    text (a quadratic pass took about 10 s on this much)."""
    import time

    text = "а) б) " * 25_000 + "— Да, — сказал он. " * 8_000 + "• x " * 25_000
    start = time.perf_counter()
    pieces = split_sentences(text, "ru")
    assert time.perf_counter() - start < 6.0
    assert " ".join(pieces).replace(" ", "") == text.replace(" ", "")
