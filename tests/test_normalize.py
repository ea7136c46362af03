"""Typographic noise goes, meaning and layout (one paragraph a line) stay."""

from __future__ import annotations

import unicodedata

from newsbrief.reading.normalize import normalize_text
from newsbrief.records import paragraphs_of


def test_windows_and_old_mac_line_endings_become_newlines() -> None:
    assert normalize_text("Заголовок.\r\nПервый абзац.\rВторой абзац.") == (
        "Заголовок.\nПервый абзац.\nВторой абзац."
    )


def test_exotic_spaces_become_plain_spaces() -> None:
    text = "10\u00a0000 гривен,\u2009до\u202f6:00\tутра"
    assert normalize_text(text) == "10 000 гривен, до 6:00 утра"


def test_invisible_characters_are_removed_inside_words() -> None:
    text = "пере\u00adправа за\u200bработает\ufeff в сре\u2060ду, пас\u200dсажиры"
    assert normalize_text(text) == "переправа заработает в среду, пассажиры"


def test_emoji_joiners_survive() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert normalize_text(f"Семья {family} приехала.") == f"Семья {family} приехала."


def test_curly_quotes_become_straight_and_guillemets_stay() -> None:
    text = "He said “the ferry’s back”. Мэр: «Паром „Чайка“ готов». Об’їзд, обʼєкт."
    assert normalize_text(text) == (
        'He said "the ferry\'s back". Мэр: «Паром "Чайка" готов». Об\'їзд, об\'єкт.'
    )


def test_the_modifier_apostrophe_is_kept_in_english_and_plain_in_cyrillic() -> None:
    # A Ukrainian outlet's English: the letter is part of the sentence as written.
    text = "The Commissioner for Childrenʼs Rights. Обʼєкт, ʼєкт."
    assert normalize_text(text) == "The Commissioner for Childrenʼs Rights. Об'єкт, 'єкт."


def test_dashes_are_kept() -> None:
    text = "Переправа – от 6:00 до 21:00 — каждые полчаса."
    assert normalize_text(text) == text


def test_nfc_composes_letters() -> None:
    decomposed = "и\u0306 е\u0308 i\u0308"  # й, ё, ï written as letter + combining mark
    out = normalize_text(decomposed)
    assert out == "й ё ï"
    assert unicodedata.is_normalized("NFC", out)


def test_trailing_spaces_and_blank_runs() -> None:
    text = "\n\n  Заголовок   \n\n\n\n\nАбзац один.  \n \n\t\nАбзац два.\n\n\n"
    assert normalize_text(text) == "Заголовок\n\nАбзац один.\n\nАбзац два."


def test_hard_wrapped_paragraph_is_rejoined() -> None:
    wrapped = (
        "Паромная переправа через Днестр между Вербоградом и селом Луковка\n"
        "возобновит работу в среду, сообщили в городском совете после\n"
        "окончания ремонта причала.\n"
        "Движение было остановлено 24 марта."
    )
    out = normalize_text(wrapped)
    assert [p for _, p in paragraphs_of(out)] == [
        "Паромная переправа через Днестр между Вербоградом и селом Луковка возобновит работу в "
        "среду, сообщили в городском совете после окончания ремонта причала.",
        "Движение было остановлено 24 марта.",
    ]


def test_wrap_after_a_comma_on_a_long_line_is_rejoined() -> None:
    wrapped = (
        "The council said the crossing would reopen on Wednesday, April 16,\n"
        "Mayor Olena Hrechko told reporters."
    )
    assert normalize_text(wrapped) == (
        "The council said the crossing would reopen on Wednesday, April 16, "
        "Mayor Olena Hrechko told reporters."
    )


def test_headlines_datelines_and_lists_keep_their_lines() -> None:
    text = (
        "Паром возобновит рейсы после паводка\n"
        "14 апреля, 11:30\n"
        "Автор: Андрей Мельник\n"
        "Главное:\n"
        "- ремонт стоил 2,4 миллиона гривен\n"
        "- рейсы каждые полчаса\n"
        "Переправу закрыли 24 марта."
    )
    assert normalize_text(text) == text


def test_word_hyphenated_at_a_wrap_keeps_its_hyphen() -> None:
    text = "Ветер дул с северо-\nзапада всю ночь."
    assert normalize_text(text) == "Ветер дул с северо-запада всю ночь."


def test_control_characters_are_dropped_and_form_feed_breaks_lines() -> None:
    assert normalize_text("Абзац\x07 один.\x0cАбзац два.\x1b") == "Абзац один.\nАбзац два."


def test_normalising_twice_changes_nothing() -> None:
    text = "“Текст”\r\n\r\n\r\nс пере\u00adносом\nи хвостом  \n"
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_zero_width_joiners_go_between_our_letters_even_beside_other_invisibles() -> None:
    for text in ("со\u200dвет", "со\u00ad\u200d\u00adвет", "со\u200d\u200d\u200dвет",
                 "со\u200cвет", "\u200dсовет\u200c"):
        assert normalize_text(text) == "совет", ascii(text)
    assert normalize_text("word \u200d next") == "word next"


def test_only_invisible_characters_leave_no_text() -> None:
    assert normalize_text("\u200d\u200b\u200c\ufeff\u00ad\n\u2060") == ""


def test_joiners_in_other_scripts_and_emoji_stay() -> None:
    persian = "می\u200cخواهم"
    flag = "\U0001f3f3\ufe0f\u200d\U0001f308"
    assert normalize_text(f"{persian} {flag}") == f"{persian} {flag}"
