"""Model families beside Argos packages (issue 15): NLLB-200 and Marian/OPUS-MT folders.

The folders are laid out as the documented converters write them (tests/synthetic_families.py)
with random weights: the output is gibberish, so the tests check the token layout each family
needs, where the files go, and that the whole CLI path runs, never the quality of a translation.

The CLI paths run through the CLI app in this process (invoke_cli); one translation, NLLB's,
runs through the real executable, so a converted folder is seen loading and translating in a
process of its own as a user starts it.
"""

from __future__ import annotations

import json
import shutil

import pytest
from helpers_cli import (
    RUSSIAN,
    UKRAINIAN,
    assert_clean_stderr,
    invoke_cli,
    run_cli,
    russian_variant,
)
from synthetic_families import TRICKY, build_marian, build_nllb

from translator import families
from translator.engine.engine import Engine
from translator.errors import InvalidPackageError, NotInstalledError
from translator.install.converted import install_converted
from translator.store import choices, models


@pytest.fixture
def converted(converted_folders):
    """Converted folders of each family, as a user would have copied them over."""
    return converted_folders


@pytest.fixture
def nllb_dir(converted, tmp_path):
    target = tmp_path / "models"
    install_converted(converted["nllb"], None, target)
    return target


# -- recognising and installing ----------------------------------------------------------------

def test_family_detection(converted):
    assert families.detect_family(converted["nllb"]) == families.Detected("nllb", ["ru", "uk"])
    assert families.detect_family(converted["marian"]) == families.Detected("marian", [])


def test_nllb_languages_come_from_its_tokens(converted, tmp_path):
    only_ru = build_nllb(tmp_path / "src", "nllb-ru", language_tokens=["eng_Latn", "rus_Cyrl"])
    model = install_converted(only_ru, None, tmp_path / "m")
    assert (model.family, model.sources) == ("nllb", ("ru",))
    with pytest.raises(InvalidPackageError, match="language tokens for ru"):
        install_converted(only_ru, ["uk"], tmp_path / "m2")


@pytest.mark.parametrize("missing", ["model.bin", "config.json", "source.spm"])
def test_incomplete_folder_is_refused_and_leaves_nothing(converted, tmp_path, missing):
    broken = tmp_path / "opus-mt-ru-en"
    shutil.copytree(converted["marian"], broken)
    (broken / missing).unlink()
    target = tmp_path / "models"
    with pytest.raises(InvalidPackageError, match=missing.split(".")[0]):
        install_converted(broken, ["ru"], target)
    assert not target.exists() or list(target.iterdir()) == []


