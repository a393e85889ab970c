"""The result of a run, as handed to reporters."""

from __future__ import annotations

from typing import NamedTuple

from fitness.model.finding import Finding, Severity


class RuleSummary(NamedTuple):
    """A configured rule, as reporters describe it."""

    id: str
    kind: str
    severity: Severity
    adr: str | None
    description: str
    guidance: str | None


class Report(NamedTuple):
    """Findings sorted by (path, line, column, rule), the rules checked, and run statistics.

    Finding paths are relative to `root`, the project root (the directory of the
    configuration file), an absolute POSIX path.
    """

    findings: tuple[Finding, ...]
    rules: tuple[RuleSummary, ...]
    files: int
    modules: int
    elapsed: float
    failed: bool
    root: str

    def count_of(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    def findings_for(self, rule_id: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule_id == rule_id)
