"""`[tool.fitness.exceptions]`: what every inline suppression must carry, and when its
expiry starts to warn.

`max_days = 180` makes `until=` mandatory, at most that many days ahead;
`require_owner = true` makes `owner=` mandatory; `warn_days` (14 by default)
is how many days before its `until` an exception gives a warning.
"""

from __future__ import annotations

from fitness.config.table import Table
from fitness.model import ExceptionRules

WARN_DAYS = 14


def exception_rules(table: Table) -> ExceptionRules:
    """`[tool.fitness.exceptions]`, checked: every key known, the numbers whole and positive."""
    max_days = table.integer("max_days", 0, minimum=1) if table.has("max_days") else None
    rules = ExceptionRules(
        max_days=max_days,
        require_owner=table.boolean("require_owner", False),
        warn_days=table.integer("warn_days", WARN_DAYS, minimum=0),
    )
    if max_days is not None and max_days > 0 and rules.warn_days > max_days:
        table.problem(
            "warn_days",
            f"warn_days ({rules.warn_days}) is more than max_days ({max_days}): every "
            "exception would warn from the day it is written",
        )
    table.finish()
    return rules._replace(max_days=max_days or None)