@pytest.mark.usefixtures("warm_langid_cache")
def test_install_list_translate_summarize_remove_through_the_cli(converted, tmp_path):
    """NLLB end to end: `models install --dir`, list, translate, summarize, remove."""
    env = {"NEWSBRIEF_MODELS_DIR": str(tmp_path / "models")}
    installed = invoke_cli(["models", "install", "--dir", converted["nllb"]], env=env)
    assert installed.returncode == 0, installed.stderr
    assert "ru,uk→en (nllb-200-distilled-600M, nllb)" in installed.stdout

    listed = invoke_cli(["models", "list"], env=env)
    assert "nllb-200-distilled-600M" in listed.stdout and " nllb " in listed.stdout
    assert "ru→en uses nllb-200-distilled-600M (nllb)" in listed.stdout
    assert "uk→en uses nllb-200-distilled-600M (nllb)" in listed.stdout
    assert "MB" in listed.stdout and "missing" not in listed.stdout

    ru, uk = tmp_path / "ru.txt", tmp_path / "uk.txt"
    ru.write_text(RUSSIAN, encoding="utf-8")
    uk.write_text(UKRAINIAN, encoding="utf-8")
    # The real executable: a converted folder loads and translates in a process of its own.
    translated = run_cli(["translate", "--format", "jsonl", ru, uk], env=env)
    assert translated.returncode == 0, translated.stderr
    records = [json.loads(line) for line in translated.stdout.splitlines()]
    assert [r["language"] for r in records] == ["ru", "uk"]
    for record in records:
        texts = [s["text"] for s in record["sentences"]]
        assert len(texts) == len(record["sentences"]) > 3  # sentence-aligned
        assert all(t.strip() for t in texts)
        assert not any(code in t for t in texts for code in ("eng_Latn", "rus_Cyrl", "</s>"))

    summary = invoke_cli(["summarize", "--format", "json", ru], env=env)
    assert summary.returncode == 0, summary.stderr
    (record,) = json.loads(summary.stdout)
    assert record["key_points"]
    assert_clean_stderr(summary.stderr)

    only_points = invoke_cli(["summarize", "--translate-only", "key-points", "--fast",
                           "--format", "json", uk], env=env)
    assert only_points.returncode == 0, only_points.stderr
    points = json.loads(only_points.stdout)[0]["key_points"]
    assert points and all(p["text"].strip() and p["text"] != p["original"] for p in points)

    refused = invoke_cli(["models", "remove", "ru"], env=env)
    assert refused.returncode == 1
    assert "models remove nllb-200-distilled-600M" in refused.stderr
    removed = invoke_cli(["models", "remove", "nllb-200-distilled-600M"], env=env)
    assert removed.returncode == 0, removed.stderr
    assert "missing: ru" in invoke_cli(["models", "list"], env=env).stdout


def test_marian_needs_from_and_takes_it(converted, tmp_path):
    env = {"NEWSBRIEF_MODELS_DIR": str(tmp_path / "models")}
    refused = invoke_cli(["models", "install", "--dir", converted["marian"]], env=env)
    assert refused.returncode == 1 and "--from ru" in refused.stderr
    assert_clean_stderr(refused.stderr)
    both = invoke_cli(["models", "install", "--dir", converted["zle"], "--from", "ru,uk"], env=env)
    assert both.returncode == 0, both.stderr
    assert "ru,uk→en (opus-mt-tc-big-zle-en, marian)" in both.stdout
    usage = invoke_cli(["models", "install", "ru", "--from", "ru"], env=env)
    assert usage.returncode == 2


def test_reinstall_replaces_same_name_and_never_touches_others(converted, nllb_dir, tmp_path):
    install_converted(converted["marian"], ["ru"], nllb_dir)
    again = install_converted(converted["nllb"], None, nllb_dir)
    names = sorted(p.name for p in nllb_dir.iterdir())
    assert names == ["nllb-200-distilled-600M", "opus-mt-ru-en"]
    assert again.sources == ("ru", "uk")


def test_preference_by_family_unless_only_one(converted, synthetic_models_dir, tmp_path):
    target = tmp_path / "models"
    shutil.copytree(synthetic_models_dir, target)
    assert choices.find_model("ru", target).family == "argos"
    install_converted(converted["marian"], ["ru"], target)
    assert choices.find_model("ru", target).family == "marian"
    assert choices.find_model("uk", target).family == "argos"
    install_converted(converted["nllb"], None, target)
    assert choices.find_model("ru", target).family == "nllb"
    # An Argos package installed afterwards replaces only the Argos ru→en package.
    assert len(models.list_installed(target)) == 4


def test_argostranslate_ignores_installed_families(nllb_dir, synthetic_models_dir):
    """The models folder is argostranslate's too: it must still load its packages."""
    from argostranslate import package

    for child in synthetic_models_dir.iterdir():
        shutil.copytree(child, nllb_dir / child.name)
    found = package.get_installed_packages([nllb_dir])
    assert sorted(p.from_code for p in found if p.type == "translate") == ["ru", "uk"]


# -- the token layouts the engine sends --------------------------------------------------------

