"""`fitness baseline`: the ratchet, from the command line (loaded only when it runs)."""

from __future__ import annotations

from pathlib import Path

import click

from fitness import app
from fitness.app.ratchet import in_ci
from fitness.cli.flags import CONFIG, EXIT_CODES, usable_cpus
from fitness.cli.stamp_flags import OWNER, UNTIL, left_out_message
from fitness.errors import UsageError
from fitness.progress import progress_bar


@click.command(epilog=EXIT_CODES)
@click.argument(
    "paths", nargs=-1, type=click.Path(exists=True, path_type=Path), metavar="[PATH]..."
)
@CONFIG
@click.option("--select", multiple=True, metavar="RULE", help="Baseline only this rule.")
@click.option(
    "--ignore", multiple=True, metavar="RULE", help="Leave this rule's entries as they are."
)
@click.option(
    "--baseline",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The file to write (default: .fitness-baseline.json in the project root).",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Only drop the entries that are fixed; leave new findings out, and do not fail on them.",
)
@click.option(
    "--allow-growth",
    is_flag=True,
    help="Also record the findings the baseline does not hold (without it, new findings are "
    "listed and nothing is written: exit 2).",
)
@click.option(
    "--ci",
    is_flag=True,
    help="Run as in CI (also when CI=true): a missing baseline is an error, never created.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Parse every file without reading the cache; the cache is rewritten with what was found.",
)
@UNTIL
@OWNER
def baseline(
    paths: tuple[Path, ...],
    config: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    path: Path | None,
    prune: bool,
    allow_growth: bool,
    ci: bool,
    no_cache: bool,
    until: str | None,
    owner: str | None,
) -> None:
    """Update the baseline: drop fixed entries; record new findings only with --allow-growth.

    Without --allow-growth, a finding the baseline does not hold is listed and
    nothing is written (exit 2). The first baseline (no file yet) records every
    finding, except in CI, where a missing baseline is an error. With PATHs or
    --select/--ignore, only the entries of those files and rules change; the
    others are kept as they are.
    """
    if prune and allow_growth:
        raise UsageError("--prune records no new finding: it cannot be given with --allow-growth")
    options = app.CheckOptions(
        cwd=Path.cwd(),
        config=config,
        fail_on="never",
        fresh_cache=no_cache,
        jobs=usable_cpus(),
        progress=progress_bar(),
        paths=paths,
        select=select,
        ignore=ignore,
        baseline=path,
        ci=in_ci(ci),
    )
    from fitness.app.stamps import Stamp
    from fitness.cli.baseline_words import baseline_written

    written = app.write_baseline(options, prune, allow_growth, Stamp(until, owner))
    click.echo(baseline_written(written))
    if written.sealed:
        click.echo(left_out_message(list(written.sealed)))
