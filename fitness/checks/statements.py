"""Findings about one import statement, for the rules that judge direct imports."""

from __future__ import annotations

from fitness.checks.base import CheckContext
from fitness.model import Finding, Hop, ImportEdge, Site


def statement_finding(
    context: CheckContext, edge: ImportEdge, template: str, **args: str
) -> Finding:
    """A finding located at `edge`'s statement, its one hop showing that statement only.

    The module shown is the third-party one as the statement names it, or the
    internal one it resolves to. `{how}` in the template says whether the import
    is dynamic. The fingerprint is the rule and the pair, never the line.
    """
    rule = context.rule
    shown = edge.module if edge.external else edge.imported
    site = Site(edge.location, edge.local, edge.type_checking, edge.dynamic)
    every = {
        "importer": edge.importer,
        "imported": shown,
        "how": ", a dynamic import" if edge.dynamic else "",
        **args,
    }
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        template=template,
        args=tuple(sorted(every.items())),
        location=edge.location,
        chains=((Hop(edge.importer, shown, (site,)),),),
        modules=(edge.importer, shown),
        adr=rule.adr,
        guidance=rule.message,
        identity=(rule.id, edge.importer, shown),
    )


def by_statement(edges: list[ImportEdge]) -> list[ImportEdge]:
    """One edge per statement (`from x import a, b` makes one per name), the first by name."""
    first: dict[tuple[str, int, int], ImportEdge] = {}
    for edge in sorted(edges, key=lambda e: e.imported):
        first.setdefault((edge.importer, edge.location.line, edge.location.column), edge)
    return [first[key] for key in sorted(first)]
