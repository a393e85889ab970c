"""Building findings: locations, chains, fingerprints."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fitness.checks.base import CheckContext
from fitness.config.source import KeyPath, Where
from fitness.graph import GraphView
from fitness.model import Finding, Hop, ImportEdge, Location, Routes, Site

# Appended to the message of a chain finding whose first chain needs a dynamic import.
THROUGH_DYNAMIC = " (through a dynamic import)"


def chain_finding(
    context: CheckContext,
    view: GraphView,
    template: str,
    modules: tuple[str, str],
    chains: Sequence[Sequence[ImportEdge]],
    routes: Iterable[tuple[str, str]],
    **args: str,
) -> Finding:
    """A finding about `modules[0]` importing `modules[1]` through each of `chains`.

    It is located at the first import of the first chain. Each hop carries every
    import statement of its pair that the rule counts. When a hop of the first
    chain is there only through dynamic imports, the message says so
    (`THROUGH_DYNAMIC`). The fingerprint is the rule and the pair; `routes`, every
    import on a route between them (`fitness.graph.route_imports`), is what
    decides whether the finding is new (`fitness.policy`).
    """
    rule = context.rule
    hops = tuple(tuple(_hop(view, edge, modules[1]) for edge in chain) for chain in chains)
    if through_dynamic(view, chains[0]):
        template += THROUGH_DYNAMIC
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        template=template,
        args=tuple(sorted({"importer": modules[0], "imported": modules[1], **args}.items())),
        location=hops[0][0].location,
        chains=hops,
        modules=modules,
        adr=rule.adr,
        guidance=rule.message,
        identity=(rule.id, *modules),
        routes=Routes(tuple(_route_hop(view, *pair) for pair in routes)),
    )


def config_finding(
    context: CheckContext, where: Where | KeyPath, what: str, template: str, **args: str
) -> Finding:
    """A finding located in the configuration, such as an `ignore` that matches nothing.

    `where` is the file and key (a `ModuleRef`'s or `Table.where`'s), or a key
    path in the file that defines the rule: a rule pack's rule is located in
    the pack, a key the configuration's override set in the configuration.
    `what` names the kind of problem for the fingerprint (`unused-ignore`), so
    the template's wording can change without changing the finding's identity.
    """
    rule = context.rule
    place = where if isinstance(where, Where) else rule.locate(where)
    line = place.line()
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        template=template,
        args=tuple(sorted(args.items())),
        location=Location(place.source.path, line, 1, line, 1),
        chains=(),
        modules=(),
        adr=rule.adr,
        guidance=rule.message,
        identity=(rule.id, what, *(value for _, value in sorted(args.items()))),
    )


def through_dynamic(view: GraphView, chain: Sequence[ImportEdge]) -> bool:
    """Whether some hop of `chain` is there only by dynamic imports (of those the rule counts)."""
    return any(
        all(found.dynamic for found in view.edges(edge.importer, edge.imported)) for edge in chain
    )


def _hop(view: GraphView, edge: ImportEdge, target: str) -> Hop:
    sites = tuple(
        Site(found.location, found.local, found.type_checking, found.dynamic)
        for found in view.edges(edge.importer, edge.imported)
    )
    return Hop(edge.importer, _shown(edge, target), sites)


def import_hop(view: GraphView, importer: str, imported: str) -> Hop:
    """One hop: `importer` importing `imported`, with every statement the view keeps."""
    return _route_hop(view, importer, imported)


def _route_hop(view: GraphView, importer: str, imported: str) -> Hop:
    """The import of `imported` by `importer` under the graph's names, with its statements."""
    sites = tuple(
        Site(found.location, found.local, found.type_checking, found.dynamic)
        for found in view.edges(importer, imported)
    )
    return Hop(importer, imported, sites)


def _shown(edge: ImportEdge, target: str) -> str:
    """The module a reader should see: as imported, unless the rule names a deeper one."""
    if not edge.external or edge.module == edge.imported:
        return edge.imported
    if len(target) > len(edge.module) and (
        edge.imported == target or edge.imported.startswith(target + ".")
    ):
        return target
    return edge.module


def cycles_finding(
    context: CheckContext,
    view: GraphView,
    template: str,
    within: str,
    cycles: Sequence[Sequence[ImportEdge]],
    steps: Iterable[ImportEdge],
    cut: Sequence[ImportEdge],
    **args: str,
) -> Finding:
    """One finding about every import cycle among `within`'s children, located at `cut[0]`.

    Each of `cycles` is a chain; `cut` are the imports whose removal breaks them
    all. The fingerprint is the rule and the package, never its lines or loops.
    `steps` are every import between two children that lies on a loop: a loop is
    new when one of them is (`fitness.policy`).
    """
    rule = context.rule
    chains = tuple(tuple(_hop(view, edge, edge.imported) for edge in cycle) for cycle in cycles)
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        template=template,
        args=tuple(sorted(args.items())),
        location=_hop(view, cut[0], cut[0].imported).location,
        chains=chains,
        modules=(within,),
        adr=rule.adr,
        guidance=rule.message,
        identity=(rule.id, "cycles in", within),
        routes=Routes(
            tuple(_route_hop(view, e.importer, e.imported) for e in steps),
            loop=True,
            cut=tuple(dict.fromkeys((e.importer, e.imported) for e in cut)),
        ),
    )


def spoken_list(names: Sequence[str]) -> str:
    """`a`, `a and b`, `a, b and c`: names as a message reads them."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
