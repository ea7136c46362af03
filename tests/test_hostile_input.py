"""Hostile and everyday input through the `newsbrief` command (issues 13 and 14, read stage).

A bad line, a damaged character or a file in the wrong encoding fails that one item with a line
on stderr, and every other record is still written. Run in-process (`invoke_cli`: the command's
arguments, stdin, stdout, stderr and exit status); where one command's output feeds the next,
it is handed on as a shell pipe would (real pipes between processes: test_pipes.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers_cli import ENGLISH, assert_clean_stderr, english_variant, invoke_cli

REPO = Path(__file__).resolve().parents[1]
GOOD = '{"id":"a","text":"The council met on Monday."}\n'


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def pipe(first: list, second: list) -> tuple[int, int, str, str]:
    """`newsbrief FIRST | newsbrief SECOND`, the first command's stdout the second's stdin;
    returns both exit statuses, the second's stdout and both stderrs."""
    one = invoke_cli(first)
    two = invoke_cli(second, input=one.stdout)
    return one.returncode, two.returncode, two.stdout, one.stderr + two.stderr


@pytest.mark.parametrize(
    "bad", ['{"id":1' + "0" * 4300 + "}", "[" * 100_000, '{"id":"b","text":'],
)
def test_one_bad_jsonl_line_fails_alone_and_the_rest_is_written(bad: str) -> None:
    result = invoke_cli(["summarize", "--format", "jsonl", "-n", "1"], input=GOOD + bad + "\n")
    assert result.returncode == 1
    assert_clean_stderr(result.stderr)
    assert "internal error" not in result.stderr
    good, failed = records(result.stdout)
    assert good["id"] == "a" and good["key_points"][0]["text"] == "The council met on Monday."
    assert failed["id"] == "-:2" and "error" in failed
    assert "newsbrief: error: -:2: line 2" in result.stderr


def test_lone_surrogate_is_replaced_with_a_warning(tmp_path: Path) -> None:
    src = tmp_path / "s.jsonl"
    src.write_text('{"id":"a","text":"\\ud800 The council met."}\n', encoding="utf-8")
    result = invoke_cli(["translate", src])
    assert result.returncode == 0, result.stderr
    assert_clean_stderr(result.stderr)
    assert result.stdout == "\ufffd The council met.\n"
    assert "U+FFFD" in result.stderr and "s.jsonl:1" in result.stderr


def test_jsonl_on_stdin_needs_no_option() -> None:
    lines = [
        '{"id":"a","text":"The council met on Monday. It approved the plan."}',
        '{"id":"b","text":"The ferry resumed on Wednesday. Tickets cost the same."}',
    ]
    result = invoke_cli(
        ["summarize", "-n", "1", "--format", "jsonl"], input="\n".join(lines) + "\n"
    )
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in records(result.stdout)] == ["a", "b"]


@pytest.fixture
def models_env(synthetic_models_dir, monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_MODELS_DIR", str(synthetic_models_dir))
    return synthetic_models_dir


def test_readme_jsonl_pipeline_keeps_the_three_records(models_env) -> None:
    samples = REPO / "samples" / "articles.jsonl"
    rc1, rc2, out, err = pipe(
        ["translate", "--format", "jsonl", samples], ["summarize", "--format", "jsonl"]
    )
    assert (rc1, rc2) == (0, 0), err
    got = records(out)
    ids = [json.loads(line)["id"] for line in samples.read_text("utf-8").splitlines()]
    assert [r["id"] for r in got] == ids
    assert all(r["key_points"] and "url" in r for r in got)


def test_text_of_several_documents_piped_on_stays_several_documents(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ENGLISH, encoding="utf-8")
    b.write_text(english_variant(4).replace("Storm closes", "Flood closes"), encoding="utf-8")
    rc1, rc2, out, err = pipe(["translate", a, b], ["summarize", "-n", "2", "--format", "jsonl"])
    assert (rc1, rc2) == (0, 0), err
    assert_clean_stderr(err)
    got = records(out)
    assert [r["id"] for r in got] == [str(a), str(b)]
    points = [kp["text"] for r in got for kp in r["key_points"]]
    assert not any("==>" in p for p in points)


def test_folder_names_what_it_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "more.jsonl").write_text('{"id":"x","text":"Other."}\n', encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    result = invoke_cli(["detect", tmp_path])
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 2  # a.txt and the archive's record x
    assert "skipped 1 other file: scan.pdf" in result.stderr


@pytest.mark.parametrize(
    ("argument", "says"),
    [
        ("https://example.org/news.html", "looks like a web address"),
        ("The council met on Monday", "looks like article text"),
    ],
)
def test_inline_text_or_url_argument_gets_a_hint(argument: str, says: str) -> None:
    result = invoke_cli(["summarize", argument])
    assert result.returncode == 1
    assert_clean_stderr(result.stderr)
    assert says in result.stderr


# -- mojibake never accepted (issue 14 item 13) --------------------------------------------------
RU_LINES = (
    "Городской совет Казани утвердил план ремонта дорог на ближайшие три года.",
    "На эти работы выделят почти два миллиарда рублей из городского бюджета.",
)
UK_LINE = "Львівська міська рада ухвалила програму оновлення трамваїв до 2030 року."


def test_html_with_a_lying_charset_is_read_right(tmp_path: Path, models_env) -> None:
    page = tmp_path / "page.html"
    body = "".join(f"<p>{line}</p>" for line in RU_LINES)
    page.write_bytes(
        f'<html><head><meta charset="koi8-r"><title>Ремонт дорог</title></head>'
        f"<body><article>{body}</article></body></html>".encode("cp1251")
    )
    result = invoke_cli(["translate", "--format", "jsonl", page])
    assert result.returncode == 0, result.stderr
    [record] = records(result.stdout)
    sources = " ".join(s["source"] for s in record["sentences"])
    assert all(line in sources for line in RU_LINES), sources
    assert "цНПНДЯЙНИ" not in sources


def test_file_with_two_encodings_is_refused(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(RU_LINES[0].encode("cp1251") + b"\n" + UK_LINE.encode("koi8_u") + b"\n")
    result = invoke_cli(["summarize", mixed])
    assert result.returncode == 1 and result.stdout == ""
    assert_clean_stderr(result.stderr)
    assert "mixed encodings: line" in result.stderr


def test_utf16_bom_over_8bit_bytes_is_refused_not_summarised(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes.fromhex("FFFE0067617262616765"))
    result = invoke_cli(["summarize", garbage])
    assert result.returncode == 1 and result.stdout == ""
    assert "byte-order mark" in result.stderr


def test_cjk_text_is_not_detected_as_english() -> None:
    result = invoke_cli(["detect", "--format", "jsonl"], input="最牡慢敧")
    assert_clean_stderr(result.stderr)
    language = records(result.stdout)[0].get("language")
    assert language != "en" and "en\t" not in result.stdout


def test_input_of_only_zero_width_characters_says_no_text() -> None:
    result = invoke_cli(["detect"], input="\u200d\u200b\u200c\u200d")
    assert result.returncode == 1
    assert "no text" in result.stderr and "undetermined" not in result.stderr


def test_zero_width_joiners_between_cyrillic_letters_never_reach_the_output(models_env) -> None:
    text = "Городской со\u00ad\u200d\u00adвет утвердил план ремонта дорог на три года.\n"
    result = invoke_cli(["translate", "--format", "jsonl"], input=text)
    assert result.returncode == 0, result.stderr
    [record] = records(result.stdout)
    assert record["sentences"][0]["source"].startswith("Городской совет утвердил")
