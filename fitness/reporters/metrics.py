"""The package metrics as a text table, CSV or JSON (`docs/metrics.schema.json`).

Each renders the `Metrics` it is given, sorted by package name, and decides nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from fitness.views.metrics import Metrics, PackageMetrics

JSON_VERSION = 1

_COLUMNS = ("package", "modules", "lines", "Ca", "Ce", "I", "A", "D", "cycle")


def render_metrics_text(metrics: Metrics) -> str:
    """An aligned table: names left, numbers right; the other packages of a cycle last."""
    rows = [_COLUMNS, *(_row(package, 2) for package in metrics.packages)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(_COLUMNS) - 1)]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])]
        cells.extend(cell.rjust(width) for cell, width in zip(row[1:-1], widths[1:]))
        cells.append(row[-1])
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def render_metrics_csv(metrics: Metrics) -> str:
    """A header row, then a row per package; the packages of a cycle separated by spaces."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_COLUMNS)
    for package in metrics.packages:
        writer.writerow(_row(package, 4))
    return out.getvalue()


def render_metrics_json(metrics: Metrics) -> str:
    """The document `docs/metrics.schema.json` describes."""
    document = {
        "schema": "fitness-metrics",
        "version": JSON_VERSION,
        "roots": list(metrics.roots),
        "depth": metrics.depth,
        "packages": [_package(package) for package in metrics.packages],
    }
    return json.dumps(document, indent=2) + "\n"


METRICS_FORMATS: dict[str, Callable[[Metrics], str]] = {
    "csv": render_metrics_csv,
    "json": render_metrics_json,
    "text": render_metrics_text,
}


def _row(package: PackageMetrics, places: int) -> tuple[str, ...]:
    return (
        package.name,
        str(package.modules),
        str(package.lines),
        str(package.ca),
        str(package.ce),
        f"{package.instability:.{places}f}",
        f"{package.abstractness:.{places}f}",
        f"{package.distance:.{places}f}",
        " ".join(package.cycle),
    )


def _package(package: PackageMetrics) -> dict[str, Any]:
    return {
        "name": package.name,
        "modules": package.modules,
        "lines": package.lines,
        "classes": package.classes,
        "abstract_classes": package.abstract,
        "afferent": package.ca,
        "efferent": package.ce,
        "instability": round(package.instability, 4),
        "abstractness": round(package.abstractness, 4),
        "distance": round(package.distance, 4),
        "importers": list(package.afferent),
        "imports": list(package.efferent),
        "cycle": list(package.cycle),
    }
