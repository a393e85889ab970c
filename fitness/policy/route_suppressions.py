"""Suppressions of a finding about imports: they cover the routes through the lines they sit on.

A suppression on one import of a chain finding used to silence the whole pair
of packages, so a second route between them (a new module importing the same
package) stayed silent. Now an import is suppressed when each of its statements
carries a suppression of the rule, and the finding is silenced only when every
route between its packages passes through a suppressed import; otherwise what
is left is reported, shown through a route that no suppression covers. What
each suppression covers is listed on its own (`Judged.parts`): the chains
through the imports it sits on, located at the first of them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import NamedTuple

from fitness.model import Chain, Finding, Hop, Routes, Suppressed, Suppression

ByLine = Mapping[tuple[str, int], list[Suppression]]


class Judged(NamedTuple):
    """The suppressions that cover some of a finding's routes, and what they leave of it.

    `left` is None when they cover every route. `parts` holds, for each suppression
    used, the finding as that suppression silenced it (`_part`).
    """

    used: tuple[Suppression, ...]
    left: Finding | None
    parts: tuple[Suppressed, ...] = ()


def judge_routes(finding: Finding, routes: Routes, by_line: ByLine) -> Judged:
    """Which of `finding`'s routes the suppressions in `by_line` cover, and what is left."""
    covered: dict[Hop, Suppression] = {}
    for hop in routes.hops:
        found = covering(hop, finding.rule_id, by_line)
        if found is not None:
            covered[hop] = found
    if not covered:
        return Judged((), finding)
    used = tuple(dict.fromkeys(covered.values()))
    parts = tuple(_part(finding, covered, suppression) for suppression in used)
    shut = {(hop.importer, hop.imported) for hop in covered}
    route = _route_avoiding(routes, shut)
    if route is None:
        return Judged(used, None, parts)
    chains = tuple(
        chain
        for chain in finding.chains
        if not any(covering(hop, finding.rule_id, by_line) for hop in chain)
    ) or (route,)
    return Judged(used, finding._replace(chains=chains, location=chains[0][0].location), parts)


def _part(
    finding: Finding, covered: Mapping[Hop, Suppression], suppression: Suppression
) -> Suppressed:
    """`finding` as `suppression` silenced it: its chains through an import it covers.

    When none of the chains the finding shows passes there, the covered imports
    stand as one-hop chains. Located where its first chain begins.
    """
    mine = {(hop.importer, hop.imported) for hop, said in covered.items() if said is suppression}
    chains = tuple(
        chain for chain in finding.chains if any((h.importer, h.imported) in mine for h in chain)
    )
    if not chains:
        chains = tuple((hop,) for hop, said in covered.items() if said is suppression)
    return Suppressed(finding._replace(chains=chains, location=chains[0][0].location), suppression)


def covering(hop: Hop, rule_id: str, by_line: ByLine) -> Suppression | None:
    """The suppression of `rule_id` on each statement of `hop` (the first), else None."""
    first: Suppression | None = None
    for site in hop.sites:
        location = site.location
        found = next(
            (
                suppression
                for line in range(location.line, max(location.line, location.end_line) + 1)
                for suppression in by_line.get((location.path, line), ())
                if rule_id in suppression.ids
            ),
            None,
        )
        if found is None:
            return None
        first = first or found
    return first


def _route_avoiding(routes: Routes, shut: set[tuple[str, str]]) -> Chain | None:
    """The shortest route (ties by module names) from a source to a target, not using `shut`.

    The sources are the modules that import along the routes and are imported by
    none of them; the targets the reverse.
    """
    importers = {hop.importer for hop in routes.hops}
    imported = {hop.imported for hop in routes.hops}
    targets = imported - importers
    following: dict[str, list[Hop]] = {}
    for hop in sorted(routes.hops, key=lambda h: (h.importer, h.imported)):
        if (hop.importer, hop.imported) not in shut:
            following.setdefault(hop.importer, []).append(hop)
    reached: dict[str, tuple[Hop, ...]] = {start: () for start in sorted(importers - imported)}
    queue = deque(reached)
    while queue:
        node = queue.popleft()
        for hop in following.get(node, ()):
            if hop.imported in reached:
                continue
            path = (*reached[node], hop)
            if hop.imported in targets:
                return path
            reached[hop.imported] = path
            queue.append(hop.imported)
    return None
