"""`fitness adr`: every decision, its status, whether it is confirmed, and the rules that
confirm it (those whose `adr` cites it, those its Confirmation section names), as a table."""

from __future__ import annotations

from collections.abc import Callable

from fitness.model import Adr, AdrStatus, ConfirmingRule, DecisionsOverview, Enforcement
from fitness.reporters import neutral
from fitness.reporters.catalogue import code_span, markdown_text
from fitness.reporters.exemptions import exemption_items, exemption_lines, exemption_markdown

CONFIRMATIONS = ("confirmed", "broken", "unconfirmed")


def render_decisions_text(overview: DecisionsOverview) -> str:
    """Aligned columns, then the accepted decisions that are broken and those that nothing
    confirms (shown inert)."""
    overview = neutral.overview(overview)
    if overview.dir is None:
        said = [f"No ADR directory ({overview.how}); set [tool.fitness.adr] dir."]
        return neutral.lines("\n".join(said + exemption_lines(overview.exemptions))) + "\n"
    header = ("ADR", "STATUS", "TITLE", "CONFIRMATION", "RULES (FINDINGS NOW)")
    rows = [header] + [
        (row.adr.key, _status(row.adr), row.adr.title, row.confirmation or "-", _rules(row) or "-")
        for row in overview.records
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4]
        for row in rows
    ]
    lines.append("")
    lines.append(_summary(overview))
    for title, adrs in _lists(overview):
        lines.append(title)
        lines.extend(f"  {adr.key}  {adr.title}" for adr in adrs)
    lines.extend(exemption_lines(overview.exemptions))
    return neutral.lines("\n".join(lines)) + "\n"


def render_decisions_markdown(overview: DecisionsOverview) -> str:
    """A table with a link to each record, for a wiki page or a pull request (shown inert)."""
    overview = neutral.overview(overview)
    if overview.dir is None:
        said = [f"No ADR directory ({overview.how})."]
        return neutral.lines("\n".join(said + exemption_markdown(overview.exemptions))) + "\n"
    lines = [
        "| ADR | Status | Title | Confirmation | Rules (findings now) |",
        "|---|---|---|---|---|",
        *(
            f"| {_link(row.adr)} | {_cell(_status(row.adr))} | {_cell(row.adr.title)} "
            f"| {row.confirmation or '—'} | {_code_rules(row) or '—'} |"
            for row in overview.records
        ),
        "",
        _summary(overview),
    ]
    for title, adrs in _lists(overview):
        lines.extend(("", title, ""))
        lines.extend(f"- {_link(adr)} {_cell(adr.title)}" for adr in adrs)
    lines.extend(exemption_markdown(overview.exemptions))
    return neutral.lines("\n".join(lines)) + "\n"


def render_decisions_json(overview: DecisionsOverview) -> str:
    """Schema `fitness-adrs`, version 2 (docs/adr.schema.json, docs/json-report.md)."""
    import json

    counts = _counts(overview)
    document = {
        "schema": "fitness-adrs",
        "version": 2,
        "dir": overview.dir,
        "summary": {"accepted": sum(counts.values()), **counts},
        "adrs": [
            {
                "key": row.adr.key,
                "number": row.adr.number,
                "title": row.adr.title,
                "status": row.adr.status.value,
                "successor": row.adr.successor,
                "path": row.adr.path,
                "date": row.adr.date,
                "confirmation": row.confirmation,
                "rules": [
                    {
                        "id": rule.id,
                        "status": rule.status,
                        "findings": rule.findings,
                        "cites": rule.cites,
                        "named_at": rule.named_at,
                    }
                    for rule in row.confirming
                ],
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
    return ", ".join(f"{rule.id} ({_standing(rule)})" for rule in row.confirming)


def _code_rules(row: Enforcement) -> str:
    return ", ".join(f"{code_span(rule.id)} ({_standing(rule)})" for rule in row.confirming)


def _standing(rule: ConfirmingRule) -> str:
    """`2`: its findings now; `0, baselined`; `no such rule`; `disabled`."""
    if rule.status == "missing":
        return "no such rule"
    if rule.status == "disabled":
        return "disabled"
    if rule.status == "baselined":
        return f"{rule.findings}, baselined"
    return str(rule.findings)


def _link(adr: Adr) -> str:
    from urllib.parse import quote

    return f"[{_cell(adr.key)}]({quote(adr.path)})"


def _summary(overview: DecisionsOverview) -> str:
    counts = _counts(overview)
    accepted = sum(counts.values())
    if accepted and counts["confirmed"] == accepted:
        return f"Every accepted decision is confirmed by its rules ({accepted} of {accepted})."
    return (
        f"{counts['confirmed']} of {accepted} accepted decisions are confirmed, "
        f"{counts['broken']} broken, {counts['unconfirmed']} unconfirmed."
    )


def _counts(overview: DecisionsOverview) -> dict[str, int]:
    counts = dict.fromkeys(CONFIRMATIONS, 0)
    for row in overview.records:
        if row.confirmation is not None:
            counts[row.confirmation] += 1
    return counts


def _lists(overview: DecisionsOverview) -> list[tuple[str, list[Adr]]]:
    """The broken decisions and the unconfirmed ones, each list under its title, if any."""
    broken = [row.adr for row in overview.records if row.confirmation == "broken"]
    lists = [
        ("Broken (a rule that confirms it has findings, is missing or does not run):", broken),
        (
            "Unconfirmed (no rule cites it, and its Confirmation names none):",
            [*overview.unenforced],
        ),
    ]
    return [(title, adrs) for title, adrs in lists if adrs]


def _cell(text: str) -> str:
    """Literal text in a table cell: what would be markup, a link or HTML is escaped."""
    return markdown_text(text)
