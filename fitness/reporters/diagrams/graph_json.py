"""The view as JSON (schema `fitness-graph`, documented in docs/graph.schema.json)."""

from __future__ import annotations

import json

from fitness import __version__
from fitness.views.package_view import PackageView

SCHEMA_VERSION = 1


def render_graph_json(view: PackageView) -> str:
    document = {
        "schema": "fitness-graph",
        "version": SCHEMA_VERSION,
        "tool": {"name": "fitness", "version": __version__},
        "roots": list(view.roots),
        "depth": view.depth,
        "left_out": list(view.left_out),
        "ranks": [list(rank) for rank in view.ranks],
        "nodes": [{"name": node.name, "modules": node.modules} for node in view.nodes],
        "edges": [
            {
                "source": edge.source,
                "target": edge.target,
                "imports": edge.imports,
                "type_checking": edge.type_checking,
                "dynamic": edge.dynamic,
                "violations": [{"rule": rule, "imports": n} for rule, n in edge.violations],
            }
            for edge in view.edges
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
