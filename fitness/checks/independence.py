"""`independence`: the listed modules must not import each other."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from fitness.checks.base import CheckContext
from fitness.checks.findings import chain_finding
from fitness.checks.graph_options import (
    GraphOptions,
    expand,
    parse_graph_options,
    rule_view,
    sources,
)
from fitness.config.table import ModuleRef, Table
from fitness.graph import every_chain
from fitness.model import Finding


class IndependenceParams(NamedTuple):
    modules: tuple[ModuleRef, ...]
    options: GraphOptions

    def module_refs(self) -> Iterable[ModuleRef]:
        return self.modules


class Independence:
    """The listed modules must not import each other, directly or through other modules.

    A chain through another listed module is reported for that module's pair
    instead, so each finding names the pair that really depends.
    """

    description = "the listed modules must not import each other"

    def parse(self, table: Table) -> IndependenceParams:
        return IndependenceParams(
            table.modules("modules", internal=True, required=True), parse_graph_options(table)
        )

    def summary(self, params: IndependenceParams) -> str:
        return " | ".join(ref.expr.text for ref in params.modules) + " are independent"

    def check(self, params: IndependenceParams, context: CheckContext) -> Iterable[Finding]:
        graph = context.graph
        view, findings = rule_view(params.options, context)
        names = expand(graph, (ref.expr for ref in params.modules))
        packages = {name: graph.package(name) for name in names}
        for importer in names:
            for imported in names:
                if importer == imported:
                    continue
                avoid = set().union(
                    *(p for n, p in packages.items() if n not in (importer, imported))
                )
                starts = sources(context, packages[importer])
                chains = every_chain(view, starts, packages[imported], avoid, packages[importer])
                if chains:
                    template = "{importer} must not import {imported} (independent modules)"
                    pair = (importer, imported)
                    findings.append(chain_finding(context, view, template, pair, chains))
        return findings
