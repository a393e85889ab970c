"""Diagrams of a `PackageView`: Mermaid, Graphviz DOT and JSON. They draw; they decide nothing."""

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


def _json(view: PackageView) -> str:
    from fitness.reporters.diagrams.graph_json import render_graph_json

    return render_graph_json(view)


DIAGRAMS: dict[str, Diagram] = {"dot": _dot, "json": _json, "mermaid": _mermaid}
