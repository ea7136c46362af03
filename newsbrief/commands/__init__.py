"""The `newsbrief` command line: parses arguments and hands them to the library.

cli.py, the console script, imports `app` and `main` from here. One module a job:
app.py (the typer apps, --version), options.py (the shared options and their checks),
documents.py (detect, translate, summarize, compare), batch.py, models.py (`models ...`),
entry.py (`main`: exit statuses for what escapes a command), starting.py (Ctrl-C during the
imports below); typer's patches are newsbrief/typer_support.py.

Heavy modules (CTranslate2, sumy, langdetect, rich tables) are imported inside the commands, so
`newsbrief --help` stays fast.
"""

from __future__ import annotations

from newsbrief.commands import starting

starting.guard()  # before typer and everything else is imported

# The commands register on `app` as they are imported: in this order, `--help` lists them.
# isort: off
from newsbrief.commands import documents  # noqa: E402, F401
from newsbrief.commands import batch  # noqa: E402, F401
from newsbrief.commands import models  # noqa: E402, F401
# isort: on
from newsbrief.commands.app import app  # noqa: E402
from newsbrief.commands.entry import main  # noqa: E402

starting.release()

__all__ = ["app", "main"]
