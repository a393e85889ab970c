"""`fitness rules`: every configured rule as a table, those switched off included."""

from __future__ import annotations

from fitness.model import RuleListing, RuleSummary
from fitness.reporters import neutral

_HEADER = ("RULE", "KIND", "SEVERITY", "ADR", "DESCRIPTION")


def render_rule_list(listing: RuleListing) -> str:
    """Aligned columns under a header; a rule's `include` / `exclude` on lines below it,
    and the rules switched off (`enabled = false`) as `disabled`, saying where."""
    rows: list[tuple[tuple[str, ...], tuple[str, ...]]] = [(_HEADER, ())]
    rows.extend((_cells(rule), _scope(rule)) for rule in listing.rules)
    rows.extend(
        (
            (rule.id, rule.kind or "-", "disabled", "-", f"enabled = false ({rule.where})"),
            (),
        )
        for rule in listing.disabled
    )
    shown = [
        (tuple(map(neutral.text, cells)), tuple(map(neutral.text, more))) for cells, more in rows
    ]
    widths = [max(len(cells[i]) for cells, _ in shown) for i in range(4)]
    indent = " " * (sum(widths) + 2 * len(widths))
    lines = []
    for cells, more in shown:
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths)) + "  " + cells[4])
        lines.extend(indent + line for line in more)
    return neutral.lines("\n".join(lines)) + "\n"


def _cells(rule: RuleSummary) -> tuple[str, ...]:
    adr = ", ".join(link.cited for link in rule.adrs) or "-"
    return (rule.id, rule.kind, rule.severity.value, adr, rule.description)


def _scope(rule: RuleSummary) -> tuple[str, ...]:
    """`include: a, b` and `exclude: c`, for a rule narrowed to some modules."""
    return tuple(
        f"{key}: {', '.join(modules)}"
        for key, modules in (("include", rule.include), ("exclude", rule.exclude))
        if modules
    )
