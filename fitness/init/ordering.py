"""The order of layers with the fewest upward imports: pure search, no I/O.

`imports` says which names reach which (`a` reaches `b`: a chain of imports from
`a` into `b`); a layer order breaks each such pair where `a` sits below `b`.
Finding the order that breaks the fewest pairs is the minimum feedback arc set
problem. The names split into strongly connected groups: a topological order of
the groups breaks no pair between groups, so only the order inside each group
matters. A group of up to `EXACT_LIMIT` names is ordered exactly (dynamic
programming over its subsets, the same minimum as trying every order); a larger
one by the greedy order of Eades, Lin and Smyth, improved while that removes a
broken pair: by moving single names, and by reordering windows of consecutive
names exactly.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import NamedTuple

from fitness.graph.components import strongly_connected

EXACT_LIMIT = 16
_WINDOW = 12  # names reordered exactly at a time inside a larger group


class Ordering(NamedTuple):
    """Names top to bottom, the pairs the order breaks, and whether it is proven the fewest."""

    order: tuple[str, ...]
    broken: tuple[tuple[str, str], ...]  # (importer, imported) with the importer below
    exact: bool
    groups: tuple[tuple[str, ...], ...]  # the strongly connected groups of more than one name


def best_order(names: Collection[str], imports: Mapping[str, Collection[str]]) -> Ordering:
    """The order of `names` (top to bottom) that breaks the fewest pairs of `imports`.

    Ties go to the order that puts importers higher, then to name order, so the
    answer is the same on every run.
    """
    ordered = sorted(names)
    reach = {name: frozenset(imports.get(name, ())) & set(ordered) - {name} for name in ordered}
    groups = _components(ordered, reach)
    exact = all(len(group) <= EXACT_LIMIT for group in groups)
    order: list[str] = []
    for group in groups:
        if len(group) <= EXACT_LIMIT:
            order.extend(_exact(group, reach))
        else:
            order.extend(_improved(_greedy(group, reach), reach))
    return Ordering(
        tuple(order),
        broken_pairs(order, reach),
        exact,
        tuple(tuple(sorted(group)) for group in groups if len(group) > 1),
    )


def broken_pairs(
    order: Sequence[str], imports: Mapping[str, Collection[str]]
) -> tuple[tuple[str, str], ...]:
    """The (importer, imported) pairs of `imports` whose importer is below in `order`."""
    position = {name: index for index, name in enumerate(order)}
    return tuple(
        (importer, imported)
        for importer in order
        for imported in sorted(imports.get(importer, ()), key=lambda n: position.get(n, -1))
        if imported in position and position[imported] < position[importer]
    )


def _components(names: list[str], reach: Mapping[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected groups in a topological order, importers first."""
    found = strongly_connected(reach, names)
    # Tarjan finishes a group after every group it reaches: reversed, importers come first.
    return _stable_topological(list(reversed(found)), reach)


def _stable_topological(
    groups: list[list[str]], reach: Mapping[str, frozenset[str]]
) -> list[list[str]]:
    """The groups in a topological order that takes the first ready group by name each time."""
    owner = {name: i for i, group in enumerate(groups) for name in group}
    after: list[set[int]] = [set() for _ in groups]
    waiting = [0] * len(groups)
    for i, group in enumerate(groups):
        for name in group:
            for target in reach[name]:
                j = owner[target]
                if j != i and j not in after[i]:
                    after[i].add(j)
                    waiting[j] += 1
    ready = sorted((groups[i][0], i) for i in range(len(groups)) if not waiting[i])
    ordered: list[list[str]] = []
    while ready:
        _, i = ready.pop(0)
        ordered.append(groups[i])
        for j in after[i]:
            waiting[j] -= 1
            if not waiting[j]:
                ready.append((groups[j][0], j))
        ready.sort()
    return ordered


