"""`fitness graph`: the architecture drawn, with the broken rules in red."""

from __future__ import annotations

from pathlib import Path

import click

from fitness import app
from fitness.cli.flags import CONFIG, DEPTH, EXIT_CODES, MODULES, checked_depth, emit, output_option
from fitness.errors import UsageError


@click.command(epilog=EXIT_CODES)
@CONFIG
@MODULES
@DEPTH
@click.option(
    "--rule",
    "rule_id",
    metavar="ID",
    default=None,
    help="Draw that rule's own picture: a layers rule's layers top to bottom, an acyclic "
    "rule's cycles, the modules another rule names; only its findings.",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(["dot", "html", "json", "mermaid"]),
    default="mermaid",
    show_default=True,
    help="Mermaid (GitHub renders it in Markdown), Graphviz DOT, JSON, or one HTML page "
    "(offline: a click opens a package or lists the findings behind an edge).",
)
@output_option("the diagram")
def graph(
    config: Path | None,
    modules: tuple[str, ...],
    depth: int,
    rule_id: str | None,
    format_: str,
    output: Path | None,
) -> None:
    """Draw the packages and the imports between them, with the broken rules in red.

    Each edge carries its number of imports; an edge whose imports lie on a
    finding's chains is labelled with the rule (findings the baseline holds are
    drawn too). Mermaid stays within what GitHub renders (50,000 characters,
    500 edges), leaving out depth, then legal edges, and saying so. Exit code 0
    whatever the findings (`fitness check` gates).
    """
    from fitness.reporters.diagrams import DIAGRAMS

    checked_depth(depth)
    if rule_id is not None and modules:
        raise UsageError("--rule draws the modules the rule names: give no MODULE with it")
    ran, views = app.graph_views(app.CheckOptions(Path.cwd(), config), modules, rule_id)
    if format_ == "mermaid":
        from fitness.reporters.diagrams.github_limits import within_github

        drawn = DIAGRAMS[format_](within_github(views, depth, DIAGRAMS[format_]))
    elif format_ == "dot":
        drawn = DIAGRAMS[format_](views(depth, frozenset()))
    else:
        from fitness.reporters.diagrams.graph_json import graph_document, render_graph_json

        view = views(depth, frozenset())
        if format_ == "json":
            drawn = render_graph_json(view, ran.report)
        else:  # the page holds the JSON document and draws it itself
            from fitness.reporters.diagrams.html import render_html

            drawn = render_html(graph_document(view, ran.report))
    emit(drawn, output)
