"""Plain text for terminals and logs: one line per finding, its chains indented below.

Then one line per broken rule (how many findings) and the totals, which count
the kept rules; `show_rules` (`--show-rules`, `-v`) lists the kept rules too.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from functools import partial

from fitness.model import Chain, Finding, Hop, Report, Severity, Site
from fitness.reporters import neutral
from fitness.reporters.base import RenderOptions
from fitness.reporters.catalogue import outside_text, unanalysed_text

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.NOTE: "36"}
# Routes shown per finding, and first or last hops per route; the JSON report has every chain.
MAX_ROUTES = 5
MAX_ENDS = 3


def render_text(report: Report, options: RenderOptions) -> str:
    """`path:line:col: rule-id: message (ADR-N: title)`, chains indented, then rules and totals.

    What the repository wrote is shown inert (`neutral`).
    """
    report = neutral.report(report)
    lines: list[str] = []
    for finding in report.findings:
        lines.extend(_finding(finding, report, options))
    if lines:
        lines.append("")
    lines.extend(_rules(report, options.color, options.show_rules))
    lines.extend(_not_counted(report, options))
    lines.append(_totals(report, options.color))
    return neutral.lines("\n".join(lines)) + "\n"


def _not_counted(report: Report, options: RenderOptions) -> list[str]:
    """What policy left out, the run's notices, the findings outside the PATHs given, and
    the files that could not be analysed."""
    parts = []
    if report.suppressed:
        parts.append(f"{len(report.suppressed)} suppressed inline")
    if report.baselined:
        parts.append(f"{len(report.baselined)} in the baseline")
    if report.since is not None:
        parts.append(f"{len(report.existing)} already at {report.since}")
    lines = [f"Not counted: {', '.join(parts)}."] if parts else []
    if report.config_revision is not None:
        lines.append(f"Judged by {report.config_path} at {report.config_revision} (--config-from).")
    for notice in report.notices:
        lines.append(notice.message)
        lines.extend(f"  {detail}" for detail in notice.details)
    if report.outside:
        lines.append(outside_text(report.outside))
    if report.unanalysed:
        lines.append(unanalysed_text(report.unanalysed, partial(_shown, report, options)))
    return lines


def _finding(finding: Finding, report: Report, options: RenderOptions) -> list[str]:
    loc = finding.location
    color = options.color
    rule = _paint(finding.rule_id, _COLORS[finding.severity] + ";1", color)
    links = report.adrs_of(finding)
    labels = "; ".join(link.label for link in links) if links else finding.adr
    adr = f" ({labels})" if labels else ""
    severity = "" if finding.severity is Severity.ERROR else f" [{finding.severity.value}]"
    path = _shown(report, options, loc.path)
    where = _paint(f"{path}:{loc.line}:{loc.column}:", "1", color)
    lines = [f"{where} {rule}: {finding.message}{adr}{severity}"]
    routes = _routes(finding.chains)
    shown = 0
    if len(routes) > 1:
        for route in routes[:MAX_ROUTES]:
            route_lines, count = _route(route)
            shown += count
            lines.append("  - " + route_lines[0])
            lines.extend("    " + line for line in route_lines[1:])
    elif routes and (len(finding.chain) > 1 or _differs(finding)):
        route_lines, shown = _route(routes[0])
        lines.extend("  " + line for line in route_lines)
    else:
        shown = len(finding.chains)
    hidden = len(finding.chains) - shown
    if hidden:
        more = f"chain{'s' if hidden != 1 else ''}"
        lines.append(f"  ... and {hidden} more {more} (--format json lists every one)")
    if finding.guidance:
        lines.append(f"  = {finding.guidance}")
    return lines


def _shown(report: Report, options: RenderOptions, path: str) -> str:
    """A project-relative path as shown: relative to the current directory when it is known."""
    if options.cwd is None:
        return path
    # Both absolute, so this is string work: no file system, no current directory.
    return posixpath.relpath(posixpath.join(report.root, path), options.cwd)


def _routes(chains: Sequence[Chain]) -> list[list[Chain]]:
    """Chains grouped by the modules they pass through: only their first or last hops differ.

    A direct import is a route of its own. Routes keep the order of their first chain.
    """
    routes: dict[object, list[Chain]] = {}
    for chain in chains:
        key: object = chain if len(chain) == 1 else tuple(hop.importer for hop in chain[1:])
        routes.setdefault(key, []).append(chain)
    return list(routes.values())


def _route(chains: list[Chain]) -> tuple[list[str], int]:
    """The first chain hop by hop, the route's other first and last hops after its own.

    Also how many of the route's chains those lines show.
    """
    main = chains[0]
    if len(main) == 1:
        return [_hop(main[0])], 1
    heads = _distinct(chain[0] for chain in chains)[:MAX_ENDS]
    tails = _distinct(chain[-1] for chain in chains)[:MAX_ENDS]
    lines = [_hop(heads[0])]
    lines.extend("  & " + _hop(hop) for hop in heads[1:])
    lines.extend(_hop(hop) for hop in main[1:-1])
    lines.append(_hop(tails[0]))
    lines.extend("  & " + _hop(hop) for hop in tails[1:])
    return lines, len(heads) * len(tails)


def _distinct(hops: Iterable[Hop]) -> list[Hop]:
    found: dict[tuple[str, str], Hop] = {}
    for hop in hops:
        found.setdefault((hop.importer, hop.imported), hop)
    return list(found.values())


def _hop(hop: Hop) -> str:
    return f"{neutral.hop_names(hop)} ({_sites(hop.sites)})"


def _sites(sites: Sequence[Site]) -> str:
    """`l.3`, `l.28, l.939`, `l.36, TYPE_CHECKING`; mixed kinds label each line."""
    labels = [_label(site) for site in sites]
    if len(set(labels)) == 1:
        shared = [labels[0]] if labels[0] else []
        return ", ".join([*(f"l.{site.location.line}" for site in sites), *shared])
    return ", ".join(
        f"l.{site.location.line} {label}" if label else f"l.{site.location.line}"
        for site, label in zip(sites, labels)
    )


def _label(site: Site) -> str:
    return " ".join(site.kinds)


def _differs(finding: Finding) -> bool:
    """A one-hop chain is worth showing when it names modules inside the packages of the message."""
    hop = finding.chain[0]
    return (hop.importer, hop.imported) != finding.modules or bool(_label(hop.sites[0]))


def _rules(report: Report, color: bool, show_kept: bool) -> list[str]:
    """One line per broken rule (each rule with `show_kept`): id, kind, kept, baselined or
    broken, and how many findings."""
    rows = []
    statuses = [report.status_of(rule.id) for rule in report.rules]
    shown = [(r, s) for r, s in zip(report.rules, statuses) if s == "broken" or show_kept]
    width = max(len(status) for status in ("broken", *(status for _, status in shown)))
    for rule, status in shown:
        count = len(report.findings_for(rule.id))
        rows.append(
            (rule.id, rule.kind, _paint(status.ljust(width), _STATUS_COLORS[status], color), count)
        )
    configured = {rule.id for rule in report.rules}
    for rule_id in sorted({f.rule_id for f in report.findings} - configured):
        rows.append((rule_id, "built-in", "", len(report.findings_for(rule_id))))
    if not rows:
        return []
    id_width = max(len(row[0]) for row in rows)
    kind_width = max(len(row[1]) for row in rows)
    lines = []
    for rule_id, kind, status, count in rows:
        found = f"{count} finding{'s' if count != 1 else ''}" if count else ""
        cells = [rule_id.ljust(id_width), kind.ljust(kind_width), status, found]
        lines.append("  ".join(cell for cell in cells if cell).rstrip())
    return lines


_STATUS_COLORS = {"kept": "32", "baselined": "33", "broken": "31"}


def _totals(report: Report, color: bool) -> str:
    statuses = report.rule_counts()
    baselined = f"{statuses['baselined']} baselined, " if statuses["baselined"] else ""
    rules = f"Rules: {statuses['kept']} kept, {baselined}{statuses['broken']} broken."
    counts = [
        f"{count} {name}{'s' if count != 1 else ''}"
        for severity, name in (
            (Severity.ERROR, "error"),
            (Severity.WARNING, "warning"),
            (Severity.NOTE, "note"),
        )
        if (count := report.count_of(severity))
    ]
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    scope = f"in {files} ({report.elapsed:.2f}s)"
    if not counts:
        return _paint(f"{rules} No findings {scope}.", "32", color)
    total = len(report.findings)
    text = (
        f"{rules} Found {total} finding{'s' if total != 1 else ''} ({', '.join(counts)}) {scope}."
    )
    return _paint(text, "31" if report.failed else "33", color)


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text
