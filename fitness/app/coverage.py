"""Each rule's coverage for the report: what the check stored beside its findings (the
modules matched, the imports examined), with the files it would have matched that were
not analysed, from this run's listing."""

from __future__ import annotations

import marshal
from collections.abc import Sequence

from fitness.config.schema import Config
from fitness.model.reach import RuleCoverage
from fitness.model.report import Skip
from fitness.parsing.discovery import Discovery


def encode(reached: Sequence[RuleCoverage]) -> bytes:
    """The rules' reach, as stored beside their findings."""
    return marshal.dumps(tuple((c.rule_id, c.modules, c.imports) for c in reached))


def rules(
    config: Config, discovery: Discovery, stored: bytes, unanalysed: Sequence[Skip]
) -> tuple[RuleCoverage, ...]:
    """Every rule's coverage: what its check stored (`stored`), with the skipped files."""
    from fitness.checks.coverage import skipped_for

    try:
        rows = marshal.loads(stored) if stored else ()
        reached = {row[0]: RuleCoverage(row[0], tuple(row[1]), int(row[2])) for row in rows}
    except (ValueError, EOFError, TypeError, IndexError):
        reached = {}
    modules = {f.path: f.module for f in discovery.files}
    skipped: list[tuple[Skip, str | None]] = [
        (Skip(path, why), module) for path, why, module in discovery.left_out
    ]
    skipped += [(skip, modules.get(skip.path)) for skip in unanalysed]
    skipped.sort()
    return tuple(
        reached.get(rule.id, RuleCoverage(rule.id, (), 0))._replace(
            skipped=skipped_for(rule, skipped)
        )
        for rule in config.rules
    )
