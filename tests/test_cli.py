"""The `newsbrief` command: commands, formats, models, failures and exit statuses.

Run in-process (`invoke_cli`, the same arguments, streams and exit status as the executable),
except the one test that starts the installed console script itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_cli import invoke_cli, run_cli

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"

RUSSIAN = (
    "Власти города объявили о восстановлении паромной переправы через реку.\n"
    "\n"
    "Первый рейс запланирован на конец апреля. Билеты будут продаваться в кассах порта.\n"
    "Жители давно просили вернуть паром, сообщил мэр.\n"
)
ENGLISH = (
    "City officials said the river ferry will resume service in late April.\n"
    "\n"
    "Tickets will be sold at the port and online. Residents had long asked for the ferry.\n"
)


@pytest.fixture
def models(synthetic_models_dir):
    return {"NEWSBRIEF_MODELS_DIR": str(synthetic_models_dir)}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [[], ["detect"], ["translate"], ["summarize"], ["compare"], ["batch"], ["models"],
     ["models", "list"], ["models", "install"], ["models", "remove"]],
)
def test_every_command_has_help(command):
    result = invoke_cli([*command, "--help"])
    assert result.returncode == 0, result.stderr
    assert "Usage: newsbrief" in result.stdout
    assert "Traceback" not in result.stderr


def test_the_installed_console_script_starts_and_helps():
    """The venv's `newsbrief` script, a process of its own: help and version, nothing else."""
    result = run_cli(["--help"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: newsbrief [OPTIONS] COMMAND [ARGS]...")
    assert result.stderr == ""
    assert run_cli(["--version"]).stdout.startswith("newsbrief ")


def test_help_names_the_options_that_exist():
    out = invoke_cli(["summarize", "--help"]).stdout
    for option in ("--sentences", "--ratio", "--algorithm", "--side-by-side", "--format",
                   "--summarize-in", "--translate-only", "--from", "--fast", "--beam"):
        assert option in out


def test_english_passes_through_without_any_model(tmp_path, no_models):
    article = write(tmp_path, "en.txt", ENGLISH)
    result = invoke_cli(["translate", article], env=no_models)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ENGLISH.strip()


def test_russian_translation_is_sentence_aligned_json(tmp_path, models):
    article = write(tmp_path, "ru.txt", RUSSIAN)
    result = invoke_cli(["translate", "--format", "json", article], env=models)
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert record["id"] == str(article)
    assert record["language"] == "ru"
    sources = [s["source"] for s in record["sentences"]]
    assert sources == [
        "Власти города объявили о восстановлении паромной переправы через реку.",
        "Первый рейс запланирован на конец апреля.",
        "Билеты будут продаваться в кассах порта.",
        "Жители давно просили вернуть паром, сообщил мэр.",
    ]
    assert all(s["text"].strip() for s in record["sentences"])
    # Paragraph layout: three paragraphs, the blank line kept.
    assert len(record["text"].split("\n")) == 4
    assert record["text"].split("\n")[1] == ""


def test_translation_is_deterministic_and_cached_runs_agree(tmp_path, models):
    article = write(tmp_path, "ru.txt", RUSSIAN)
    first = invoke_cli(["translate", "--format", "jsonl", article], env=models)
    second = invoke_cli(["translate", "--format", "jsonl", article], env=models)
    uncached = invoke_cli(["translate", "--format", "jsonl", "--no-cache", article], env=models)
    assert first.returncode == second.returncode == uncached.returncode == 0
    assert first.stdout == second.stdout == uncached.stdout


def test_missing_model_names_the_command_and_others_still_complete(tmp_path, no_models):
    ru = write(tmp_path, "a_ru.txt", RUSSIAN)
    en = write(tmp_path, "b_en.txt", ENGLISH)
    result = invoke_cli(["translate", "--format", "jsonl", ru, en], env=no_models)
    assert result.returncode == 1
    assert "newsbrief models install ru" in result.stderr
    assert "Traceback" not in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in lines] == [str(ru), str(en)]
    assert "error" in lines[0]
    assert lines[1]["text"].strip() == ENGLISH.strip()


def test_unsupported_language_fails_with_its_name_unless_forced(tmp_path, models):
    bulgarian = write(
        tmp_path,
        "bg.txt",
        "Правителството обяви нови мерки за подкрепа на земеделските производители. "
        "Първите плащания се очакват още през май, съобщиха от министерството.",
    )
    refused = invoke_cli(["translate", bulgarian], env=models)
    assert refused.returncode == 1
    assert "Bulgarian" in refused.stderr and "--from" in refused.stderr
    assert refused.stdout == ""
    forced = invoke_cli(["translate", "--from", "ru", bulgarian], env=models)
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout.strip()


def test_detect_reports_contract_fields_for_the_mixed_sample(models):
    result = invoke_cli(
        ["detect", "--format", "json", SAMPLES / "uk_headline_ru_body.txt"], env=models
    )
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert record["language"] == "ru"
    assert 0 <= record["confidence"] <= 1
    languages = [p["language"] for p in record["paragraphs"]]
    assert languages[0] == "uk"
    assert "ru" in languages[1:]
    assert [p["index"] for p in record["paragraphs"]] == list(range(len(languages)))


def test_summarize_gives_contract_fields_with_originals(tmp_path, models):
    # The synthetic model's "English" is gibberish, so rank the Russian itself.
    result = invoke_cli(
        ["summarize", "-n", "3", "--summarize-in", "source", "--format", "json",
         SAMPLES / "ru_outlet.txt"],
        env=models,
    )
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert record["language"] == "ru"
    assert record["algorithm"] == "default"
    points = record["key_points"]
    assert len(points) == 3
    assert [p["position"] for p in points] == sorted(p["position"] for p in points)
    assert sorted(p["rank"] for p in points) == [1, 2, 3]
    original = (SAMPLES / "ru_outlet.txt").read_text(encoding="utf-8")
    for point in points:
        assert point["original"] in original
        assert point["text"].strip()


def test_summarize_english_text_originals_equal_text(tmp_path):
    article = SAMPLES / "en_wire.txt"
    result = invoke_cli(["summarize", "--format", "jsonl", "-n", "2", article])
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert all(p["text"] == p["original"] for p in record["key_points"])


def test_summarize_side_by_side_shows_both_columns(models):
    result = invoke_cli(
        ["summarize", "--side-by-side", "-n", "2", SAMPLES / "ru_outlet.txt"],
        env={**models, "COLUMNS": "120"},
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes
    cyrillic = sum(1 for ch in result.stdout if "а" <= ch.lower() <= "я")
    assert cyrillic > 20


SEEDS = REPO.parent / "shared" / "seeds"


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
@pytest.mark.parametrize("folder", [SAMPLES, SEEDS], ids=["samples", "seeds"])
def test_compare_in_every_format(models, fmt, folder):
    articles = sorted(folder.glob("*.txt"))
    if not articles:
        pytest.skip(f"{folder} is not here")
    result = invoke_cli(["compare", "--format", fmt, *articles], env=models)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    if fmt == "json":
        record = json.loads(result.stdout)
        assert [s["id"] for s in record["sources"]] == [str(a) for a in articles]
        assert record["points"]
        counts = [len(p["members"]) for p in record["points"]]
        assert counts == sorted(counts, reverse=True)
    if fmt == "html":
        assert result.stdout.lstrip().lower().startswith("<!doctype html")


def test_compare_with_one_source_says_so(models):
    result = invoke_cli(["compare", SAMPLES / "en_wire.txt"], env=models)
    assert result.returncode == 1
    assert "at least two" in result.stderr


def test_compare_says_which_input_it_left_out_as_a_repeat(models, tmp_path):
    """A file named twice is one outlet, with a warning naming it (not two outlets that report
    every point alike); named twice and nothing else, it is no comparison."""
    wire, local = SAMPLES / "en_wire.txt", SAMPLES / "en_local.txt"
    result = invoke_cli(["compare", "--format", "json", wire, local, wire], env=models)
    assert result.returncode == 0, result.stderr
    assert f"newsbrief: warning: {wire}: given twice; compared once" in result.stderr
    assert [s["id"] for s in json.loads(result.stdout)["sources"]] == [str(wire), str(local)]
    alone = invoke_cli(["compare", wire, wire], env=models)
    assert alone.returncode == 1
    assert "at least two different articles; got 1" in alone.stderr
    assert "Traceback" not in alone.stderr and not alone.stdout


def test_output_file_is_written_whole(tmp_path):
    target = tmp_path / "out" / "summary.md"
    result = invoke_cli(
        ["summarize", "--format", "markdown", "-o", target, SAMPLES / "en_wire.txt"]
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").strip()
    assert not list(target.parent.glob("*.part"))


def test_usage_error_exits_2():
    assert invoke_cli(["summarize", "--algorithm", "nonsense", "x.txt"]).returncode == 2
    assert invoke_cli(["translate", "--format", "yaml"]).returncode == 2


def test_models_install_list_remove_offline(tmp_path, argosmodel_file):
    models_dir = tmp_path / "models"
    env = {"NEWSBRIEF_MODELS_DIR": str(models_dir)}
    listed = invoke_cli(["models", "list"], env=env)
    assert listed.returncode == 0
    assert "newsbrief models install ru" in listed.stdout

    installed = invoke_cli(["models", "install", "--file", argosmodel_file], env=env)
    assert installed.returncode == 0, installed.stderr
    assert "ru→en" in installed.stdout

    listed = invoke_cli(["models", "list"], env=env)
    assert "missing: ru" not in listed.stdout
    assert "missing: uk" in listed.stdout

    removed = invoke_cli(["models", "remove", "ru"], env=env)
    assert removed.returncode == 0, removed.stderr
    assert "missing: ru" in invoke_cli(["models", "list"], env=env).stdout
    again = invoke_cli(["models", "remove", "ru"], env=env)
    assert again.returncode == 1 and "Traceback" not in again.stderr


def test_models_install_bad_file_is_a_clear_error(tmp_path):
    bogus = write(tmp_path, "broken.argosmodel", "not a zip")
    result = invoke_cli(["models", "install", "--file", bogus],
                     env={"NEWSBRIEF_MODELS_DIR": str(tmp_path / "m")})
    assert result.returncode == 1
    assert "broken.argosmodel" in result.stderr
    assert "Traceback" not in result.stderr
