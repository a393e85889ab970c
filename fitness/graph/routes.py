"""Every import that lies on some route between two sets of modules.

The chains a finding shows are witnesses, picked so as not to repeat a hop; a
second route can pass only through hops already shown. Whether a change adds a
route is decided on all of them: an import lies on a route when its importer can
be reached from a source and its imported module can reach a target, through
modules that are not `blocked`. One forward and one backward search: O(V + E).
"""

from __future__ import annotations

from collections.abc import Collection

from fitness.graph.graph import GraphView


def route_imports(
    view: GraphView,
    sources: Collection[str],
    targets: Collection[str],
    blocked: Collection[str],
) -> list[tuple[str, str]]:
    """The (importer, imported) pairs on the routes from `sources` into `targets`, sorted.

    A route starts at a source, ends at its first target, and passes only
    through modules outside `blocked` (which holds the sources, the targets and
    whatever else a chain may not pass through, as `every_chain`'s `blocked`).
    """
    targets = frozenset(targets)
    ahead = _reach(view.successors, sources, targets, blocked)
    behind = _reach(view.predecessors, targets, frozenset(sources), blocked)
    found = []
    for importer in ahead:
        for imported in view.successors.get(importer, ()):
            if imported in behind:
                found.append((importer, imported))
    found.sort()
    return found


def _reach(
    following: dict[str, tuple[str, ...]],
    starts: Collection[str],
    ends: frozenset[str],
    blocked: Collection[str],
) -> set[str]:
    """`starts` and the modules outside `blocked` reached from them, never going past `ends`."""
    reached = set(starts)
    stack = list(reached)
    while stack:
        for node in following.get(stack.pop(), ()):
            if node in reached or node in ends or node in blocked:
                continue
            reached.add(node)
            stack.append(node)
    return reached
