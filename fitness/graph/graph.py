"""The import graph: internal modules, the external names they import, and the edges."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from fitness.model import ImportEdge


class ImportGraph:
    """Modules under the source roots and every import between them and beyond.

    Each (importer, imported) pair keeps all its import statements, sorted by
    position, so a chain can show the first one a reader meets in the file.
    """

    def __init__(self, modules: Iterable[str], edges: Iterable[ImportEdge]) -> None:
        self.modules = frozenset(modules)
        pairs: dict[tuple[str, str], list[ImportEdge]] = defaultdict(list)
        externals: set[str] = set()
        for edge in edges:
            pairs[edge.importer, edge.imported].append(edge)
            if edge.external:
                externals.add(edge.imported)
        self.externals = frozenset(externals)
        self._pairs = {
            pair: tuple(found if len(found) == 1 else sorted(found, key=_position))
            for pair, found in pairs.items()
        }
        children: dict[str, set[str]] = defaultdict(set)
        for name in self.modules | self.externals:
            # Externals are known only by the names imported: link `a.b.c` to `a.b` and `a` too.
            parent, dot, _ = name.rpartition(".")
            while dot and name not in children[parent]:
                children[parent].add(name)
                name = parent
                parent, dot, _ = name.rpartition(".")
        self._children = {parent: frozenset(kids) for parent, kids in children.items()}
        self._views: dict[object, GraphView] = {}

    @property
    def edges(self) -> Iterable[ImportEdge]:
        for found in self._pairs.values():
            yield from found

    def children(self, module: str) -> frozenset[str]:
        """Direct submodules of `module` (internal or external)."""
        return self._children.get(module, frozenset())

    def descendants(self, module: str) -> frozenset[str]:
        """Every submodule of `module` at any depth, not `module` itself."""
        found: set[str] = set()
        stack = [module]
        while stack:
            for child in self._children.get(stack.pop(), ()):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        return frozenset(found)

    def package(self, module: str) -> frozenset[str]:
        """`module` and its descendants, as far as the graph knows them."""
        return self.descendants(module) | ({module} & (self.modules | self.externals))

    def imports_of(self, module: str) -> frozenset[str]:
        """What `module` imports directly."""
        return frozenset(imported for importer, imported in self._pairs if importer == module)

    def importers_of(self, module: str) -> frozenset[str]:
        """The modules that import `module` directly."""
        return frozenset(importer for importer, imported in self._pairs if imported == module)

    def view(self, key: object, keep: Callable[[ImportEdge], bool]) -> GraphView:
        """The graph with only the edges `keep` accepts; views are cached under `key`."""
        if key not in self._views:
            self._views[key] = GraphView(self._pairs, keep)
        return self._views[key]


def _position(edge: ImportEdge) -> tuple[int, int]:
    return edge.location.line, edge.location.column


class GraphView:
    """Adjacency over a subset of the edges, for chain and cycle searches."""

    def __init__(
        self,
        pairs: dict[tuple[str, str], tuple[ImportEdge, ...]],
        keep: Callable[[ImportEdge], bool],
    ) -> None:
        successors: dict[str, list[str]] = defaultdict(list)
        self._kept: dict[tuple[str, str], tuple[ImportEdge, ...]] = {}
        for pair, found in pairs.items():
            kept = tuple(edge for edge in found if keep(edge))
            if kept:
                successors[pair[0]].append(pair[1])
                self._kept[pair] = kept
        self.successors = {node: tuple(sorted(nexts)) for node, nexts in successors.items()}
        self._predecessors: dict[str, tuple[str, ...]] | None = None

    def edge(self, importer: str, imported: str) -> ImportEdge:
        """The first import statement, in file order, of this pair."""
        return self._kept[importer, imported][0]

    def edges(self, importer: str, imported: str) -> tuple[ImportEdge, ...]:
        """Every import statement of this pair that the view keeps, in file order."""
        return self._kept[importer, imported]

    def has_edge(self, importer: str, imported: str) -> bool:
        return (importer, imported) in self._kept

    @property
    def pairs(self) -> Iterable[tuple[str, str]]:
        return self._kept.keys()

    @property
    def predecessors(self) -> dict[str, tuple[str, ...]]:
        """The modules that import each module directly, built on first use."""
        if self._predecessors is None:
            found: dict[str, list[str]] = defaultdict(list)
            for importer, imported in self._kept:
                found[imported].append(importer)
            self._predecessors = {node: tuple(sorted(nodes)) for node, nodes in found.items()}
        return self._predecessors
