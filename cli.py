"""The `newsbrief` command: the console script's module. Its commands, options and entry point
live in newsbrief/commands/, where library tests reach them; this file only names them.
"""

from __future__ import annotations

from newsbrief.commands import app, main

__all__ = ["app", "main"]

if __name__ == "__main__":
    main()
