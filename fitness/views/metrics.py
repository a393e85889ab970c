"""Package metrics (Robert C. Martin's): coupling, instability, abstractness, distance.

Pure: modules, the imports between them, each module's lines and classes in;
numbers out. The packages are the nodes of `fitness.views.package_view` (each
module belongs to its ancestor `depth` levels below the deepest root it is
under; a module above that depth is a package of its own). For each package:

- Ca (afferent coupling): how many other packages import one of its modules;
- Ce (efferent coupling): how many other packages one of its modules imports
  (the project's own only; imports within the package do not count);
- I = Ce / (Ca + Ce), 0 when the package has no coupling either way;
- A = abstract classes / classes (`ClassFact.abstract`), 0 without classes;
- D = |A + I - 1|, its distance from the main sequence;
- the other packages of its import cycle: its strongly connected component in
  the graph of packages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from fitness.model import PairImports
from fitness.model.classes import ClassFact
from fitness.views.package_view import node_of


class PackageMetrics(NamedTuple):
    """The numbers of one package; `afferent` and `efferent` name the packages counted."""

    name: str
    modules: int
    lines: int
    classes: int
    abstract: int
    afferent: tuple[str, ...]  # the packages that import it
    efferent: tuple[str, ...]  # the packages it imports
    cycle: tuple[str, ...]  # the other packages of its import cycle, none if it is in none

    @property
    def ca(self) -> int:
        return len(self.afferent)

    @property
    def ce(self) -> int:
        return len(self.efferent)

    @property
    def instability(self) -> float:
        coupling = self.ca + self.ce
        return self.ce / coupling if coupling else 0.0

    @property
    def abstractness(self) -> float:
        return self.abstract / self.classes if self.classes else 0.0

    @property
    def distance(self) -> float:
        return abs(self.abstractness + self.instability - 1)


class Metrics(NamedTuple):
    """Every package's numbers, by name, and the import behind each package dependency."""

    roots: tuple[str, ...]
    depth: int
    packages: tuple[PackageMetrics, ...]
    # (package, package it imports) -> the first (importer, imported) pair, by module name
    first_imports: Mapping[tuple[str, str], tuple[str, str]]
    members: Mapping[str, tuple[str, ...]]  # package -> its modules, sorted

    def get(self, name: str) -> PackageMetrics | None:
        return next((package for package in self.packages if package.name == name), None)


def package_metrics(
    modules: Iterable[str],
    pairs: Mapping[tuple[str, str], PairImports] | Iterable[tuple[str, str]],
    lines: Mapping[str, int],
    classes: Mapping[str, Sequence[ClassFact]],
    roots: Sequence[str] = (),
    depth: int = 1,
) -> Metrics:
    """The metrics of the packages `depth` levels below `roots` (none: the top-level packages).

    `pairs` are the module-level imports (importer, imported) between the project's
    modules; `lines` and `classes` are by module (a module missing counts nothing).
    """
    internal = sorted(set(modules))
    chosen = tuple(sorted(set(roots))) or tuple(sorted({m.split(".")[0] for m in internal}))
    by_length = sorted(chosen, key=len, reverse=True)
    owner = {module: node for module in internal if (node := node_of(module, by_length, depth))}
    members: dict[str, list[str]] = defaultdict(list)
    for module, node in owner.items():
        members[node].append(module)
    first: dict[tuple[str, str], tuple[str, str]] = {}
    for importer, imported in sorted(pairs):
        source, target = owner.get(importer), owner.get(imported)
        if source is None or target is None or source == target:
            continue
        first.setdefault((source, target), (importer, imported))
    efferent: dict[str, set[str]] = defaultdict(set)
    afferent: dict[str, set[str]] = defaultdict(set)
    for source, target in first:
        efferent[source].add(target)
        afferent[target].add(source)
    cycles = _components(sorted(members), efferent)
    packages = []
    for name in sorted(members):
        found = [fact for module in members[name] for fact in classes.get(module, ())]
        packages.append(
            PackageMetrics(
                name=name,
                modules=len(members[name]),
                lines=sum(lines.get(module, 0) for module in members[name]),
                classes=len(found),
                abstract=sum(1 for fact in found if fact.abstract),
                afferent=tuple(sorted(afferent[name])),
                efferent=tuple(sorted(efferent[name])),
                cycle=tuple(sorted(other for other in cycles.get(name, ()) if other != name)),
            )
        )
    return Metrics(
        chosen,
        depth,
        tuple(packages),
        first,
        {name: tuple(sorted(found)) for name, found in members.items()},
    )


def _components(nodes: Sequence[str], successors: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """Each node that lies on a cycle, with the nodes of its strongly connected component
    (Tarjan's algorithm, iterative so a long chain of packages costs no stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: dict[str, set[str]] = {}
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(sorted(successors.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, nexts = work[-1]
            step = next(nexts, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(successors.get(step, ())))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    for member in component:
                        found[member] = component
    return found
