"""The flags several commands share, and what they mean together before a run starts."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import click

from fitness.errors import UsageError

EXIT_CODES = """\b
Exit codes:
  0  no finding fails the run
  1  a finding fails the run (see --fail-on)
  2  configuration or usage error
  3  internal error (a bug in fitness: please report it)"""

CONFIG = click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Configuration file: its [tool.fitness] table, or top-level keys as in fitness.toml "
    "(default: the nearest fitness.toml or pyproject.toml with [tool.fitness], "
    "from the current directory up).",
)


MODULES = click.argument("modules", nargs=-1, metavar="[MODULE]...")

DEPTH = click.option(
    "--depth",
    type=int,
    default=1,
    show_default=True,
    help="Levels of packages below each MODULE (default: below each top-level package).",
)


def output_option(what: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """`--output PATH`: write `what` to this file instead of printing it (`emit`)."""
    return click.option(
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=f"Write {what} to this file instead of printing it.",
    )


def checked_depth(depth: int) -> int:
    if depth < 0:
        raise UsageError(f"--depth {depth}: give 0 or more levels below the modules")
    return depth


def emit(text: str, output: Path | None) -> None:
    """Print `text`, or write it to `output` whole (a reader never sees half of it)."""
    if output is None:
        click.echo(text, nl=False)
        return
    from fitness.atomic import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise UsageError(f"--output {output}: cannot write: {exc.strerror or exc}") from None


def check_baseline_flags(baseline: Path | None, no_baseline: bool, strict: bool) -> None:
    """UsageError for baseline flags that contradict each other, or a baseline not there."""
    if no_baseline and (baseline is not None or strict):
        given = "--baseline" if baseline is not None else "--strict-baseline"
        raise UsageError(f"--no-baseline reads no baseline: it cannot be given with {given}")
    if baseline is not None and not baseline.is_file():
        raise UsageError(f"--baseline {baseline}: no such file (write one with `fitness baseline`)")


def usable_cpus() -> int:
    """The CPUs this process may run on (a container or `taskset` may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1
