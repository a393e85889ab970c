"""The history in Markdown for a step summary: a Mermaid `xychart-beta` line of the findings
per sampled commit (GitHub draws it), the table of points, and the open findings by age.

The chart's labels are dates (digits and dashes) and its title is fixed, so no text from
the repository reaches the diagram; the table's cells are escaped.
"""

from __future__ import annotations

from fitness.model.history import OK, History
from fitness.reporters.catalogue import markdown_text
from fitness.reporters.history_common import cells, columns, day, open_rows, summary_sentence

TITLE = "## Architecture debt over time"


def render_history_markdown(history: History) -> str:
    parts = [TITLE, "", summary_sentence(history), ""]
    chart = history_chart(history)
    if chart:
        parts += ["```mermaid", chart, "```", ""]
    header = columns(history)
    parts.append(_row(header))
    parts.append("|" + "|".join("---" if i < 3 else "--:" for i in range(len(header))) + "|")
    parts += [_row(cells(history, point)) for point in history.points]
    opened = open_rows(history)
    if opened:
        parts += ["", "### Open findings by age", ""]
        parts.append(_row(["age", "added in", "rule", "where", "finding"]))
        parts.append("|---|---|---|---|---|")
        parts += [_row(row) for row in opened]
    return "\n".join(parts) + "\n"


def history_chart(history: History) -> str:
    """The Mermaid xychart of the total findings at each checked point ("" with none)."""
    checked = [point for point in history.points if point.status == OK]
    if not checked:
        return ""
    labels = [day(point.timestamp) for point in checked]
    if len(set(labels)) < len(labels):  # several points a day: the commit tells them apart
        labels = [f"{label} {point.short}" for label, point in zip(labels, checked)]
    top = max(max(point.total for point in checked), 1)
    return "\n".join(
        [
            "xychart-beta",
            '    title "Findings per sampled commit"',
            "    x-axis [" + ", ".join(f'"{label}"' for label in labels) + "]",
            f'    y-axis "Findings" 0 --> {top}',
            "    line [" + ", ".join(str(point.total) for point in checked) + "]",
        ]
    )


def _row(values: list[str]) -> str:
    return "| " + " | ".join(markdown_text(" ".join(v.split())) for v in values) + " |"
