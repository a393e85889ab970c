"""The view as JSON (schema `fitness-graph`, documented in docs/graph.schema.json).

The document holds the view, the module-level imports behind it (so a picture
can open a package), and the JSON report of the run it was drawn from (so the
findings behind an edge can be listed): the HTML page is drawn from it alone.
"""

from __future__ import annotations

import json
from typing import Any

from fitness import __version__
from fitness.model import Report
from fitness.reporters.json_report import report_document
from fitness.views.package_view import Cluster, PackageView

SCHEMA_VERSION = 2


def render_graph_json(view: PackageView, report: Report) -> str:
    return json.dumps(graph_document(view, report), indent=2, ensure_ascii=False) + "\n"


def graph_document(view: PackageView, report: Report) -> dict[str, Any]:
    return {
        "schema": "fitness-graph",
        "version": SCHEMA_VERSION,
        "tool": {"name": "fitness", "version": __version__},
        "rule": view.rule,
        "roots": list(view.roots),
        "depth": view.depth,
        "left_out": list(view.left_out),
        "ranks": [list(rank.nodes) for rank in view.ranks],
        "rank_labels": [rank.label for rank in view.ranks],
        "clusters": [_cluster(cluster) for cluster in view.clusters],
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
        "modules": list(view.modules),
        "imports": [
            {
                "source": found.source,
                "target": found.target,
                "imports": found.imports,
                "type_checking": found.type_checking,
                "dynamic": found.dynamic,
                "findings": list(found.findings),
            }
            for found in view.imports
        ],
        "report": report_document(report),
    }


def _cluster(cluster: Cluster) -> dict[str, Any]:
    return {
        "name": cluster.name,
        "nodes": list(cluster.nodes),
        "clusters": [_cluster(inner) for inner in cluster.clusters],
    }
