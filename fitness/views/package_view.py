"""The project seen from above: packages collapsed to a depth, and the imports between them.

A view is data, built from the graph's import counts and the findings, with no
I/O: the renderers (`fitness.reporters.diagrams`) draw it and decide nothing.
Each module belongs to the package `depth` levels below the root it is under
(a module above that depth is a node of its own); the imports between the
modules of two nodes make one edge, which carries how many imports lie behind
it (statements), how many of those are under `if TYPE_CHECKING:` or dynamic,
and, for each rule, how many lie on the chains of its findings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from fitness.model import Finding, PairImports


class Node(NamedTuple):
    name: str  # the package (or module) the node stands for
    modules: int  # how many of the project's modules it holds


class Edge(NamedTuple):
    source: str
    target: str
    imports: int  # the import statements behind the edge
    type_checking: int  # of those, the ones under `if TYPE_CHECKING:`
    dynamic: int  # of those, the dynamic ones
    violations: tuple[tuple[str, int], ...]  # (rule id, statements on its chains), by rule

    @property
    def style(self) -> str:
        """`plain`, or `type_checking` / `dynamic` when every import behind it is such."""
        if self.type_checking == self.imports:
            return "type_checking"
        if self.dynamic == self.imports:
            return "dynamic"
        return "plain"


class PackageView(NamedTuple):
    """Nodes and edges, each sorted by name: the same project draws the same picture."""

    roots: tuple[str, ...]
    depth: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    left_out: tuple[str, ...] = ()  # what a size limit made the view leave out, said
    ranks: tuple[tuple[str, ...], ...] = ()  # nodes drawn side by side, top to bottom


def package_view(
    modules: Iterable[str],
    pairs: Mapping[tuple[str, str], PairImports],
    findings: Sequence[Finding],
    roots: Sequence[str] = (),
    depth: int = 1,
    collapsed: frozenset[str] = frozenset(),
) -> PackageView:
    """The view of `modules` (internal) under `roots`, collapsed `depth` levels below them,
    and the packages in `collapsed` drawn as one node whatever their depth.

    No `roots`: the top-level packages. `pairs` are the module-level imports;
    imports of modules outside the roots (and of third-party code) are left out.
    """
    internal = sorted(set(modules))
    chosen = tuple(sorted(set(roots))) or tuple(sorted({m.split(".")[0] for m in internal}))
    node_of = {
        module: _within(node, collapsed)
        for module in internal
        if (node := _node(module, chosen, depth))
    }
    members: dict[str, int] = defaultdict(int)
    for node in node_of.values():
        members[node] += 1
    on_chains = _pairs_on_chains(findings)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    broken: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (importer, imported), found in pairs.items():
        source, target = node_of.get(importer), node_of.get(imported)
        if source is None or target is None or source == target:
            continue
        edge = counts[(source, target)]
        edge[0] += found.imports
        edge[1] += found.type_checking
        edge[2] += found.dynamic
        for rule in on_chains.get((importer, imported), ()):
            broken[(source, target)][rule] += found.imports
    nodes = tuple(Node(name, members[name]) for name in sorted(members))
    edges = tuple(
        Edge(*pair, *_three(counts[pair]), tuple(sorted(broken[pair].items())))
        for pair in sorted(counts)
    )
    return PackageView(chosen, depth, nodes, edges)


def _three(counts: list[int]) -> tuple[int, int, int]:
    imports, type_checking, dynamic = counts
    return imports, type_checking, dynamic


def _node(module: str, roots: Sequence[str], depth: int) -> str | None:
    """The node `module` belongs to: its ancestor `depth` levels below its root."""
    for root in roots:
        if module == root or module.startswith(root + "."):
            parts = module.split(".")
            return ".".join(parts[: root.count(".") + 1 + depth])
    return None


def _within(node: str, collapsed: frozenset[str]) -> str:
    """`node`, or the outermost package of `collapsed` that holds it."""
    if collapsed:
        parts = node.split(".")
        for end in range(1, len(parts)):
            package = ".".join(parts[:end])
            if package in collapsed:
                return package
    return node


def _pairs_on_chains(findings: Sequence[Finding]) -> dict[tuple[str, str], set[str]]:
    """The rules whose findings' chains hold each (importer, imported) pair."""
    rules: dict[tuple[str, str], set[str]] = defaultdict(set)
    for finding in findings:
        for chain in finding.chains:
            for hop in chain:
                rules[(hop.importer, hop.imported)].add(finding.rule_id)
    return rules
