"""A `layers` rule proposed from the import graph, judged by fitness's own `layers` check.

The candidates are the top-level packages under the source roots, or the
children of the root package when there is one (descending while a package is
alone at its level). With one candidate per layer, the pairs a `layers` rule
reports do not depend on the order: a pair is broken when the lower layer
reaches the higher one by a chain that avoids every other layer. So the check
runs twice, on an order and on its reverse, which together judge every pair;
the search (`fitness.init.ordering`) then picks the order that breaks the
fewest, and the check runs once more on that order for the findings to show.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from fitness.checks import KINDS, CheckContext
from fitness.config.schema import Rule
from fitness.config.source import ConfigSource, Problems
from fitness.config.table import Table
from fitness.graph import ImportGraph, build_graph
from fitness.init.ordering import Ordering, best_order
from fitness.init.project import Project
from fitness.model import Finding, Severity
from fitness.parsing.cache import FactsCache
from fitness.parsing.collect import collect_facts

RULE_ID = "layered-architecture"


class Proposal(NamedTuple):
    """The proposed layers (top to bottom) and the findings the `layers` check has on them."""

    parent: str | None  # the package whose children are the layers; None: top-level packages
    ordering: Ordering
    findings: tuple[Finding, ...]
    parse_failures: tuple[str, ...]  # files that could not be parsed: their imports are unknown


def propose(project: Project, jobs: int) -> Proposal | None:
    """The layers with the fewest violations, or None when there are fewer than two candidates."""
    discovery = project.discovery
    facts = collect_facts(
        project.root, [f.path for f in discovery.files], FactsCache.in_directory(None), jobs
    )
    graph = build_graph(
        ((f.module, f.path, f.is_package) for f in discovery.files), discovery.namespaces, facts
    )
    parent, candidates = _candidates(discovery.modules)
    if len(candidates) < 2:
        return None
    reaches: dict[str, set[str]] = defaultdict(set)
    for order in (candidates, candidates[::-1]):
        for finding in layers_findings(graph, order):
            importer, imported = finding.modules
            reaches[importer].add(imported)
    ordering = best_order(candidates, reaches)
    findings = tuple(layers_findings(graph, ordering.order))
    failures = tuple(sorted(path for path, found in facts.items() if found.failure is not None))
    return Proposal(parent, ordering, findings, failures)


def layers_findings(graph: ImportGraph, order: Sequence[str]) -> list[Finding]:
    """What fitness's `layers` check reports on `graph` for one layer per name of `order`."""
    text = f'[rules.{RULE_ID}]\nkind = "layers"\nlayers = {json.dumps(list(order))}\n'
    source = ConfigSource.from_text("fitness.toml", text, ())
    table = Table({"kind": "layers", "layers": list(order)}, ("rules", RULE_ID), Problems(source))
    kind = KINDS["layers"]
    params = kind.parse(table)
    rule = Rule(RULE_ID, "layers", Severity.ERROR, None, None, (), (), params, table.where())
    context = CheckContext(graph, rule, source, "fitness.toml", {})
    return sorted(kind.check(params, context), key=Finding.sort_key)


def _candidates(modules: frozenset[str]) -> tuple[str | None, list[str]]:
    """The package whose children are layered (None: the top level), and those children."""
    children: dict[str, set[str]] = defaultdict(set)
    for module in modules:
        parent, _, _ = module.rpartition(".")
        children[parent].add(module)
    package: str | None = None
    candidates = sorted(children[""])
    while len(candidates) == 1 and children.get(candidates[0]):
        package = candidates[0]
        candidates = sorted(children[package])
    return package, candidates
