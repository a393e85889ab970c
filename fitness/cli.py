"""The command line: flags in, one call of `app`, an exit code out."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from fitness import __version__, app, error_handler
from fitness.atomic import write_atomic
from fitness.errors import UsageError
from fitness.policy import FAIL_ON
from fitness.progress import progress_bar
from fitness.reporters import REPORTERS, RenderOptions

_CONFIG = click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Configuration file (default: the nearest fitness.toml or pyproject.toml).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="fitness")
@click.option(
    "--debug", is_flag=True, help="Show tracebacks of internal errors (or set FITNESS_DEBUG=1)."
)
def cli(debug: bool) -> None:
    """Architecture fitness checks: layers, forbidden imports, independence."""
    if debug or os.environ.get("FITNESS_DEBUG") == "1":
        import logging

        logging.basicConfig(
            level=logging.DEBUG, stream=sys.stderr, format="fitness: debug: %(name)s: %(message)s"
        )


@cli.command()
@_CONFIG
@click.option(
    "--format", "format_", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True
)
@click.option(
    "--output",
    "outputs",
    multiple=True,
    metavar="FORMAT:PATH",
    help="Also write the report in FORMAT to PATH (repeatable).",
)
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True)
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True
)
@click.option(
    "--no-cache", is_flag=True, help="Parse every file; neither read nor write the cache."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that parse files  [default: the CPUs this process may use]",
)
def check(
    config: Path | None,
    format_: str,
    outputs: tuple[str, ...],
    fail_on: str,
    color: str,
    no_cache: bool,
    jobs: int | None,
) -> None:
    """Check the project against its rules. Exit 1 if a finding fails the run."""
    targets = [_output(spec) for spec in outputs]
    options = app.CheckOptions(
        cwd=Path.cwd(),
        config=config,
        fail_on=fail_on,
        cache=not no_cache,
        jobs=jobs or _usable_cpus(),
        progress=progress_bar(),
    )
    report = app.check(options, time.perf_counter)
    for name, path in targets:
        write_atomic(path, REPORTERS[name](report, RenderOptions()))
    colored = _color(color)
    click.echo(REPORTERS[format_](report, RenderOptions(colored)), nl=False, color=colored)
    raise click.exceptions.Exit(1 if report.failed else 0)


@cli.command()
@_CONFIG
def rules(config: Path | None) -> None:
    """List the configured rules."""
    summaries = app.configured_rules(app.CheckOptions(Path.cwd(), config))
    if not summaries:
        click.echo("No rules configured.")
        return
    rows = [(r.id, r.kind, r.severity.value, r.adr or "-", r.description) for r in summaries]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4])


def main() -> None:
    """Console entry point."""
    args = sys.argv[1:]
    code = error_handler.run(lambda: _invoke(args), debug="--debug" in args)
    sys.exit(code)


def _invoke(args: list[str]) -> int:
    result = cli.main(args, prog_name="fitness", standalone_mode=False)
    return result if isinstance(result, int) else 0


def _output(spec: str) -> tuple[str, Path]:
    name, colon, path = spec.partition(":")
    if not colon or not path:
        raise UsageError(f"--output expects FORMAT:PATH, got '{spec}'")
    if name not in REPORTERS:
        raise UsageError(
            f"--output: unknown format '{name}' (choose from {', '.join(sorted(REPORTERS))})"
        )
    return name, Path(path)


def _color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _usable_cpus() -> int:
    """The CPUs this process may run on (a container or `taskset` may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1
