"""The translation engine on synthetic packages: equality with argostranslate, batching
invariants (order, dedupe, blanks), laziness and errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from synthetic_argos import TRAINING_TEXT, build_package

from translator.engine.engine import Engine
from translator.errors import ModelMissingError, TranslatorError

RU = TRAINING_TEXT["ru"][:8] + [
    "Да.",
    "Это очень длинное предложение о том, как городской совет весь день обсуждал бюджет, "
    "мосты, дороги, школы и больницы, а также планы на следующий год.",
    "Цены 2024 года: +5%, «хлеб» и «молоко»!",
]
UK = TRAINING_TEXT["uk"][:8] + ["Так.", "Мешканці кажуть: «Ми чекали на це роками»."]


class OneSentence:
    """A sentencizer for argostranslate that keeps the input whole (its default downloads)."""

    def split_sentences(self, text: str) -> list[str]:
        return [text]


def argos_translate(pkg_dir: Path, sentences: list[str], beam_size: int) -> list[str]:
    """argostranslate's own per-sentence translation of `sentences` with package `pkg_dir`."""
    import ctranslate2
    from argostranslate import settings
    from argostranslate.package import Package
    from argostranslate.translate import apply_packaged_translation

    pkg = Package(pkg_dir)
    translator = ctranslate2.Translator(str(pkg_dir / "model"), device="cpu")
    old = settings.beam_size
    settings.beam_size = beam_size
    try:
        return [
            apply_packaged_translation(pkg, s, translator, OneSentence(), num_hypotheses=1)[0].value
            for s in sentences
        ]
    finally:
        settings.beam_size = old


class Spy:
    """Wraps a CTranslate2 Translator to record what the engine sends it."""

    def __init__(self, inner):
        self.inner = inner
        self.calls: list[tuple[list[list[str]], dict]] = []

    def translate_batch(self, batch, **kwargs):
        self.calls.append((batch, kwargs))
        return self.inner.translate_batch(batch, **kwargs)


def spy_on(engine: Engine, lang: str) -> Spy:
    engine.load(lang)
    pkg = engine._package(lang)
    pkg.translator = Spy(pkg.translator)
    return pkg.translator


@pytest.mark.parametrize("lang,sentences", [("ru", RU), ("uk", UK)])
@pytest.mark.parametrize("fast", [False, True])
def test_output_equals_argostranslate(synthetic_models_dir, lang, sentences, fast):
    engine = Engine(synthetic_models_dir, fast=fast)
    ours = engine.translate(lang, sentences)
    theirs = argos_translate(synthetic_models_dir / f"translate-{lang}_en", sentences,
                             beam_size=1 if fast else 4)
    assert ours == theirs
    assert all(ours) and len(set(ours)) > len(ours) // 2  # real, varied output


def test_batches_longest_first_with_argos_defaults(synthetic_models_dir):
    engine = Engine(synthetic_models_dir)
    spy = spy_on(engine, "ru")
    engine.translate("ru", RU)
    sent = [tokens for batch, _ in spy.calls for tokens in batch]
    lengths = [len(tokens) for tokens in sent]
    assert lengths == sorted(lengths, reverse=True) and len(sent) == len(RU)
    for batch, options in spy.calls:
        assert options["beam_size"] == 4 and options["length_penalty"] == 0.2
        assert options["replace_unknowns"] is True and options["asynchronous"] is True
        # One planned batch per call: CTranslate2 must not cut it again.
        assert options["batch_type"] == "examples" and options["max_batch_size"] == len(batch)


def test_order_kept_and_independent_of_batch(synthetic_models_dir):
    engine = Engine(synthetic_models_dir)
    together = engine.translate("ru", RU)
    alone = [Engine(synthetic_models_dir).translate("ru", [s])[0] for s in reversed(RU)]
    assert together == list(reversed(alone))


def test_deterministic_across_engines(synthetic_models_dir):
    assert Engine(synthetic_models_dir).translate("uk", UK) == \
        Engine(synthetic_models_dir).translate("uk", UK)


def test_languages_use_their_own_model(synthetic_models_dir):
    engine = Engine(synthetic_models_dir)
    shared = "Депутати обговорили закон."
    assert engine.translate("ru", [shared]) != engine.translate("uk", [shared])


