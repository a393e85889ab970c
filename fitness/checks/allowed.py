"""`allowed`: modules in `from` may import only what the rule lists."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from fitness.checks.base import CheckContext
from fitness.checks.graph_options import GraphOptions, expand, parse_graph_options, rule_view
from fitness.checks.statements import by_statement, statement_finding
from fitness.checks.stdlib import STDLIB
from fitness.config.table import ModuleRef, Table
from fitness.model import Finding, ImportEdge
from fitness.model.expressions import ModuleExpr

TEMPLATE = "{importer} may not import {imported}{how} ({root} may import only {allowed})"


class AllowedParams(NamedTuple):
    from_: tuple[ModuleRef, ...]
    may_import: tuple[ModuleRef, ...]
    allow_stdlib: bool
    options: GraphOptions

    def module_refs(self) -> Iterable[ModuleRef]:
        return (*self.from_, *self.may_import)


class Allowed:
    """Modules in `from` may directly import only their own modules, `may_import` and the stdlib.

    A module of a `from` package may import anything inside that package, any
    module that a `may_import` expression matches or that lies inside one it
    matches (internal or third-party, `*` / `**` allowed), and the standard
    library of the Python running fitness unless `allow_stdlib = false`
    (`__future__` included). Every other direct import is a finding, one per
    import statement, located at it. Like every graph rule it follows
    `include` / `exclude`, `ignore`, `type_checking` and `dynamic`; a finding
    about a dynamic import says so.
    """

    description = "modules in `from` may import only their own modules, `may_import` and the stdlib"

    def parse(self, table: Table) -> AllowedParams:
        return AllowedParams(
            from_=table.modules("from", internal=True, required=True),
            may_import=table.modules("may_import", internal=False),
            allow_stdlib=table.boolean("allow_stdlib", True),
            options=parse_graph_options(table),
        )

    def summary(self, params: AllowedParams) -> str:
        froms = ", ".join(ref.expr.text for ref in params.from_)
        return f"{froms} may import only {_allowed(params)}"

    def check(self, params: AllowedParams, context: CheckContext) -> Iterable[Finding]:
        graph = context.graph
        view, findings = rule_view(params.options, context)
        may_import = [ref.expr for ref in params.may_import]
        roots = sorted(expand(graph, (ref.expr for ref in params.from_)), key=len)
        for importer in sorted(graph.modules):
            root = next((r for r in roots if _inside(importer, r)), None)
            if root is None or not context.applies_to(importer):
                continue
            bad = [
                edge
                for imported in view.successors.get(importer, ())
                for edge in view.edges(importer, imported)
                if not _permitted(edge, root, may_import, params.allow_stdlib)
            ]
            allowed = _allowed(params)
            findings.extend(
                statement_finding(context, edge, TEMPLATE, root=root, allowed=allowed)
                for edge in by_statement(bad)
            )
        return findings


def _permitted(
    edge: ImportEdge,
    root: str,
    may_import: list[ModuleExpr],
    allow_stdlib: bool,
) -> bool:
    """Whether the rule lets `edge` be; `root` is the widest `from` package holding the importer."""
    imported = edge.imported
    if not edge.external and _inside(imported, root):
        return True
    if edge.external and allow_stdlib and imported.split(".")[0] in STDLIB:
        return True
    return any(expr.matches(name) for expr in may_import for name in _ancestry(imported))


def _allowed(params: AllowedParams) -> str:
    names = ["its own modules", *(ref.expr.text for ref in params.may_import)]
    if params.allow_stdlib:
        names.append("the standard library")
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _ancestry(name: str) -> list[str]:
    """`name` and every package above it: `a.b.c`, `a.b`, `a`."""
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(len(parts), 0, -1)]


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")
