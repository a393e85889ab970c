"""Coverage as plain data, shared by the JSON report and SARIF's run properties."""

from __future__ import annotations

from typing import Any

from fitness.model import Report
from fitness.model.coverage import RuleCoverage, Skip


def rule_coverage(coverage: RuleCoverage | None) -> dict[str, Any]:
    """What a rule reached: the modules it matched, the imports examined, the files skipped."""
    if coverage is None:
        return {"modules": [], "imports": 0, "skipped": []}
    return {
        "modules": list(coverage.modules),
        "imports": coverage.imports,
        "skipped": skipped(coverage.skipped),
    }


def skipped(files: tuple[Skip, ...]) -> list[dict[str, str]]:
    return [{"path": skip.path, "why": skip.why} for skip in files]


def coverage_by_rule(report: Report) -> dict[str, dict[str, Any]]:
    """Every rule's coverage, by rule id, in configuration order."""
    return {rule.id: rule_coverage(report.coverage.of(rule.id)) for rule in report.rules}
