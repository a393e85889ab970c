"""Pure data shared by every stage: no I/O, no parsing library."""

from fitness.model.finding import Finding, Hop, Location, Severity
from fitness.model.imports import FileFacts, ImportEdge, ParseFailure, RawImport
from fitness.model.report import Report, RuleSummary

__all__ = [
    "FileFacts",
    "Finding",
    "Hop",
    "ImportEdge",
    "Location",
    "ParseFailure",
    "RawImport",
    "Report",
    "RuleSummary",
    "Severity",
]
