"""The command line: flags in, one call of `app`, an exit code out."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import click

from fitness import __version__, app, error_handler
from fitness.app.ratchet import in_ci
from fitness.cli.flags import CONFIG, EXIT_CODES, check_baseline_flags, usable_cpus
from fitness.cli.lazy import LazyGroup
from fitness.cli.outputs import github_options, output_target, use_color, write_output
from fitness.clock import since_start
from fitness.errors import UsageError
from fitness.policy import FAIL_ON
from fitness.progress import progress_bar
from fitness.reporters import REPORTERS, neutral


@click.group(
    cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES
)
@click.version_option(__version__, "--version", prog_name="fitness")
@click.option(
    "--debug",
    is_flag=True,
    help="Show debug logging and tracebacks of internal errors (or set FITNESS_DEBUG=1).",
)
def cli(debug: bool) -> None:
    """Architecture fitness checks: layers, forbidden imports, independence."""
    if debug or os.environ.get("FITNESS_DEBUG") == "1":
        import logging

        logging.basicConfig(
            level=logging.DEBUG, stream=sys.stderr, format="fitness: debug: %(name)s: %(message)s"
        )


@cli.command(epilog=EXIT_CODES)
@click.argument(
    "paths", nargs=-1, type=click.Path(exists=True, path_type=Path), metavar="[PATH]..."
)
@CONFIG
@click.option(
    "--select",
    multiple=True,
    metavar="RULE",
    help="Run only this rule (repeatable; the id is its table key under [tool.fitness.rules]).",
)
@click.option("--ignore", multiple=True, metavar="RULE", help="Skip this rule (repeatable).")
@click.option(
    "--format",
    "format_",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="What to print on standard output.",
)
@click.option(
    "--output",
    "outputs",
    multiple=True,
    metavar="FORMAT:PATH",
    help="Also write the report in FORMAT to PATH (repeatable); the directory must exist.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="The least severe finding that fails the run (exit 1); `never` only reports.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report; `auto`: on a terminal, unless NO_COLOR is set "
    "(FORCE_COLOR forces it).",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The baseline of known findings (default: .fitness-baseline.json in the project "
    "root, when there is one); only findings not in it count.",
)
@click.option(
    "--no-baseline",
    is_flag=True,
    help="Read no baseline: every finding counts, as if the project had none.",
)
@click.option(
    "--strict-baseline",
    is_flag=True,
    help="Also fail when baseline entries are fixed (the baseline should shrink).",
)
@click.option(
    "--ci",
    is_flag=True,
    help="Run as in CI (also when CI=true): a baseline the configuration names must exist.",
)
@click.option(
    "--since",
    metavar="REV",
    default=None,
    help="Report only findings that were not there at git revision REV (pull-request mode); "
    "REV's tree is analysed with the configuration it had.",
)
@click.option(
    "--config-from",
    metavar="REV",
    default=None,
    help="Judge the working tree by the fitness configuration (and rule packs) at git "
    "revision REV, such as a pull request's base, so a change cannot switch off the rule "
    "it breaks.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep the cache in this directory instead of the configured cache_dir (CI: a "
    "directory outside the checkout).",
)
@click.option(
    "--show-rules",
    "-v",
    "--verbose",
    "show_rules",
    is_flag=True,
    help="Text: list every rule checked, the kept ones too (by default only the broken rules "
    "are listed, and the kept ones counted).",
)
@click.option(
    "--include-suppressed",
    is_flag=True,
    help="SARIF: also write the suppressed, baselined and pre-existing findings, each with "
    "a SARIF suppression saying why (code scanning shows them as dismissed).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Parse every file without reading the cache; the cache is rewritten with what was found.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that parse files  [default: the CPUs this process may use]",
)
def check(
    paths: tuple[Path, ...],
    config: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    format_: str,
    outputs: tuple[str, ...],
    fail_on: str,
    color: str,
    baseline: Path | None,
    no_baseline: bool,
    strict_baseline: bool,
    ci: bool,
    since: str | None,
    config_from: str | None,
    cache_dir: Path | None,
    include_suppressed: bool,
    show_rules: bool,
    no_cache: bool,
    jobs: int | None,
) -> None:
    """Check the project against its rules.

    The whole project is always analysed (an import chain may pass through any
    module); PATHs, files or directories, only narrow which findings are
    reported, so a hook can pass the files it was given.
    """
    targets = [output_target(spec) for spec in outputs]
    options = app.CheckOptions(
        cwd=Path.cwd(),
        config=config,
        fail_on=fail_on,
        fresh_cache=no_cache,
        jobs=jobs or usable_cpus(),
        progress=progress_bar(),
        paths=paths,
        select=select,
        ignore=ignore,
        baseline=baseline,
        use_baseline=not no_baseline,
        strict_baseline=strict_baseline,
        since=since,
        config_from=config_from,
        cache_dir=cache_dir,
        ci=in_ci(ci),
    )
    check_baseline_flags(baseline, no_baseline, strict_baseline)
    github = github_options()._replace(include_suppressed=include_suppressed)
    if "markdown" in (format_, *(name for name, _ in targets)):  # it draws the broken rules
        report, pictures = app.check_drawn(options, since_start)
        github = github._replace(pictures=pictures)
    else:
        report = app.check(options, since_start)
    unwritten = [write_output(name, path, report, github) for name, path in targets]
    colored = use_color(color)
    render_options = github._replace(
        color=colored, cwd=Path.cwd().as_posix(), show_rules=show_rules
    )
    rendered = REPORTERS[format_](report, render_options)
    click.echo(rendered, nl=False, color=colored)
    if format_ != "text":  # the text report has them; other formats are for machines
        for notice in report.notices:
            said = f"fitness: {notice.severity.value}: {notice.message}"
            click.echo(neutral.message(said), err=True)
    problems = [problem for problem in unwritten if problem]
    if problems:
        raise UsageError("\n".join(problems))
    raise click.exceptions.Exit(1 if report.failed else 0)


@cli.command(epilog=EXIT_CODES)
@CONFIG
@click.option(
    "--coverage",
    is_flag=True,
    help="Run the check and show what each rule reached: modules, imports, skipped files.",
)
def rules(config: Path | None, coverage: bool) -> None:
    """List the configured rules: kind, severity, ADR, what each checks and where.

    Rules switched off with `enabled = false` are listed as disabled. With
    `--coverage`, the rules' reach this run instead (exit code 0 whatever the findings).
    """
    if coverage:
        from fitness.reporters.coverage_text import render_coverage

        report = app.rules_coverage(app.CheckOptions(Path.cwd(), config, fail_on="never"))
        click.echo(render_coverage(report), nl=False)
        return
    from fitness.reporters.rule_list import render_rule_list

    listing = app.configured_rules(app.CheckOptions(Path.cwd(), config))
    click.echo(render_rule_list(listing), nl=False)


@cli.command(epilog=EXIT_CODES)
@CONFIG
@click.option(
    "--format",
    "format_",
    type=click.Choice(["json", "markdown", "text"]),
    default="text",
    show_default=True,
    help="How to print the table.",
)
def adr(config: Path | None, format_: str) -> None:
    """List the ADRs: status, the rules that cite each, and their findings now.

    Runs the whole check to count the findings, and lists the accepted decisions
    that no rule enforces. Exit code 0 whatever the findings (`fitness check` gates).
    """
    from fitness.reporters.decisions import DECISIONS_FORMATS

    overview = app.decisions_overview(app.CheckOptions(Path.cwd(), config, fail_on="never"))
    click.echo(DECISIONS_FORMATS[format_](overview), nl=False)


@cli.command(epilog=EXIT_CODES)
@CONFIG
@click.argument("kind", required=False)
def explain(config: Path | None, kind: str | None) -> None:
    """Explain a rule KIND: what it checks, its keys and defaults, its examples.

    KIND may also be a configured rule's id: what it checks, and whether it runs
    for the Pythons the project supports. Without KIND, list the rule kinds.
    """
    from fitness import explain as text
    from fitness.app.explain_rule import configured_rule

    found = (
        None if kind is None or text.is_known(kind) else configured_rule(Path.cwd(), config, kind)
    )
    click.echo(text.explain(kind) if found is None else text.explain_rule(*found), nl=False)


@cli.command(epilog=EXIT_CODES)
@click.option(
    "--from-import-linter",
    "import_linter",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[PATH]",
    help="Convert import-linter's configuration instead: PATH (.importlinter, setup.cfg or "
    "pyproject.toml), or the one found in the current directory.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace an existing fitness configuration (its [tool.fitness] tables), after "
    "printing the diff.",
)
@click.option("--dry-run", is_flag=True, help="Print what would be written; write nothing.")
def init(import_linter: str | None, force: bool, dry_run: bool) -> None:
    """Write a starter configuration for the project in the current directory.

    It names the source roots and the ADR directory found, and proposes a
    `layers` rule: the top-level packages in the order with the fewest
    violations in the import graph now, each remaining violation listed in a
    comment. It goes into pyproject.toml as [tool.fitness] when there is a
    pyproject.toml without one, else into fitness.toml; an existing
    configuration is never overwritten without --force.
    """
    from fitness import init as init_config

    cwd = Path.cwd()
    if import_linter is None:
        plan = init_config.plan_starter(cwd, force or dry_run, usable_cpus())
    else:
        source = Path(import_linter) if import_linter else None
        plan = init_config.plan_conversion(cwd, source, force or dry_run)
    shown = os.path.relpath(plan.target.path)
    if plan.diff is not None:
        click.echo(plan.diff, nl=False)
    if dry_run:
        if plan.diff is None:
            click.echo(plan.draft, nl=False)
        click.echo(f"{plan.summary}\nDry run: nothing written to {shown}.", err=True)
        return
    init_config.write(plan)
    click.echo(f"{plan.action} {shown}. {plan.summary}")
    click.echo("Read the draft, edit it, then run `fitness check`.")


def main() -> None:
    """Console entry point."""
    # A run makes many objects and next to no reference cycles (parse trees have none):
    # the cyclic collector would only traverse them, many times in a warm run.
    gc.disable()
    args = sys.argv[1:]
    code = error_handler.run(lambda: _invoke(args), debug="--debug" in args)
    gc.freeze()  # so the collection at interpreter exit skips them too
    sys.exit(code)


def _invoke(args: list[str]) -> int:
    result = cli.main(args, prog_name="fitness", standalone_mode=False)
    return result if isinstance(result, int) else 0
