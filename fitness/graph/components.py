"""Strongly connected components: the groups of nodes that reach each other."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping


def strongly_connected(
    successors: Mapping[str, Collection[str]], roots: Iterable[str] | None = None
) -> list[list[str]]:
    """Tarjan's algorithm without recursion: each component sorted, in the order Tarjan
    finishes them (a component after every component it reaches).

    Nodes are visited from `roots` in the order given (default: sorted), and each
    node's successors in sorted order, so the result is the same on every run.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in sorted(successors) if roots is None else roots:
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
