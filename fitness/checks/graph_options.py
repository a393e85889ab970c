"""Keys every graph rule shares: `ignore`, `type_checking`, `dynamic`."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import NamedTuple

from fitness.checks.base import CheckContext
from fitness.checks.findings import config_finding
from fitness.config.schema import IMPORT_MODES
from fitness.config.source import Where
from fitness.config.table import Table
from fitness.graph import GraphView, ImportGraph
from fitness.model import Finding, ImportEdge
from fitness.model.expressions import ImportExpr, ModuleExpr


class GraphOptions(NamedTuple):
    """Which imports a graph rule counts."""

    type_checking: bool  # count imports under `if TYPE_CHECKING:`
    dynamic: bool  # count literal `importlib.import_module("x")`
    ignore: tuple[tuple[ImportExpr, Where], ...]

    def counts(self, edge: ImportEdge) -> bool:
        if edge.type_checking and not self.type_checking:
            return False
        if edge.dynamic and not self.dynamic:
            return False
        return not any(ignores(expr, edge) for expr, _ in self.ignore)


def ignores(expr: ImportExpr, edge: ImportEdge) -> bool:
    """Whether the `ignore` entry `expr` names the import `edge`.

    A third-party or standard-library package on the imported side names its
    submodules and attributes too, as in `to` (import-linter keeps an external
    package as one node): `a -> flake8` covers `from flake8.options.manager import y`.
    """
    if not expr.importer.matches(edge.importer):
        return False
    if edge.external:
        return expr.imported.covers(edge.imported)
    return expr.imported.matches(edge.imported)


def parse_graph_options(table: Table) -> GraphOptions:
    """The rule's `type_checking` / `dynamic`, defaulting to `[tool.fitness]`'s, then "check"."""
    return GraphOptions(
        type_checking=_mode(table, "type_checking"),
        dynamic=_mode(table, "dynamic"),
        ignore=table.imports("ignore"),
    )


def rule_view(options: GraphOptions, context: CheckContext) -> tuple[GraphView, list[Finding]]:
    """The graph as this rule sees it, and a finding for each `ignore` that matches no import."""
    graph = context.graph
    key = (options.type_checking, options.dynamic, tuple(str(e) for e, _ in options.ignore))
    view = graph.view(key, options.counts, plain=not options.ignore)
    unused = [
        config_finding(
            context,
            where,
            "unused-ignore",
            "ignore '{expression}' matches no import",
            expression=str(expr),
        )
        for expr, where in options.ignore
        if not any(ignores(expr, edge) for edge in graph.edges)
    ]
    return view, unused


def expand(graph: ImportGraph, exprs: Iterable[ModuleExpr]) -> list[str]:
    """The packages an expression list names: wildcards expand to every module they match."""
    names: list[str] = []
    for expr in exprs:
        if expr.has_wildcard:
            found = sorted(m for m in graph.modules | graph.externals if expr.matches(m))
        else:
            found = [expr.text]
        names.extend(name for name in found if name not in names)
    return names


def sources(context: CheckContext, package: Collection[str]) -> set[str]:
    """The modules of `package` whose imports the rule checks (its `include` / `exclude`)."""
    if not context.rule.include and not context.rule.exclude:
        return set(package)
    return {module for module in package if context.applies_to(module)}


def _mode(table: Table, key: str) -> bool:
    return table.choice(key, IMPORT_MODES, table.default(key, "check")) == "check"
