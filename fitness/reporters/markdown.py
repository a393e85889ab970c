"""A Markdown summary for `$GITHUB_STEP_SUMMARY`: totals, notices, then a table per rule.

Failures first: each broken rule gets a heading with its ADR link and a table
of its findings, chains folded in `<details>`; the rules with a finding that
fails the run (`--fail-on`) come before the others. Kept rules follow, in one
table folded in `<details>`. Each location links to its line at the commit
when GitHub's environment names it (`RenderOptions.source_url`). GitHub
refuses a step summary over 1 MiB, so rows stop before that and a note says how
many findings are not shown.
"""

from __future__ import annotations

from fitness.model import AdrLink, Finding, Location, Report, Severity
from fitness.reporters import neutral
from fitness.reporters.base import RenderOptions
from fitness.reporters.catalogue import (
    Described,
    adr_target,
    described_rules,
    hop_text,
    markdown_text,
    outside_text,
    plural,
)
from fitness.reporters.coverage_table import coverage_table
from fitness.views.package_view import PackageView

MAX_BYTES = 1024 * 1024  # GitHub's limit for one step's summary
MAX_PICTURES = 3  # broken rules drawn, the first ones listed
_RESERVE = 4096  # room kept for the truncation note


def render_markdown(report: Report, options: RenderOptions, max_bytes: int = MAX_BYTES) -> str:
    """The summary, always under `max_bytes` of UTF-8; what the repository wrote shown inert."""
    report = neutral.report(report)
    rules = described_rules(report)
    out = _Budget(max_bytes - _RESERVE)
    out.add(_totals(report, rules))
    if report.notices or report.outside or report.unanalysed:
        out.add(_notices(report))
    broken = [rule for rule in rules if report.findings_for(rule.id)]
    # Stable: rule order within each group.
    broken.sort(key=lambda rule: not any(map(report.fails_run, report.findings_for(rule.id))))
    kept = [rule for rule in rules if not report.findings_for(rule.id)]
    shown = 0
    pictures = dict(options.pictures)
    drawn = [rule.id for rule in broken if rule.id in pictures][:MAX_PICTURES]
    for rule in broken:
        findings = report.findings_for(rule.id)
        if not out.add(_heading(report, options, rule, len(findings))):
            break
        if rule.id in drawn:
            out.add(_picture(pictures[rule.id]))
        out.add(_TABLE)
        for finding in findings:
            if not out.add(_row(report, options, finding)):
                break
            shown += 1
        if out.full:
            break
        out.add("")
    if kept:
        out.add(_kept(report, options, kept))
    if report.coverage.rules and not out.full:  # a report made without a run has none
        out.add(coverage_table(report))
    text = "\n".join(out.parts).rstrip("\n") + "\n"
    hidden = len(report.findings) - shown
    if hidden:
        text += (
            f"\n> [!WARNING]\n> {plural(hidden, 'finding')} of {len(report.findings)} not shown: "
            "GitHub limits a step summary to 1 MiB. "
            "The text, JSON and SARIF reports list every one.\n"
        )
    return neutral.lines(text)


class _Budget:
    """Parts of the summary, added while they fit in `limit` bytes."""

    def __init__(self, limit: int) -> None:
        self.parts: list[str] = []
        self.left = limit
        self.full = False

    def add(self, part: str) -> bool:
        size = len(part.encode("utf-8")) + 1
        if self.full or size > self.left:
            self.full = True
            return False
        self.parts.append(part)
        self.left -= size
        return True


def _totals(report: Report, rules: list[Described]) -> str:
    statuses = report.rule_counts()
    baselined = f"{statuses['baselined']} baselined, " if statuses["baselined"] else ""
    if report.findings:
        counts = ", ".join(
            plural(count, name)
            for severity, name in (
                (Severity.ERROR, "error"),
                (Severity.WARNING, "warning"),
                (Severity.NOTE, "note"),
            )
            if (count := report.count_of(severity))
        )
        found = f"{plural(len(report.findings), 'finding')} ({counts})"
    else:
        found = "no findings"
    verdict = "failed" if report.failed else "passed"
    return (
        f"## fitness: {found}\n\n"
        f"The check {verdict}. Rules: {statuses['kept']} kept, {baselined}"
        f"{statuses['broken']} broken; "
        f"{plural(report.files, 'file')}, {plural(report.modules, 'module')} "
        f"in {report.elapsed:.2f}s.\n"
    )


_LABELS = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.NOTE: "Note"}


