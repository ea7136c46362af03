"""Short texts (issue 22): what a language's own spelling says, honest confidence for a line that
could be either language, and the article's language for a line whose own evidence is weak."""

from __future__ import annotations

import pytest

from translator.langid import detect_paragraphs, detect_text

RU_BODY = (
    "Правительство объявило о новых мерах поддержки малого бизнеса, сообщили в пресс-службе "
    "министерства."
)
UK_BODY = (
    "Міністр зазначив, що кошти розподілятимуть через регіональні фонди, а звіт про їх "
    "використання оприлюднять до кінця року."
)


@pytest.mark.parametrize("text", ["охоронною конкуруючою", "сміються діти", "діти"])
def test_spellings_belarusian_never_writes_rule_it_out(text: str) -> None:
    """Every letter here is also Belarusian, but Belarusian writes an unstressed о as а (one о a
    word at most) and a soft т/д as ц/дз: these are Ukrainian."""
    assert detect_text(text)[0] == "uk"


@pytest.mark.parametrize(("word", "code"), [("където", "bg"), ("додека", "mk"), ("қала", "kk")])
def test_look_alike_words_go_to_their_own_language(word: str, code: str) -> None:
    assert detect_text(word)[0] == code


@pytest.mark.parametrize("word", ["на", "за", "да", "и"])
def test_one_word_many_languages_write_is_not_claimed_with_confidence(word: str) -> None:
    """A preposition or conjunction written by ru, uk, bg, mk and sr alike says little."""
    assert detect_text(word)[1] < 0.5


@pytest.mark.parametrize("text", ["Київ", "Основні події", RU_BODY, UK_BODY])
def test_plain_evidence_is_reported_as_such(text: str) -> None:
    assert detect_text(text)[1] >= 0.99


def test_a_two_word_line_that_could_be_either_says_so_and_follows_its_article() -> None:
    line = "Сергей Петренко"  # a Russian first name, a surname common in both
    assert detect_text(line)[1] < 0.6
    in_uk = detect_paragraphs([UK_BODY, line, UK_BODY]).paragraphs[1]
    in_ru = detect_paragraphs([RU_BODY, line, RU_BODY]).paragraphs[1]
    assert (in_uk.language, in_ru.language) == ("uk", "ru")
    # Its confidence is the line's own, not the article's: it could be either.
    assert in_uk.confidence < 0.6
    assert in_ru.confidence < 0.6


def test_a_longer_line_with_weak_evidence_follows_its_article() -> None:
    names = "Коваленко, Петренко, Ткаченко, Кравченко"  # long enough to stand alone, but vague
    assert detect_text(names)[1] < 0.75
    assert detect_paragraphs([RU_BODY, names, RU_BODY]).paragraphs[1].language == "ru"
    assert detect_paragraphs([UK_BODY, names, UK_BODY]).paragraphs[1].language == "uk"


def test_a_short_line_sure_of_itself_keeps_its_language() -> None:
    """A Belarusian quotation in a Russian article stays Belarusian (kept as written)."""
    detection = detect_paragraphs([RU_BODY, "Гэта наша зямля", RU_BODY])
    assert detection.language == "ru"
    assert detection.paragraphs[1].language == "be"
    assert detection.paragraphs[1].confidence >= 0.99
