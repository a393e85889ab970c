"""The result of a run, as handed to reporters."""

from __future__ import annotations

from dataclasses import dataclass

from fitness.model.finding import Finding, Severity


@dataclass(frozen=True)
class RuleSummary:
    """A configured rule, as reporters describe it."""

    __slots__ = ("adr", "description", "guidance", "id", "kind", "severity")
    id: str
    kind: str
    severity: Severity
    adr: str | None
    description: str
    guidance: str | None


@dataclass(frozen=True)
class Report:
    """Findings sorted by (path, line, column, rule), the rules checked, and run statistics.

    Finding paths are relative to `root`, the project root (the directory of the
    configuration file), an absolute POSIX path.
    """

    __slots__ = ("elapsed", "failed", "files", "findings", "modules", "root", "rules")
    findings: tuple[Finding, ...]
    rules: tuple[RuleSummary, ...]
    files: int
    modules: int
    elapsed: float
    failed: bool
    root: str

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    def findings_for(self, rule_id: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule_id == rule_id)
