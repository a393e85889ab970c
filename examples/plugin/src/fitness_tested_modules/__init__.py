"""`tested-modules`: every module the rule names has a test module that imports it.

A rule kind of fitness's, written against `fitness.api` alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fitness.api import (
    REQUIRED,
    CheckContext,
    Example,
    Finding,
    Key,
    ModuleRef,
    Modules,
    Table,
    finding,
    graph_of,
    location,
    module_path,
)


@dataclass(frozen=True)
class Params:
    modules: tuple[ModuleRef, ...]
    tests: tuple[ModuleRef, ...]

    def module_refs(self) -> Iterable[ModuleRef]:
        return (*self.modules, *self.tests)


class TestedModules:
    """Every module that `modules` names is imported by at least one module under `tests`.

    A module nobody tests directly is reported at its first line. Test modules
    are found in the import graph, so the tests' directory must be under the
    source roots (`source_roots = ["src", "."]`).
    """

    __test__ = False  # not a test class, whatever pytest thinks of its name

    description = "every module the rule names has a test module that imports it"

    @property
    def keys(self) -> tuple[Key, ...]:
        return KEYS

    @property
    def examples(self) -> tuple[Example, ...]:
        return EXAMPLES

    def parse(self, table: Table) -> Params:
        modules = table.modules("modules", internal=True, required=True)
        tests = table.modules("tests", internal=True, required=True)
        return Params(modules, tests)

    def summary(self, params: Params) -> str:
        named = ", ".join(ref.expr.text for ref in params.modules)
        tests = ", ".join(ref.expr.text for ref in params.tests)
        return f"{named} are imported by a test module under {tests}"

    def check(self, params: Params, context: CheckContext) -> Iterable[Finding]:
        graph = graph_of(context)
        tests = ", ".join(ref.expr.text for ref in params.tests)
        found = []
        for module in sorted(graph.modules):
            if not any(ref.expr.matches(module) for ref in params.modules):
                continue
            testers = [
                importer
                for importer in graph.importers_of(module)
                if any(ref.expr.covers(importer) for ref in params.tests)
            ]
            path = module_path(context, module)
            if testers or path is None or not context.applies_to(module):
                continue
            found.append(
                finding(
                    context,
                    location(path, 1),
                    "{module} has no test module: nothing under {tests} imports it",
                    about=(module,),
                    module=module,
                    tests=tests,
                )
            )
        return found


KEYS = (
    Key(
        "modules",
        REQUIRED,
        "module expressions: the modules that need a test module",
        Modules(at_least=1),
    ),
    Key("tests", REQUIRED, "module expressions: where the test modules are", Modules(at_least=1)),
)

_RULE = """\
source_roots = ["src", "."]

[rules.handlers-are-tested]
kind = "tested-modules"
modules = ["app.handlers.*"]
tests = ["tests"]
"""

EXAMPLES = (
    Example(
        "each handler has a test module",
        _RULE,
        {
            "src/app/__init__.py": "",
            "src/app/handlers/__init__.py": "",
            "src/app/handlers/orders.py": "",
            "tests/__init__.py": "",
            "tests/test_orders.py": "from app.handlers import orders\n",
        },
    ),
    Example(
        "the users handler has none",
        _RULE,
        {
            "src/app/__init__.py": "",
            "src/app/handlers/__init__.py": "",
            "src/app/handlers/orders.py": "",
            "src/app/handlers/users.py": "",
            "tests/__init__.py": "",
            "tests/test_orders.py": "from app.handlers import orders\n",
        },
        (
            "src/app/handlers/users.py:1:1: handlers-are-tested: app.handlers.users has no "
            "test module: nothing under tests imports it",
        ),
    ),
)
