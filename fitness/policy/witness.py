"""A finding that is new because of one import, shown through that import and located at it.

In a pull request the import the change added is what the developer must see:
it lies in the diff, where code scanning and annotations are shown. The route
through it is found on the finding's own routes (`fitness.model.Routes`), so no
graph is needed: a run that reused its findings can show it too.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Mapping

from fitness.model import Chain, Finding, Hop, Routes

Pair = tuple[str, str]

NEW_IMPORT = " (new import {new_import} completes the chain)"
NEW_STEP = " (new import {new_import} closes the loop)"


def through_new(finding: Finding, known: Collection[Pair], grown: bool = False) -> Finding:
    """`finding` shown through its first import not in `known`, and located at it.

    Its identity names that import too: it is not the finding that was known
    (`grown`: its fingerprint was), so code scanning shows it as a new alert
    beside the known one. Unchanged when none of its imports was known (all of
    it is new: its own chains say it best), unless `grown`, or all of them were.
    """
    routes = finding.routes
    if routes is None or not (known or grown):  # nothing known: all of it is new
        return finding
    unknown = [hop for hop in routes.hops if (hop.importer, hop.imported) not in known]
    if not unknown or (len(unknown) == len(routes.hops) and not grown):
        return finding
    if routes.loop:
        chains, new = _loops_through(finding, unknown)
        template = finding.template + NEW_STEP
    else:
        chain, new = _route_through(routes, unknown)
        chains = (chain,)
        template = finding.template + NEW_IMPORT
    args = dict(finding.args)
    args["new_import"] = f"{new.importer} -> {new.imported}"
    return finding._replace(
        template=template,
        args=tuple(sorted(args.items())),
        location=new.location,
        chains=chains,
        identity=(*finding.identity, "new import", args["new_import"]),
    )


def _route_through(routes: Routes, unknown: list[Hop]) -> tuple[Chain, Hop]:
    """The shortest route through one of `unknown` (ties by module names), and that import.

    The routes' sources are the modules that import along them and are imported
    by none of them; their targets the reverse.
    """
    importers = {hop.importer for hop in routes.hops}
    imported = {hop.imported for hop in routes.hops}
    ahead: dict[str, list[Hop]] = {}
    behind: dict[str, list[Hop]] = {}
    for hop in routes.hops:
        ahead.setdefault(hop.importer, []).append(hop)
        behind.setdefault(hop.imported, []).append(hop)
    from_source = _tree(importers - imported, ahead, forward=True)
    to_target = _tree(imported - importers, behind, forward=False)

    def length(hop: Hop) -> tuple[int, str, str]:
        steps = len(from_source[hop.importer]) + 1 + len(to_target[hop.imported])
        return steps, hop.importer, hop.imported

    new = min(unknown, key=length)
    return (*from_source[new.importer], new, *to_target[new.imported]), new


def _tree(
    starts: Collection[str], hops: Mapping[str, list[Hop]], forward: bool
) -> dict[str, tuple[Hop, ...]]:
    """Each module reached from `starts`, with the shortest hops between it and a start.

    Forward: the hops from a start to the module; else from the module to a start.
    """
    reached: dict[str, tuple[Hop, ...]] = {start: () for start in sorted(starts)}
    queue = deque(reached)
    while queue:
        node = queue.popleft()
        for hop in sorted(hops.get(node, ()), key=lambda h: (h.importer, h.imported)):
            following = hop.imported if forward else hop.importer
            if following not in reached:
                path = reached[node]
                reached[following] = (*path, hop) if forward else (hop, *path)
                queue.append(following)
    return reached


def _loops_through(finding: Finding, unknown: list[Hop]) -> tuple[tuple[Chain, ...], Hop]:
    """The finding's loops that its first unknown import makes a step of, each made by it.

    A loop's steps go from one child of the package (`Finding.modules`) to the next;
    an unknown import makes the step between the children it leaves and enters. The
    first unknown import (by module names) that makes a step of some loop is chosen.
    """
    depth = finding.modules[0].count(".") + 2

    def child(module: str) -> str:
        return ".".join(module.split(".")[:depth])

    def step(hop: Hop) -> tuple[str, str]:
        return child(hop.importer), child(hop.imported)

    steps = {step(hop) for loop in finding.chains for hop in loop}
    ordered = sorted(unknown, key=lambda h: (h.importer, h.imported))
    new = next((hop for hop in ordered if step(hop) in steps), ordered[0])
    made = tuple(
        tuple(new if step(hop) == step(new) else hop for hop in loop)
        for loop in finding.chains
        if any(step(hop) == step(new) for hop in loop)
    )
    return made or ((new,),), new
