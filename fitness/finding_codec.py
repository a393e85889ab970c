"""A finding as the findings store keeps it: built-in types only, for marshal.

A finding's chains are stored as a table of its distinct hops and positions in
it (a finding's chains share most of their hops); its routes, which only a
baseline, `--since` or a suppression asks for, as one bytes object decoded
when asked (`Routes.deferred`). Damaged routes stop the run (exit 2) rather
than read as no imports, which would hide a new one.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Sequence
from typing import Any

from fitness.errors import UsageError
from fitness.model import Finding, Hop, Location, Routes, Severity, Site


def encode_finding(finding: Finding) -> tuple[Any, ...]:
    chains = _encode_chains(finding.chains)
    routes = finding.routes
    return (
        finding.rule_id,
        finding.severity.value,
        finding.template,
        finding.args,
        tuple(finding.location),
        chains,
        finding.modules,
        finding.adr,
        finding.guidance,
        finding.identity,
        # One bytes object, which loading the store only copies: read when asked for.
        None
        if routes is None
        else (
            marshal.dumps(tuple(_encode_hop(hop) for hop in routes.hops)),
            routes.loop,
            routes.cut,
        ),
        finding.ruff,
    )


def _encode_chains(chains: Sequence[Sequence[Hop]]) -> tuple[Any, ...]:
    """Each distinct hop once, and the chains as positions in that table: a finding's
    chains share most of their hops (sympy: 7,912 hops, 1,421 distinct)."""
    table: dict[Hop, int] = {}
    positions = tuple(tuple(table.setdefault(hop, len(table)) for hop in c) for c in chains)
    return (tuple(_encode_hop(hop) for hop in table), positions)


def _decode_chains(encoded: tuple[Any, ...]) -> tuple[tuple[Hop, ...], ...]:
    table = [_decode_hop(*hop) for hop in encoded[0]]
    return tuple(tuple(table[at] for at in chain) for chain in encoded[1])


def _encode_hop(hop: Hop) -> tuple[Any, ...]:
    return (hop.importer, hop.imported, tuple(_encode_site(s) for s in hop.sites))


def _encode_site(site: Site) -> tuple[Any, ...]:
    return (tuple(site.location), site.local, site.type_checking, site.dynamic)


def decode_finding(encoded: tuple[Any, ...]) -> Finding:
    (
        rule_id,
        severity,
        template,
        args,
        location,
        chains,
        modules,
        adr,
        guidance,
        identity,
        routes,
        ruff,
    ) = encoded
    return Finding(
        rule_id,
        Severity(severity),
        template,
        tuple(tuple(arg) for arg in args),
        Location(*location),
        _decode_chains(chains),
        tuple(modules),
        adr,
        guidance,
        tuple(identity),
        None
        if routes is None
        else Routes.deferred(
            _loader(routes[0]), _decode_hop, routes[1], tuple(tuple(pair) for pair in routes[2])
        ),
        tuple(ruff),
    )


def _loader(blob: bytes) -> Callable[[], tuple[tuple[str, str, Any], ...]]:
    def load() -> tuple[tuple[str, str, Any], ...]:
        try:
            loaded: tuple[tuple[str, str, Any], ...] = marshal.loads(blob)
        except (ValueError, EOFError, TypeError):  # never read as "no imports": that hides
            raise UsageError(
                "the stored findings are damaged: run once with --no-cache to rewrite them"
            ) from None
        return loaded

    return load


def _decode_hop(importer: str, imported: str, sites: tuple[Any, ...]) -> Hop:
    return Hop(importer, imported, tuple(Site(Location(*s[0]), *s[1:]) for s in sites))
