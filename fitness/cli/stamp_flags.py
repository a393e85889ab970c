"""`fitness baseline --until DATE --owner @team`: the flags that stamp the entries it adds."""

from __future__ import annotations

import click

from fitness.policy.suppressions import is_date


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not is_date(value):
        raise click.BadParameter(f"'{value}' is not a date: write YYYY-MM-DD")
    return value


def _owner(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and (not value.strip() or any(c.isspace() for c in value)):
        raise click.BadParameter(f"{value!r} is not an owner: write one word, such as @team")
    return value


UNTIL = click.option(
    "--until",
    metavar="DATE",
    default=None,
    callback=_date,
    help="The last day (YYYY-MM-DD) the entries this run adds cover their findings.",
)
OWNER = click.option(
    "--owner",
    metavar="OWNER",
    default=None,
    callback=_owner,
    help="Who answers for the entries this run adds (@team or @person).",
)


def left_out_message(rules: list[str]) -> str:
    """What `fitness baseline` says of the findings it did not record."""
    return (
        f"Left out the findings of {', '.join(rules)}: "
        f"{'it cannot' if len(rules) == 1 else 'they cannot'} be silenced (suppressible = false)."
    )
