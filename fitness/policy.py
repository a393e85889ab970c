"""Which findings are reported, and which of them fail a run: the one place that decides."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fitness.model import Finding, Severity

FAIL_ON = ("error", "warning", "note", "never")


def in_scope(findings: Iterable[Finding], paths: Sequence[str]) -> list[Finding]:
    """The findings located in one of `paths` (project-relative files or directories).

    No paths, or the project root itself (`.`), keep every finding. The whole
    project is analysed either way: only what is reported narrows.
    """
    if not paths or "." in paths:
        return list(findings)
    prefixes = tuple(path.rstrip("/") + "/" for path in paths)
    return [
        finding
        for finding in findings
        if finding.location.path in paths or finding.location.path.startswith(prefixes)
    ]


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """True when a finding is at least as severe as `fail_on` (`never` never fails)."""
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(finding.severity.rank >= threshold for finding in findings)
