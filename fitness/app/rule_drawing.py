"""What a rule's own picture draws: the modules it names, ranked as its layers are.

Every rule on the import graph has a picture. A layers rule draws each layer's
modules (each sibling of `a | b` its own node, side by side) in ranks top to
bottom, inside a box per container; an acyclic rule the children of its
packages, and of every package whose children loop, only those on a cycle when
there is one; the other kinds the modules they name (a wildcard: the modules it
matches). The modules are the view's roots, drawn `depth` levels below, and a
module on a finding's chain outside them is drawn as its top-level package's
child, so the importer that breaks the rule is on the picture too.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from fitness.config.schema import Rule
from fitness.config.table import ModuleRef
from fitness.model import Finding
from fitness.views.package_view import Cluster, Rank

if TYPE_CHECKING:
    from fitness.checks.layers import LayersParams


class RuleDrawing(NamedTuple):
    roots: tuple[str, ...]
    ranks: tuple[Rank, ...] = ()  # top to bottom; empty: no ranks
    clusters: tuple[Cluster, ...] = ()  # the containers
    depth: int = 0  # levels drawn below each root
    focus: bool = False  # only the nodes of violating edges, when there are some


def rule_drawing(
    rule: Rule, modules: Collection[str], findings: Sequence[Finding]
) -> RuleDrawing | None:
    """The picture of `rule` over the project's `modules`, given its `findings`;
    None for a rule that is not about imports between modules (banned APIs)."""
    from fitness.checks.acyclic import AcyclicParams
    from fitness.checks.layers import LayersParams

    params = rule.params
    if isinstance(params, LayersParams):
        return _layers(params, modules)
    if isinstance(params, AcyclicParams):
        named = _named(params.packages, modules)
        looping = {
            _parent(hop.importer, hop.imported)
            for finding in findings
            for chain in finding.chains
            for hop in chain
        }
        roots = sorted({*named, *(p for p in looping if p in modules)})
        return RuleDrawing(tuple(roots), depth=1, focus=True)
    if rule.kind == "banned-api":  # names used, not imports between modules
        return None
    named = _named(params.module_refs(), modules)
    return RuleDrawing(_with_chains(named, findings, modules))


def _layers(params: LayersParams, modules: Collection[str]) -> RuleDrawing:
    containers = [ref.expr.text for ref in params.containers] or [""]
    ranks: list[Rank] = []
    clusters: list[Cluster] = []
    for container in containers:
        prefix = container + "." if container else ""
        inside: list[str] = []
        for level in params.levels:
            names = tuple(prefix + name for name in level.names if prefix + name in modules)
            if names:
                joint = " | " if level.independent else " : "
                ranks.append(Rank(joint.join(level.names), names))
                inside += names
        if container and inside:
            clusters.append(Cluster(container, tuple(sorted(inside))))
    roots = tuple(name for rank in ranks for name in rank.nodes)
    return RuleDrawing(roots, tuple(ranks), tuple(clusters) if len(clusters) > 1 else ())


def _named(refs: Iterable[ModuleRef], modules: Collection[str]) -> list[str]:
    """The modules `refs` name under the source roots (the outermost a wildcard matches)."""
    found: set[str] = set()
    for ref in refs:
        if ref.expr.has_wildcard:
            found.update(name for name in modules if ref.expr.matches(name))
        elif ref.expr.text in modules:
            found.add(ref.expr.text)
    return sorted(n for n in found if not any(n.startswith(o + ".") for o in found))


def _with_chains(
    named: list[str], findings: Sequence[Finding], modules: Collection[str]
) -> tuple[str, ...]:
    """`named`, and the package of each module on a chain that lies outside them."""
    roots = set(named)
    for finding in findings:
        for chain in finding.chains:
            for hop in chain:
                for module in (hop.importer, hop.imported):
                    if module in modules and not any(_under(module, r) for r in roots):
                        roots.add(".".join(module.split(".")[:2]))
    return tuple(sorted(roots))


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _parent(importer: str, imported: str) -> str:
    """The package that holds both modules of an import: whose children a cycle loops."""
    common = []
    for left, right in zip(importer.split("."), imported.split(".")):
        if left != right:
            break
        common.append(left)
    return ".".join(common)
