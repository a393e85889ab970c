"""The import graph and its queries."""

from fitness.graph.build import build_graph
from fitness.graph.chains import every_chain, shortest_chain
from fitness.graph.cycles import PackageCycles, package_cycles, sibling_cycles
from fitness.graph.graph import GraphView, ImportGraph
from fitness.graph.routes import route_imports

__all__ = [
    "GraphView",
    "ImportGraph",
    "PackageCycles",
    "build_graph",
    "every_chain",
    "package_cycles",
    "route_imports",
    "shortest_chain",
    "sibling_cycles",
]
