"""The import graph: internal modules, the external names they import, and the edges."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from fitness.model import Between, ImportEdge, PairImports


class ImportGraph:
    """Modules under the source roots and every import between them and beyond.

    Each (importer, imported) pair keeps all its import statements, sorted by
    position, so a chain can show the first one a reader meets in the file.
    """

    def __init__(self, modules: Iterable[str], edges: Iterable[ImportEdge]) -> None:
        self.modules = frozenset(modules)
        pairs: dict[tuple[str, str], list[ImportEdge]] = defaultdict(list)
        externals: set[str] = set()
        special: set[tuple[str, str]] = set()
        for edge in edges:
            pair = edge.importer, edge.imported
            pairs[pair].append(edge)
            if edge.external:
                externals.add(edge.imported)
            if edge.type_checking or edge.dynamic:
                special.add(pair)
        self.externals = frozenset(externals)
        self._special = frozenset(special)  # pairs with an import under TYPE_CHECKING or dynamic
        self._successors: dict[str, tuple[str, ...]] | None = None
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

    @property
    def pairs(self) -> frozenset[tuple[str, str]]:
        """Every (importer, imported) pair that has an import, whatever its flags."""
        return frozenset(self._pairs)

    def between(self) -> Between:
        """The import statements of each pair of the project's own modules, by kind."""
        found: Between = {}
        for (importer, imported), edges in self._pairs.items():
            if imported in self.modules:
                found[(importer, imported)] = PairImports(
                    len(edges),
                    sum(edge.type_checking for edge in edges),
                    sum(edge.dynamic for edge in edges),
                )
        return found

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
        found = self.descendants(module)
        if module in self.modules or module in self.externals:
            return found | {module}
        return found

    def imports_of(self, module: str) -> frozenset[str]:
        """What `module` imports directly."""
        return frozenset(imported for importer, imported in self._pairs if importer == module)

    def importers_of(self, module: str) -> frozenset[str]:
        """The modules that import `module` directly."""
        return frozenset(importer for importer, imported in self._pairs if imported == module)

    def view(
        self, key: object, keep: Callable[[ImportEdge], bool], plain: bool = False
    ) -> GraphView:
        """The graph with only the edges `keep` accepts; views are cached under `key`.

        `plain`: `keep` accepts every import that is neither under `if
        TYPE_CHECKING:` nor dynamic, so it is asked about the pairs that have
        such an import only (most rules: a view costs next to nothing).
        """
        if key not in self._views:
            if plain:
                if self._successors is None:
                    self._successors = _successors(self._pairs)
                self._views[key] = GraphView.plain(
                    self._pairs, keep, self._special, self._successors
                )
            else:
                self._views[key] = GraphView(self._pairs, keep)
        return self._views[key]


def _successors(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = defaultdict(list)
    for importer, imported in pairs:
        found[importer].append(imported)
    return {node: tuple(sorted(nexts)) for node, nexts in found.items()}


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

    @classmethod
    def plain(
        cls,
        pairs: dict[tuple[str, str], tuple[ImportEdge, ...]],
        keep: Callable[[ImportEdge], bool],
        special: Iterable[tuple[str, str]],
        successors: dict[str, tuple[str, ...]],
    ) -> GraphView:
        """The view of a `keep` that accepts all but some of the `special` pairs' imports.

        `successors` are those of every pair; the view shares what it keeps whole.
        """
        view = cls.__new__(cls)
        view._kept = dict(pairs)
        view.successors = successors
        view._predecessors = None
        dropped: dict[str, set[str]] = defaultdict(set)
        for pair in special:
            found = pairs[pair]
            kept = tuple(edge for edge in found if keep(edge))
            if not kept:
                del view._kept[pair]
                dropped[pair[0]].add(pair[1])
            elif len(kept) < len(found):
                view._kept[pair] = kept
        if dropped:
            view.successors = dict(successors)
            for node, gone in dropped.items():
                left = tuple(name for name in successors[node] if name not in gone)
                if left:
                    view.successors[node] = left
                else:
                    del view.successors[node]
        return view

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
