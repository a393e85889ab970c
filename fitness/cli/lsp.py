"""`fitness lsp`: the language server, over stdio (the optional extra `fitness-arch[lsp]`)."""

from __future__ import annotations

import gc
import time

import click

from fitness.cli.flags import usable_cpus
from fitness.errors import UsageError

_EXTRA = ("pygls", "lsprotocol", "cattrs", "attrs")  # what the `lsp` extra installs


@click.command()
@click.option(
    "--stdio", is_flag=True, help="Speak over stdin and stdout (the default, and the only way)."
)
def lsp(stdio: bool) -> None:
    """Serve the rules to an editor over the Language Server Protocol.

    The editor starts it in the project; it checks each open Python file as it
    is edited (unsaved text included) and publishes the findings as
    diagnostics, with the whole chain, on hover and with quick fixes.
    """
    try:
        from fitness.lsp.server import build
    except ModuleNotFoundError as error:
        missing = (error.name or "").partition(".")[0]
        if missing not in _EXTRA:
            raise
        raise UsageError(
            f"fitness lsp needs {missing}, which is not installed: pip install 'fitness-arch[lsp]'"
        ) from None
    # A server lives long and edits make garbage with cycles (pygls's, asyncio's):
    # the collector the CLI switches off for one short run is switched back on.
    gc.unfreeze()
    gc.enable()
    build(usable_cpus(), time.perf_counter).start_io()
