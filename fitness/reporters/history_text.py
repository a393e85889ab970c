"""The history as a text table, the summary sentence, and the open findings by age."""

from __future__ import annotations

from collections.abc import Sequence

from fitness.model.history import History
from fitness.reporters.history_common import cells, columns, open_rows, summary_sentence


def render_history_text(history: History) -> str:
    if not history.points:
        return "No commit to sample.\n"
    table = [columns(history), *(cells(history, point) for point in history.points)]
    lines = _aligned(table, numeric_from=3)
    for point in history.points:
        if point.error:
            first = point.error.splitlines()[0]
            lines.append(f"{point.short}: {point.status}: {first}")
    lines += ["", summary_sentence(history)]
    opened = open_rows(history)
    if opened:
        lines += ["", "Open findings by age:"]
        lines += ["  " + row for row in _aligned(opened, numeric_from=len(opened[0]))]
    return "\n".join(lines) + "\n"


def _aligned(rows: Sequence[Sequence[str]], numeric_from: int) -> list[str]:
    """Columns padded to their widest cell; those from `numeric_from` on set to the right,
    the last column unpadded."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    shown = []
    for row in rows:
        parts = []
        for i, cell in enumerate(row):
            if i == len(row) - 1 and i < numeric_from:
                parts.append(cell)
            elif i >= numeric_from:
                parts.append(cell.rjust(widths[i]))
            else:
                parts.append(cell.ljust(widths[i]))
        shown.append("  ".join(parts).rstrip())
    return shown