class Recorder:
    """Wraps a CTranslate2 Translator and records what translate_batch receives."""

    def __init__(self, inner):
        self.inner, self.calls = inner, []

    def translate_batch(self, source, **kwargs):
        self.calls.append((source, kwargs))
        return self.inner.translate_batch(source, **kwargs)


def _recorded(engine: Engine, lang: str, sentences: list[str]):
    engine.load(lang)
    pkg = engine._package(lang)
    recorder = Recorder(pkg.translator)
    pkg.translator = recorder
    out = engine.translate(lang, sentences)
    return out, recorder.calls


def test_nllb_layout_and_one_model_for_both_languages(nllb_dir):
    engine = Engine(nllb_dir, inter_threads=1)
    out, calls = _recorded(engine, "ru", TRICKY[:3])
    assert all(t.strip() and "eng_Latn" not in t for t in out)
    for source, kwargs in calls:
        assert all(s[0] == "rus_Cyrl" and s[-1] == "</s>" for s in source)
        assert kwargs["target_prefix"] == [["eng_Latn"]] * len(source)
    engine.load("uk")
    assert engine._package("uk").translator is engine._package("ru").translator  # loaded once
    _, calls = _recorded(engine, "uk", TRICKY[3:5])
    assert all(s[0] == "ukr_Cyrl" for source, _ in calls for s in source)
    # The cache tells the languages apart: one model, two source tokens.
    assert engine.model_identity("ru") != engine.model_identity("uk")


@pytest.mark.parametrize("opus_converter", [False, True])
def test_marian_layout_follows_the_converter(tmp_path, opus_converter):
    folder = build_marian(tmp_path / "src", sources=("ru",), opus_converter=opus_converter)
    install_converted(folder, ["ru"], tmp_path / "m")
    out, calls = _recorded(Engine(tmp_path / "m", inter_threads=1), "ru", TRICKY[:3])
    assert all(t.strip() for t in out)
    for source, kwargs in calls:
        # transformers-converted: newsbrief appends </s>; ct2-opus-mt-converter: CTranslate2
        # does (add_source_eos), so newsbrief must not.
        assert all((s[-1] == "</s>") != opus_converter for s in source)
        assert kwargs.get("target_prefix") is None


# -- the same tokens as the reference tokenizers (transformers, without torch or hub) ----------

SENTENCES = TRICKY + [
    "«Ёлочки» и „лапки“ — 100% ясно, что №7 не 3,14.",
    "Зеленський у Brussels: 'NATO' та ЄС, 2024–2025 рр.",
    "Пробелы   между   словами",  # sentences arrive stripped (the splitter strips them)
    "Символы вне словаря: 你好 ☃ ✓",
]


def _vocabulary(folder):
    return set(families.read_vocabulary(folder))


def _as_model_sees(tokens, vocabulary):
    """newsbrief keeps the surface text of out-of-vocabulary pieces; the model sees <unk>."""
    return [t if t in vocabulary else "<unk>" for t in tokens]


def test_nllb_tokens_equal_nllb_tokenizer(converted):
    transformers = pytest.importorskip("transformers")
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    folder = converted["nllb"]
    vocabulary = _vocabulary(folder)
    for lang, code in (("ru", "rus_Cyrl"), ("uk", "ukr_Cyrl")):
        reference = transformers.NllbTokenizer.from_pretrained(
            str(folder), src_lang=code, tgt_lang="eng_Latn",
            extra_special_tokens=FAIRSEQ_LANGUAGE_CODES,
        )
        ours = families.adapter_for("nllb", lang, folder.parent, {})
        ours.model_dir = folder
        ours.load()
        for sentence in SENTENCES:
            expected = reference.convert_ids_to_tokens(reference.encode(sentence))
            assert _as_model_sees(ours.encode(sentence), vocabulary) == expected, sentence
        # Decoding: the target prefix and every special or language token go.
        pieces = [t for t in reference.convert_ids_to_tokens(reference.encode(SENTENCES[0]))]
        for tokens in (["eng_Latn", *pieces[1:-1]], ["eng_Latn", *pieces[1:4], "deu_Latn",
                                                   *pieces[4:]], pieces):
            ids = reference.convert_tokens_to_ids(tokens)
            assert ours.decode(tokens) == reference.decode(ids, skip_special_tokens=True)


