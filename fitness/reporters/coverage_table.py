"""The Markdown summary's coverage table: what each rule matched, examined and skipped."""

from __future__ import annotations

from collections.abc import Sequence

from fitness.model import Report
from fitness.model.reach import RuleCoverage, topmost
from fitness.reporters.catalogue import markdown_text

MOST = 5  # names shown in a cell before "and N more"


def coverage_table(report: Report) -> str:
    """One row per rule, folded in `<details>`: a reader checks the gate looked where it should."""
    lines = [
        "<details><summary>Coverage: what each rule checked</summary>",
        "",
        "| Rule | Modules matched | Imports examined | Files skipped |",
        "| --- | --- | --- | --- |",
    ]
    for rule in report.rules:
        reached = report.coverage.of(rule.id) or RuleCoverage(rule.id, (), 0)
        skipped = _skipped(report, reached)
        lines.append(f"| {_code(rule.id)} | {_modules(reached)} | {reached.imports} | {skipped} |")
    return "\n".join([*lines, "", "</details>"]) + "\n"


def _modules(reached: RuleCoverage) -> str:
    """How many modules, and the topmost of them (the packages that hold the others)."""
    if not reached.modules:
        return "none"
    return f"{len(reached.modules)}: {_some([_code(top) for top in topmost(reached.modules)])}"


def _skipped(report: Report, reached: RuleCoverage) -> str:
    if not reached.skipped:
        return "none"
    shown = [f"{_code(report.repo_path(skip.path))} ({skip.why})" for skip in reached.skipped]
    return f"{len(shown)}: {_some(shown)}"


def _some(items: Sequence[str]) -> str:
    if len(items) <= MOST:
        return ", ".join(items)
    return f"{', '.join(items[:MOST])} and {len(items) - MOST} more"


def _code(text: str) -> str:
    return f"<code>{markdown_text(' '.join(text.split()))}</code>"
