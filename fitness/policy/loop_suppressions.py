"""Suppressions of a package's import cycles: one on an import of the cut silences them.

A cycles finding proposes the fewest imports whose removal breaks every loop
among a package's children (`Routes.cut`), and is located at the first of them.
A suppression on any of them accepts the loops, which is the decision the
finding asks for. A suppression elsewhere on the loops silences the finding only
when, without the imports it sits on, no loop is left (the one import that
closed the only loop, say); otherwise it suppresses nothing.
"""

from __future__ import annotations

from collections.abc import Collection

from fitness.model import Finding, Routes, Suppressed, Suppression
from fitness.policy.route_suppressions import ByLine, Judged, covering


def judge_loop(finding: Finding, routes: Routes, by_line: ByLine) -> Judged:
    """Whether the suppressions in `by_line` silence the cycles `finding` reports."""
    covered: dict[tuple[str, str], Suppression] = {}
    for hop in routes.hops:
        found = covering(hop, finding.rule_id, by_line)
        if found is not None:
            covered[(hop.importer, hop.imported)] = found
    if not covered:
        return Judged((), finding)
    on_cut = [covered[pair] for pair in routes.cut if pair in covered]
    if not on_cut and _loops(finding.modules[0], routes.pairs - covered.keys()):
        return Judged((), finding)
    used = tuple(dict.fromkeys(on_cut or covered.values()))
    return Judged(used, None, tuple(Suppressed(finding, each) for each in used))


def _loops(package: str, pairs: Collection[tuple[str, str]]) -> bool:
    """Whether the imports `pairs` still make a loop among `package`'s children."""
    depth = package.count(".") + 2

    def child(module: str) -> str:
        return ".".join(module.split(".")[:depth])

    successors: dict[str, set[str]] = {}
    indegree: dict[str, int] = {}
    for importer, imported in pairs:
        a, b = child(importer), child(imported)
        indegree.setdefault(a, 0)
        if a != b and b not in successors.setdefault(a, set()):
            successors[a].add(b)
            indegree[b] = indegree.get(b, 0) + 1
    ready = [node for node, count in indegree.items() if not count]
    left = len(indegree)
    while ready:
        left -= 1
        for successor in successors.get(ready.pop(), ()):
            indegree[successor] -= 1
            if not indegree[successor]:
                ready.append(successor)
    return left > 0