def _exact(group: list[str], reach: Mapping[str, frozenset[str]]) -> list[str]:
    """The fewest broken pairs over every order of `group`, by dynamic programming.

    `cost[s]` is the fewest pairs broken inside the subset `s` (a bit mask)
    when it is ordered on its own; the lowest layer `v` of `s` breaks one pair
    for each name above it that `v` reaches.
    """
    size = len(group)
    reaches = [
        sum(1 << j for j, other in enumerate(group) if other in reach[name]) for name in group
    ]
    rank = _ranks(group, reach)
    full = (1 << size) - 1
    cost = [0] * (full + 1)
    lowest = [0] * (full + 1)
    for subset in range(1, full + 1):
        best: tuple[int, int, int] | None = None
        members = subset
        while members:
            bit = members & -members
            members ^= bit
            v = bit.bit_length() - 1
            rest = subset ^ bit
            key = (cost[rest] + _ones(reaches[v] & rest), rank[v], -v)
            if best is None or key < best:
                best = key
                lowest[subset] = v
        assert best is not None
        cost[subset] = best[0]
    order: list[str] = []
    subset = full
    while subset:
        v = lowest[subset]
        order.append(group[v])
        subset ^= 1 << v
    order.reverse()
    return order


def _ranks(group: list[str], reach: Mapping[str, frozenset[str]]) -> list[int]:
    """How strongly each name imports rather than is imported, inside the group (lower: below)."""
    members = set(group)
    imported = {name: 0 for name in group}
    for name in group:
        for target in reach[name] & members:
            imported[target] += 1
    return [len(reach[name] & members) - imported[name] for name in group]


def _greedy(group: list[str], reach: Mapping[str, frozenset[str]]) -> list[str]:
    """Eades, Lin and Smyth: sinks to the bottom, sources to the top, else the best importer."""
    left = set(group)
    top: list[str] = []
    bottom: list[str] = []
    while left:
        changed = True
        while changed:
            changed = False
            for name in sorted(left):
                if not reach[name] & left:
                    bottom.append(name)
                    left.discard(name)
                    changed = True
                elif not any(name in reach[other] for other in left if other != name):
                    top.append(name)
                    left.discard(name)
                    changed = True
        if left:
            chosen = max(
                sorted(left),
                key=lambda n: len(reach[n] & left) - sum(n in reach[o] for o in left),
            )
            top.append(chosen)
            left.discard(chosen)
    return top + list(reversed(bottom))


def _improved(order: list[str], reach: Mapping[str, frozenset[str]]) -> list[str]:
    """Better orders until none is found: one name moved, or a window of names reordered.

    Reordering `_WINDOW` consecutive names exactly changes no pair with a name
    outside the window, so each step can only remove broken pairs.
    """
    current = list(order)
    best = len(broken_pairs(current, reach))
    while True:
        before = best
        current, best = _moved(current, best, reach)
        for start in range(0, max(len(current) - _WINDOW, 0) + 1, _WINDOW // 4):
            window = current[start : start + _WINDOW]
            candidate = current[:start] + _exact(window, reach) + current[start + _WINDOW :]
            broken = len(broken_pairs(candidate, reach))
            if broken < best:
                current, best = candidate, broken
        if best == before:
            return current


def _moved(
    order: list[str], best: int, reach: Mapping[str, frozenset[str]]
) -> tuple[list[str], int]:
    """Move one name at a time to the place that breaks the fewest pairs, until none helps.

    Moving a name changes only its own pairs, so each place is judged by those.
    """
    current = list(order)
    improved = True
    while improved:
        improved = False
        for name in list(current):
            rest = [n for n in current if n != name]
            # Broken at place p: names above that `name` reaches, names below that reach it.
            below = sum(name in reach[other] for other in rest)
            above = 0
            costs = []
            for place in range(len(rest) + 1):
                costs.append(above + below)
                if place < len(rest):
                    other = rest[place]
                    above += other in reach[name]
                    below -= name in reach[other]
            now = costs[current.index(name)]
            place = min(range(len(costs)), key=lambda p: (costs[p], p))
            if costs[place] < now:
                current = [*rest[:place], name, *rest[place:]]
                best -= now - costs[place]
                improved = True
    return current, best


def _ones(mask: int) -> int:
    return bin(mask).count("1")
