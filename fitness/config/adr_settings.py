"""`[tool.fitness.adr]`: where the ADRs are, what must cite one, the project's status words."""

from __future__ import annotations

from fitness.config.schema import AdrSettings
from fitness.config.table import Table
from fitness.model import AdrStatus
from fitness.suggest import did_you_mean


def adr_settings(table: Table) -> AdrSettings:
    """`[tool.fitness.adr]`, checked: every key known, every status word mapped to a status."""
    settings = AdrSettings(
        dir=table.string("dir"),
        require_for_rules=table.boolean("require_for_rules", False),
        require_for_suppressions=table.boolean("require_for_suppressions", False),
        statuses=_statuses(table),
    )
    table.finish()
    return settings


_STATUSES = {status.value: status for status in AdrStatus if status is not AdrStatus.UNKNOWN}


def _statuses(adr: Table) -> tuple[tuple[str, AdrStatus], ...]:
    """`statuses = { Approved = "accepted" }`: the project's words for fitness's statuses."""
    words = adr.table("statuses")
    if words is None:
        return ()
    found = []
    for word in words.names():
        value = words.string(word)
        if value is None:
            continue
        status = _STATUSES.get(value.strip().lower())
        if status is None:
            listed = ", ".join(f"'{name}'" for name in _STATUSES)
            words.problem(
                word, f"'{value}' is not one of {listed}{did_you_mean(value.lower(), _STATUSES)}"
            )
        elif not word.strip():
            words.problem(word, "a status word must not be empty")
        else:
            found.append((word.strip().lower(), status))
    return tuple(found)
