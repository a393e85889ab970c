"""`allowed`: modules in `from` may import only what the rule lists."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from fitness.checks.base import CheckContext
from fitness.checks.docs import REQUIRED, Example, Key, graph_keys
from fitness.checks.findings import spoken_list
from fitness.checks.graph_options import GraphOptions, expand, parse_graph_options, rule_view
from fitness.checks.statements import by_statement, statement_finding
from fitness.checks.stdlib import SPOKEN, STDLIB_WORD, THIRD_PARTY, WORDS, in_stdlib
from fitness.config.table import ModuleRef, Table
from fitness.model import Finding, ImportEdge
from fitness.model.expressions import ModuleExpr, within
from fitness.model.keys import Flag, Modules

TEMPLATE = "{importer} may not import {imported}{how} ({root} may import only {allowed})"


class AllowedParams(NamedTuple):
    from_: tuple[ModuleRef, ...]
    may_import: tuple[ModuleRef, ...]
    allow_stdlib: bool
    options: GraphOptions
    third_party: bool = False  # `may_import` lists "third-party"

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

    `may_import` also takes two words. `"stdlib"` is the standard library: the
    same as `allow_stdlib = true` (the default), written out so that
    `may_import = ["stdlib", "pydantic"]` reads as the rule it is ("the standard
    library, pydantic and no other package"); with `allow_stdlib = false` it is
    a configuration error. `"third-party"` is every module from outside the
    project that is not in the standard library, whatever its distribution:
    `may_import = ["third-party"]` restricts only the project's own modules.
    """

    description = "modules in `from` may import only their own modules, `may_import` and the stdlib"

    @property
    def keys(self) -> tuple[Key, ...]:
        return KEYS

    @property
    def examples(self) -> tuple[Example, ...]:
        return EXAMPLES

    def parse(self, table: Table) -> AllowedParams:
        from_ = table.modules("from", internal=True, required=True)
        may_import, words = table.modules_and_words("may_import", WORDS)
        allow_stdlib = table.boolean("allow_stdlib", True)
        named = {word for word, _ in words}
        if STDLIB_WORD in named and table.has("allow_stdlib") and not allow_stdlib:
            table.problem(
                "allow_stdlib",
                "false, but may_import lists 'stdlib' (the standard library): keep one of them",
            )
        return AllowedParams(
            from_=from_,
            may_import=may_import,
            allow_stdlib=allow_stdlib,
            options=parse_graph_options(table),
            third_party=THIRD_PARTY in named,
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
            root = next((r for r in roots if within(importer, r)), None)
            if root is None or not context.applies_to(importer):
                continue
            bad = [
                edge
                for imported in view.successors.get(importer, ())
                for edge in view.edges(importer, imported)
                if not _permitted(edge, root, may_import, params)
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
    params: AllowedParams,
) -> bool:
    """Whether the rule lets `edge` be; `root` is the widest `from` package holding the importer."""
    imported = edge.imported
    if not edge.external and within(imported, root):
        return True
    if edge.external and (params.allow_stdlib if in_stdlib(imported) else params.third_party):
        return True
    return any(expr.covers(imported) for expr in may_import)


def _allowed(params: AllowedParams) -> str:
    names = ["its own modules", *(ref.expr.text for ref in params.may_import)]
    if params.third_party:
        names.append(SPOKEN[THIRD_PARTY])
    if params.allow_stdlib:
        names.append(SPOKEN[STDLIB_WORD])
    return spoken_list(names)


# What `fitness explain allowed` prints and tests/checks/test_kind_examples.py runs.
KEYS = (
    Key(
        "from",
        REQUIRED,
        "module expressions: the packages whose imports are checked",
        Modules(at_least=1),
    ),
    Key(
        "may_import",
        "[]",
        "module expressions (internal or third-party) they may also import, and the words "
        '"stdlib" (the standard library) and "third-party" (every other outside package)',
        Modules(WORDS),
    ),
    Key(
        "allow_stdlib",
        "true",
        'whether they may import the standard library ("stdlib" in may_import says true)',
        Flag(),
    ),
    *graph_keys(),
)

_RULE = """\
[rules.pure-domain]
kind = "allowed"
from = ["shop.domain"]
may_import = ["shop.base"]
"""

_WORDS = """\
[rules.pure-domain]
kind = "allowed"
from = ["shop.domain"]
may_import = [{words}]
"""

EXAMPLES = (
    Example(
        "the domain imports itself, shop.base and the standard library",
        _RULE,
        {
            "src/shop/__init__.py": "",
            "src/shop/base.py": "",
            "src/shop/domain/__init__.py": "",
            "src/shop/domain/events.py": "",
            "src/shop/domain/order.py": (
                "import json\nfrom shop import base\nfrom shop.domain import events\n"
            ),
        },
    ),
    Example(
        "the domain imports the infrastructure and a third-party package",
        _RULE,
        {
            "src/shop/__init__.py": "",
            "src/shop/base.py": "",
            "src/shop/infra.py": "",
            "src/shop/domain/__init__.py": "",
            "src/shop/domain/order.py": "import json\nfrom shop.infra import db\nimport requests\n",
        },
        (
            "src/shop/domain/order.py:2:1: pure-domain: shop.domain.order may not import "
            "shop.infra (shop.domain may import only its own modules, shop.base and the standard "
            "library)",
            "src/shop/domain/order.py:3:1: pure-domain: shop.domain.order may not import "
            "requests (shop.domain may import only its own modules, shop.base and the standard "
            "library)",
        ),
    ),
    Example(
        '"stdlib": the domain imports the standard library and pydantic, and no other package',
        _WORDS.format(words='"stdlib", "pydantic"'),
        {
            "src/shop/__init__.py": "",
            "src/shop/domain.py": "import json\nimport pydantic\nimport requests\n",
        },
        (
            "src/shop/domain.py:3:1: pure-domain: shop.domain may not import requests "
            "(shop.domain may import only its own modules, pydantic and the standard library)",
        ),
    ),
    Example(
        '"third-party": any outside package, but of the project only the domain\'s own modules',
        _WORDS.format(words='"third-party"'),
        {
            "src/shop/__init__.py": "",
            "src/shop/infra.py": "",
            "src/shop/domain.py": "import json\nimport requests\nfrom shop import infra\n",
        },
        (
            "src/shop/domain.py:3:1: pure-domain: shop.domain may not import shop.infra "
            "(shop.domain may import only its own modules, third-party packages and the "
            "standard library)",
        ),
    ),
)
