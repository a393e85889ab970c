"""The public API for rule kinds of your own: everything a plugin may use, and nothing else.

A plugin is a distribution that declares an entry point in the group
`fitness.kinds`; its name is the rule kind's name (`kind = "NAME"` in a
configuration) and its object is a class (built with no arguments) or an
instance that implements `RuleKind`. docs/api.md describes each name below;
any other module of fitness is private and may change in any release.

Versioning (`API_VERSION`, major.minor): a minor release adds names or fields;
a major release removes or changes one. The records handed to a plugin
(`CheckContext`, `Rule`, `FileFacts`, `RawImport`, `ImportEdge`, `ApiUse`,
`ClassFact`, `Location`, `Finding`, ...) are read-only and may gain fields in a
minor release: read them by attribute, never unpack them or build them
positionally. Build findings and locations with the factories `finding` and
`location`, which keep working when fields are added.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from fitness.checks.base import CheckContext, RuleKind
from fitness.checks.docs import REQUIRED, Example, Key
from fitness.config.schema import Params, Rule
from fitness.config.table import ModuleRef, Table
from fitness.model import (
    ApiUse,
    Argument,
    Comment,
    FileFacts,
    Finding,
    ImportEdge,
    Location,
    ParseFailure,
    RawImport,
    Severity,
)
from fitness.model.classes import ClassFact
from fitness.model.expressions import ModuleExpr
from fitness.model.keys import (
    Either,
    Flag,
    Imports,
    KeyType,
    ListOf,
    Modules,
    Record,
    Share,
    TableOf,
    Text,
    TextOrList,
    Whole,
    Words,
)

API_VERSION = "1.0"


class Graph(Protocol):
    """The queries a check may ask of the import graph (`CheckContext.graph`).

    Modules are dotted names. `modules` are those under the source roots;
    `externals` the third-party and standard-library names they import.
    """

    @property
    def modules(self) -> frozenset[str]: ...

    @property
    def externals(self) -> frozenset[str]: ...

    @property
    def pairs(self) -> frozenset[tuple[str, str]]:
        """Every (importer, imported) pair with at least one import statement."""
        ...

    def children(self, module: str) -> frozenset[str]:
        """Direct submodules of `module` (internal or external)."""
        ...

    def descendants(self, module: str) -> frozenset[str]:
        """Every submodule of `module` at any depth, not `module` itself."""
        ...

    def package(self, module: str) -> frozenset[str]:
        """`module` and its descendants, as far as the graph knows them."""
        ...

    def imports_of(self, module: str) -> frozenset[str]:
        """What `module` imports directly."""
        ...

    def importers_of(self, module: str) -> frozenset[str]:
        """The modules that import `module` directly."""
        ...


def graph_of(context: CheckContext) -> Graph:
    """The import graph of the check, typed by the public `Graph` protocol."""
    return context.graph


def location(
    path: str,
    line: int,
    column: int = 1,
    end_line: int | None = None,
    end_column: int | None = None,
) -> Location:
    """A region of a file: project-relative POSIX `path`, 1-based `line` and `column`
    (Unicode code points); the end (exclusive) defaults to the start."""
    return Location(
        path,
        line,
        column,
        line if end_line is None else end_line,
        column if end_column is None else end_column,
    )


def finding(
    context: CheckContext,
    at: Location,
    template: str,
    *,
    about: Sequence[str],
    **args: str,
) -> Finding:
    """A finding of the rule being checked, at `at`.

    `template` is the message with `{name}` fields filled from `args`
    (`"{module} has no test module"`, `module="shop.api.orders"`): tests and
    fingerprints keep working when the wording changes. `about` names what the
    finding is about (modules, classes): with the rule's id it makes the
    fingerprint that baselines and code scanning track, so it must not hold
    line numbers or wording. Severity, ADR and guidance come from the rule.
    """
    rule = context.rule
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        template=template,
        args=tuple(sorted(args.items())),
        location=at,
        chains=(),
        modules=tuple(about),
        adr=rule.adr,
        guidance=rule.message,
        identity=(rule.id, *about),
    )


def module_path(context: CheckContext, module: str) -> str | None:
    """The file (relative to the project root) that defines `module`, if it is the project's."""
    found = context.files.get(module)
    return None if found is None else found[0]


def facts_of(context: CheckContext) -> Iterable[tuple[str, str, FileFacts]]:
    """(module, path, facts) of every file under the source roots, sorted by module."""
    for module in sorted(context.files):
        path, facts = context.files[module]
        yield module, path, facts


__all__ = [
    "API_VERSION",
    "REQUIRED",
    "ApiUse",
    "Argument",
    "CheckContext",
    "ClassFact",
    "Comment",
    "Either",
    "Example",
    "FileFacts",
    "Finding",
    "Flag",
    "Graph",
    "ImportEdge",
    "Imports",
    "Key",
    "KeyType",
    "ListOf",
    "Location",
    "ModuleExpr",
    "ModuleRef",
    "Modules",
    "Params",
    "ParseFailure",
    "RawImport",
    "Record",
    "Rule",
    "RuleKind",
    "Severity",
    "Share",
    "Table",
    "TableOf",
    "Text",
    "TextOrList",
    "Whole",
    "Words",
    "facts_of",
    "finding",
    "graph_of",
    "location",
    "module_path",
]
