"""The project's classes and functions as the `classes` rules see them, and each class's
bases followed through the project (`lineage`)."""

from __future__ import annotations

import builtins
from collections import deque
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from fitness.checks.base import CheckContext
from fitness.model import FileFacts, Hop, Location, Site
from fitness.model.classes import ClassFact

_BUILTINS = frozenset(dir(builtins))
_MAX_REEXPORTS = 8  # `from .a import X` in an `__init__`, followed this many times


class Definition(NamedTuple):
    """A class or function of the project: `qualified` is its module and its name in it."""

    kind: str  # "class" or "function"
    module: str
    name: str  # within the module: `Order.Line`, `Order.total`
    path: str
    line: int
    column: int
    decorators: tuple[str, ...]  # resolved within the project
    is_async: bool
    bases: tuple[str, ...] = ()  # as the facts hold them

    @property
    def qualified(self) -> str:
        return f"{self.module}.{self.name}"

    @property
    def short_name(self) -> str:
        return self.name.rpartition(".")[2]

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column, self.line, self.column)


class Lineage(NamedTuple):
    """Every base a class reaches, each with the step that reached it first (breadth first),
    and the bases that could not be resolved, as `(class, base as written)`."""

    start: str
    steps: Mapping[str, Hop]  # base -> the hop (subclass -> base) that reached it
    unknown: tuple[tuple[str, str], ...]

    def chain(self, base: str) -> tuple[Hop, ...] | None:
        """The inheritance chain from the class to `base`, or None when it does not reach it."""
        if base not in self.steps:
            return None
        hops = []
        current = base
        while current != self.start:
            hop = self.steps[current]
            hops.append(hop)
            current = hop.importer
        return tuple(reversed(hops))

    @property
    def undecided(self) -> str:
        """What is unknown, in words."""
        parts = [
            f"the base {base} of {name} is unknown"
            if base
            else f"a base of {name} is an expression, not a class name"
            for name, base in self.unknown
        ]
        return "; ".join(parts)


def definitions(context: CheckContext, kinds: tuple[str, ...]) -> Iterator[Definition]:
    """The project's classes and functions of `kinds`, module by module in name order."""
    for module in sorted(context.files):
        path, facts = context.files[module]
        if "class" in kinds:
            for fact in facts.classes:
                yield _class(context, module, path, facts, fact)
        if "function" in kinds:
            for function in facts.functions:
                yield Definition(
                    "function",
                    module,
                    function.name,
                    path,
                    function.line,
                    function.column,
                    tuple(_qualified(context, module, path, facts, d) for d in function.decorators),
                    function.is_async,
                )


def lineage(context: CheckContext, item: Definition) -> Lineage:
    """Follow `item`'s bases through the classes of the project, breadth first."""
    steps: dict[str, Hop] = {}
    unknown: list[tuple[str, str]] = []
    queue = deque([item])
    seen = {item.qualified}
    while queue:
        current = queue.popleft()
        site = Site(current.location, False, False, False)
        files = context.files
        path, facts = files[current.module]
        for written in current.bases:
            base = _qualified(context, current.module, path, facts, written) if written else ""
            found = _find(context, base) if base else None
            if found is None or isinstance(found, str):
                if not base or found == _UNKNOWN:
                    unknown.append((current.qualified, written))
                if base and base not in steps:
                    steps[base] = Hop(current.qualified, base, (site,))
                continue
            name = found.qualified
            if name not in steps:
                steps[name] = Hop(current.qualified, name, (site,))
            if base != name and base not in steps:
                steps[base] = steps[name]  # a re-exported name reaches the class itself
            if name not in seen:
                seen.add(name)
                queue.append(found)
    return Lineage(item.qualified, steps, tuple(unknown))


_UNKNOWN = "unknown"
_EXTERNAL = "external"


def _class(
    context: CheckContext, module: str, path: str, facts: FileFacts, fact: ClassFact
) -> Definition:
    decorators = tuple(_qualified(context, module, path, facts, d) for d in fact.decorators)
    return Definition(
        "class", module, fact.name, path, fact.line, fact.column, decorators, False, fact.bases
    )


def _qualified(
    context: CheckContext, module: str, path: str, facts: FileFacts, written: str
) -> str:
    """A name as the facts hold it, made absolute: a relative one (`.base.Model`) from
    the module's package; one the module itself defines (`Base`) with the module's name."""
    if not written:
        return ""
    if written.startswith("."):
        level = len(written) - len(written.lstrip("."))
        parts = module.split(".")
        keep = len(parts) - level + (1 if path.endswith("__init__.py") else 0)
        rest = written[level:]
        return ".".join([*parts[: max(keep, 0)], *([rest] if rest else [])])
    first = written.partition(".")[0]
    if any(fact.name == first for fact in facts.classes) or any(
        fact.name == first for fact in facts.functions
    ):
        return f"{module}.{written}"
    return written


def _find(context: CheckContext, name: str, depth: int = 0) -> Definition | str:
    """The project's class `name` names, else `_EXTERNAL` (outside the project, or a
    builtin) or `_UNKNOWN` (no import binds it, or the project does not define it)."""
    parts = name.split(".")
    if len(parts) == 1:
        return _EXTERNAL if name in _BUILTINS or name in context.files else _UNKNOWN
    for cut in range(len(parts) - 1, 0, -1):
        module = ".".join(parts[:cut])
        entry = context.files.get(module)
        if entry is None:
            continue
        path, facts = entry
        inner = ".".join(parts[cut:])
        for fact in facts.classes:
            if fact.name == inner:
                return _class(context, module, path, facts, fact)
        if depth < _MAX_REEXPORTS:
            for again in _reexported(module, path, facts, parts[cut], parts[cut + 1 :]):
                found = _find(context, again, depth + 1)
                if not isinstance(found, str):
                    return found
        return _UNKNOWN
    return _EXTERNAL


def _reexported(
    module: str, path: str, facts: FileFacts, first: str, rest: list[str]
) -> Iterator[str]:
    """What `module` may import under the name `first`, in full: the module a
    `from .base import Model` names it from, else each module it star-imports."""
    stars = []
    for raw in facts.imports:
        if raw.local or raw.dynamic:
            continue
        if first in raw.names:
            yield ".".join([_source(module, path, raw.module, raw.level), first, *rest])
            return
        if raw.names == ("*",):
            stars.append(_source(module, path, raw.module, raw.level))
    for source in stars:
        yield ".".join([source, first, *rest])


def _source(module: str, path: str, imported: str, level: int) -> str:
    """The absolute name of the module `from <level dots><imported> import ...` names."""
    if not level:
        return imported
    parts = module.split(".")
    keep = len(parts) - level + (1 if path.endswith("__init__.py") else 0)
    return ".".join([*parts[: max(keep, 0)], *([imported] if imported else [])])