def _notices(report: Report) -> str:
    """A line per notice of the run (its details listed below it), and the findings left out."""
    lines = []
    for notice in report.notices:
        where = f" (<code>{_cell(report.repo_path(notice.path))}</code>)" if notice.path else ""
        lines.append(f"**{_LABELS[notice.severity]}:** {_cell(notice.message)}{where}")
        lines.extend(f"- {_cell(detail)}" for detail in notice.details)
        lines.append("")
    if report.outside:
        lines += [_cell(outside_text(report.outside)) + ".", ""]
    if report.unanalysed:
        lines.append(f"**Not analysed:** {plural(len(report.unanalysed), 'file')}")
        lines += [
            f"- {_code(report.repo_path(skip.path))} ({skip.why})" for skip in report.unanalysed
        ]
        lines.append("")
    return "\n".join(lines)


def _kept(report: Report, options: RenderOptions, rules: list[Described]) -> str:
    baselined = sum(1 for rule in rules if report.status_of(rule.id) == "baselined")
    summary = plural(len(rules) - baselined, "kept rule")
    if baselined:
        summary += f", {baselined} baselined"
    lines = [
        f"<details><summary>{summary}</summary>",
        "",
        "| Rule | Kind | Decision |",
        "| --- | --- | --- |",
    ]
    lines.extend(
        f"| {_code(rule.id)}{_baselined(report, rule)} | {_cell(rule.kind)} "
        f"| {_adr(report, options, rule)} |"
        for rule in rules
    )
    return "\n".join([*lines, "", "</details>"]) + "\n"


def _baselined(report: Report, rule: Described) -> str:
    """` (baselined)` after a rule whose every finding is in the baseline."""
    return " (baselined)" if report.status_of(rule.id) == "baselined" else ""


def _heading(report: Report, options: RenderOptions, rule: Described, count: int) -> str:
    adr = _adr(report, options, rule)
    lines = [
        f"### {_code(rule.id)}: {plural(count, 'finding')}",
        "",
        _cell(rule.description.rstrip(".")) + "." + (f" Decision: {adr}." if rule.adr else ""),
    ]
    if rule.guidance:
        lines += ["", f"_{_cell(rule.guidance)}_"]
    return "\n".join(lines) + "\n"


_TABLE = "| Location | Severity | Message | Chain |\n| --- | --- | --- | --- |"


def _picture(view: PackageView) -> str:
    """The rule drawn, violating imports in red, as GitHub shows a Mermaid block."""
    from fitness.reporters.diagrams.mermaid import render_mermaid

    return f"```mermaid\n{render_mermaid(view)}```\n"


def _row(report: Report, options: RenderOptions, finding: Finding) -> str:
    loc = finding.location
    path = report.repo_path(loc.path)
    where = _code(f"{path}:{loc.line}:{loc.column}")
    if options.source_url:
        where = f'<a href="{_line_url(options.source_url, path, loc)}">{where}</a>'
    chain = ""
    if finding.chains:
        hops = "<br>".join(_cell(hop_text(hop)) for hop in finding.chain)
        more = len(finding.chains) - 1
        extra = f"<br>and {plural(more, 'more chain')}" if more else ""
        summary = f"<summary>{plural(len(finding.chain), 'hop')}</summary>"
        chain = f"<details>{summary}{hops}{extra}</details>"
    return f"| {where} | {finding.severity.value} | {_cell(finding.message)} | {chain} |"


def _line_url(source_url: str, path: str, loc: Location) -> str:
    """The file at the commit, at the finding's lines (`#L3`, `#L3-L5`), escaped for an href."""
    from html import escape
    from urllib.parse import quote

    lines = f"L{loc.line}" if loc.end_line <= loc.line else f"L{loc.line}-L{loc.end_line}"
    return escape(f"{source_url.rstrip('/')}/{quote(path)}#{lines}")


def _adr(report: Report, options: RenderOptions, rule: Described) -> str:
    """The decisions the rule cites, each a link to its record when it has one."""
    return ", ".join(_adr_link(report, options, link) for link in rule.adrs)


def _adr_link(report: Report, options: RenderOptions, link: AdrLink) -> str:
    target = adr_target(link, report, options)
    label = _cell(link.label)
    if not target:
        return label
    from html import escape

    return f'<a href="{escape(target)}">{label}</a>'


def _cell(text: str) -> str:
    """Text for a table cell, on one line, every Markdown and HTML character escaped."""
    return markdown_text(" ".join(text.split()))


def _code(text: str) -> str:
    return f"<code>{_cell(text)}</code>"