@pytest.mark.parametrize("name", ["marian", "zle"])
def test_marian_tokens_equal_marian_tokenizer(converted, name):
    transformers = pytest.importorskip("transformers")
    folder = converted[name]
    reference = transformers.MarianTokenizer(
        str(folder / "source.spm"), str(folder / "target.spm"), str(folder / "vocab.json")
    )
    ours = families.adapter_for("marian", "ru", folder.parent, {})
    ours.model_dir = folder
    ours.load()
    adds_eos = name == "marian"  # the zle folder is ct2-opus-mt-converter's: add_source_eos
    vocabulary = _vocabulary(folder)
    for sentence in SENTENCES:
        expected = reference.convert_ids_to_tokens(reference.encode(sentence))
        tokens = ours.encode(sentence) + ([] if adds_eos else ["</s>"])
        assert _as_model_sees(tokens, vocabulary) == expected, sentence
    import sentencepiece as spm

    target = spm.SentencePieceProcessor(model_file=str(folder / "target.spm"))
    source = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
    outputs = [target.encode(s, out_type=str) for s in SENTENCES if s.isascii()]
    # A decoder may also emit pieces that only the source model has (shared vocabulary).
    outputs += [source.encode(s, out_type=str)[:6] + target.encode("in 2025.", out_type=str)
                for s in SENTENCES[:3]]
    for pieces in outputs:
        tokens = [t for t in pieces if t in vocabulary] + ["</s>"]
        ids = reference.convert_tokens_to_ids(tokens)
        # transformers 5 decodes with the source model unless told (shared vocabularies); the
        # CTranslate2 guide decodes with target.spm, as newsbrief does.
        expected = reference.decode(ids, skip_special_tokens=True, use_source_tokenizer=False)
        assert ours.decode(tokens) == expected


def test_remove_unknown_name_says_what_is_installed(nllb_dir):
    with pytest.raises(NotInstalledError, match="installed: ru,uk→en"):
        models.remove("opus-mt-xx", nllb_dir)


# -- which model translates which language: the user's choice ----------------------------------

def test_models_use_and_model_option_choose_per_language(converted, synthetic_models_dir,
                                                          tmp_path):
    target = tmp_path / "models"
    shutil.copytree(synthetic_models_dir, target)
    install_converted(converted["nllb"], None, target)
    env = {"NEWSBRIEF_MODELS_DIR": str(target)}
    assert choices.find_model("uk", target).family == "nllb"  # default: the larger BLEU

    chosen = invoke_cli(["models", "use", "argos", "uk"], env=env)
    assert chosen.returncode == 0, chosen.stderr
    assert "uk→en: Ukrainian→English (argos)" in chosen.stdout
    assert choices.find_model("uk", target).family == "argos"
    assert choices.find_model("ru", target).family == "nllb"  # only uk was chosen
    assert "uk→en uses Ukrainian→English (argos) (your choice)" in invoke_cli(
        ["models", "list"], env=env).stdout

    # Per run: --model wins over the saved choice; a language it does not serve keeps its own.
    assert choices.find_model("uk", target, model="nllb-200-distilled-600M").family == "nllb"
    uk = tmp_path / "uk.txt"
    uk.write_text(UKRAINIAN, encoding="utf-8")
    saved = invoke_cli(["translate", "--no-cache", uk], env=env)
    per_run = invoke_cli(["translate", "--no-cache", "--model", "nllb", uk], env=env)
    default = invoke_cli(["translate", "--no-cache", uk],
                      env={**env, "NEWSBRIEF_MODEL": "nllb"})
    assert saved.returncode == per_run.returncode == default.returncode == 0
    assert saved.stdout != per_run.stdout == default.stdout

    bogus = invoke_cli(["translate", "--model", "nope", uk], env=env)
    assert bogus.returncode == 1 and "--model nope: no installed model" in bogus.stderr
    assert_clean_stderr(bogus.stderr)

    assert invoke_cli(["models", "use", "auto"], env=env).returncode == 0
    assert choices.find_model("uk", target).family == "nllb"
    refused = invoke_cli(["models", "use", "nope"], env=env)
    assert refused.returncode == 1 and "installed:" in refused.stderr


