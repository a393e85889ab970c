"""`acyclic`: no import cycle among the children of each listed package."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from fitness.checks.base import CheckContext
from fitness.checks.docs import REQUIRED, Example, Key, graph_keys
from fitness.checks.findings import cycles_finding, through_dynamic
from fitness.checks.graph_options import GraphOptions, expand, parse_graph_options, rule_view
from fitness.config.table import ModuleRef, Table
from fitness.graph import ImportGraph, package_cycles
from fitness.model import Finding, ImportEdge
from fitness.model.keys import Modules, Whole

TEMPLATE = (
    "import cycles in {package} ({loops}): could be made acyclic by removing {count}: {breakers}"
)
# Some loop needs a dynamic import: said before the imports to remove.
DYNAMIC_TEMPLATE = (
    "import cycles in {package} ({loops}, through a dynamic import): could be made acyclic "
    "by removing {count}: {breakers}"
)


DEFAULT_DEPTH = 10  # import-linter's acyclic_siblings default, so a converted contract agrees


class AcyclicParams(NamedTuple):
    packages: tuple[ModuleRef, ...]
    depth: int
    options: GraphOptions
    skip_descendants: tuple[ModuleRef, ...] = ()

    def module_refs(self) -> Iterable[ModuleRef]:
        return (*self.packages, *self.skip_descendants)


class Acyclic:
    """No import cycle among the children of each package in `packages`.

    Each child counts with its descendants: `pkg.a.x -> pkg.b` and `pkg.b.y -> pkg.a`
    make a cycle between `pkg.a` and `pkg.b`. A package whose children loop gets
    one finding, as import-linter's `acyclic_siblings` reports it: it names the
    fewest imports (by importing module pairs) whose removal breaks every loop,
    counted as import-linter counts them (dependencies between two children, and
    the imports when there are more), is located at the first of them, and lists
    each loop of children underneath, one import per step; every import between
    two children that lies on a loop is in some listed loop, and each loop is
    listed once. A suppression on any of the imports to remove silences the finding.
    `depth = n` checks the children of the children too, down to n levels below
    each listed package, as import-linter's `acyclic_siblings` does, with its
    default of 10 (`depth = 0` checks the listed packages only).
    `skip_descendants` (import-linter's option) names packages that still count
    as children of their parent but whose own children are not checked, at any
    depth. `packages` is import-linter's `ancestors`.
    """

    description = "no import cycles among the children of each listed package"

    @property
    def keys(self) -> tuple[Key, ...]:
        return KEYS

    @property
    def examples(self) -> tuple[Example, ...]:
        return EXAMPLES

    def parse(self, table: Table) -> AcyclicParams:
        packages = table.modules("packages", internal=True, required=True)
        skipped = table.modules("skip_descendants", internal=True)
        listed = {ref.expr.text for ref in packages}
        for ref in skipped:
            if ref.expr.text in listed:
                table.problems.add(
                    ref.where,
                    f"'{ref.expr.text}' is in packages too: skip_descendants names packages "
                    "below them whose children are not checked",
                )
        return AcyclicParams(
            packages=packages,
            depth=table.integer("depth", DEFAULT_DEPTH, minimum=0),
            options=parse_graph_options(table),
            skip_descendants=skipped,
        )

    def summary(self, params: AcyclicParams) -> str:
        names = ", ".join(ref.expr.text for ref in params.packages)
        deeper = f" (and {params.depth} levels below)" if params.depth else ""
        skipped = ", ".join(ref.expr.text for ref in params.skip_descendants)
        but = f", not inside {skipped}" if skipped else ""
        return f"no cycles among the children of {names}{deeper}{but}"

    def check(self, params: AcyclicParams, context: CheckContext) -> Iterable[Finding]:
        graph = context.graph
        view, findings = rule_view(params.options, context)
        for package in _packages(graph, expand(graph, (r.expr for r in params.packages)), params):
            found = package_cycles(graph, view, package, context.applies_to)
            if not found.cycles:
                continue
            steps: dict[tuple[str, str], ImportEdge] = {}
            for cycle in found.cycles:
                loop = [_child(package, edge.importer) for edge in cycle]
                for index, child in enumerate(loop):
                    for edge in found.steps[child][loop[(index + 1) % len(loop)]]:
                        steps.setdefault((edge.importer, edge.imported), edge)
            dynamic = any(through_dynamic(view, cycle) for cycle in found.cycles)
            findings.append(
                cycles_finding(
                    context,
                    view,
                    DYNAMIC_TEMPLATE if dynamic else TEMPLATE,
                    package,
                    found.cycles,
                    (steps[pair] for pair in sorted(steps)),
                    found.breakers,
                    package=package,
                    loops=_counted(len(found.cycles), "loop", "loops"),
                    count=_dependencies(package, found.breakers),
                    breakers=", ".join(_import(edge) for edge in found.breakers),
                )
            )
        return findings


def _packages(graph: ImportGraph, listed: list[str], params: AcyclicParams) -> list[str]:
    """The listed packages and, `depth` levels down, their internal descendants.

    A child in `skip_descendants` is left out of the next level, so nothing below it
    is checked (a listed package is checked whatever `skip_descendants` says).
    """
    skipped = set(expand(graph, (r.expr for r in params.skip_descendants)))
    found: list[str] = []
    level = [name for name in listed if name in graph.modules or graph.children(name)]
    for _ in range(params.depth + 1):
        if not level:  # the package's real depth: a depth beyond it adds nothing
            break
        found.extend(name for name in level if name not in found)
        level = sorted(
            {c for name in level for c in graph.children(name) & graph.modules} - skipped
        )
    return found


def _child(package: str, module: str) -> str:
    return ".".join(module.split(".")[: package.count(".") + 2])


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _dependencies(package: str, breakers: list[ImportEdge]) -> str:
    """How many child-to-child dependencies the imports make, as import-linter counts them,
    and how many imports (importing module pairs) when that is more."""
    pairs = {(_child(package, e.importer), _child(package, e.imported)) for e in breakers}
    counted = _counted(len(pairs), "dependency", "dependencies")
    return counted if len(breakers) == len(pairs) else f"{counted} ({len(breakers)} imports)"


def _import(edge: ImportEdge) -> str:
    return f"{edge.importer} -> {edge.imported} (l.{edge.location.line})"


# What `fitness explain acyclic` prints and tests/checks/test_kind_examples.py runs.
KEYS = (
    Key(
        "packages",
        REQUIRED,
        "module expressions: the packages whose children must not loop",
        Modules(at_least=1),
    ),
    Key("depth", "10", "also check the children of the children, this many levels down", Whole()),
    Key(
        "skip_descendants",
        "[]",
        "packages that count as children but whose children are not",
        Modules(),
    ),
    *graph_keys(),
)

_RULE = """\
[rules.no-cycles]
kind = "acyclic"
packages = ["shop"]
"""

EXAMPLES = (
    Example(
        "orders import billing, which imports nothing back",
        _RULE,
        {
            "src/shop/__init__.py": "",
            "src/shop/billing.py": "",
            "src/shop/orders/__init__.py": "",
            "src/shop/orders/place.py": "from shop import billing\n",
        },
    ),
    Example(
        "orders and billing import each other",
        _RULE,
        {
            "src/shop/__init__.py": "",
            "src/shop/billing.py": "import json\nfrom shop.orders import place\n",
            "src/shop/orders/__init__.py": "",
            "src/shop/orders/place.py": "from shop import billing\n",
        },
        (
            "src/shop/orders/place.py:1:1: no-cycles: import cycles in shop (1 loop): could be "
            "made acyclic by removing 1 dependency: shop.orders.place -> shop.billing (l.1)",
        ),
    ),
)


__all__ = ["Acyclic", "AcyclicParams"]
