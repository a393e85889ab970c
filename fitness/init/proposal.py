"""A `layers` rule proposed from the import graph, judged by fitness's own `layers` check.

The candidates are the top-level packages under the source roots, or the
children of the root package when there is one (descending while a package is
alone at its level). With one candidate per layer, the pairs a `layers` rule
reports do not depend on the order: a pair is broken when the lower layer
reaches the higher one by a chain that avoids every other layer. So the check
runs twice, on an order and on its reverse, which together judge every pair;
the search (`fitness.init.ordering`) then picks the order that breaks the
fewest. Names that do not reach each other then share a layer as `a | b`
siblings (`fitness.init.levels`), and the check runs once more on those layers
for the findings to show, and once with imports under `if TYPE_CHECKING:` left
out, to tell how many of them need such an import.
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
from fitness.init.levels import entry, sibling_layers
from fitness.init.ordering import Ordering, best_order
from fitness.init.project import Project
from fitness.model import UNMEASURED, Finding, Severity
from fitness.parsing.cache import FactsCache
from fitness.parsing.collect import collect_facts

RULE_ID = "layered-architecture"


class Proposal(NamedTuple):
    """The proposed layers (top to bottom) and the findings the `layers` check has on them."""

    parent: str | None  # the package whose children are the layers; None: top-level packages
    ordering: Ordering
    findings: tuple[Finding, ...]
    parse_failures: tuple[str, ...]  # files that could not be parsed: their imports are unknown
    layers: tuple[tuple[str, ...], ...] = ()  # the order's names as layers of siblings
    # > 0: the rule leaves out imports under `if TYPE_CHECKING:` (`type_checking = "ignore"`),
    # as most violations needed one; counting them would make this many more violations.
    type_checking_removes: int = 0

    @property
    def ignores_type_checking(self) -> bool:
        return self.type_checking_removes > 0


class _Layering(NamedTuple):
    ordering: Ordering
    layers: tuple[tuple[str, ...], ...]
    findings: tuple[Finding, ...]


def propose(project: Project, jobs: int) -> Proposal | None:
    """The layers with the fewest violations, or None when there are fewer than two candidates.

    When most of them need an import under `if TYPE_CHECKING:`, the layers are
    ordered again without such imports, and the rule proposed leaves them out.
    """
    discovery = project.discovery
    paths = [f.path for f in discovery.files]
    # The graph is all it reads: no lines of code, classes or functions are parsed.
    facts = collect_facts(project.root, paths, FactsCache.in_directory(None), jobs, bans=UNMEASURED)
    graph = build_graph(
        ((f.module, f.path, f.is_package) for f in discovery.files), discovery.namespaces, facts
    )
    parent, candidates = _candidates(discovery.modules)
    if len(candidates) < 2:
        return None
    failures = tuple(sorted(path for path, found in facts.items() if found.failure is not None))
    counted = _layering(graph, candidates, "check")
    if counted.findings and any(edge.type_checking for edge in graph.edges):
        lighter = _layering(graph, candidates, "ignore")
        removes = len(counted.findings) - len(lighter.findings)
        if 2 * removes > len(counted.findings):
            return Proposal(
                parent, lighter.ordering, lighter.findings, failures, lighter.layers, removes
            )
    return Proposal(parent, counted.ordering, counted.findings, failures, counted.layers)


def _layering(graph: ImportGraph, candidates: list[str], type_checking: str) -> _Layering:
    """The best order of `candidates`, its layers of siblings and their findings."""
    reaches: dict[str, set[str]] = defaultdict(set)
    for order in (candidates, candidates[::-1]):
        for finding in layers_findings(graph, order, type_checking):
            importer, imported = finding.modules
            reaches[importer].add(imported)
    ordering = best_order(candidates, reaches)
    layers = sibling_layers(ordering.order, reaches)
    entries = [entry(layer) for layer in layers]
    return _Layering(ordering, layers, tuple(layers_findings(graph, entries, type_checking)))


def layers_findings(
    graph: ImportGraph, order: Sequence[str], type_checking: str = "check"
) -> list[Finding]:
    """What fitness's `layers` check reports on `graph` for one layer per entry of `order`.

    An entry is a name or `a | b` siblings; `type_checking` is the rule's key.
    """
    text = (
        f'[rules.{RULE_ID}]\nkind = "layers"\nlayers = {json.dumps(list(order))}\n'
        f"type_checking = {json.dumps(type_checking)}\n"
    )
    source = ConfigSource.from_text("fitness.toml", text, ())
    values = {"kind": "layers", "layers": list(order), "type_checking": type_checking}
    table = Table(values, ("rules", RULE_ID), Problems(source))
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
