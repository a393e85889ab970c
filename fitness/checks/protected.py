"""`protected`: a module that only some importers may use, and only through its public face."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, NamedTuple

from fitness.checks.base import CheckContext
from fitness.checks.docs import REQUIRED, Example, Key, graph_keys
from fitness.checks.findings import spoken_list
from fitness.checks.graph_options import GraphOptions, expand, parse_graph_options, rule_view
from fitness.checks.public_entries import public_problems, relative_to
from fitness.checks.statements import by_statement, statement_finding
from fitness.config.source import Where
from fitness.config.table import ModuleRef, Table
from fitness.model import Finding, ImportEdge
from fitness.model.expressions import expression_problem, within
from fitness.model.keys import ListOf, Modules, Text

if TYPE_CHECKING:  # defined only when coverage is worked out
    from fitness.model.reach import Subjects

NOT_ALLOWED = "{importer} may not import {imported}{how} ({root} is protected: only {allowed} may)"
NOT_PUBLIC = "{importer} may not import {imported}{how} ({root} is protected: use {public})"


class ProtectedParams(NamedTuple):
    modules: tuple[ModuleRef, ...]
    allowed_importers: tuple[ModuleRef, ...]
    public: tuple[str, ...]
    options: GraphOptions
    public_at: tuple[Where, ...] = ()  # where each `public` entry is written

    def module_refs(self) -> Iterable[ModuleRef]:
        return (*self.modules, *self.allowed_importers)

    def subjects(self) -> Subjects:
        """The imports *of* the protected modules are what the rule examines."""
        from fitness.model.reach import Subjects

        return Subjects(tuple(ref.expr for ref in self.modules), incoming=True)

    def layout_problems(self, modules: Collection[str]) -> Iterable[tuple[Where, str]]:
        """Each `public` entry that names nothing under a protected module (named in full)."""
        return public_problems(self, modules)


class Protected:
    """A protected module and its descendants may be imported only by `allowed_importers`
    (when given) and, from outside it, only through its `public` submodules or names
    (when given).

    `public` entries are relative to each protected module: `api` is its submodule
    `api` and everything inside it; `charge` a name its `__init__` defines, which
    `from shop.billing import charge` imports. The full name works too:
    `shop.billing.api` for `modules = ["shop.billing"]`. A dotted entry that is
    no module under a protected module is a configuration error. A plain
    `import shop.billing` passes. Modules inside the protected module import
    each other freely, and so do the descendants of an allowed importer. Only
    direct imports count, as in import-linter's `protected`; one finding per
    offending import statement.
    """

    description = "a protected module may be imported only by `allowed_importers`, through `public`"

    @property
    def keys(self) -> tuple[Key, ...]:
        return KEYS

    @property
    def examples(self) -> tuple[Example, ...]:
        return EXAMPLES

    def parse(self, table: Table) -> ProtectedParams:
        modules = table.modules("modules", internal=True, required=True)
        allowed = table.modules("allowed_importers", internal=True)
        public, public_at = [], []
        for text, where in table.strings("public"):
            problem = expression_problem(text.strip(), dotted="dotted name")
            if problem is None and "*" in text:
                problem = f"'{text}' has a wildcard; a public entry names one submodule or name"
            if problem is None:
                public.append(text.strip())
                public_at.append(table.problems.where(where))
            else:
                table.problems.add(where, problem)
        if modules and not table.has("allowed_importers") and not table.has("public"):
            table.problem(None, "a protected rule needs `allowed_importers`, `public` or both")
        options = parse_graph_options(table)
        return ProtectedParams(modules, allowed, tuple(public), options, tuple(public_at))

    def summary(self, params: ProtectedParams) -> str:
        names = ", ".join(ref.expr.text for ref in params.modules)
        parts = []
        if params.allowed_importers:
            parts.append("imported only by " + _allowed(params))
        if params.public:
            parts.append("only through " + ", ".join(params.public))
        return f"{names} protected: " + ", ".join(parts)

    def check(self, params: ProtectedParams, context: CheckContext) -> Iterable[Finding]:
        graph = context.graph
        view, findings = rule_view(params.options, context)
        allowed = [ref.expr for ref in params.allowed_importers]
        for root in expand(graph, (ref.expr for ref in params.modules)):
            package = graph.package(root)
            entries = relative_to(root, params.public)
            public = " or ".join(f"{root}.{entry}" for entry in entries)
            bad_importer: list[ImportEdge] = []
            not_public: list[ImportEdge] = []
            for imported in sorted(package):
                for importer in view.predecessors.get(imported, ()):
                    if importer in package or not context.applies_to(importer):
                        continue
                    edges = view.edges(importer, imported)
                    if allowed and not any(e.covers(importer) for e in allowed):
                        bad_importer.extend(edges)
                    elif params.public:
                        not_public.extend(
                            e for e in edges if not _public(e, root, entries, context)
                        )
            findings.extend(
                statement_finding(context, edge, NOT_ALLOWED, root=root, allowed=_allowed(params))
                for edge in by_statement(bad_importer)
            )
            findings.extend(
                statement_finding(context, edge, NOT_PUBLIC, root=root, public=public)
                for edge in by_statement(not_public)
            )
        return findings


def _public(edge: ImportEdge, root: str, entries: tuple[str, ...], context: CheckContext) -> bool:
    """Whether `edge` goes through a public submodule, or imports only public names of `root`."""
    imported = edge.imported
    if imported != root:
        return any(within(imported, f"{root}.{entry}") for entry in entries)
    names = _names(edge, context)
    # A name that is a submodule has an edge of its own; here only `root`'s own names count.
    own = [name for name in names if f"{root}.{name}" not in context.graph.modules]
    return all(name in entries for name in own)


def _names(edge: ImportEdge, context: CheckContext) -> tuple[str, ...]:
    """The names `from <edge.imported> import a, b` imports; empty for `import x`, or when
    the statement names the package above (`from shop import billing` imports billing itself).
    """
    found = context.files.get(edge.importer)
    if found is None:
        return ()
    path, facts = found
    for raw in facts.imports:
        if (raw.line, raw.column) != (edge.location.line, edge.location.column):
            continue
        base = edge.importer.split(".")
        if raw.level:
            keep = len(base) - raw.level + (1 if path.endswith("__init__.py") else 0)
            base = base[: max(keep, 0)]
            named = ".".join([*base, *([raw.module] if raw.module else [])])
        else:
            named = raw.module
        return raw.names if named == edge.imported else ()
    return ()


def _allowed(params: ProtectedParams) -> str:
    return spoken_list([ref.expr.text for ref in params.allowed_importers])


# What `fitness explain protected` prints and tests/checks/test_kind_examples.py runs.
KEYS = (
    Key("modules", REQUIRED, "module expressions: the protected modules", Modules(at_least=1)),
    Key(
        "allowed_importers",
        "[]",
        "module expressions: the only modules that may import them",
        Modules(),
    ),
    Key(
        "public",
        "[]",
        "submodules or names of each protected module that outsiders may import "
        "('api', or in full 'shop.billing.api')",
        ListOf(Text()),
    ),
    *graph_keys(),
)

_RULE = """\
[rules.billing-api]
kind = "protected"
modules = ["shop.billing"]
public = ["api"]
"""

_BILLING = {
    "src/shop/__init__.py": "",
    "src/shop/billing/__init__.py": "",
    "src/shop/billing/api.py": "from shop.billing.internal import ledger\n",
    "src/shop/billing/internal/__init__.py": "",
    "src/shop/billing/internal/ledger.py": "",
}

EXAMPLES = (
    Example(
        "an outsider imports the public api; billing uses its own internals",
        _RULE,
        {**_BILLING, "src/shop/orders.py": "from shop.billing.api import charge\n"},
    ),
    Example(
        "an outsider imports billing's internal ledger",
        _RULE,
        {**_BILLING, "src/shop/orders.py": "from shop.billing.internal.ledger import post\n"},
        (
            "src/shop/orders.py:1:1: billing-api: shop.orders may not import "
            "shop.billing.internal.ledger (shop.billing is protected: use shop.billing.api)",
        ),
    ),
)
