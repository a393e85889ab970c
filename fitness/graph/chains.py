"""Shortest import chains between sets of modules."""

from __future__ import annotations

from collections.abc import Collection

from fitness.graph.graph import GraphView
from fitness.model import ImportEdge


def shortest_chain(
    view: GraphView,
    sources: Collection[str],
    targets: Collection[str],
    avoid: Collection[str] = frozenset(),
) -> tuple[ImportEdge, ...] | None:
    """The shortest chain of imports from any of `sources` to any of `targets`.

    Intermediate modules are never in `avoid`. Ties are broken by module name,
    so the answer is the same on every run. None if there is no chain.
    """
    targets = set(targets)
    came_from: dict[str, str | None] = {source: None for source in sorted(sources)}
    frontier = list(came_from)
    while frontier:
        following: list[str] = []
        for node in frontier:
            for successor in view.successors.get(node, ()):
                if successor in came_from:
                    continue
                if successor in targets:
                    came_from[successor] = node
                    return _edges(view, came_from, successor)
                if successor in avoid:
                    continue
                came_from[successor] = node
                following.append(successor)
        frontier = following
    return None


def _edges(view: GraphView, came_from: dict[str, str | None], end: str) -> tuple[ImportEdge, ...]:
    edges: list[ImportEdge] = []
    node = end
    previous = came_from[node]
    while previous is not None:
        edges.append(view.edge(previous, node))
        node, previous = previous, came_from[previous]
    return tuple(reversed(edges))
