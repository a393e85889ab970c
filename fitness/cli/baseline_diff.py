"""`fitness baseline-diff REV`: what a change does to the baseline, for a pull request's summary."""

from __future__ import annotations

from pathlib import Path

import click

from fitness import app
from fitness.cli.flags import CONFIG, EXIT_CODES


@click.command(epilog=EXIT_CODES)
@CONFIG
@click.argument("revision", metavar="REV")
@click.option(
    "--judged-by",
    type=click.Choice(["base", "head"]),
    default=None,
    help="Say which baseline the check read (`fitness check --config-from REV`: base), "
    "so the summary tells whether the change's own edits counted.",
)
def baseline_diff(config: Path | None, revision: str, judged_by: str | None) -> None:
    """Show the baseline's changes since git revision REV, as Markdown: the entries
    added and removed, and those whose count or imports changed.

    Growth (an entry added, a count or an import more) is called out: it is the
    decision a reviewer must see. Prints nothing when neither side has a baseline.
    """
    from fitness.app.baseline_diff import baseline_diff as changes
    from fitness.reporters.baseline_diff import render_baseline_diff

    found = changes(app.CheckOptions(Path.cwd(), config), revision)
    click.echo(render_baseline_diff(found, judged_by), nl=False)
