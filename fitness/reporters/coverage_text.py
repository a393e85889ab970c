"""`fitness rules --coverage`: what each rule reached this run, as text."""

from __future__ import annotations

from fitness.model import Report
from fitness.model.reach import RuleCoverage, topmost
from fitness.reporters import neutral
from fitness.reporters.catalogue import plural, unanalysed_text

_HEADER = ("RULE", "KIND", "MODULES", "IMPORTS", "SKIPPED")


def render_coverage(report: Report) -> str:
    """A row per rule (modules matched, imports examined, files skipped), with the packages
    it matched and each skipped file on lines below it; then the files not analysed."""
    rows: list[tuple[tuple[str, ...], list[str]]] = [(_HEADER, [])]
    for rule in report.rules:
        reached = report.coverage.of(rule.id) or RuleCoverage(rule.id, (), 0)
        cells: tuple[str, ...] = (
            rule.id,
            rule.kind,
            str(len(reached.modules)),
            str(reached.imports),
            str(len(reached.skipped)),
        )
        tops = topmost(reached.modules)
        more = [f"matched: {', '.join(tops)}" if tops else "matched: no module"]
        more += [f"skipped: {skip.path} ({skip.why})" for skip in reached.skipped]
        rows.append((cells, more))
    widths = [max(len(cells[i]) for cells, _ in rows) for i in range(len(_HEADER))]
    lines = []
    for cells, more in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip())
        lines.extend(f"  {line}" for line in more)
    vacuous = sum(1 for rule in report.rules if _examined_nothing(report, rule.id))
    if vacuous:
        lines.append(f"{plural(vacuous, 'rule')} examined no import: see vacuous-rule.")
    if report.unanalysed:
        lines.append(unanalysed_text(report.unanalysed))
    return neutral.lines("\n".join(neutral.text(line) for line in lines)) + "\n"


def _examined_nothing(report: Report, rule_id: str) -> bool:
    reached = report.coverage.of(rule_id)
    return reached is None or reached.imports == 0
