"""Plain text for terminals and logs: one line per finding, its chain indented below."""

from __future__ import annotations

from fitness.model import Finding, Report, Severity
from fitness.reporters.base import RenderOptions

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.NOTE: "36"}


def render_text(report: Report, options: RenderOptions) -> str:
    """`path:line:col: rule-id: message (ADR)`, chain hops indented, then a summary line."""
    lines: list[str] = []
    for finding in report.findings:
        lines.extend(_finding(finding, options.color))
    lines.append(_summary(report, options.color))
    return "\n".join(lines) + "\n"


def _finding(finding: Finding, color: bool) -> list[str]:
    loc = finding.location
    rule = _paint(finding.rule_id, _COLORS[finding.severity] + ";1", color)
    adr = f" ({finding.adr})" if finding.adr else ""
    severity = "" if finding.severity is Severity.ERROR else f" [{finding.severity.value}]"
    where = _paint(f"{loc.path}:{loc.line}:{loc.column}:", "1", color)
    lines = [f"{where} {rule}: {finding.message}{adr}{severity}"]
    for hop in finding.chain if len(finding.chain) > 1 or _differs(finding) else ():
        lines.append(f"  {hop.importer} -> {hop.imported} (l.{hop.location.line})")
    if finding.guidance:
        lines.append(f"  = {finding.guidance}")
    return lines


def _differs(finding: Finding) -> bool:
    """A one-hop chain is worth showing when it names modules inside the packages of the message."""
    if not finding.chain:
        return False
    hop = finding.chain[0]
    return (hop.importer, hop.imported) != finding.modules


def _summary(report: Report, color: bool) -> str:
    counts = [
        f"{count} {name}{'s' if count != 1 else ''}"
        for severity, name in (
            (Severity.ERROR, "error"),
            (Severity.WARNING, "warning"),
            (Severity.NOTE, "note"),
        )
        if (count := report.count(severity))
    ]
    rules = f"{len(report.rules)} rule{'s' if len(report.rules) != 1 else ''}"
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    scope = f"checked {rules} on {files} in {report.elapsed:.2f}s"
    if not counts:
        return _paint(f"No findings: {scope}.", "32", color)
    total = len(report.findings)
    text = f"Found {total} finding{'s' if total != 1 else ''} ({', '.join(counts)}): {scope}."
    return _paint(text, "31" if report.failed else "33", color)


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text
