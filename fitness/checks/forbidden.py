"""`forbidden`: modules in `from` must not import modules in `to`."""

from __future__ import annotations

from collections.abc import Iterable
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
from fitness.config.table import ModuleRef, Table
from fitness.graph import GraphView, every_chain, route_imports
from fitness.model import Finding, ImportEdge
from fitness.model.expressions import within


class ForbiddenParams(NamedTuple):
    from_: tuple[ModuleRef, ...]
    to: tuple[ModuleRef, ...]
    allow_indirect: bool
    options: GraphOptions
    as_packages: bool = True

    def module_refs(self) -> Iterable[ModuleRef]:
        return (*self.from_, *self.to)


class Forbidden:
    """Modules in `from` must not import modules in `to`, directly or through other modules.

    With `allow_indirect = true` only direct imports count. `to` may name
    third-party modules and their submodules (`sqlalchemy.orm`). With
    `as_packages = false` (import-linter's option) each module in `from` and `to`
    is that module alone, not a package with its descendants.

    A `to` module inside a `from` package (`from = ["litestar"]`, `to =
    ["litestar.testing"]`: nothing may import the testing helpers) is checked
    against the rest of `from`: its own modules import each other freely. A
    `from` module inside a `to` package is not checked against that package.
    """

    description = "modules in `from` must not import modules in `to`"

    @property
    def keys(self) -> tuple[Key, ...]:
        return KEYS

    @property
    def examples(self) -> tuple[Example, ...]:
        return EXAMPLES

    def parse(self, table: Table) -> ForbiddenParams:
        return ForbiddenParams(
            from_=table.modules("from", internal=True, required=True),
            to=table.modules("to", internal=False, required=True),
            allow_indirect=table.boolean("allow_indirect", False),
            options=parse_graph_options(table),
            as_packages=table.boolean("as_packages", True),
        )

    def summary(self, params: ForbiddenParams) -> str:
        froms = ", ".join(ref.expr.text for ref in params.from_)
        tos = ", ".join(ref.expr.text for ref in params.to)
        direct = " (direct imports only)" if params.allow_indirect else ""
        alone = "" if params.as_packages else " (as single modules)"
        return f"{froms} must not import {tos}{direct}{alone}"

    def check(self, params: ForbiddenParams, context: CheckContext) -> Iterable[Finding]:
        graph = context.graph
        view, findings = rule_view(params.options, context)
        targets = expand(graph, (ref.expr for ref in params.to))
        for importer in expand(graph, (ref.expr for ref in params.from_)):
            whole = graph.package(importer) if params.as_packages else frozenset({importer})
            whole_starts = sources(context, whole)
            for imported in targets:
                if importer == imported:
                    continue
                package, starts = whole, whole_starts
                alone = not params.as_packages and imported in graph.modules
                ends = frozenset({imported}) if alone else graph.package(imported)
                if params.as_packages and within(imported, importer):
                    # `to` inside `from` ("nothing in litestar may import litestar.testing"):
                    # the rest of `from` must not import it.
                    package = whole - ends
                    starts = sources(context, package)
                elif params.as_packages and within(importer, imported):
                    continue  # a `from` module inside `to` imports the rest of `to` freely
                if params.allow_indirect:
                    chains = direct_imports(view, starts, ends)
                    routes = [(chain[0].importer, chain[0].imported) for chain in chains]
                else:
                    chains = every_chain(view, starts, ends, package=package)
                    routes = route_imports(view, starts, ends, package | ends)
                if chains:
                    findings.append(
                        chain_finding(
                            context,
                            view,
                            "{importer} must not import {imported}",
                            (importer, imported),
                            chains,
                            routes,
                        )
                    )
        return findings


def direct_imports(
    view: GraphView, starts: set[str], ends: frozenset[str]
) -> list[tuple[ImportEdge, ...]]:
    """Every direct import from `starts` into `ends`, one per pair, by module name."""
    return [
        (view.edge(importer, imported),)
        for importer in sorted(starts)
        for imported in view.successors.get(importer, ())
        if imported in ends
    ]


# What `fitness explain forbidden` prints and tests/checks/test_kind_examples.py runs.
KEYS = (
    Key("from", REQUIRED, "module expressions: the modules that must not import"),
    Key(
        "to",
        REQUIRED,
        "module expressions (internal or third-party) they must not import; "
        "one inside `from` is checked against the rest of `from`",
    ),
    Key("allow_indirect", "false", "true: only direct imports count"),
    Key("as_packages", "true", "false: each module in `from` and `to` alone, not its descendants"),
    *graph_keys(),
)

_RULE = """\
[rules.no-orm-in-domain]
kind = "forbidden"
from = ["shop.domain"]
to = ["sqlalchemy"]
"""

EXAMPLES = (
    Example(
        "the domain reaches the ORM only through a repository the infrastructure owns",
        _RULE,
        {
            "src/shop/__init__.py": "",
            "src/shop/domain.py": "",
            "src/shop/infra.py": "import sqlalchemy\nfrom shop import domain\n",
        },
    ),
    Example(
        "the domain imports the ORM directly and through the infrastructure",
        _RULE,
        {
            "src/shop/__init__.py": "",
            "src/shop/domain.py": "from sqlalchemy import orm\nfrom shop import infra\n",
            "src/shop/infra.py": "import sqlalchemy\n",
        },
        ("src/shop/domain.py:1:1: no-orm-in-domain: shop.domain must not import sqlalchemy",),
    ),
    Example(
        "`to` inside `from`: the rest of the package must not import its test helpers",
        '[rules.no-testing]\nkind = "forbidden"\nfrom = ["shop"]\nto = ["shop.testing"]\n',
        {
            "src/shop/__init__.py": "",
            "src/shop/app.py": "from shop.testing import client\n",
            "src/shop/testing/__init__.py": "",
            "src/shop/testing/client.py": "from shop import app\n",
        },
        ("src/shop/app.py:1:1: no-testing: shop must not import shop.testing",),
    ),
)
