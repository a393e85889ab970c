"""Each rule's coverage for the report: what the check stored beside its findings (the
modules matched, the imports examined), with the files it would have matched that were
not analysed, from this run's listing."""

from __future__ import annotations

import marshal
from collections.abc import Sequence

from fitness.config.schema import Config
from fitness.model import Finding
from fitness.model.coverage import Coverage, RuleCoverage, Skip
from fitness.parsing.discovery import Discovery

# The findings about files that could not be analysed, and how coverage names the reason.
_UNANALYSED = {"unreadable": "unreadable", "parse-error": "unparsable", "analysis-error": "failed"}


def encode(reached: Sequence[RuleCoverage]) -> bytes:
    """The rules' reach, as stored beside their findings."""
    return marshal.dumps(tuple((c.rule_id, c.modules, c.imports) for c in reached))


def coverage(
    config: Config, discovery: Discovery, stored: bytes, unanalysed: Sequence[Skip]
) -> Coverage:
    """Every rule's coverage, worked out when a report first asks for it."""
    return Coverage(lambda: _rules(config, discovery, stored, unanalysed))


def unanalysed(findings: Sequence[Finding]) -> tuple[Skip, ...]:
    """The files (and directories) that could not be analysed, from their findings."""
    found = {Skip(f.location.path, _why(f)) for f in findings if f.rule_id in _UNANALYSED}
    return tuple(sorted(found))


def _why(finding: Finding) -> str:
    # A file that could not be opened is a parse-error whose reason says so (`worker.py`).
    if finding.rule_id == "parse-error" and finding.message.startswith("cannot read: "):
        return "unreadable"
    return _UNANALYSED[finding.rule_id]


def _rules(
    config: Config, discovery: Discovery, stored: bytes, unanalysed: Sequence[Skip]
) -> tuple[RuleCoverage, ...]:
    from fitness.checks.coverage import skipped_for

    try:
        rows = marshal.loads(stored) if stored else ()
        reached = {row[0]: RuleCoverage(row[0], tuple(row[1]), int(row[2])) for row in rows}
    except (ValueError, EOFError, TypeError, IndexError):
        reached = {}
    modules = {f.path: f.module for f in discovery.files}
    skipped: list[tuple[Skip, str | None]] = [
        (Skip(left.path, left.why), left.module) for left in discovery.left_out
    ]
    skipped += [(skip, modules.get(skip.path)) for skip in unanalysed]
    skipped.sort()
    return tuple(
        reached.get(rule.id, RuleCoverage(rule.id, (), 0))._replace(
            skipped=skipped_for(rule, skipped)
        )
        for rule in config.rules
    )