def test_duplicates_translated_once(synthetic_models_dir):
    engine = Engine(synthetic_models_dir)
    spy = spy_on(engine, "ru")
    out = engine.translate("ru", [RU[0], RU[1], RU[0], RU[0]])
    assert sum(len(batch) for batch, _ in spy.calls) == 2
    assert out[0] == out[2] == out[3] != out[1]


def test_blank_sentences_pass_through(synthetic_models_dir):
    engine = Engine(synthetic_models_dir)
    spy = spy_on(engine, "ru")
    out = engine.translate("ru", ["", RU[0], "   ", "\n"])
    assert out[0] == "" and out[2] == "   " and out[3] == "\n" and out[1]
    assert sum(len(batch) for batch, _ in spy.calls) == 1
    assert engine.translate("ru", ["", " "]) == ["", " "]


def test_english_passes_through_without_any_model(tmp_path):
    engine = Engine(tmp_path)
    text = ["Hello world.", "  spaced  ", ""]
    assert engine.translate("en", text) == text
    assert engine.has_model("en")


def test_missing_model_names_the_command(tmp_path):
    engine = Engine(tmp_path)
    assert not engine.has_model("uk")
    with pytest.raises(ModelMissingError) as info:
        engine.translate("uk", ["Привіт."])
    message = str(info.value)
    assert "Ukrainian→English" in message and "newsbrief models install uk" in message
    assert "--file" in message


def test_models_dir_from_environment(synthetic_models_dir, monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_MODELS_DIR", str(synthetic_models_dir))
    assert Engine().has_model("ru")


def test_model_loads_lazily_once(synthetic_models_dir):
    engine = Engine(synthetic_models_dir)
    assert engine.has_model("ru") and engine.has_model("uk")
    assert engine._package("ru").translator is None
    engine.translate("ru", RU[:2])
    first = engine._package("ru").translator
    engine.translate("ru", RU[2:4])
    assert engine._package("ru").translator is first
    assert engine._package("uk").translator is None


def test_fast_is_greedy_and_beam_is_configurable(synthetic_models_dir):
    assert Engine(synthetic_models_dir, fast=True).beam_size == 1
    engine = Engine(synthetic_models_dir, beam_size=2)
    spy = spy_on(engine, "uk")
    engine.translate("uk", UK[:3])
    assert spy.calls[0][1]["beam_size"] == 2
    with pytest.raises(TranslatorError):
        Engine(synthetic_models_dir, beam_size=0)


def test_decoding_limits_from_arguments_and_package(tmp_path):
    build_package(tmp_path, "ru", suppress_eos=True,
                  extra_metadata={"newsbrief_decoding": {"max_decoding_length": 7,
                                                         "min_decoding_length": 7}})
    engine = Engine(tmp_path)
    spy = spy_on(engine, "ru")
    engine.translate("ru", RU[:3])
    assert spy.calls[0][1]["max_decoding_length"] == 7
    assert "max_decoding_length=7" in engine.settings_key("ru")
    engine = Engine(tmp_path, max_decoding_length=5, min_decoding_length=5)
    spy = spy_on(engine, "ru")
    engine.translate("ru", RU[:3])
    assert spy.calls[0][1]["max_decoding_length"] == 5


def test_target_prefix_is_not_in_output(tmp_path):
    pkg = build_package(tmp_path, "ru", target_prefix="__en__")
    engine = Engine(tmp_path)
    spy = spy_on(engine, "ru")
    out = engine.translate("ru", RU[:4])
    for batch, options in spy.calls:
        assert options["target_prefix"] == [["__en__"]] * len(batch)
    assert sum(len(batch) for batch, _ in spy.calls) == 4
    assert all("__en__" not in s and not s.startswith(" ") for s in out)
    assert pkg.name == "translate-ru_en"


def test_cuda_requested_without_gpu_is_a_clear_error(synthetic_models_dir):
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("a GPU is present")
    engine = Engine(synthetic_models_dir, device="cuda")
    with pytest.raises(TranslatorError, match="no CUDA GPU"):
        engine.translate("ru", RU[:1])
    assert Engine(synthetic_models_dir, device="auto").resolved_device() == "cpu"


def test_import_is_cheap():
    code = (
        "import sys, translator.engine.engine, translator.store.models, translator.cache\n"
        "names = ('ctranslate2', 'sentencepiece', 'argostranslate')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""
