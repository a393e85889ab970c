"""`fitness metrics`: coupling, instability, abstractness and distance of each package."""

from __future__ import annotations

from pathlib import Path

import click

from fitness import app
from fitness.cli.flags import CONFIG, DEPTH, EXIT_CODES, MODULES, checked_depth


@click.command(epilog=EXIT_CODES)
@CONFIG
@MODULES
@DEPTH
@click.option(
    "--format",
    "format_",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="An aligned table, JSON (docs/metrics.schema.json) or CSV with a header row.",
)
def metrics(config: Path | None, modules: tuple[str, ...], depth: int, format_: str) -> None:
    """Measure each package: modules, lines of code, afferent and efferent coupling
    (Ca, Ce: the other packages that import it, that it imports), instability
    I = Ce/(Ca+Ce) (0 without coupling), abstractness A (the share of its classes
    that are abstract), distance from the main sequence D = |A + I - 1|, and the
    other packages of its import cycle.

    Only the project's own packages count; imports within a package do not.
    Exit code 0 (the `metrics` rule kind gates on these numbers).
    """
    from fitness.reporters.metrics import METRICS_FORMATS

    checked_depth(depth)
    measured = app.project_metrics(app.CheckOptions(Path.cwd(), config), modules, depth)
    click.echo(METRICS_FORMATS[format_](measured), nl=False)
