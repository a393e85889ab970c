"""GitHub Actions workflow commands: each finding an annotation on its line.

`::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`, after
the run's notices (`::notice title=fitness::…`, on a file when they have one).
GitHub shows 10 annotations of each severity per step (and 50 per job), so they
go where a pull request's author looks first: to the findings new in the change
(a `--since` run reports only those; the ones already there are never annotated),
then to the first finding of each broken rule, then to the rest, most severe
first. The findings past that are printed as plain lines, in path order, and
the last line says how many were not annotated and where they all are.
"""

from __future__ import annotations

import posixpath

from fitness.model import Finding, Notice, Report, Severity
from fitness.reporters import neutral
from fitness.reporters.base import RenderOptions
from fitness.reporters.catalogue import hop_text, outside_text, plural

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
ANNOTATIONS_PER_SEVERITY = 10


def render_github(report: Report, options: RenderOptions) -> str:
    """One workflow command per finding, up to GitHub's limits; plain lines for the rest.

    What the repository wrote is shown inert (`neutral`), and escaped as GitHub
    reads a command; no other line can be read as one.
    """
    report = neutral.report(report)
    chosen = _annotated(report)
    lines = [_notice(report, options, notice) for notice in report.notices]
    for i in chosen:
        finding = report.findings[i]
        lines.append(_command(report, finding, _path(report, options, finding.location.path)))
    plain = []
    for i, finding in enumerate(report.findings):
        if i not in chosen:
            loc = finding.location
            plain.append(
                f"{_path(report, options, loc.path)}:{loc.line}:{loc.column}: "
                f"{finding.severity.value}: {finding.rule_id}: {_one_line(finding.message)}"
            )
    total = len(report.findings)
    summary = f"fitness: {plural(total, 'finding')}"
    if plain:
        summary += (
            f"; {len(plain)} not annotated (GitHub shows {ANNOTATIONS_PER_SEVERITY} annotations "
            "of each severity per step): they are the plain lines above, and the step summary "
            "(the markdown format) lists every finding by rule"
        )
    if report.outside:
        plain.append(outside_text(report.outside) + ".")
    plain.append(summary + ".")
    return "\n".join([*lines, neutral.lines("\n".join(plain))]) + "\n"


def _annotated(report: Report) -> dict[int, None]:
    """The positions in `report.findings` to annotate, in the order to print them.

    First the most severe finding of each broken rule (the first in path
    order), in rule order (configured rules, then built-in ids), then the
    others; each group most severe first, and each severity up to GitHub's budget.
    """
    order = {rule.id: position for position, rule in enumerate(report.rules)}
    lead: dict[str, int] = {}  # each rule's most severe finding, the first in path order
    for i, finding in enumerate(report.findings):
        shown = lead.get(finding.rule_id)
        if shown is None or finding.severity.rank > report.findings[shown].severity.rank:
            lead[finding.rule_id] = i
    leads = set(lead.values())

    def priority(i: int) -> tuple[bool, int, int, str, int]:
        finding = report.findings[i]
        rule = finding.rule_id
        return (i not in leads, -finding.severity.rank, order.get(rule, len(order)), rule, i)

    left = dict.fromkeys(Severity, ANNOTATIONS_PER_SEVERITY)
    chosen: dict[int, None] = {}
    for i in sorted(range(len(report.findings)), key=priority):
        severity = report.findings[i].severity
        if left[severity]:
            left[severity] -= 1
            chosen[i] = None
    return chosen


def escape_data(text: str) -> str:
    """A command's message: `%`, CR and LF percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value: as data, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(report: Report, finding: Finding, path: str) -> str:
    loc = finding.location
    links = report.adrs_of(finding)
    cited = "; ".join(link.label for link in links) if links else finding.adr
    title = finding.rule_id + (f" ({cited})" if cited else "")
    properties = [("file", path), ("line", str(loc.line))]
    if loc.end_line != loc.line:
        properties.append(("endLine", str(loc.end_line)))
    properties.append(("col", str(loc.column)))
    if loc.end_line == loc.line and loc.end_column > loc.column:
        # GitHub takes a column range only within one line.
        properties += [("endLine", str(loc.end_line)), ("endColumn", str(loc.end_column))]
    properties.append(("title", title))
    body = [finding.message]
    body.extend(hop_text(hop) for hop in finding.chain)
    if finding.guidance:
        body.append(finding.guidance)
    fields = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{COMMANDS[finding.severity]} {fields}::{escape_data(chr(10).join(body))}"


def _notice(report: Report, options: RenderOptions, notice: Notice) -> str:
    """A notice about the run: on its file (and line) when it has one, titled `fitness`."""
    properties = []
    if notice.path is not None:
        properties.append(("file", _path(report, options, notice.path)))
        if notice.line is not None:
            properties.append(("line", str(notice.line)))
    properties.append(("title", "fitness"))
    fields = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    body = "\n".join((notice.message, *notice.details))
    return f"::{COMMANDS[notice.severity]} {fields}::{escape_data(body)}"


def _path(report: Report, options: RenderOptions, path: str) -> str:
    """Relative to `GITHUB_WORKSPACE` when it is known, else to the repository root."""
    if options.workspace is None:
        return report.repo_path(path)
    return posixpath.relpath(posixpath.join(report.root, path), options.workspace)


def _one_line(text: str) -> str:
    return " ".join(text.split())
