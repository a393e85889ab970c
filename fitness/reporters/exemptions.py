"""The exceptions with an owner or an expiry, as `fitness adr` lists them after the decisions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fitness.model import Exemption
from fitness.reporters.catalogue import code_span, markdown_text


def exemption_lines(exemptions: Sequence[Exemption]) -> list[str]:
    """Aligned columns: owner, until, state, what, where; nothing when there are none."""
    if not exemptions:
        return []
    rows = [("OWNER", "UNTIL", "STATE", "EXCEPTION", "WHERE")] + [
        (
            exemption.owner or "(no owner)",
            exemption.until or "-",
            exemption.state,
            f"{_kind(exemption)} of {', '.join(exemption.rules)}",
            _where(exemption),
        )
        for exemption in exemptions
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    table = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4]
        for row in rows
    ]
    return ["", f"Exceptions by owner and expiry ({len(exemptions)}):", *table]


def exemption_markdown(exemptions: Sequence[Exemption]) -> list[str]:
    """A table of the same, for a wiki page or a pull request; nothing when there are none."""
    if not exemptions:
        return []
    return [
        "",
        "### Exceptions by owner and expiry",
        "",
        "| Owner | Until | State | Exception | Where |",
        "|---|---|---|---|---|",
        *(
            f"| {markdown_text(exemption.owner or '(no owner)')} | {exemption.until or '—'} "
            f"| {exemption.state} | {_kind(exemption)} of "
            f"{', '.join(code_span(rule) for rule in exemption.rules)} "
            f"| {code_span(_where(exemption))} |"
            for exemption in exemptions
        ),
    ]


def exemption_items(exemptions: Sequence[Exemption]) -> list[dict[str, Any]]:
    """As the JSON report's `exceptions[]` (docs/json-report.md)."""
    return [exemption._asdict() for exemption in exemptions]


def _kind(exemption: Exemption) -> str:
    return "suppression" if exemption.kind == "suppression" else "baseline entry"


def _where(exemption: Exemption) -> str:
    return f"{exemption.path}:{exemption.line}" if exemption.line else exemption.path
