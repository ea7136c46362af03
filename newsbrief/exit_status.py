"""The exit statuses of the `newsbrief` command: the one home of their numbers.

Documented in `newsbrief --help` and the CLI contract; scripts test them, so they never change.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    # Some document (or the output) failed; every other document's result is still written.
    FAILED = 1
    # The command line itself is wrong (what click uses for a bad option, too).
    USAGE = 2
    # Ctrl-C or SIGTERM: 128 + SIGINT, as a shell reports a process killed by it.
    INTERRUPTED = 130
