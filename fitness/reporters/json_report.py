"""Machine-readable output; the schema is documented in docs/json-report.md."""

from __future__ import annotations

from typing import Any

from fitness import __version__
from fitness.model import AdrLink, Finding, Hop, Location, Report, Severity, Suppressed
from fitness.reporters.base import RenderOptions
from fitness.reporters.coverage_data import rule_coverage, skipped

SCHEMA_VERSION = 2


def render_json(report: Report, options: RenderOptions) -> str:
    """The report as one JSON document (schema `fitness-report`, version 2)."""
    import json

    return json.dumps(report_document(report), indent=2, ensure_ascii=False) + "\n"


def report_document(report: Report) -> dict[str, Any]:
    """The document `render_json` writes, as data (the graph's JSON holds it too)."""
    return {
        "schema": "fitness-report",
        "version": SCHEMA_VERSION,
        "tool": {"name": "fitness", "version": __version__},
        "configuration": {"path": report.config_path, "revision": report.config_revision},
        "summary": {
            "failed": report.failed,
            "findings": len(report.findings),
            "errors": report.count_of(Severity.ERROR),
            "warnings": report.count_of(Severity.WARNING),
            "notes": report.count_of(Severity.NOTE),
            "files": report.files,
            "modules": report.modules,
            "elapsed_seconds": round(report.elapsed, 3),
            **{f"rules_{status}": count for status, count in report.rule_counts().items()},
            "suppressed": len(report.suppressed),
            "baselined": len(report.baselined),
            "since": report.since,
            "existing": len(report.existing),
            "stale_baseline_entries": [
                {
                    "fingerprint": entry.fingerprint,
                    "rule": entry.rule,
                    "summary": entry.summary,
                    "path": entry.path,
                    "count": entry.occurrences,
                }
                for entry in report.stale
            ],
            "outside_paths": report.outside,
            "unanalysed": skipped(report.unanalysed),
        },
        "notices": [
            {
                "id": notice.id,
                "severity": notice.severity.value,
                "message": notice.message,
                "path": notice.path,
                "line": notice.line,
                "details": list(notice.details),
            }
            for notice in report.notices
        ],
        "rules": [
            {
                "id": rule.id,
                "kind": rule.kind,
                "severity": rule.severity.value,
                "adr": rule.adr.cited if rule.adr is not None else None,
                "decision": _decision(rule.adr),
                "adrs": [link.cited for link in rule.adrs],
                "decisions": [_decision(link) for link in rule.adrs],
                "description": rule.description,
                "message": rule.guidance,
                "findings": len(report.findings_for(rule.id)),
                "status": report.status_of(rule.id),
                "coverage": rule_coverage(report.coverage.of(rule.id)),
            }
            for rule in report.rules
        ],
        "findings": [_finding(finding, report) for finding in report.findings],
        "suppressed": [_suppressed(report, suppressed) for suppressed in report.suppressed],
        "baselined": [_finding(finding, report) for finding in report.baselined],
        "exceptions": [exemption._asdict() for exemption in report.exemptions],
    }


def _decision(link: AdrLink | None) -> dict[str, Any] | None:
    """The record a rule's `adr` resolves to, or None (no `adr`, or it points nowhere)."""
    if link is None or link.adr is None:
        return None
    adr = link.adr
    return {"key": adr.key, "title": adr.title, "status": adr.status.value, "path": adr.path}


def _finding(finding: Finding, report: Report) -> dict[str, Any]:
    links = report.adrs_of(finding)
    return {
        "rule": finding.rule_id,
        "severity": finding.severity.value,
        "message": finding.message,
        **_location(finding.location),
        "adr": finding.adr,
        "decision": _decision(links[0] if links else None),
        "adrs": [link.cited for link in links] if links else [finding.adr] if finding.adr else [],
        "guidance": finding.guidance,
        "fingerprint": finding.fingerprint,
        "modules": list(finding.modules),
        "chain": [_hop(hop) for hop in finding.chain],
        "chains": [[_hop(hop) for hop in chain] for chain in finding.chains],
    }


def _suppressed(report: Report, suppressed: Suppressed) -> dict[str, Any]:
    """A finding an inline suppression silenced, where it is, and the suppression that did."""
    finding, said = suppressed
    return {
        **_finding(finding, report),
        "suppression": {
            **_location(said.location),
            "rules": list(said.ids),
            "adr": said.adr,
            "reason": said.reason,
        },
    }


def _hop(hop: Hop) -> dict[str, Any]:
    return {
        "importer": hop.importer,
        "imported": hop.imported,
        **_location(hop.location),
        "sites": [
            {
                **_location(site.location),
                "local": site.local,
                "type_checking": site.type_checking,
                "dynamic": site.dynamic,
            }
            for site in hop.sites
        ],
    }


def _location(location: Location) -> dict[str, Any]:
    return {
        "path": location.path,
        "line": location.line,
        "column": location.column,
        "end_line": location.end_line,
        "end_column": location.end_column,
    }
