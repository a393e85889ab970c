"""The history as CSV: a header row, then one row per sampled commit, one column per rule."""

from __future__ import annotations

import csv
import io

from fitness.model.history import History
from fitness.reporters.history_common import cells, columns


def render_history_csv(history: History) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns(history))
    for point in history.points:
        row = cells(history, point)
        writer.writerow(["" if cell == "-" else cell for cell in row])
    return out.getvalue()
