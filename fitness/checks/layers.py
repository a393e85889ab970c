"""`layers`: higher layers may import lower ones, never the reverse."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from fitness.checks.base import CheckContext
from fitness.checks.docs import REQUIRED, Example, Key, graph_keys
from fitness.checks.findings import chain_finding, config_finding
from fitness.checks.graph_options import GraphOptions, parse_graph_options, rule_view, sources
from fitness.config.source import KeyPath, Where
from fitness.config.table import ModuleRef, Table
from fitness.graph import GraphView, every_chain, route_imports
from fitness.model import Finding
from fitness.model.expressions import ModuleExpr, expression_problem
from fitness.model.keys import Flag, ListOf, Modules, Text

_SEPARATOR = re.compile(r"\s*([|:])\s*")


class Level(NamedTuple):
    """One entry of `layers`: one module, or siblings (`a | b` independent, `a : b` not)."""

    names: tuple[str, ...]
    optional: tuple[bool, ...]
    independent: bool
    where: Where


class LayersParams(NamedTuple):
    levels: tuple[Level, ...]
    containers: tuple[ModuleRef, ...]
    closed: tuple[tuple[str, KeyPath], ...]
    exhaustive: bool
    options: GraphOptions
    exhaustive_ignores: frozenset[str] = frozenset()

    def module_refs(self) -> Iterable[ModuleRef]:
        yield from self.containers
        for prefix in [ref.expr.text + "." for ref in self.containers] or [""]:
            for level in self.levels:
                for name, optional in zip(level.names, level.optional):
                    if not optional:
                        yield ModuleRef(ModuleExpr(prefix + name), level.where, internal=True)


class Layers:
    """Layers listed top to bottom: a lower layer must not import a higher one.

    Directly or through a chain of modules outside the two layers. `containers`
    repeats the layers inside each container; `closed` layers may not be skipped
    by the layers above them; `exhaustive` requires every child of a container
    to be in a layer, but for the children `exhaustive_ignores` names (by their
    last segment, as import-linter's `exhaustive_ignores`: `migrations` spares
    `<container>.migrations` in every container).
    """

    description = "higher layers may import lower ones, never the reverse"

    @property
    def keys(self) -> tuple[Key, ...]:
        return KEYS

    @property
    def examples(self) -> tuple[Example, ...]:
        return EXAMPLES

    def parse(self, table: Table) -> LayersParams:
        levels = tuple(_levels(table))
        containers = table.modules("containers", internal=True)
        names = {name for level in levels for name in level.names}
        closed = []
        for name, where in table.strings("closed"):
            if name in names:
                closed.append((name, where))
            else:
                table.problems.add(where, f"closed layer '{name}' is not one of the layers")
        exhaustive = table.boolean("exhaustive", False)
        if exhaustive and not containers:
            table.problem("exhaustive", "exhaustive = true needs `containers`")
        ignores = set()
        for name, where in table.strings("exhaustive_ignores"):
            if not name.isidentifier():
                table.problems.add(
                    where,
                    f"'{name}' is not a child's name: exhaustive_ignores lists the last "
                    "segment of children of the containers, such as 'migrations'",
                )
            ignores.add(name)
        if table.has("exhaustive_ignores") and not exhaustive:
            table.problem("exhaustive_ignores", "exhaustive_ignores needs exhaustive = true")
        if len(levels) == 1 and _count(table.value("layers")) == 1 and not exhaustive:
            _one_layer(table, levels[0], bool(containers))
        return LayersParams(
            levels,
            containers,
            tuple(closed),
            exhaustive,
            parse_graph_options(table),
            frozenset(ignores),
        )

    def summary(self, params: LayersParams) -> str:
        entries = []
        for level in params.levels:
            sep = " | " if level.independent else " : "
            entries.append(
                sep.join(f"({n})" if o else n for n, o in zip(level.names, level.optional))
            )
        inside = (
            f" in {', '.join(r.expr.text for r in params.containers)}" if params.containers else ""
        )
        return " > ".join(entries) + inside

    def check(self, params: LayersParams, context: CheckContext) -> Iterable[Finding]:
        view, findings = rule_view(params.options, context)
        containers: list[str | None] = [ref.expr.text for ref in params.containers]
        for container in containers or [None]:
            findings.extend(_check_container(params, context, view, container))
        return findings


def _check_container(
    params: LayersParams, context: CheckContext, view: GraphView, container: str | None
) -> Iterator[Finding]:
    graph = context.graph
    prefix = f"{container}." if container else ""
    levels = [
        [prefix + n for n in level.names if (prefix + n) in graph.modules]
        for level in params.levels
    ]
    packages = {name: graph.package(name) for level in levels for name in level}
    # Every pair's chains avoid the other layers, so pass through no layer at all: the
    # modules a chain may not pass are the same for each pair (a set of every layer).
    blocked = frozenset().union(*packages.values())
    starts_of: dict[str, set[str]] = {}

    for importer, imported, template, extra in _illegal_pairs(params, levels, prefix):
        if importer not in starts_of:
            starts_of[importer] = sources(context, packages[importer])
        starts, ends = starts_of[importer], packages[imported]
        chains = every_chain(view, starts, ends, package=packages[importer], blocked=blocked)
        if chains:
            routes = route_imports(view, starts, ends, blocked)
            pair = (importer, imported)
            yield chain_finding(context, view, template, pair, chains, routes, **extra)
    if params.exhaustive and container is not None:
        layered = set(packages)
        where = next(ref.where for ref in params.containers if ref.expr.text == container)
        for child in sorted(graph.children(container) & graph.modules):
            if child not in layered and child[len(prefix) :] not in params.exhaustive_ignores:
                yield config_finding(
                    context,
                    where,
                    "unlayered-module",
                    "{module} is in no layer of {container}",
                    module=child,
                    container=container,
                )


def _illegal_pairs(
    params: LayersParams, levels: list[list[str]], prefix: str
) -> Iterator[tuple[str, str, str, dict[str, str]]]:
    """(importer, imported, template, extra arguments) for each pair that must not import."""
    for index, higher in enumerate(levels):
        for lower in levels[index + 1 :]:
            for importer in lower:
                for imported in higher:
                    yield (
                        importer,
                        imported,
                        "{importer} must not import {imported} (a higher layer)",
                        {},
                    )
    for level, names in zip(params.levels, levels):
        if level.independent:
            for importer in names:
                for imported in names:
                    if importer != imported:
                        template = "{importer} must not import {imported} (independent siblings)"
                        yield importer, imported, template, {}
    for name, _ in params.closed:
        at = next(i for i, level in enumerate(params.levels) if name in level.names)
        template = "{importer} must not import {imported} (it skips past closed layer {closed})"
        for higher in levels[:at]:
            for lower in levels[at + 1 :]:
                for importer in higher:
                    for imported in lower:
                        yield importer, imported, template, {"closed": prefix + name}


def _count(value: object) -> int:
    return len(value) if isinstance(value, list) else 0


def _one_layer(table: Table, level: Level, containers: bool) -> None:
    """A rule of one layer cannot break, but through independent siblings (`a | b`)."""
    if level.independent and len(level.names) > 1:
        return
    inside = (
        " (containers repeat the layers inside each container, never comparing two containers)"
        if containers
        else ""
    )
    table.problem(
        "layers",
        "a single layer cannot break the rule: list at least two layers, top to bottom, "
        f"or independent siblings ('a | b'){inside}",
    )


def _levels(table: Table) -> Iterator[Level]:
    entries = table.strings("layers", required=True)
    if table.empty_list("layers"):
        table.problem("layers", "must list at least one layer")
    seen: dict[str, KeyPath] = {}
    for text, where in entries:
        parts = _SEPARATOR.split(text.strip())
        names, separators = parts[0::2], set(parts[1::2])
        if len(separators) > 1:
            table.problems.add(
                where, f"'{text}' mixes '|' and ':'; use one kind of sibling per layer"
            )
            continue
        optional = tuple(n.startswith("(") and n.endswith(")") for n in names)
        names = [n[1:-1].strip() if o else n for n, o in zip(names, optional)]
        valid = True
        for name in names:
            problem = expression_problem(name)
            if problem is None and "*" in name:
                problem = f"'{name}' has a wildcard; a layer names one module"
            if problem is None and name in seen:
                problem = f"'{name}' is already a layer"
            if problem is not None:
                table.problems.add(where, problem)
                valid = False
            seen.setdefault(name, where)
        if valid:
            yield Level(tuple(names), optional, separators != {":"}, table.problems.where(where))


# What `fitness explain layers` prints and tests/checks/test_kind_examples.py runs.
KEYS = (
    Key(
        "layers",
        REQUIRED,
        "top to bottom, at least two (or one 'a | b'); 'a | b' independent, "
        "'a : b' may import each other",
        ListOf(Text(), 1),
    ),
    Key("containers", "[]", "module expressions: the layers are repeated inside each", Modules()),
    Key("closed", "[]", "layers the layers above may not skip", ListOf(Text())),
    Key("exhaustive", "false", "true: every child of a container must be in a layer", Flag()),
    Key(
        "exhaustive_ignores",
        "[]",
        "children (by last segment) exhaustive spares: 'migrations'",
        ListOf(Text()),
    ),
    *graph_keys(),
)

_RULE = """\
[rules.layered]
kind = "layers"
layers = ["api", "domain", "infra"]
containers = ["shop"]
"""

EXAMPLES = (
    Example(
        "each layer imports only layers below it",
        _RULE,
        {
            "src/shop/__init__.py": "",
            "src/shop/api.py": "from shop import domain\n",
            "src/shop/domain.py": "from shop import infra\n",
            "src/shop/infra.py": "",
        },
    ),
    Example(
        "the infrastructure imports the api through a helper",
        _RULE,
        {
            "src/shop/__init__.py": "",
            "src/shop/api.py": "",
            "src/shop/domain.py": "",
            "src/shop/infra.py": "from shop import helpers\n",
            "src/shop/helpers.py": "from shop import api\n",
        },
        ("src/shop/infra.py:1:1: layered: shop.infra must not import shop.api (a higher layer)",),
    ),
)
