"""Which findings fail a run."""

from __future__ import annotations

from collections.abc import Iterable

from fitness.model import Finding, Severity

FAIL_ON = ("error", "warning", "note", "never")


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """True when a finding is at least as severe as `fail_on` (`never` never fails)."""
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(finding.severity.rank >= threshold for finding in findings)
