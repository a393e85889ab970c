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
    package: Collection[str] = frozenset(),
    blocked: frozenset[str] | None = None,
) -> list[tuple[ImportEdge, ...]]:
    """Every distinct chain from `sources` into `targets`, direct imports first.

    Found the way import-linter finds the routes between two layers: the two
    packages are taken as two nodes (imports inside either do not count), each
    direct import is a chain of its own, then the shortest route through other
    modules is taken and its imports set aside, again and again until none is
    left. A route's first hop may start at any source that imports its first
    module and its last may end at any target its last module imports: each
    such combination is a chain. Intermediate modules are never in `avoid` or
    `package` (the rest of the source package, such as modules the rule excludes).
    `blocked`, when the caller knows it (a check asking about many pairs of the
    same packages), is the union of `sources`, `targets`, `avoid` and `package`.
    """
    targets = frozenset(targets)
    if blocked is None:
        blocked = frozenset(sources) | frozenset(package) | targets | frozenset(avoid)
    starts = sorted(sources)
    chains: list[tuple[ImportEdge, ...]] = [
        (view.edge(source, imported),)
        for source in starts
        for imported in view.successors.get(source, ())
        if imported in targets
    ]
    used: set[tuple[str | None, str | None]] = set()
    while True:
        middle = _shortest_route(view, starts, targets, blocked, used)
        if middle is None:
            return chains
        used.add((None, middle[0]))
        used.update(zip(middle, middle[1:]))
        used.add((middle[-1], None))
        inner = tuple(view.edge(a, b) for a, b in zip(middle, middle[1:]))
        heads = [view.edge(s, middle[0]) for s in starts if view.has_edge(s, middle[0])]
        tails = [view.edge(middle[-1], t) for t in view.successors[middle[-1]] if t in targets]
        chains.extend((head, *inner, tail) for head in heads for tail in tails)


def _shortest_route(
    view: GraphView,
    starts: list[str],
    targets: frozenset[str],
    blocked: frozenset[str],
    used: set[tuple[str | None, str | None]],
) -> list[str] | None:
    """The modules between the squashed source and target packages on the shortest route.

    `None` in `used` stands for either squashed package; ties go to module names.
    """
    firsts = sorted(
        {
            imported
            for source in starts
            for imported in view.successors.get(source, ())
            if imported not in blocked and (None, imported) not in used
        }
    )
    came_from: dict[str, str | None] = dict.fromkeys(firsts)
    frontier = firsts
    while frontier:
        following: list[str] = []
        for node in frontier:
            for successor in view.successors.get(node, ()):
                if successor in targets:
                    if (node, None) not in used:
                        return _path(came_from, node)
                    continue
                if successor in blocked or successor in came_from or (node, successor) in used:
                    continue
                came_from[successor] = node
                following.append(successor)
        frontier = following
    return None


def _path(came_from: dict[str, str | None], end: str) -> list[str]:
    path = [end]
    previous = came_from[end]
    while previous is not None:
        path.append(previous)
        previous = came_from[previous]
    return path[::-1]
