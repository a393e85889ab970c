"""The history as one self-contained HTML page: the findings per sampled commit drawn as an
inline SVG line, the table of points, and the open findings by age.

Nothing is fetched: no script, the style inline, and a Content-Security-Policy that
allows nothing else, so the page reads the same offline. Every text is escaped.
"""

from __future__ import annotations

from html import escape

from fitness.model.history import OK, History
from fitness.reporters.history_common import cells, columns, day, open_rows, summary_sentence

WIDTH, HEIGHT, MARGIN = 720, 260, 40
_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #1f2328; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #d0d7de; padding: 2px 8px; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg .line { fill: none; stroke: #cf222e; stroke-width: 2; }
svg .axis { stroke: #57606a; }
svg text { font-size: 11px; fill: #57606a; }
"""


def render_history_html(history: History) -> str:
    header = columns(history)
    rows = [cells(history, point) for point in history.points]
    opened = open_rows(history)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        "<title>Architecture debt over time</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<h1>Architecture debt over time</h1>",
        f'<p id="summary">{escape(summary_sentence(history))}</p>',
        history_svg(history),
        "<h2>Sampled commits</h2>",
        _table("points", header, rows, numeric_from=3),
        "<h2>Open findings by age</h2>",
        _table("open", ["age", "added in", "rule", "where", "finding"], opened, numeric_from=5)
        if opened
        else '<p id="open">None.</p>',
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def history_svg(history: History) -> str:
    """The total findings at each checked point as a polyline, with its dates and extremes."""
    checked = [point for point in history.points if point.status == OK]
    if not checked:
        return '<p id="chart">No sampled commit could be checked.</p>'
    top = max(max(point.total for point in checked), 1)
    inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    step = inner_w / max(len(checked) - 1, 1)
    xy = [
        (MARGIN + i * step, MARGIN + inner_h - point.total * inner_h / top)
        for i, point in enumerate(checked)
    ]
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    base = MARGIN + inner_h
    parts = [
        f'<svg id="chart" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="Findings per sampled commit">',
        f'<line class="axis" x1="{MARGIN}" y1="{base}" x2="{WIDTH - MARGIN}" y2="{base}"/>',
        f'<line class="axis" x1="{MARGIN}" y1="{MARGIN}" x2="{MARGIN}" y2="{base}"/>',
        f'<text x="{MARGIN - 6}" y="{MARGIN + 4}" text-anchor="end">{top}</text>',
        f'<text x="{MARGIN - 6}" y="{base + 4}" text-anchor="end">0</text>',
        f'<polyline class="line" points="{points}"/>',
    ]
    for (x, y), point in zip(xy, checked):
        label = escape(f"{day(point.timestamp)} {point.short}: {point.total}")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3"><title>{label}</title></circle>')
    first, last = checked[0], checked[-1]
    parts.append(f'<text x="{MARGIN}" y="{base + 16}">{day(first.timestamp)}</text>')
    if len(checked) > 1:
        parts.append(
            f'<text x="{WIDTH - MARGIN}" y="{base + 16}" text-anchor="end">'
            f"{day(last.timestamp)}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _table(name: str, header: list[str], rows: list[list[str]], numeric_from: int) -> str:
    head = "".join(f"<th>{escape(cell)}</th>" for cell in header)
    body = []
    for row in rows:
        tds = "".join(
            f'<td class="n">{escape(cell)}</td>'
            if i >= numeric_from
            else f"<td>{escape(cell)}</td>"
            for i, cell in enumerate(row)
        )
        body.append(f"<tr>{tds}</tr>")
    rows_html = "\n".join(body)
    return (
        f'<table id="{name}">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{rows_html}\n</tbody>\n</table>"
    )
