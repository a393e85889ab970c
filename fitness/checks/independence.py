"""`independence`: the listed modules must not import each other."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import NamedTuple

from fitness.checks.base import CheckContext
from fitness.checks.docs import REQUIRED, Example, Key, graph_keys
from fitness.checks.findings import chain_finding
from fitness.checks.graph_options import (
    GraphOptions,
    expand,
    parse_graph_options,
    rule_view,
    sources,
)
from fitness.config.source import Where
from fitness.config.table import ModuleRef, Table
from fitness.graph import every_chain, route_imports
from fitness.model import Finding
from fitness.model.keys import Modules


class IndependenceParams(NamedTuple):
    modules: tuple[ModuleRef, ...]
    options: GraphOptions

    def module_refs(self) -> Iterable[ModuleRef]:
        return self.modules

    def layout_problems(self, modules: Collection[str]) -> Iterable[tuple[Where, str]]:
        """A single wildcard entry that matches one module only: the rule cannot break."""
        if len(self.modules) != 1 or not self.modules[0].expr.has_wildcard:
            return []
        ref = self.modules[0]
        found = sorted(name for name in modules if ref.expr.matches(name))
        if len(found) != 1:
            return []  # none is reported as a name that matches nothing
        return [(ref.where, f"'{ref.expr.text}' matches {found[0]} alone, which {_ONE}")]


class Independence:
    """The listed modules must not import each other, directly or through other modules.

    A chain through another listed module is reported for that module's pair
    instead, so each finding names the pair that really depends.
    """

    description = "the listed modules must not import each other"

    @property
    def keys(self) -> tuple[Key, ...]:
        return KEYS

    @property
    def examples(self) -> tuple[Example, ...]:
        return EXAMPLES

    def parse(self, table: Table) -> IndependenceParams:
        modules = table.modules("modules", internal=True, required=True)
        raw = table.value("modules")
        if isinstance(raw, list) and len(raw) == 1 and modules and not modules[0].expr.has_wildcard:
            table.problem(
                "modules",
                f"a single module {_ONE}",
            )
        return IndependenceParams(modules, parse_graph_options(table))

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
                ends = packages[imported]
                chains = every_chain(view, starts, ends, avoid, packages[importer])
                if chains:
                    template = "{importer} must not import {imported} (independent modules)"
                    pair = (importer, imported)
                    blocked = avoid | packages[importer] | ends
                    routes = route_imports(view, starts, ends, blocked)
                    findings.append(chain_finding(context, view, template, pair, chains, routes))
        return findings


_ONE = (
    "cannot break the rule, having no other to import: "
    "list at least two modules, or a wildcard such as 'shop.*'"
)

# What `fitness explain independence` prints and tests/checks/test_kind_examples.py runs.
KEYS = (
    Key(
        "modules",
        REQUIRED,
        "module expressions: the modules that must not import each other (two or more)",
        Modules(at_least=1),
    ),
    *graph_keys(),
)

_RULE = """\
[rules.independent-features]
kind = "independence"
modules = ["shop.features.*"]
"""

EXAMPLES = (
    Example(
        "two features share only a module outside them",
        _RULE,
        {
            "src/shop/__init__.py": "",
            "src/shop/common.py": "",
            "src/shop/features/__init__.py": "",
            "src/shop/features/cart.py": "from shop import common\n",
            "src/shop/features/search.py": "from shop import common\n",
        },
    ),
    Example(
        "the cart imports search through a helper",
        _RULE,
        {
            "src/shop/__init__.py": "",
            "src/shop/helpers.py": "from shop.features import search\n",
            "src/shop/features/__init__.py": "",
            "src/shop/features/cart.py": "from shop import helpers\n",
            "src/shop/features/search.py": "",
        },
        (
            "src/shop/features/cart.py:1:1: independent-features: shop.features.cart must not "
            "import shop.features.search (independent modules)",
        ),
    ),
)
