"""`fitness schema`: print the JSON schema of the configuration."""

from __future__ import annotations

import click

from fitness.cli.flags import EXIT_CODES


@click.command(epilog=EXIT_CODES)
@click.option(
    "--layout",
    type=click.Choice(["fitness", "pyproject", "pyproject-file", "pack"]),
    default="fitness",
    show_default=True,
    help="fitness.toml (docs/fitness.schema.json); the [tool.fitness] table of pyproject.toml "
    "as a SchemaStore partial (docs/partial-fitness.json); a whole pyproject.toml of which "
    "only tool.fitness is checked, for taplo (docs/pyproject-fitness.schema.json); or a rule "
    "pack (docs/fitness-pack.schema.json).",
)
def schema(layout: str) -> None:
    """Print the JSON schema (draft-07) of the configuration, for editors and CI.

    It is generated from the keys `fitness explain` describes: every key with its
    type, meaning and default, each rule table checked against its kind's keys.
    Exit code 0.
    """
    from fitness.json_schema import schema_text

    click.echo(schema_text(layout), nl=False)
