"""typer, made to read like the rest of newsbrief: argument names in help, plain choice errors,
and completion options that take the shell's name.

The command line's own modules (newsbrief/commands/) keep only its commands; what patches
typer's behaviour lives here, so it can be read and tested on its own.
"""

from __future__ import annotations

import re

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

__all__ = ["Command", "Group", "completion"]


class Command(TyperCommand):
    """A typer command whose help and errors read like the rest of newsbrief's.

    - An argument shows as its name (`INPUT...`, `IN_DIR`), not `INPUT <list[str]>`; a
      repeatable option as `--format <markdown|json|html>`, not `<list[...]>`.
    - A bad choice reads "'mdown' is not one of 'text', …", without the "Value error, " prefix
      that typer's value validation adds.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument):
                label = param.display_name_raw + ("..." if param.nargs != 1 else "")
                param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
                param._rich_display_name = lambda label=label: label  # type: ignore[method-assign]
            elif isinstance(param, TyperOption) and param.multiple:
                # `--format <markdown|json|html>`: the help says it may be repeated.
                shown = param.display_type_rich
                param.display_type_rich = lambda ctx, shown=shown: (  # type: ignore[method-assign]
                    re.sub(r"^<list\[(.*)\]>$", r"<\1>", shown(ctx) or "")
                )

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except typer.BadParameter as exc:
            exc.message = exc.message.removeprefix("Value error, ")
            raise


_SHELL = "newsbrief.completion_shell"  # where Group keeps the SHELL named after a completion option


class Group(TyperGroup):
    """The top-level command: `--show-completion zsh` / `--install-completion zsh` use the named
    shell (docs/cli-contract.md: `--show-completion [SHELL]`).

    typer's completion options are flags that always detect the shell from the parent
    processes, so `newsbrief --show-completion zsh` run from a script, cron or an IDE printed
    "Shell sh not supported." (or nothing usable) instead of the zsh script.
    """

    def parse_args(self, ctx, args):
        for i, arg in enumerate(args[:-1]):
            if arg in ("--show-completion", "--install-completion"):
                if not args[i + 1].startswith("-"):
                    ctx.meta[_SHELL] = args[i + 1]
                    args = args[: i + 1] + args[i + 2:]
                break
        return super().parse_args(ctx, args)


typer.completion.completion_init()  # typer's bash/zsh/fish/pwsh completion, as add_completion does


def completion(action):  # type: ignore[no-untyped-def]
    """typer's completion callback `action`, given the shell named on the command line (or
    True: detect it)."""

    def callback(ctx, param, value):  # type: ignore[no-untyped-def]
        if not value or ctx.resilient_parsing:
            return value
        return action(ctx, param, ctx.meta.get(_SHELL, True))

    return callback
