"""`fitness history`: architecture debt over time, from git's objects."""

from __future__ import annotations

from pathlib import Path

import click

from fitness.cli.flags import CONFIG, EXIT_CODES, emit, output_option, usable_cpus
from fitness.errors import UsageError


@click.command(epilog=EXIT_CODES)
@CONFIG
@click.option(
    "--since",
    metavar="DATE|SPAN|REV",
    default=None,
    help="The oldest commit to sample: a date (2026-01-31), a span back from --until's "
    "commit date (90.days, 12.weeks, 6.months, 1.year) or a revision.  [default: 1.year]",
)
@click.option(
    "--until", metavar="REV", default="HEAD", show_default=True, help="The newest commit."
)
@click.option(
    "--every",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Sample every Nth first-parent commit (counted back from --until).",
)
@click.option(
    "--step",
    type=click.Choice(["day", "week", "month"]),
    default=None,
    help="Sample the last commit of each day, week or month (UTC).  [default: week]",
)
@click.option(
    "--max-points",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="At most this many points: beyond it, the oldest are left out.",
)
@click.option(
    "--config-at-commit",
    is_flag=True,
    help="Judge each commit by the configuration it held (default: the configuration of now).",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(["csv", "html", "json", "markdown", "text"]),
    default="text",
    show_default=True,
    help="A text table, JSON, CSV (a row per point, a column per rule), Markdown with a "
    "Mermaid chart, or one offline HTML page.",
)
@output_option("the history")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep the cache in this directory instead of the configured cache_dir.",
)
def history(
    config: Path | None,
    since: str | None,
    until: str,
    every: int | None,
    step: str | None,
    max_points: int,
    config_at_commit: bool,
    format_: str,
    output: Path | None,
    cache_dir: Path | None,
) -> None:
    """Architecture debt over time: the findings of sampled first-parent commits.

    Each commit is read from git's objects (nothing is checked out) and checked;
    a commit the configuration does not apply to is marked, not fatal. Each
    finding is followed from the commit that added it to the one that fixed it.
    Points are kept in the cache: a second run checks only new commits. Exit
    code 0 whatever the findings (`fitness check` gates).
    """
    from fitness.app.history import HistoryOptions
    from fitness.app.history import history as run_history
    from fitness.reporters.history_formats import HISTORY_FORMATS

    if every is not None and step is not None:
        raise UsageError("--every and --step both choose the commits: give one of them")
    options = HistoryOptions(
        cwd=Path.cwd(),
        config=config,
        since=since,
        until=until,
        every=every,
        step=step,
        max_points=max_points,
        config_at_commit=config_at_commit,
        jobs=usable_cpus(),
        cache_dir=cache_dir,
    )
    found, left_out = run_history(options)
    if left_out:
        click.echo(
            f"fitness: warning: --max-points {max_points}: left out the {left_out} oldest "
            "commits sampled",
            err=True,
        )
    click.echo(
        f"fitness: history: {len(found.points)} points, {found.computed} checked, "
        f"{found.reused} from the cache",
        err=True,
    )
    drawn = HISTORY_FORMATS[format_](found)
    emit(drawn, output)
