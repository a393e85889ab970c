"""Import cycles among the children of a package, and the fewest imports that break them."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import NamedTuple

from fitness.graph.chains import shortest_chain
from fitness.graph.components import strongly_connected
from fitness.graph.graph import GraphView, ImportGraph
from fitness.model import ImportEdge

# Strongly connected groups up to this many children get an exact minimum breaker set
# (dynamic programming over subsets, 2^n steps); larger ones a greedy heuristic.
EXACT_LIMIT = 12

Squashed = dict[str, dict[str, list[ImportEdge]]]


class PackageCycles(NamedTuple):
    """The sibling cycles of one package.

    `cycles` holds one cycle of imports per distinct loop of children reported:
    for every import between two children that lies on a loop, the shortest loop
    through it, each loop once. `breakers` are the imports whose removal breaks
    every loop: all the imports behind the fewest (by number of importing module
    pairs) child-to-child dependencies whose removal leaves the children acyclic.
    `steps` holds, child -> child, the first import of every module pair between
    them: what a loop needs, whichever of them its shown cycle goes through.
    """

    package: str
    cycles: list[tuple[ImportEdge, ...]]
    breakers: list[ImportEdge]
    steps: Squashed


def package_cycles(
    graph: ImportGraph,
    view: GraphView,
    package: str,
    counts: Callable[[str], bool] = lambda importer: True,
) -> PackageCycles:
    """Every distinct loop among `package`'s children (each child with its descendants).

    Only imports made by modules that `counts` accepts take part.
    """
    squashed = _squash(graph, view, package, counts)
    successors = {child: set(targets) for child, targets in squashed.items()}
    cycles: list[tuple[ImportEdge, ...]] = []
    breakers: list[ImportEdge] = []
    for component in strongly_connected(successors):
        if len(component) < 2:
            continue
        members = set(component)
        inner = {a: {b: squashed[a][b] for b in squashed[a] if b in members} for a in component}
        seen: set[tuple[str, ...]] = set()
        for a in component:
            for b in sorted(inner[a]):
                loop = _canonical([a, *_path(inner, b, a)[:-1]])
                if loop not in seen:
                    seen.add(loop)
                    cycles.append(_realise(inner, loop))
        for a, b in sorted(_breaking_set(inner)):
            breakers.extend(inner[a][b])
    return PackageCycles(package, cycles, sorted(breakers, key=_order), squashed)


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
    for component in strongly_connected(squashed):
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


def _squash(
    graph: ImportGraph, view: GraphView, package: str, counts: Callable[[str], bool]
) -> Squashed:
    """Child -> child -> the first import of every module pair between them."""
    children = sorted(graph.children(package) & graph.modules)
    owner = {member: child for child in children for member in graph.package(child)}
    squashed: Squashed = {child: {} for child in children}
    for importer, imported in view.pairs:
        a, b = owner.get(importer), owner.get(imported)
        if a is not None and b is not None and a != b and counts(importer):
            squashed[a].setdefault(b, []).append(view.edge(importer, imported))
    for targets in squashed.values():
        for edges in targets.values():
            edges.sort(key=_order)
    return squashed


def _order(edge: ImportEdge) -> tuple[str, str, int]:
    return edge.importer, edge.imported, edge.location.line


def _path(inner: Squashed, start: str, goal: str) -> list[str]:
    """The shortest path of children from `start` to `goal` (both included), breadth first."""
    before: dict[str, str] = {start: start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            break
        for successor in sorted(inner[node]):
            if successor not in before:
                before[successor] = node
                queue.append(successor)
    path = [goal]
    while path[-1] != start:
        path.append(before[path[-1]])
    return path[::-1]


def _canonical(loop: list[str]) -> tuple[str, ...]:
    """The loop rotated to start at its smallest child, so each loop is named once."""
    first = loop.index(min(loop))
    return tuple(loop[first:] + loop[:first])


def _realise(inner: Squashed, loop: tuple[str, ...]) -> tuple[ImportEdge, ...]:
    """One import per step of the loop, each starting where the last one arrived if it can."""
    hops: list[ImportEdge] = []
    for index, a in enumerate(loop):
        candidates = inner[a][loop[(index + 1) % len(loop)]]
        arrived = hops[-1].imported if hops else None
        linked = [edge for edge in candidates if edge.importer == arrived]
        hops.append((linked or candidates)[0])
    return tuple(hops)


def _breaking_set(inner: Squashed) -> set[tuple[str, str]]:
    """The child-to-child dependencies to remove, weighted by their module pairs.

    A minimum feedback arc set: exact below EXACT_LIMIT children, else the
    Eades-Lin-Smyth ordering heuristic, pruned of any dependency not needed.
    """
    weight = {(a, b): len(edges) for a, targets in inner.items() for b, edges in targets.items()}
    nodes = sorted(inner)
    order = (
        _exact_order(nodes, weight) if len(nodes) <= EXACT_LIMIT else _greedy_order(inner, weight)
    )
    rank = {node: index for index, node in enumerate(order)}
    chosen = {pair for pair in weight if rank[pair[0]] > rank[pair[1]]}
    for pair in sorted(chosen, key=lambda p: (-weight[p], p)):
        kept = {p for p in weight if p not in chosen or p == pair}
        if _acyclic(nodes, kept):
            chosen.discard(pair)
    return chosen


def _exact_order(nodes: list[str], weight: dict[tuple[str, str], int]) -> list[str]:
    """The order of `nodes` with the lightest backward dependencies, over all orders."""
    count = len(nodes)
    back = [[weight.get((nodes[v], nodes[u]), 0) for u in range(count)] for v in range(count)]
    best = [0] + [-1] * ((1 << count) - 1)
    last = [0] * (1 << count)
    for placed in range(1 << count):
        if best[placed] < 0:
            continue
        for v in range(count):
            if placed >> v & 1:
                continue
            cost = best[placed] + sum(back[v][u] for u in range(count) if placed >> u & 1)
            grown = placed | 1 << v
            if best[grown] < 0 or cost < best[grown]:
                best[grown], last[grown] = cost, v
    order: list[str] = []
    placed = (1 << count) - 1
    while placed:
        order.append(nodes[last[placed]])
        placed &= ~(1 << last[placed])
    return order[::-1]


def _greedy_order(inner: Squashed, weight: dict[tuple[str, str], int]) -> list[str]:
    """Eades, Lin and Smyth: peel sinks and sources, else the node with most out minus in."""
    outs = {node: dict.fromkeys(targets, 0) for node, targets in inner.items()}
    ins: dict[str, dict[str, int]] = {node: {} for node in inner}
    for (a, b), w in weight.items():
        outs[a][b] = w
        ins[b][a] = w
    left: list[str] = []
    right: list[str] = []
    remaining = set(inner)

    def remove(node: str) -> None:
        remaining.discard(node)
        for successor in outs.pop(node):
            ins[successor].pop(node, None)
        for predecessor in ins.pop(node):
            outs[predecessor].pop(node, None)

    while remaining:
        sinks = sorted(n for n in remaining if not outs[n])
        sources = sorted(n for n in remaining if not ins[n] and outs[n])
        if sinks:
            right.extend(sinks)
            for node in sinks:
                remove(node)
        elif sources:
            left.extend(sources)
            for node in sources:
                remove(node)
        else:
            node = max(
                sorted(remaining), key=lambda n: sum(outs[n].values()) - sum(ins[n].values())
            )
            left.append(node)
            remove(node)
    return left + right[::-1]


def _acyclic(nodes: list[str], pairs: set[tuple[str, str]]) -> bool:
    """Kahn's algorithm: whether the dependencies leave the nodes in some order."""
    indegree = dict.fromkeys(nodes, 0)
    successors: dict[str, list[str]] = {node: [] for node in nodes}
    for a, b in pairs:
        successors[a].append(b)
        indegree[b] += 1
    ready = [node for node in nodes if not indegree[node]]
    seen = 0
    while ready:
        node = ready.pop()
        seen += 1
        for successor in successors[node]:
            indegree[successor] -= 1
            if not indegree[successor]:
                ready.append(successor)
    return seen == len(nodes)
