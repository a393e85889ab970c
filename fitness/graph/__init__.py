"""The import graph and its queries."""

from fitness.graph.build import build_graph
from fitness.graph.chains import every_chain, shortest_chain
from fitness.graph.cycles import PackageCycles, package_cycles, sibling_cycles
from fitness.graph.graph import GraphView, ImportGraph

__all__ = [
    "GraphView",
    "ImportGraph",
    "PackageCycles",
    "build_graph",
    "every_chain",
    "package_cycles",
    "shortest_chain",
    "sibling_cycles",
]
