"""The project seen from above: packages collapsed to a depth, and the imports between them.

A view is data, built from the graph's import counts and the findings, with no
I/O: the renderers (`fitness.reporters.diagrams`) draw it and decide nothing.
Each module belongs to the package `depth` levels below the deepest root it is
under (a module above that depth is a node of its own); the imports between the
modules of two nodes make one edge, which carries how many imports lie behind
it (statements), how many of those are under `if TYPE_CHECKING:` or dynamic,
and, for each rule, how many lie on the chains of its findings. The view keeps
the module-level imports too, each with the findings whose chains run through
it, so a picture can open a package without asking the project again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
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


class Rank(NamedTuple):
    """Nodes drawn side by side: a layer (`label` as the rule writes it, `a | b` or `a : b`)."""

    label: str
    nodes: tuple[str, ...]


class Cluster(NamedTuple):
    """A box around nodes: a package holding several, or a layers rule's container."""

    name: str
    nodes: tuple[str, ...]  # the nodes directly inside, not inside `clusters`
    clusters: tuple[Cluster, ...] = ()  # boxes inside this one


class ModuleImport(NamedTuple):
    """The imports of one module by another, and the findings whose chains run through them."""

    source: str
    target: str
    imports: int
    type_checking: int
    dynamic: int
    findings: tuple[int, ...]  # positions in the findings the view was built from


class PackageView(NamedTuple):
    """Nodes and edges, each sorted by name: the same project draws the same picture."""

    roots: tuple[str, ...]
    depth: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    left_out: tuple[str, ...] = ()  # what a size limit made the view leave out, said
    ranks: tuple[Rank, ...] = ()  # nodes drawn side by side, top to bottom
    clusters: tuple[Cluster, ...] = ()
    modules: tuple[str, ...] = ()  # every module under the roots
    imports: tuple[ModuleImport, ...] = ()  # between those modules
    rule: str | None = None  # the rule whose own picture this is


def package_view(
    modules: Iterable[str],
    pairs: Mapping[tuple[str, str], PairImports],
    findings: Sequence[Finding],
    roots: Sequence[str] = (),
    depth: int = 1,
    collapsed: frozenset[str] = frozenset(),
    rules: Collection[str] | None = None,
) -> PackageView:
    """The view of `modules` (internal) under `roots`, collapsed `depth` levels below them,
    and the packages in `collapsed` drawn as one node whatever their depth.

    No `roots`: the top-level packages. `pairs` are the module-level imports;
    imports of modules outside the roots (and of third-party code) are left out.
    Only the findings of `rules` are drawn (None: every finding).
    """
    internal = sorted(set(modules))
    chosen = tuple(sorted(set(roots))) or tuple(sorted({m.split(".")[0] for m in internal}))
    by_length = sorted(chosen, key=len, reverse=True)  # the deepest root a module is under
    node_of = {
        module: _within(node, collapsed)
        for module in internal
        if (node := _node(module, by_length, depth))
    }
    members: dict[str, int] = defaultdict(int)
    for node in node_of.values():
        members[node] += 1
    on_chains = _findings_on_chains(findings, rules)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    broken: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    imports: list[ModuleImport] = []
    for (importer, imported), found in sorted(pairs.items()):
        source, target = node_of.get(importer), node_of.get(imported)
        if source is None or target is None:
            continue
        behind = on_chains.get((importer, imported), ())
        imports.append(ModuleImport(importer, imported, *found, tuple(sorted(behind))))
        if source == target:
            continue
        edge = counts[(source, target)]
        edge[0] += found.imports
        edge[1] += found.type_checking
        edge[2] += found.dynamic
        for rule in {findings[index].rule_id for index in behind}:
            broken[(source, target)][rule] += found.imports
    names = sorted(members)
    return PackageView(
        roots=chosen,
        depth=depth,
        nodes=tuple(Node(name, members[name]) for name in names),
        edges=tuple(
            Edge(*pair, *_three(counts[pair]), tuple(sorted(broken[pair].items())))
            for pair in sorted(counts)
        ),
        clusters=package_clusters(names, chosen),
        modules=tuple(sorted(node_of)),
        imports=tuple(imports),
    )


def package_clusters(nodes: Sequence[str], roots: Sequence[str]) -> tuple[Cluster, ...]:
    """A box for each package below a root (the roots too, when there are several) that
    holds two nodes or more; a box holding just what one box inside it holds is left out."""
    by_length = sorted(roots, key=len, reverse=True)
    held: dict[str, set[str]] = defaultdict(set)
    for node in nodes:
        root = next((r for r in by_length if node == r or node.startswith(r + ".")), None)
        if root is None:
            continue
        parts = node.split(".")
        first = root.count(".") + (1 if len(roots) > 1 else 2)
        for end in range(first, len(parts) + 1):
            held[".".join(parts[:end])].add(node)
    boxes = {name: frozenset(inside) for name, inside in held.items() if len(inside) > 1}
    for name in sorted(boxes, key=len):  # drop a box that adds nothing to the one inside it
        inner = [other for other in boxes if other.startswith(name + ".")]
        if any(boxes[other] == boxes[name] for other in inner):
            del boxes[name]
    return _nest(sorted(boxes), boxes, set(nodes))


def _nest(
    names: list[str], boxes: Mapping[str, frozenset[str]], nodes: set[str]
) -> tuple[Cluster, ...]:
    """The outermost of `names` as clusters, each holding the boxes and nodes below it."""
    outer = [n for n in names if not any(n.startswith(o + ".") for o in names if o != n)]
    nested = []
    for name in outer:
        inside = [n for n in names if n.startswith(name + ".")]
        children = _nest(inside, boxes, nodes)
        boxed = {node for child in inside for node in boxes[child]}
        direct = tuple(sorted(node for node in boxes[name] if node not in boxed))
        nested.append(Cluster(name, direct, children))
    return tuple(nested)


def _three(counts: list[int]) -> tuple[int, int, int]:
    imports, type_checking, dynamic = counts
    return imports, type_checking, dynamic


def node_of(module: str, roots: Sequence[str], depth: int) -> str | None:
    """The node `module` belongs to, `roots` sorted deepest first (see `_node`)."""
    return _node(module, roots, depth)


def _node(module: str, roots: Sequence[str], depth: int) -> str | None:
    """The node `module` belongs to: its ancestor `depth` levels below the first root of
    `roots` it is under."""
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


def _findings_on_chains(
    findings: Sequence[Finding], rules: Collection[str] | None
) -> dict[tuple[str, str], set[int]]:
    """The positions of the findings (of `rules`) whose chains hold each (importer, imported)."""
    held: dict[tuple[str, str], set[int]] = defaultdict(set)
    for index, finding in enumerate(findings):
        if rules is not None and finding.rule_id not in rules:
            continue
        for chain in finding.chains:
            for hop in chain:
                held[(hop.importer, hop.imported)].add(index)
    return held
