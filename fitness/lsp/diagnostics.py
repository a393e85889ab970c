"""What the editor shows of a check: each finding in an open file, and the imports there
that close a finding located elsewhere.

Plain records in fitness's own terms (project-relative paths, 1-based lines,
code-point columns): `fitness.lsp.server` converts them to the protocol's.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import NamedTuple

from fitness.config.source import Problem
from fitness.model import Finding, Location, Report, Severity

MAX_CHAINS = 3  # chains written out in one diagnostic; the rest are counted


class Related(NamedTuple):
    """A place a diagnostic points to: a hop of its chain, or the finding it closes."""

    location: Location
    message: str


class Diagnostic(NamedTuple):
    """One diagnostic: where, how severe, the rule id as its code, and the text.

    `finding` is the index of the finding in the report it came from (None for a
    configuration problem): code actions and hover read the finding again.
    `closes` is True on an import that closes a finding located in another file.
    """

    location: Location
    severity: Severity
    code: str
    message: str
    related: tuple[Related, ...] = ()
    finding: int | None = None
    closes: bool = False


def diagnostics(report: Report, paths: Collection[str]) -> dict[str, list[Diagnostic]]:
    """The diagnostics of each of `paths` (project-relative, POSIX), every one of them
    present (an empty list clears what the editor shows)."""
    found: dict[str, list[Diagnostic]] = {path: [] for path in paths}
    for index, finding in enumerate(report.findings):
        own = found.get(finding.location.path)
        if own is not None:
            own.append(_of_finding(report, finding, index))
        for path, site in _closing_sites(finding, found):
            found[path].append(_closing(report, finding, index, site))
    return found


def _of_finding(report: Report, finding: Finding, index: int) -> Diagnostic:
    related = tuple(
        Related(hop.location, f"{hop.importer} -> {hop.imported}")
        for chain in finding.chains[:MAX_CHAINS]
        for hop in chain
    )
    return Diagnostic(
        finding.location,
        finding.severity,
        finding.rule_id,
        "\n".join(_text(report, finding)),
        related,
        index,
    )


def _closing(report: Report, finding: Finding, index: int, site: Location) -> Diagnostic:
    """The diagnostic on an import of an open file that a finding located elsewhere needs."""
    where = finding.location
    lines = _text(report, finding)
    lines[0] = f"this import takes part in: {lines[0]} (reported at {where.path}:{where.line})"
    related = (Related(where, f"{finding.rule_id}: {finding.message}"),)
    return Diagnostic(
        site, finding.severity, finding.rule_id, "\n".join(lines), related, index, True
    )


def _closing_sites(finding: Finding, files: Collection[str]) -> Iterator[tuple[str, Location]]:
    """The import statements in `files`, other than the finding's own file, that its chains
    pass through: each once, in chain order."""
    seen: set[Location] = set()
    for chain in finding.chains:
        for hop in chain:
            for site in hop.sites:
                where = site.location
                elsewhere = where.path != finding.location.path and where.path in files
                if elsewhere and where not in seen:
                    seen.add(where)
                    yield where.path, where


def _text(report: Report, finding: Finding) -> list[str]:
    """The finding's message with the decision it enforces, its chains hop by hop, and
    the rule's guidance."""
    links = report.adrs_of(finding)
    labels = "; ".join(link.label for link in links) if links else finding.adr
    lines = [f"{finding.message} ({labels})" if labels else finding.message]
    for number, chain in enumerate(finding.chains[:MAX_CHAINS]):
        if len(finding.chains) > 1:
            lines.append(f"chain {number + 1}:")
        lines.extend(
            f"  {hop.importer} -> {hop.imported} ({hop.location.path}:{hop.location.line})"
            for hop in chain
        )
    hidden = len(finding.chains) - MAX_CHAINS
    if hidden > 0:
        lines.append(f"... and {hidden} more chain{'s' if hidden != 1 else ''}")
    if finding.guidance:
        lines.append(f"= {finding.guidance}")
    return lines


def config_diagnostics(records: Collection[Problem]) -> dict[str, list[Diagnostic]]:
    """A configuration's problems by the file each is in (as the problems name it), each
    on its line (the first line when the problem has none)."""
    found: dict[str, list[Diagnostic]] = {}
    for record in records:
        line = max(record.line, 1)
        where = Location(record.file, line, 1, line + 1, 1)
        found.setdefault(record.file, []).append(
            Diagnostic(where, Severity.ERROR, "config-error", record.text)
        )
    return found
