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
from fitness.checks.stdlib import LABEL, SPOKEN, WORDS, word_covers
from fitness.config.table import ModuleRef, Table
from fitness.graph import GraphView, ImportGraph, every_chain, route_imports
from fitness.model import Finding, ImportEdge
from fitness.model.expressions import within
from fitness.model.keys import Flag, Modules


class ForbiddenParams(NamedTuple):
    from_: tuple[ModuleRef, ...]
    to: tuple[ModuleRef, ...]
    allow_indirect: bool
    options: GraphOptions
    as_packages: bool = True
    to_words: tuple[str, ...] = ()  # "third-party", "stdlib" in `to`

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

    `to` also takes two words: `"third-party"` forbids every module from outside
    the project that is not in the standard library (any distribution), and
    `"stdlib"` the standard library (rarely wanted). Each top-level package such a
    word names that `from` reaches is a finding of its own, which names it
    (`shop.domain must not import requests (third-party)`); a package `to` also
    names itself is reported once, under its name.
    """

    description = "modules in `from` must not import modules in `to`"

    @property
    def keys(self) -> tuple[Key, ...]:
        return KEYS

    @property
    def examples(self) -> tuple[Example, ...]:
        return EXAMPLES

    def parse(self, table: Table) -> ForbiddenParams:
        from_ = table.modules("from", internal=True, required=True)
        to, words = table.modules_and_words("to", WORDS, required=True)
        return ForbiddenParams(
            from_=from_,
            to=to,
            allow_indirect=table.boolean("allow_indirect", False),
            options=parse_graph_options(table),
            as_packages=table.boolean("as_packages", True),
            to_words=tuple(word for word, _ in words),
        )

    def summary(self, params: ForbiddenParams) -> str:
        froms = ", ".join(ref.expr.text for ref in params.from_)
        tos = ", ".join(
            [*(ref.expr.text for ref in params.to), *(SPOKEN[w] for w in params.to_words)]
        )
        direct = " (direct imports only)" if params.allow_indirect else ""
        alone = "" if params.as_packages else " (as single modules)"
        return f"{froms} must not import {tos}{direct}{alone}"

    def check(self, params: ForbiddenParams, context: CheckContext) -> Iterable[Finding]:
        graph = context.graph
        view, findings = rule_view(params.options, context)
        named = expand(graph, (ref.expr for ref in params.to))
        targets = [(name, "") for name in named] + _worded(graph, params.to_words, named)
        for importer in expand(graph, (ref.expr for ref in params.from_)):
            whole = graph.package(importer) if params.as_packages else frozenset({importer})
            whole_starts = sources(context, whole)
            for imported, label in targets:
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
                    template = "{importer} must not import {imported}"
                    findings.append(
                        chain_finding(
                            context,
                            view,
                            template + " ({what})" if label else template,
                            (importer, imported),
                            chains,
                            routes,
                            **({"what": label} if label else {}),
                        )
                    )
        return findings


def _worded(graph: ImportGraph, words: tuple[str, ...], named: list[str]) -> list[tuple[str, str]]:
    """The top-level outside packages `words` name, each with its label, but those `to` names."""
    tops = sorted({name.split(".")[0] for name in graph.externals} - set(named))
    return [(top, LABEL[word]) for top in tops for word in words if word_covers(word, top)]


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
    Key(
        "from",
        REQUIRED,
        "module expressions: the modules that must not import",
        Modules(at_least=1),
    ),
    Key(
        "to",
        REQUIRED,
        "module expressions (internal or third-party) they must not import; "
        "one inside `from` is checked against the rest of `from`; the words "
        '"third-party" (every outside package but the standard library) and "stdlib"',
        Modules(WORDS, at_least=1),
    ),
    Key("allow_indirect", "false", "true: only direct imports count", Flag()),
    Key(
        "as_packages",
        "true",
        "false: each module in `from` and `to` alone, not its descendants",
        Flag(),
    ),
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
            "src/shop/domain.py": "import dataclasses\n",
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
    Example(
        '"third-party": the domain uses no outside package but the standard library',
        '[rules.pure-domain]\nkind = "forbidden"\nfrom = ["shop.domain"]\nto = ["third-party"]\n',
        {
            "src/shop/__init__.py": "",
            "src/shop/domain.py": "import json\nfrom shop import infra\n",
            "src/shop/infra.py": "import requests.adapters\nimport sqlalchemy\nimport os\n",
        },
        (
            "src/shop/domain.py:2:1: pure-domain: shop.domain must not import requests "
            "(third-party)",
            "src/shop/domain.py:2:1: pure-domain: shop.domain must not import sqlalchemy "
            "(third-party)",
        ),
    ),
    Example(
        '"stdlib": the core is pure computation, not even the standard library',
        '[rules.pure-core]\nkind = "forbidden"\nfrom = ["shop.core"]\nto = ["stdlib"]\n',
        {
            "src/shop/__init__.py": "",
            "src/shop/core.py": "import attrs\n",
            "src/shop/io.py": "import os.path\n",
        },
    ),
)
