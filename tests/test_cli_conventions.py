"""The conventions users expect from a command-line tool, checked on the real executable.

detect reports every language it recognises; --no-translate gives key points in the article's
own language with no model; --version, shell completion, usage errors for contradictory options
and bad choices, help that names arguments plainly; and a bug met while processing one document
is a one-line error for that document alone.

In-process (`invoke_cli`: the command's arguments, streams and exit status, without starting an
interpreter); the installed script itself is started in test_cli.py, pipes in test_pipes.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers_cli import ENGLISH, GERMAN, REPO, RUSSIAN, UKRAINIAN, assert_clean_stderr, invoke_cli

# One sentence in each of the look-alike languages newsbrief recognises but does not translate.
NOT_TRANSLATED = {
    "be": "Гэта быў вельмі цікавы дзень для ўсіх нас, і мы доўга пра яго гаварылі.",
    "bg": "Общинският съвет одобри в сряда плана за ремонт на пътищата през следващите три години.",
    "mk": "Градскиот совет во среда го одобри планот за поправка на патиштата за наредните три "
    "години.",
    "sr": "Градско веће је у среду усвојило план за поправку путева за наредне три године.",
    "kk": "Қалалық кеңес сәрсенбі күні алдағы үш жылға арналған жолдарды жөндеу жоспарын бекітті.",
    "de": GERMAN,
}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- detect reports, it does not refuse ------------------------------------------------------


def test_detect_reports_languages_it_does_not_translate(tmp_path, no_models):
    files = [write(tmp_path, f"{code}.txt", text) for code, text in NOT_TRANSLATED.items()]
    result = invoke_cli(["detect", "--format", "jsonl", *files], env=no_models)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["language"] for r in records] == list(NOT_TRANSLATED)
    assert all(0 < r["confidence"] <= 1 and "error" not in r for r in records)


def test_detect_reads_belarusian_from_a_pipe():
    text = NOT_TRANSLATED["be"] + "\n"
    result = invoke_cli(["detect", "--format", "json"], input=text)
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)[0]["language"] == "be"
    # The commands that would need a model still refuse it, naming the language.
    refused = invoke_cli(["summarize"], input=text)
    assert refused.returncode == 1 and "Belarusian" in refused.stderr


# --- key points in the article's own language ----------------------------------------------


@pytest.mark.parametrize("text, language", [(RUSSIAN, "ru"), (UKRAINIAN, "uk"), (ENGLISH, "en")])
def test_no_translate_summarises_in_the_source_language_without_a_model(
    tmp_path, no_models, text, language
):
    article = write(tmp_path, "article.txt", text)
    result = invoke_cli(["summarize", "--no-translate", "-n", "2", "--format", "json", article],
                     env=no_models)
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert record["language"] == language and record["text_language"] == language
    sentences = text.replace("\n", " ")
    for point in record["key_points"]:
        assert point["text"] == point["original"] and point["text"] in sentences
    # Plain text output: the key points as written.
    plain = invoke_cli(["summarize", "--no-translate", "-n", "2", article], env=no_models)
    assert [line[2:] for line in plain.stdout.splitlines()] == [
        p["text"] for p in record["key_points"]
    ]


def test_a_missing_model_points_summaries_to_no_translate(tmp_path, no_models):
    article = write(tmp_path, "ru.txt", RUSSIAN)
    summary = invoke_cli(["summarize", article], env=no_models)
    assert summary.returncode == 1
    assert "newsbrief models install ru" in summary.stderr and "--no-translate" in summary.stderr
    translation = invoke_cli(["translate", article], env=no_models)
    assert translation.returncode == 1 and "--no-translate" not in translation.stderr


def test_translated_records_say_their_text_is_english(tmp_path, synthetic_models_dir):
    article = write(tmp_path, "ru.txt", RUSSIAN)
    env = {"NEWSBRIEF_MODELS_DIR": str(synthetic_models_dir)}
    result = invoke_cli(["summarize", "-n", "2", "--format", "jsonl", article], env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["text_language"] == "en"


def test_no_translate_compares_in_the_source_languages(tmp_path, no_models):
    ru = write(tmp_path, "ru.txt", RUSSIAN)
    ru2 = write(tmp_path, "ru2.txt", RUSSIAN.replace("в среду", "во вторник"))
    uk = write(tmp_path, "uk.txt", UKRAINIAN)
    result = invoke_cli(["compare", "--no-translate", "--format", "json", ru, ru2, uk],
                        env=no_models)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [(s["language"], s["text_language"]) for s in report["sources"]] == [
        ("ru", "ru"), ("ru", "ru"), ("uk", "uk")]
    shared = [p for p in report["points"] if len(p["members"]) > 1]
    assert shared, "two Russian accounts of one story share points"
    for point in report["points"]:
        for member in point["members"]:
            assert member["text"] == member["original"]


def test_no_translate_contradicting_an_english_option_is_a_usage_error(tmp_path):
    article = write(tmp_path, "ru.txt", RUSSIAN)
    for option in (["--side-by-side"], ["--summarize-in", "en"],
                   ["--translate-only", "key-points"]):
        result = invoke_cli(["summarize", "--no-translate", *option, article])
        assert result.returncode == 2, option
        assert "--no-translate" in result.stderr and "Traceback" not in result.stderr


def test_key_points_translation_ranks_as_written_so_summarize_in_en_contradicts_it(tmp_path):
    """--translate-only key-points ranks the source; a typed --summarize-in en was ignored."""
    article = write(tmp_path, "en.txt", ENGLISH)
    refused = invoke_cli(["summarize", "--translate-only", "key-points", "--summarize-in", "en",
                          article])
    assert refused.returncode == 2
    assert "--summarize-in" in refused.stderr and "as written" in refused.stderr
    agreeing = invoke_cli(["summarize", "--translate-only", "key-points", "--summarize-in",
                           "source", article])
    assert agreeing.returncode == 0, agreeing.stderr
    assert agreeing.stdout.startswith("• ")


# --- conventions ---------------------------------------------------------------------------


def test_version_comes_from_the_package_metadata():
    from importlib.metadata import version

    for flag in ("--version", "-V"):
        result = invoke_cli([flag])
        assert result.returncode == 0
        assert result.stdout == f"newsbrief {version('newsbrief')}\n"


@pytest.fixture
def shell_detected(monkeypatch):
    """Which shell typer's detection (shellingham, from the parent processes) finds: None for
    none, as under cron or a non-shell parent."""
    import shellingham

    def detected(name: str | None) -> None:
        def detect_shell():
            if name is None:
                raise shellingham.ShellDetectionFailure()
            return name, f"/bin/{name}"

        monkeypatch.setattr(shellingham, "detect_shell", detect_shell)

    return detected


def test_shell_completion_is_offered(shell_detected):
    assert "--install-completion" in invoke_cli(["--help"]).stdout
    shell_detected("bash")
    script = invoke_cli(["--show-completion"])
    assert script.returncode == 0, script.stderr
    assert "complete" in script.stdout and "_NEWSBRIEF_COMPLETE" in script.stdout
    # The completion the script asks for answers.
    words = invoke_cli([], env={"_NEWSBRIEF_COMPLETE": "complete_bash",
                                "COMP_WORDS": "newsbrief sum", "COMP_CWORD": "1"})
    assert words.returncode == 0 and words.stdout.split() == ["summarize"]


def test_shell_completion_for_a_named_shell_needs_no_detection(shell_detected, isolated_env):
    shell_detected(None)  # run from a script: no shell among the parent processes
    zsh = invoke_cli(["--show-completion", "zsh"])
    assert zsh.returncode == 0, zsh.stderr
    assert zsh.stdout.startswith("#compdef newsbrief")
    bash = invoke_cli(["--show-completion", "bash"])
    assert "complete -o default -F _newsbrief_completion newsbrief" in bash.stdout
    installed = invoke_cli(["--install-completion", "bash"])
    assert installed.returncode == 0, installed.stderr
    assert "bash completion installed in" in installed.stdout
    script = isolated_env / "home" / ".bash_completions" / "newsbrief.sh"
    assert "_NEWSBRIEF_COMPLETE" in script.read_text(encoding="utf-8")
    assert f"source '{script}'" in (isolated_env / "home" / ".bashrc").read_text(encoding="utf-8")
    unknown = invoke_cli(["--show-completion", "sh"])
    assert unknown.returncode == 1 and "Shell sh not supported." in unknown.stderr


def test_ratio_with_a_count_is_a_usage_error(tmp_path):
    article = write(tmp_path, "en.txt", ENGLISH)
    result = invoke_cli(["summarize", "-n", "3", "--ratio", "0.2", article])
    assert result.returncode == 2 and result.stdout == ""
    assert "--ratio" in result.stderr and "-n/--sentences" in result.stderr
    alone = invoke_cli(["summarize", "--ratio", "0.5", "--format", "json", article])
    assert alone.returncode == 0, alone.stderr


def test_a_bad_choice_reads_like_the_other_usage_errors():
    result = invoke_cli(["summarize", "--format", "mdown"])
    assert result.returncode == 2
    error = result.stderr.strip().splitlines()[-1]
    assert error == (
        "Error: Invalid value for '--format' / '-f': 'mdown' is not one of 'text', 'markdown', "
        "'json', 'jsonl', 'html'."
    )


@pytest.mark.parametrize("command, argument", [("summarize", "INPUT..."), ("compare", "INPUT..."),
                                               ("detect", "INPUT..."), ("batch", "IN_DIR"),
                                               ("models install", "LANG|NAME|URL|PATH..."),
                                               ("models use", "LANG...")])
def test_help_names_arguments_without_python_types(command, argument):
    out = invoke_cli([*command.split(), "--help"]).stdout
    assert re.search(rf"^  {re.escape(argument)}\s{{2,}}\S", out, re.M), out
    assert "<list[" not in out and "<path>" not in out


# --- a bug meets one document: that document fails, alone -----------------------------------

@pytest.fixture
def faulty(monkeypatch):
    """Make the pipeline (or the JSON renderer) raise for a document whose id contains "boom",
    the way an unforeseen bug would."""
    from newsbrief import key_points
    from newsbrief.render import jsonout

    def fault(where: str) -> None:
        if where == "summarize":
            real_summarize = key_points.summarize_work

            def summarize_work(work, options):
                if "boom" in work.doc.id:
                    raise RuntimeError("injected\nfault")
                return real_summarize(work, options)

            monkeypatch.setattr(key_points, "summarize_work", summarize_work)
        else:
            # Every JSON record (json, jsonl, to_record) is made by jsonout.FIELDS' makers.
            real_fields = jsonout.FIELDS["summarize"]

            def fields(article):
                if "boom" in article.id:
                    raise KeyError("injected fault")
                return real_fields(article)

            monkeypatch.setitem(jsonout.FIELDS, "summarize", fields)

    return fault


@pytest.mark.parametrize("where, fmt", [("summarize", "jsonl"), ("summarize", "text"),
                                        ("render", "json"), ("render", "jsonl")])
def test_an_unexpected_error_fails_only_its_document(tmp_path, faulty, where, fmt):
    files = [write(tmp_path, name, ENGLISH) for name in ("a.txt", "boom.txt", "c.txt")]
    faulty(where)
    # Through cli.main(), as the console script runs: a fault that escaped the document would
    # show as its "internal error" line (and fail the single-line check below).
    result = invoke_cli(["summarize", "-n", "1", "--format", fmt, *files], main=True)
    assert result.returncode == 1
    assert_clean_stderr(result.stderr)
    (error,) = result.stderr.splitlines()
    assert error.startswith(f"newsbrief: error: {files[1]}: unexpected error: ")
    assert "injected fault" in error  # a message of several lines still takes one
    for good in (files[0], files[2]):
        assert str(good) in result.stdout
    if fmt == "json":
        assert [r["id"] for r in json.loads(result.stdout)] == [str(files[0]), str(files[2])]


def test_readme_and_help_point_to_the_contract_in_the_project():
    contract = REPO / "docs" / "cli-contract.md"
    assert contract.is_file()
    assert "docs/cli-contract.md" in (REPO / "README.md").read_text(encoding="utf-8")
    assert "shared project folder" not in (REPO / "README.md").read_text(encoding="utf-8")
