"""Diagrams of a `PackageView`: Mermaid, Graphviz DOT, JSON and an HTML page. They draw;
they decide nothing."""

from __future__ import annotations

from collections.abc import Callable

from fitness.views.package_view import PackageView

Diagram = Callable[[PackageView], str]


def _mermaid(view: PackageView) -> str:
    from fitness.reporters.diagrams.mermaid import render_mermaid

    return render_mermaid(view)


def _dot(view: PackageView) -> str:
    from fitness.reporters.diagrams.dot import render_dot

    return render_dot(view)


# The pictures drawn from the view alone; JSON and HTML hold the run's report too.
DIAGRAMS: dict[str, Diagram] = {"dot": _dot, "mermaid": _mermaid}
