"""Machine-readable output; the schema is documented in docs/json-report.md."""

from __future__ import annotations

from typing import Any

from fitness import __version__
from fitness.model import Finding, Location, Report, Severity
from fitness.reporters.base import RenderOptions

SCHEMA_VERSION = 1


def render_json(report: Report, options: RenderOptions) -> str:
    """The report as one JSON document (schema `fitness-report`, version 1)."""
    import json

    document = {
        "schema": "fitness-report",
        "version": SCHEMA_VERSION,
        "tool": {"name": "fitness", "version": __version__},
        "summary": {
            "failed": report.failed,
            "findings": len(report.findings),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "notes": report.count(Severity.NOTE),
            "files": report.files,
            "modules": report.modules,
            "elapsed_seconds": round(report.elapsed, 3),
        },
        "rules": [
            {
                "id": rule.id,
                "kind": rule.kind,
                "severity": rule.severity.value,
                "adr": rule.adr,
                "description": rule.description,
                "message": rule.guidance,
                "findings": len(report.findings_for(rule.id)),
            }
            for rule in report.rules
        ],
        "findings": [_finding(finding) for finding in report.findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule_id,
        "severity": finding.severity.value,
        "message": finding.message,
        **_location(finding.location),
        "adr": finding.adr,
        "guidance": finding.guidance,
        "fingerprint": finding.fingerprint,
        "modules": list(finding.modules),
        "chain": [
            {
                "importer": hop.importer,
                "imported": hop.imported,
                **_location(hop.location),
            }
            for hop in finding.chain
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
