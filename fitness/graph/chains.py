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


def every_chain(
    view: GraphView,
    sources: Collection[str],
    targets: Collection[str],
    avoid: Collection[str] = frozenset(),
) -> list[tuple[ImportEdge, ...]]:
    """One shortest chain for each (source, target) pair that has one, shortest first.

    This is how import-linter lists the chains between two packages. A chain
    passes only through modules outside `sources`, `targets` and `avoid`, so
    imports inside either package never appear in the middle of one: a chain
    starting deeper in the source package is found from that module instead.
    Ties are broken by module name.
    """
    targets = frozenset(targets)
    sources = frozenset(sources)
    blocked = targets | sources | frozenset(avoid)
    reach = _reaching(view, targets, blocked)
    chains: list[tuple[ImportEdge, ...]] = []
    for source in sorted(sources):
        came_from: dict[str, str | None] = {source: None}
        found: list[str] = []
        frontier = [source]
        while frontier:
            following: list[str] = []
            for node in frontier:
                for successor in view.successors.get(node, ()):
                    if successor in came_from:
                        continue
                    if successor in targets:
                        came_from[successor] = node
                        found.append(successor)
                    elif successor in reach:
                        came_from[successor] = node
                        following.append(successor)
            frontier = following
        chains.extend(_edges(view, came_from, target) for target in sorted(found))
    chains.sort(
        key=lambda chain: (len(chain), [edge.importer for edge in chain], chain[-1].imported)
    )
    return chains


def _reaching(view: GraphView, targets: frozenset[str], blocked: frozenset[str]) -> set[str]:
    """The modules outside `blocked` from which some chain of such modules reaches `targets`."""
    predecessors = view.predecessors
    reach: set[str] = set()
    frontier = list(targets)
    while frontier:
        following = []
        for node in frontier:
            for importer in predecessors.get(node, ()):
                if importer not in reach and importer not in blocked:
                    reach.add(importer)
                    following.append(importer)
        frontier = following
    return reach
