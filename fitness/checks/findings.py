"""Building findings: locations, chains, fingerprints."""

from __future__ import annotations

from collections.abc import Sequence

from fitness.checks.base import CheckContext
from fitness.config.source import KeyPath
from fitness.model import Finding, Hop, ImportEdge, Location


def chain_finding(
    context: CheckContext,
    template: str,
    modules: tuple[str, str],
    chain: Sequence[ImportEdge],
    **args: str,
) -> Finding:
    """A finding about `modules[0]` importing `modules[1]`, located at the chain's first import."""
    rule = context.rule
    hops = tuple(Hop(edge.importer, edge.imported, edge.location) for edge in chain)
    identity = [rule.id, *modules, *(f"{h.importer}>{h.imported}" for h in hops)]
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        template=template,
        args=tuple(sorted({"importer": modules[0], "imported": modules[1], **args}.items())),
        location=hops[0].location,
        chain=hops,
        modules=modules,
        adr=rule.adr,
        guidance=rule.message,
        fingerprint=fingerprint(identity),
    )


def config_finding(context: CheckContext, where: KeyPath, template: str, **args: str) -> Finding:
    """A finding located in the configuration file, such as an `ignore` that matches nothing."""
    rule = context.rule
    line = context.source.line(where)
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        template=template,
        args=tuple(sorted(args.items())),
        location=Location(context.config_path, line, 1, line, 1),
        chain=(),
        modules=(),
        adr=rule.adr,
        guidance=rule.message,
        fingerprint=fingerprint([rule.id, template, *sorted(args.values())]),
    )


def fingerprint(parts: Sequence[str]) -> str:
    """A stable id from what a finding is about (never its line numbers)."""
    import hashlib  # a clean run has no findings to fingerprint

    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
