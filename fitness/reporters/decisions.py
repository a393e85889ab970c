"""`fitness adr`: every decision, its status, and the rules that enforce it, as a table."""

from __future__ import annotations

from collections.abc import Callable

from fitness.model import Adr, AdrStatus, DecisionsOverview, Enforcement
from fitness.reporters import neutral
from fitness.reporters.catalogue import code_span, markdown_text
from fitness.reporters.exemptions import exemption_items, exemption_lines, exemption_markdown


def render_decisions_text(overview: DecisionsOverview) -> str:
    """Aligned columns, then the accepted decisions that no rule enforces (shown inert)."""
    overview = neutral.overview(overview)
    if overview.dir is None:
        said = [f"No ADR directory ({overview.how}); set [tool.fitness.adr] dir."]
        return neutral.lines("\n".join(said + exemption_lines(overview.exemptions))) + "\n"
    header = ("ADR", "STATUS", "TITLE", "RULES (FINDINGS NOW)")
    rows = [header] + [
        (row.adr.key, _status(row.adr), row.adr.title, _rules(row) or "-")
        for row in overview.records
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3]
        for row in rows
    ]
    lines.append("")
    lines.append(_summary(overview))
    lines.extend(f"  {adr.key}  {adr.title}" for adr in overview.unenforced)
    lines.extend(exemption_lines(overview.exemptions))
    return neutral.lines("\n".join(lines)) + "\n"


def render_decisions_markdown(overview: DecisionsOverview) -> str:
    """A table with a link to each record, for a wiki page or a pull request (shown inert)."""
    overview = neutral.overview(overview)
    if overview.dir is None:
        said = [f"No ADR directory ({overview.how})."]
        return neutral.lines("\n".join(said + exemption_markdown(overview.exemptions))) + "\n"
    lines = [
        "| ADR | Status | Title | Rules (findings now) |",
        "|---|---|---|---|",
        *(
            f"| {_link(row.adr)} | {_cell(_status(row.adr))} | {_cell(row.adr.title)} "
            f"| {_code_rules(row) or '—'} |"
            for row in overview.records
        ),
        "",
        _summary(overview),
    ]
    if overview.unenforced:
        lines.append("")
        lines.extend(f"- {_link(adr)} {_cell(adr.title)}" for adr in overview.unenforced)
    lines.extend(exemption_markdown(overview.exemptions))
    return neutral.lines("\n".join(lines)) + "\n"


def render_decisions_json(overview: DecisionsOverview) -> str:
    """Schema `fitness-adrs`, version 1 (docs/json-report.md)."""
    import json

    document = {
        "schema": "fitness-adrs",
        "version": 1,
        "dir": overview.dir,
        "adrs": [
            {
                "key": row.adr.key,
                "number": row.adr.number,
                "title": row.adr.title,
                "status": row.adr.status.value,
                "successor": row.adr.successor,
                "path": row.adr.path,
                "date": row.adr.date,
                "rules": [{"id": rule, "findings": count} for rule, count in row.rules],
            }
            for row in overview.records
        ],
        "unenforced": [adr.key for adr in overview.unenforced],
        "exceptions": exemption_items(overview.exemptions),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


DECISIONS_FORMATS: dict[str, Callable[[DecisionsOverview], str]] = {
    "json": render_decisions_json,
    "markdown": render_decisions_markdown,
    "text": render_decisions_text,
}


def _status(adr: Adr) -> str:
    if adr.status is AdrStatus.SUPERSEDED and adr.successor:
        return f"superseded by {adr.successor}"
    return adr.status.value


def _rules(row: Enforcement) -> str:
    return ", ".join(f"{rule} ({count})" for rule, count in row.rules)


def _code_rules(row: Enforcement) -> str:
    return ", ".join(f"{code_span(rule)} ({count})" for rule, count in row.rules)


def _link(adr: Adr) -> str:
    from urllib.parse import quote

    return f"[{_cell(adr.key)}]({quote(adr.path)})"


def _summary(overview: DecisionsOverview) -> str:
    accepted = sum(1 for row in overview.records if row.adr.status is AdrStatus.ACCEPTED)
    enforced = accepted - len(overview.unenforced)
    if not overview.unenforced:
        return f"Every accepted decision is enforced by a rule ({accepted} of {accepted})."
    return f"{enforced} of {accepted} accepted decisions are enforced; no rule enforces:"


def _cell(text: str) -> str:
    """Literal text in a table cell: what would be markup, a link or HTML is escaped."""
    return markdown_text(text)
