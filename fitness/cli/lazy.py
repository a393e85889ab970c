"""A command group some of whose commands are imported only when run or listed.

`fitness check` is the warm path: it should not pay for defining the options
of commands it does not run (click builds every option when its module loads).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

import click

# command name -> module under fitness.cli defining a command of that name
LAZY: Mapping[str, str] = {
    "baseline": "baseline",
    "baseline-diff": "baseline_diff",
    "graph": "graph",
    "history": "history",
    "lsp": "lsp",
    "metrics": "metrics",
    "schema": "schema",
}


class LazyGroup(click.Group):
    """`click.Group`, with the commands of `LAZY` imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY and cmd_name not in self.commands:
            module = importlib.import_module(f"fitness.cli.{LAZY[cmd_name]}")
            self.add_command(getattr(module, cmd_name.replace("-", "_")), cmd_name)
        return super().get_command(ctx, cmd_name)
