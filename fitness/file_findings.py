"""Findings about the files themselves: what could not be read, what is shadowed."""

from __future__ import annotations

from collections.abc import Iterable

from fitness.model import BUILT_IN_KINDS, Finding, Location, ParseFailure, Severity
from fitness.model.report import Skip
from fitness.parsing.discovery import Shadowed
from fitness.tree.names import NAME_NOT_UTF8

# The ids of the findings about files, which no configuration can switch off.
BUILT_IN = tuple(kind.id for kind in BUILT_IN_KINDS if kind.topic == "files")


def parse_error(path: str, failure: ParseFailure) -> Finding:
    """A file that could not be parsed: its imports are unknown, so this is an error.

    A `parse-error` is the file's fault; an `analysis-error` is fitness's, which
    failed on a file it should have read, and asks to be told.
    """
    location = Location(path, failure.line, failure.column, failure.line, failure.column)
    if failure.kind == "analysis":
        return _finding(
            "analysis-error",
            Severity.ERROR,
            "fitness could not analyse this file: {error}; please report it",
            location,
            error=failure.message,
        )
    return _finding("parse-error", Severity.ERROR, "{reason}", location, reason=failure.message)


def shadowed(found: Shadowed) -> Finding:
    """A module found under two source roots: the second copy is not checked."""
    return _finding(
        "duplicate-module",
        Severity.WARNING,
        "module {module} is also at {kept}; this copy is not checked",
        Location(found.ignored, 1, 1, 1, 1),
        (found.module, found.kept),
        module=found.module,
        kept=found.kept,
    )


def unreadable(path: str, reason: str) -> Finding:
    """A directory that could not be listed, or a Python file or directory whose name is not
    UTF-8: its modules are unknown."""
    return _finding(
        "unreadable",
        Severity.ERROR,
        "{reason}" if reason == NAME_NOT_UTF8 else "cannot read directory: {reason}",
        Location(path, 1, 1, 1, 1),
        reason=reason,
    )


# The findings about files that could not be analysed, and how coverage names the reason.
_UNANALYSED = {"unreadable": "unreadable", "parse-error": "unparsable", "analysis-error": "failed"}


def unanalysed(findings: Iterable[Finding]) -> tuple[Skip, ...]:
    """The files (and directories) that could not be analysed, from their findings."""
    found = {Skip(f.location.path, _why(f)) for f in findings if f.rule_id in _UNANALYSED}
    return tuple(sorted(found))


def _why(finding: Finding) -> str:
    # A file that could not be opened is a parse-error whose reason says so (`worker.py`).
    if finding.rule_id == "parse-error" and finding.message.startswith("cannot read: "):
        return "unreadable"
    return _UNANALYSED[finding.rule_id]


def _finding(
    rule_id: str,
    severity: Severity,
    template: str,
    location: Location,
    identity: tuple[str, ...] = (),
    **args: str,
) -> Finding:
    """`identity` names what the finding is about beyond its file (never a reason's wording)."""
    return Finding(
        rule_id=rule_id,
        severity=severity,
        template=template,
        args=tuple(sorted(args.items())),
        location=location,
        chains=(),
        modules=(),
        adr=None,
        guidance=None,
        identity=(rule_id, location.path, *identity),
    )
