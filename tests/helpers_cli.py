"""Run the real `newsbrief` executable in a subprocess, the way users and shell scripts do.

End-to-end tests must see what a shell sees: the console script, separate processes, real pipes,
real exit statuses and signals. The executable is the venv's console script next to the running
interpreter; when the package is not installed (a bare checkout), `python cli.py` stands in.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def newsbrief_command() -> list[str]:
    """argv prefix that starts the `newsbrief` command."""
    script = Path(sys.executable).parent / "newsbrief"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, str(REPO / "cli.py")]


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The test's environment (isolated HOME/cache from conftest) plus `extra`."""
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env.setdefault("PYTHONIOENCODING", "utf-8")
    env.update(extra or {})
    return env


def run_cli(
    args: Sequence[str | os.PathLike[str]],
    *,
    input: bytes | str | None = None,
    env: dict[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run `newsbrief ARGS` to completion; stdout/stderr come back as UTF-8 text."""
    data = input.encode("utf-8") if isinstance(input, str) else input
    proc = subprocess.run(
        [*newsbrief_command(), *map(str, args)],
        input=data if data is not None else b"",
        capture_output=True,
        env=cli_env(env),
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def invoke_cli(
    args: Sequence[str | os.PathLike[str]],
    *,
    input: bytes | str | None = None,
    env: dict[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    main: bool = False,
) -> subprocess.CompletedProcess[str]:
    """`newsbrief ARGS` run in this process (click's CliRunner), returned as `run_cli` returns it.

    For what does not need a real process (option mapping, formats, exit statuses): it skips
    the interpreter start-up and the imports, several seconds a call on a busy machine. Pipes,
    signals, terminals and the installed script still need `run_cli`.

    As with `run_cli`, stdin, stdout and stderr are not terminals and NO_COLOR is unset (unless
    `env` sets it). By default an exception that escapes the command is raised here, so a test
    sees the traceback of a bug. `main=True` runs `cli.main()`, the console script's entry
    point, instead: its handling of what escapes (the one-line "internal error", Ctrl-C's
    status) is then part of what the test sees, as it is for a real process.

    Python warnings are shown on the command's stderr under the interpreter's default filters,
    as a real process shows them (pytest would otherwise collect them out of sight).
    """
    from click.testing import CliRunner
    from typer.main import get_command

    import cli

    argv = [os.fspath(a) for a in args]
    command = _ConsoleScript(cli.main) if main else get_command(cli.app)
    with contextlib.chdir(cwd or os.getcwd()), _warnings_as_a_process_shows_them():
        result = CliRunner().invoke(
            command, argv, input=input, env={"NO_COLOR": None, **(env or {})},
            prog_name="newsbrief",
        )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(
        ["newsbrief", *argv], int(result.exit_code), result.stdout, result.stderr
    )


@contextlib.contextmanager
def _warnings_as_a_process_shows_them() -> Iterator[None]:
    """The interpreter's default warning filters (`python -W` unset, not in __main__), each
    warning written to whatever sys.stderr is when it is raised (CliRunner's, here)."""
    import warnings

    def show(message, category, filename, lineno, file=None, line=None):  # noqa: ANN001
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))

    with warnings.catch_warnings():
        warnings.resetwarnings()
        warnings.simplefilter("default")
        for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning,
                         ResourceWarning):
            warnings.simplefilter("ignore", category)
        warnings.showwarning = show
        yield


class _ConsoleScript:
    """What CliRunner needs of a click command, standing for the console script: `main` runs
    `cli.main()` with sys.argv as the shell would have set it."""

    name = "newsbrief"

    def __init__(self, entry: Callable[[], None]):
        self.entry = entry

    def main(self, args: Sequence[str], prog_name: str, **_: object) -> None:
        saved = sys.argv
        sys.argv = [prog_name, *args]
        try:
            self.entry()
        finally:
            sys.argv = saved


def start_cli(
    args: Sequence[str | os.PathLike[str]],
    *,
    env: dict[str, str] | None = None,
    **popen_kwargs,
) -> subprocess.Popen:
    """Start `newsbrief ARGS` without waiting (pipes, signals); caller owns the process."""
    popen_kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.Popen(
        [*newsbrief_command(), *map(str, args)], env=cli_env(env), **popen_kwargs
    )


def assert_clean_stderr(stderr: str) -> None:
    """No Python internals ever reach the user."""
    assert "Traceback" not in stderr, stderr
    assert "Exception ignored" not in stderr, stderr


# Articles written for these tests (one short story each, one paragraph a line, headline first).
RUSSIAN = (
    "Городской совет Казани утвердил план ремонта дорог\n"
    "Городской совет Казани в среду утвердил план ремонта дорог на ближайшие три года. "
    "На эти работы выделят почти два миллиарда рублей из городского бюджета. "
    "Мэр города заявил, что в первую очередь отремонтируют улицы возле школ и больниц.\n"
    "Жители нескольких районов давно жалуются на ямы и разбитые тротуары. "
    "Подрядчиков выберут на открытом конкурсе весной. "
    "Депутаты также попросили публиковать отчёт о ходе работ каждый месяц.\n"
)
UKRAINIAN = (
    "Львівська міська рада ухвалила програму оновлення трамваїв\n"
    "Львівська міська рада у четвер ухвалила програму оновлення трамвайного парку до 2030 року. "
    "Місто планує придбати двадцять нових низькопідлогових вагонів. "
    "Кошти надійдуть з міського бюджету та від міжнародного банку.\n"
    "Мер зазначив, що нові трамваї будуть тихішими та зручнішими для людей з інвалідністю. "
    "Перші вагони мають з'явитися на вулицях наступного літа. "
    "Мешканці давно скаржаться на старі та переповнені трамваї.\n"
)
ENGLISH = (
    "Storm closes mountain pass for two days\n"
    "Heavy snow closed the main mountain pass on Tuesday, stranding dozens of trucks. "
    "Road crews worked through the night to clear drifts that reached two metres. "
    "The regional governor said the road would reopen on Thursday if the weather improved.\n"
    "Schools in three villages were closed because buses could not reach them. "
    "Forecasters expect more snow at the end of the week.\n"
)
GERMAN = (
    "Der Stadtrat hat am Mittwoch einen neuen Haushalt für das kommende Jahr beschlossen. "
    "Die Bürgermeisterin sagte, dass die Reparatur der Brücke im Frühling beginnen werde. "
    "Anwohner beschweren sich seit Monaten über den Lärm der Baustelle.\n"
)


def russian_variant(k: int) -> str:
    """A distinct Russian article per k (for folders of many articles)."""
    return RUSSIAN + (
        f"Заседание совета продолжалось {k + 2} часа, и в нём участвовали {k + 10} депутатов.\n"
    )


def english_variant(k: int) -> str:
    return ENGLISH + f"Officials counted {k + 3} vehicles still waiting near the summit.\n"
