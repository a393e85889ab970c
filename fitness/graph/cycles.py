"""Import cycles among the children of a package."""

from __future__ import annotations

from fitness.graph.chains import shortest_chain
from fitness.graph.graph import GraphView, ImportGraph
from fitness.model import ImportEdge


def sibling_cycles(
    graph: ImportGraph, view: GraphView, package: str
) -> list[tuple[ImportEdge, ...]]:
    """One cycle for each group of `package`'s children that import each other in a loop.

    Children are compared as whole packages (a child's descendants count as the
    child). Each cycle is a chain of imports that starts and ends in the same
    child, found as the shortest chain back to it.
    """
    children = sorted(graph.children(package) & graph.modules)
    owner = {member: child for child in children for member in graph.package(child)}
    squashed: dict[str, set[str]] = {child: set() for child in children}
    for importer, imported in view.pairs:
        a, b = owner.get(importer), owner.get(imported)
        if a is not None and b is not None and a != b:
            squashed[a].add(b)
    cycles = []
    for component in _strongly_connected(squashed):
        if len(component) < 2:
            continue
        start = min(component)
        others = [m for child in component if child != start for m in graph.package(child)]
        outgoing = shortest_chain(view, graph.package(start), others)
        if outgoing is None:
            continue
        reached = owner[outgoing[-1].imported]
        back = shortest_chain(view, graph.package(reached), graph.package(start))
        if back is not None:
            cycles.append(outgoing + back)
    return cycles


def _strongly_connected(successors: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm without recursion; components in a stable order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in sorted(successors):
        if root in index:
            continue
        work = [(root, iter(sorted(successors[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, nexts = work[-1]
            advanced = False
            for successor in nexts:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(successors[successor]))))
                    advanced = True
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components
