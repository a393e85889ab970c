"""Coverage as plain data, shared by the JSON report and SARIF's run properties."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fitness.model import Report
from fitness.model.reach import RuleCoverage
from fitness.model.report import Skip

Shown = Callable[[str], str]


def rule_coverage(coverage: RuleCoverage | None, shown: Shown = str) -> dict[str, Any]:
    """What a rule reached: the modules it matched, the imports examined, the files skipped;
    `shown` turns a project-relative path into the path to write."""
    if coverage is None:
        return {"modules": [], "imports": 0, "skipped": []}
    return {
        "modules": list(coverage.modules),
        "imports": coverage.imports,
        "skipped": skipped(coverage.skipped, shown),
    }


def skipped(files: tuple[Skip, ...], shown: Shown = str) -> list[dict[str, str]]:
    return [{"path": shown(skip.path), "why": skip.why} for skip in files]


def coverage_by_rule(report: Report) -> dict[str, dict[str, Any]]:
    """Every rule's coverage, by rule id, in configuration order, paths repository-relative
    (as SARIF writes them)."""
    return {
        rule.id: rule_coverage(report.coverage.of(rule.id), report.repo_path)
        for rule in report.rules
    }