def test_compare_and_batch_with_nllb_and_batch_redoes_on_a_family_switch(
    converted, synthetic_models_dir, tmp_path
):
    target = tmp_path / "models"
    shutil.copytree(synthetic_models_dir, target)
    env = {"NEWSBRIEF_MODELS_DIR": str(target)}
    tree = tmp_path / "in"
    tree.mkdir()
    (tree / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    (tree / "uk.txt").write_text(UKRAINIAN, encoding="utf-8")
    out = tmp_path / "out"
    first = invoke_cli(["batch", tree, "-o", out, "--no-cache"], env=env)
    assert first.returncode == 0, first.stderr
    assert "2 summarised" in first.stderr

    # Installing NLLB changes the model serving both languages: both articles are redone.
    install_converted(converted["nllb"], None, target)
    second = invoke_cli(["batch", tree, "-o", out, "--no-cache"], env=env)
    assert second.returncode == 0, second.stderr
    assert "2 summarised, 0 unchanged" in second.stderr
    # Choosing Argos again for uk only: only the Ukrainian article is redone.
    assert invoke_cli(["models", "use", "argos", "uk"], env=env).returncode == 0
    third = invoke_cli(["batch", tree, "-o", out, "--no-cache"], env=env)
    assert "1 summarised, 1 unchanged" in third.stderr

    compared = invoke_cli(["compare", "--format", "json", "--model", "nllb",
                        tree / "ru.txt", tree / "uk.txt"], env=env)
    assert compared.returncode == 0, compared.stderr
    assert_clean_stderr(compared.stderr)
    assert json.loads(compared.stdout)


def test_links_in_a_converted_folder_are_refused(converted, tmp_path):
    folder = tmp_path / "opus-mt-ru-en"
    shutil.copytree(converted["marian"], folder)
    (folder / "target.spm").unlink()
    (folder / "target.spm").symlink_to(converted["marian"] / "target.spm")
    with pytest.raises(InvalidPackageError, match="target.spm is a link"):
        install_converted(folder, ["ru"], tmp_path / "m")
    assert not (tmp_path / "m").exists() or list((tmp_path / "m").iterdir()) == []


# -- M2M-100: the language-token layout again, with __xx__ tokens ------------------------------

def test_m2m100_installs_translates_and_matches_its_tokenizer(tmp_path):
    from synthetic_families import build_m2m100

    folder = build_m2m100(tmp_path / "src")
    assert families.detect_family(folder) == families.Detected("m2m100", ["ru", "uk"])
    model = install_converted(folder, None, tmp_path / "m")
    assert (model.family, model.sources) == ("m2m100", ("ru", "uk"))
    out, calls = _recorded(Engine(tmp_path / "m", inter_threads=1), "uk", TRICKY[3:5])
    assert all(t.strip() and "__" not in t for t in out)
    for source, kwargs in calls:
        assert all(s[0] == "__uk__" and s[-1] == "</s>" for s in source)
        assert kwargs["target_prefix"] == [["__en__"]] * len(source)

    transformers = pytest.importorskip("transformers")
    reference = transformers.M2M100Tokenizer(
        str(folder / "vocab.json"), str(folder / "sentencepiece.bpe.model"),
        src_lang="ru", tgt_lang="en",
    )
    ours = families.adapter_for("m2m100", "ru", folder.parent, {})
    ours.model_dir = folder
    ours.load()
    vocabulary = _vocabulary(folder)
    for sentence in SENTENCES:
        expected = reference.convert_ids_to_tokens(reference.encode(sentence))
        assert _as_model_sees(ours.encode(sentence), vocabulary) == expected, sentence
    # CTranslate2's M2M-100 guide drops the target prefix, then decodes (transformers 5 keeps
    # __xx__ tokens even with skip_special_tokens); a stray language token inside goes too.
    pieces = reference.convert_ids_to_tokens(reference.encode(SENTENCES[5]))[1:-1]
    expected = reference.decode(reference.convert_tokens_to_ids(pieces), skip_special_tokens=True)
    assert ours.decode(["__en__", *pieces]) == expected
    assert ours.decode(["__en__", *pieces[:2], "__de__", *pieces[2:]]) == expected


@pytest.mark.parametrize("family", ["marian-opus-converter", "marian-transformers", "m2m100"])
def test_other_families_translate_and_summarize_through_the_cli(converted, tmp_path, family):
    from synthetic_families import build_m2m100

    if family == "m2m100":
        folder, extra = build_m2m100(tmp_path / "src"), []
    elif family == "marian-transformers":
        folder, extra = converted["marian"], ["--from", "ru"]
    else:
        folder, extra = converted["zle"], ["--from", "ru,uk"]
    env = {"NEWSBRIEF_MODELS_DIR": str(tmp_path / "models")}
    installed = invoke_cli(["models", "install", "--dir", folder, *extra], env=env)
    assert installed.returncode == 0, installed.stderr
    ru = tmp_path / "ru.txt"
    ru.write_text(RUSSIAN, encoding="utf-8")
    translated = invoke_cli(["translate", "--format", "json", "--beam", "2", ru], env=env)
    assert translated.returncode == 0, translated.stderr
    (record,) = json.loads(translated.stdout)
    texts = [s["text"] for s in record["sentences"]]
    assert len(texts) > 3 and all(t.strip() for t in texts)
    assert not any(tok in t for t in texts for tok in ("</s>", "__en__", "<unk>"))
    summary = invoke_cli(["summarize", "--fast", "--format", "json", ru], env=env)
    assert summary.returncode == 0, summary.stderr
    assert json.loads(summary.stdout)[0]["key_points"]
    assert_clean_stderr(translated.stderr + summary.stderr)
    # compare and batch run on the same family: every stage past translation is family-blind.
    other = tmp_path / "ru-2.txt"
    other.write_text(russian_variant(1), encoding="utf-8")
    compared = invoke_cli(["compare", "--fast", "--format", "json", ru, other], env=env)
    assert compared.returncode == 0, compared.stderr
    assert {s["id"] for s in json.loads(compared.stdout)["sources"]} == {str(ru), str(other)}
    tree = tmp_path / "in"
    tree.mkdir()
    shutil.copy(ru, tree / "ru.txt")
    batch = invoke_cli(["batch", tree, "-o", tmp_path / "out", "--fast"], env=env)
    assert batch.returncode == 0, batch.stderr
    assert "1 summarised" in batch.stderr and (tmp_path / "out" / "ru.md").is_file()
    assert_clean_stderr(compared.stderr)


def test_broken_converted_model_is_named_and_removable_by_name(converted, nllb_dir):
    (nllb_dir / "nllb-200-distilled-600M" / "model" / "sentencepiece.bpe.model").unlink()
    env = {"NEWSBRIEF_MODELS_DIR": str(nllb_dir)}
    listed = invoke_cli(["models", "list"], env=env)
    assert listed.returncode == 0
    assert "nllb-200-distilled-600M" in listed.stderr and "sentencepiece.bpe.model" in listed.stderr
    removed = invoke_cli(["models", "remove", "nllb-200-distilled-600M"], env=env)
    assert removed.returncode == 0, removed.stderr
    assert "removed broken package" in removed.stdout
    assert list(nllb_dir.iterdir()) == []
