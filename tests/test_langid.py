"""Language identification: routing decisions that matter for translation.

The texts here were written for these tests (news-style, not taken from any data set).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from translator import langid
from translator.langid import SUPPORTED, detect_paragraphs, detect_text, language_name
from translator.langid import state as langid_state

ROOT = Path(__file__).resolve().parents[1]

RU_BODY = (
    "Правительство объявило о новых мерах поддержки малого бизнеса, которые вступят в силу "
    "уже в следующем месяце. Эксперты считают, что это позволит сохранить тысячи рабочих мест."
)
RU_BODY_2 = (
    "По словам министра, средства будут распределяться через региональные фонды, а отчёт "
    "об их использовании опубликуют до конца года."
)
UK_HEADLINE = "Уряд оголосив про нові заходи підтримки малого бізнесу: що зміниться для підприємців"

UNSUPPORTED = {
    "be": "Урад абвясціў пра новыя меры падтрымкі малога бізнесу, якія пачнуць дзейнічаць ужо ў "
    "наступным месяцы. Эксперты лічаць, што гэта дазволіць захаваць тысячы працоўных месцаў.",
    "bg": "Правителството обяви нови мерки в подкрепа на малкия бизнес, които ще влязат в сила "
    "още през следващия месец. Според експертите това ще запази хиляди работни места.",
    "kk": "Үкімет шағын бизнесті қолдаудың жаңа шараларын жариялады, олар келесі айда күшіне "
    "енеді. Сарапшылардың пікірінше, бұл мыңдаған жұмыс орнын сақтап қалуға мүмкіндік береді.",
    "sr": "Влада је најавила нове мере подршке малим предузећима, које ће ступити на снагу већ "
    "следећег месеца. Стручњаци сматрају да ће то сачувати хиљаде радних места.",
    "mk": "Владата објави нови мерки за поддршка на малиот бизнис, кои ќе стапат на сила уште "
    "следниот месец. Според експертите, тоа ќе зачува илјадници работни места.",
    "de": "Die Regierung hat neue Maßnahmen zur Unterstützung kleiner Unternehmen angekündigt, die "
    "bereits im nächsten Monat in Kraft treten sollen.",
    "fr": "Le gouvernement a annoncé de nouvelles mesures de soutien aux petites entreprises, qui "
    "entreront en vigueur dès le mois prochain.",
}


def test_russian_and_ukrainian_sentences() -> None:
    assert detect_text(RU_BODY)[0] == "ru"
    assert detect_text(UK_HEADLINE)[0] == "uk"
    lang, conf = detect_text(RU_BODY)
    assert 0.9 < conf <= 1.0


def test_english_passes_through_at_any_length() -> None:
    assert detect_text("The government announced new support for small businesses.")[0] == "en"
    assert detect_text("Reuters")[0] == "en"
    assert detect_text("support measures")[0] == "en"
    assert detect_text("Yuri Ushakov. Alexander Kazakov / TASS")[0] == "en"  # names only


@pytest.mark.parametrize("code", sorted(UNSUPPORTED))
def test_unsupported_languages_are_named_not_routed(code: str) -> None:
    lang, conf = detect_text(UNSUPPORTED[code])
    assert lang == code
    assert lang not in SUPPORTED
    assert conf > 0.5


def test_language_names_for_messages() -> None:
    assert language_name("be") == "Belarusian"
    assert language_name("bg") == "Bulgarian"
    assert language_name("kk") == "Kazakh"
    assert language_name("de") == "German"
    assert language_name("uk") == "Ukrainian"
    assert language_name("xx") == "xx"


@pytest.mark.parametrize("text", ["", "   ", "12:45 — 2024", "!!!"])
def test_no_letters_is_undetermined(text: str) -> None:
    assert detect_text(text) == ("und", 0.0)
    assert detect_paragraphs([text]).language == "und"


def test_empty_document() -> None:
    detection = detect_paragraphs([])
    assert detection.language == "und"
    assert detection.paragraphs == []


@pytest.mark.parametrize(
    ("word", "code"),
    [("прийшов", "uk"), ("розмови", "uk"), ("разговоры", "ru"), ("сказал", "ru"),
     ("щоб", "uk"), ("чтобы", "ru"), ("ўсё", "be"), ("қала", "kk"), ("његов", "sr")],
)
def test_single_words_use_letters_and_dictionaries(word: str, code: str) -> None:
    assert detect_text(word)[0] == code


def test_mixed_document_ukrainian_headline_over_russian_body() -> None:
    paragraphs = [UK_HEADLINE, "3 февраля, 09:55", RU_BODY, "Ирина Коваленко", RU_BODY_2]
    detection = detect_paragraphs(paragraphs)
    assert detection.language == "ru"
    langs = [p.language for p in detection.paragraphs]
    assert langs[0] == "uk"
    assert langs[1:] == ["ru", "ru", "ru", "ru"]
    assert [p.index for p in detection.paragraphs] == [0, 1, 2, 3, 4]
    assert all(0.0 <= p.confidence <= 1.0 for p in detection.paragraphs)


@pytest.mark.parametrize("short", ["Олена Мороз", "5 березня, 14:20", "Ми", "Та"])
def test_short_paragraphs_inherit_from_neighbours(short: str) -> None:
    """Names and datelines inside a Russian article are routed with it, not guessed alone."""
    assert detect_text(short)[0] != "ru"  # alone, each looks like something else
    detection = detect_paragraphs([RU_BODY, short, RU_BODY_2])
    assert detection.paragraphs[1].language == "ru"


@pytest.mark.parametrize("short", ["Фото: архів", "Київ", "Основні події"])
def test_short_paragraph_keeps_letters_the_document_cannot_write(short: str) -> None:
    """A Ukrainian caption in a Russian article (і, ї: Russian has no such letters) stays uk."""
    detection = detect_paragraphs([RU_BODY, short, RU_BODY_2])
    assert detection.paragraphs[1].language == "uk"
    assert detection.language == "ru"


def test_short_paragraph_between_ukrainian_paragraphs() -> None:
    uk_body = (
        "Міністр зазначив, що кошти розподілятимуть через регіональні фонди, а звіт про їх "
        "використання оприлюднять до кінця року."
    )
    detection = detect_paragraphs([uk_body, "Ирина Коваленко", uk_body])
    assert detection.language == "uk"
    assert [p.language for p in detection.paragraphs] == ["uk", "uk", "uk"]


@pytest.mark.parametrize("text", ["у Італіі", "Нягледзячы на"])
def test_two_belarusian_words_without_letter_only_belarusian_writes(text: str) -> None:
    """No ў, no ы next to і: the spelling (іі, soft дз) still tells Belarusian from ru/uk."""
    assert detect_text(text)[0] == "be"


@pytest.mark.parametrize(
    "text", ["подземный переход", "двухэтажный дом", "сэкономить деньги", "мэр Москвы"]
)
def test_russian_prefix_junctions_are_not_belarusian_spelling(text: str) -> None:
    assert detect_text(text)[0] == "ru"


def test_unsupported_document_language() -> None:
    detection = detect_paragraphs([UNSUPPORTED["be"], UNSUPPORTED["be"]])
    assert detection.language == "be"
    assert language_name(detection.language) == "Belarusian"


def test_same_answer_on_every_call() -> None:
    texts = [RU_BODY, UK_HEADLINE, "на", "до", "Ирина", *UNSUPPORTED.values()]
    first = [detect_text(t) for t in texts]
    for _ in range(3):
        assert [detect_text(t) for t in texts] == first


def test_fresh_processes_give_the_same_answer_and_import_no_gpl_dictionary() -> None:
    """Two fresh interpreters (the first builds the tables in the test's empty cache folder, the
    second loads them) answer alike, as this process does, and neither imports pymorphy or its
    dawg dictionaries (GPL/LGPL data), for short texts or long."""
    texts = [RU_BODY, UK_HEADLINE, "на", "до", "Ирина", "Правительство объявило о новых мерах",
             *UNSUPPORTED.values()]
    code = (
        "import json, sys\n"
        "from translator.langid import detect_text\n"
        "answers = [detect_text(t) for t in json.loads(sys.stdin.read())]\n"
        "modules = sorted(m for m in sys.modules if m.startswith(('pymorphy', 'dawg')))\n"
        "print(json.dumps({'answers': answers, 'modules': modules}))\n"
    )
    runs = [
        json.loads(subprocess.run(
            [sys.executable, "-c", code], input=json.dumps(texts), capture_output=True,
            text=True, cwd=ROOT, check=True,
        ).stdout)
        for _ in range(2)
    ]
    assert runs[0]["answers"] == runs[1]["answers"]
    assert [tuple(x) for x in runs[0]["answers"]] == [detect_text(t) for t in texts]
    assert [run["modules"] for run in runs] == [[], []]


def test_import_is_cheap() -> None:
    """Importing must not load profiles (the CLI's --help has to stay fast)."""
    code = (
        "import sys, translator.langid\n"
        "print('langdetect' in sys.modules, 'wordfreq' in sys.modules, 'numpy' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.split()
    assert out == ["False", "False", "False"]
    assert langid_state.cyrillic_model.cache_info().maxsize == 1


# ---------------------------------------------------------------- word frequencies (wordfreq)


@pytest.mark.parametrize(
    ("text", "code"),
    [("что делать", "ru"), ("що робити", "uk"), ("потому что", "ru"), ("тому що", "uk"),
     ("това е", "bg"), ("всички хора", "bg"), ("тоа беше", "mk"), ("гэта было", "be")],
)
def test_word_pairs_without_telltale_letters(text: str, code: str) -> None:
    """No letter here is unique to one language: only how often each writes the words tells."""
    assert detect_text(text)[0] == code


def test_serbian_list_is_read_in_cyrillic() -> None:
    from translator.langid.wordfreq import latin_to_serbian

    assert latin_to_serbian("njegov") == "његов"
    assert latin_to_serbian("džep") == "џеп"
    assert latin_to_serbian("quick") is None  # q: not a Serbian letter


def test_word_frequencies_separate_russian_from_ukrainian() -> None:
    pytest.importorskip("wordfreq")
    from translator.langid.wordfreq import LISTED, WordFrequencies

    freqs = WordFrequencies.load(3.0)  # the frequent words only: quick to read
    ru, uk = LISTED.index("ru"), LISTED.index("uk")
    assert freqs.zipf("который")[ru] > freqs.zipf("который")[uk]
    assert freqs.zipf("який")[uk] > freqs.zipf("який")[ru]
    assert freqs.zipf("също")[LISTED.index("bg")] > 0
    assert freqs.zipf("њихов")[LISTED.index("sr")] > 0  # from the Latin "njihov"
    assert not any(freqs.zipf("несуществующееслово"))


def test_detector_works_without_word_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without wordfreq the n-grams, alphabets and function words still route long texts."""
    from translator.langid.wordfreq import WordFrequencies

    langid_state.word_memo.cache_clear()
    monkeypatch.setattr(langid_state, "word_frequencies", lambda: WordFrequencies())
    try:
        assert detect_text(RU_BODY)[0] == "ru"
        assert detect_text(UK_HEADLINE)[0] == "uk"
        for code in ("be", "kk", "sr", "mk", "bg"):
            assert detect_text(UNSUPPORTED[code])[0] == code
    finally:
        langid_state.word_memo.cache_clear()  # no answer made without the lists may be kept


def test_restricting_the_candidates() -> None:
    # Belarusian (ў, і) is Belarusian when every language is in play; restricted to ru/uk/en it
    # must fall to one of those, and a script none of them writes is undetermined.
    text = "Ён узяў кнігу і пайшоў дадому ўвечары."
    assert langid.detect_text(text)[0] == "be"
    assert langid.detect_text(text, among=("ru", "uk", "en"))[0] in ("ru", "uk")
    assert langid.detect_text("Der Hund schläft", among=("ru", "uk"))[0] == "und"
    assert langid.detect_text("the cat", among=("ru", "uk")) == ("und", 0.0)
    lang, conf = langid.detect_text("Це речення українською мовою.", among=("uk",))
    assert lang == "uk" and conf == 1.0


# Latin-script sentences in languages that write few or no diacritics, some of them built to
# contain the English-looking words "is", "was", "had", "has", "for", "of": none is English.
NOT_ENGLISH_LATIN = {
    "nl": "Hij had het boek op tafel gelegd, maar zij was al weg en het is nu te laat om het "
    "nog te vragen, of niet soms?",
    "id": "Pemerintah telah mengumumkan aturan baru untuk transportasi di kota itu pada hari Senin "
    "dan semua orang setuju.",
    "sw": "Serikali imetangaza sheria mpya za usafiri katika mji huo siku ya Jumatatu na watu "
    "wengi wamefurahi.",
    "es": "Yo he visto que has hecho todo lo que te pedimos y por eso te damos las gracias a ti "
    "y a tu familia.",
    "de": "Das ist so, weil die Leute in der Stadt es so wollen und man es nicht anders machen "
    "kann, sagte er.",
    "sv": "Regeringen har presenterat nya regler for trafiken i staden, sade en talesperson pa "
    "mandag i Stockholm.",
}


@pytest.mark.parametrize("code", sorted(NOT_ENGLISH_LATIN))
def test_latin_script_languages_are_not_taken_for_english(code: str) -> None:
    assert detect_text(NOT_ENGLISH_LATIN[code])[0] != "en"


def test_english_prose_with_foreign_names_is_english_without_the_world_model() -> None:
    text = (
        "President Erdoğan met the mayor of Chişinău on Monday, and they said that the talks "
        "on the Galápagos research station were useful."
    )
    langid_state.world_model.cache_clear()
    assert detect_text(text) == ("en", langid.EN_PROSE_CONFIDENCE)
    assert langid_state.world_model.cache_info().currsize == 0  # the 50 profiles were not loaded


def test_word_keys_are_stable_and_vectorised_alike() -> None:
    from translator.langid.wordfreq import word_key, word_keys

    words = ["який", "который", "џак", "a", "м'ясо", "x" * 70]
    assert [int(k) for k in word_keys(words)] == [word_key(w) for w in words]
    assert len(set(word_key(w) for w in words)) == len(words)
    # Fixed across processes (unlike hash(str)): the stored table depends on it.
    code = "from translator.langid.wordfreq import word_key; print(word_key('який'))"
    runs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert runs == {f"{word_key('який')}\n"}


def test_word_table_is_stored_once_and_reused(tmp_path: Path, monkeypatch) -> None:
    from translator.langid.wordfreq import WordFrequencies

    first = WordFrequencies.load(3.0, tmp_path)
    stored = list(tmp_path.glob("langid-wordfreq-*.npz"))
    assert len(stored) == 1
    def rebuilt(cls, min_zipf):
        pytest.fail("the stored table was built again")

    monkeypatch.setattr(WordFrequencies, "build", classmethod(rebuilt))
    again = WordFrequencies.load(3.0, tmp_path)
    assert again.zipf("который") == first.zipf("который") and again.zipf("який")[1] > 0


def test_damaged_or_unwritable_word_table_cache_is_only_slower(tmp_path: Path) -> None:
    from translator.langid.wordfreq import WordFrequencies

    WordFrequencies.load(3.0, tmp_path)
    (stored,) = tmp_path.glob("langid-wordfreq-*.npz")
    stored.write_bytes(b"not a numpy file")
    rebuilt = WordFrequencies.load(3.0, tmp_path)
    assert rebuilt.zipf("який")[1] > 0
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert WordFrequencies.load(3.0, blocked).zipf("який")[1] > 0


def test_storing_a_table_removes_only_long_unused_copies_of_that_kind(tmp_path: Path) -> None:
    import time

    import numpy as np

    from translator.langid.wordfreq import STALE_AFTER_S, store_arrays

    old = tmp_path / "langid-world-0000000000000000.npz"
    recent = tmp_path / "langid-world-1111111111111111.npz"
    other_kind = tmp_path / "langid-cyrillic-2222222222222222.npz"
    for path in (old, recent, other_kind):
        path.write_bytes(b"x")
    long_ago = time.time() - STALE_AFTER_S - 60
    for path in (old, other_kind):
        os.utime(path, (long_ago, long_ago))
    new = tmp_path / "langid-world-3333333333333333.npz"
    store_arrays(new, table=np.zeros(3))
    assert new.exists() and recent.exists() and other_kind.exists()
    assert not old.exists()


def test_ngram_models_are_stored_and_give_the_same_answers(monkeypatch) -> None:
    from translator.cache import default_cache_dir

    langid_state.world_model.cache_clear()
    built = langid_state.world_model()
    assert list(default_cache_dir().glob("langid-world-*.npz"))

    def rebuilt():
        pytest.fail("the stored model was built again")

    monkeypatch.setattr(langid_state, "build_world_model", rebuilt)
    langid_state.world_model.cache_clear()
    loaded = langid_state.world_model()
    assert loaded.languages == built.languages
    words = ["Regierung", "gouvernement", "governo"]
    assert (loaded.score(words) == built.score(words)).all()
    langid_state.world_model.cache_clear()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("最牡慢敧", {"und", "zh-cn", "zh-tw"}), ("今天天气很好，我们去公园散步。", {"zh-cn"}),
     ("東京は日本の首都です。", {"ja"}), ("こんにちは世界", {"ja"}),
     ("اليوم الطقس جميل", {"ar"}), ("Σήμερα ο καιρός είναι καλός", {"el"})],
)
def test_text_without_latin_or_cyrillic_letters_is_never_english(text, expected) -> None:
    language, _ = detect_text(text)
    assert language in expected
    assert detect_text(text, among=("ru", "uk", "en"))[0] == "und"


def test_letters_no_profile_knows_are_undetermined_not_the_first_language_listed() -> None:
    """Bytes read as UTF-16 in the wrong order give rare ideographs ("刀甀"); with no n-gram
    of any language among them, every score tied and the first language listed (Afrikaans)
    won at 1.00: a confident answer with no evidence."""
    assert detect_text("刀甀") == ("und", 0.0)
    assert detect_text("今天天气很好")[0] == "zh-cn"  # known letters still decide
