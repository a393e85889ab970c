"""Which `if` tests mark type-checking-only code: `typing.TYPE_CHECKING`, and nothing else.

`TYPE_CHECKING = True` then `if TYPE_CHECKING: import app.infra.db` runs the
import; under `type_checking = "ignore"` it must still count. So a test marks
a type-checking block only when it is `typing.TYPE_CHECKING` (or
`typing_extensions`'), imported (`from typing import TYPE_CHECKING [as N]`) or
referenced through the module (`import typing [as t]`, `t.TYPE_CHECKING`), and
the name it is read through is bound nowhere else in the module.

The statement walk reports each binding it meets (`Markers.statement`); a
binding inside an expression (`(TYPE_CHECKING := True)`) is found in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import libcst as cst

_MODULES = ("typing", "typing_extensions")
_NAME = "TYPE_CHECKING"


def test_key(test: cst.BaseExpression) -> str | None:
    """What an `if` test reads, when it may be the marker: `N`, or `m.TYPE_CHECKING`."""
    if isinstance(test, cst.Name):
        return test.value
    if isinstance(test, cst.Attribute) and test.attr.value == _NAME:
        base = _dotted(test.value)
        return None if base is None else f"{base}.{_NAME}"
    return None


class Markers:
    """The bindings met in one module, and from them the tests that are the marker."""

    def __init__(self) -> None:
        self.imported: set[str] = set()  # names bound by `from typing import TYPE_CHECKING`
        self.modules: set[str] = set()  # names bound to the typing module itself
        self.bound: set[str] = set()  # every other name bound

    def statement(self, small: cst.CSTNode) -> None:
        """Record what one statement binds (dispatched on its exact type: libcst's node
        classes are ABCs, and a chain of isinstance checks costs more than the walk)."""
        record = _RECORDERS.get(type(small))
        if record is not None:
            record(self, small)

    def _import(self, node: cst.Import) -> None:
        for alias in node.names:
            name = _dotted(alias.name) or ""
            if alias.asname is not None:
                target = _target_name(alias.asname.name)
                (self.modules if name in _MODULES else self.bound).update(target)
            elif name.partition(".")[0] in _MODULES:
                self.modules.add(name.partition(".")[0])
            else:
                self.bound.add(name.partition(".")[0])

    def _assign(self, node: cst.Assign) -> None:
        for assigned in node.targets:
            self.bound.update(_target_name(assigned.target))

    def _target(self, node: cst.AnnAssign | cst.AugAssign | cst.For | cst.Del) -> None:
        self.bound.update(_target_name(node.target))

    def _definition(self, node: cst.FunctionDef | cst.ClassDef) -> None:
        self.bound.add(node.name.value)

    def _with(self, node: cst.With) -> None:
        for item in node.items:
            if item.asname is not None:
                self.bound.update(_target_name(item.asname.name))

    def _handler(self, node: cst.ExceptHandler | cst.ExceptStarHandler) -> None:
        if node.name is not None:
            self.bound.update(_target_name(node.name.name))

    def _import_from(self, node: cst.ImportFrom) -> None:
        module = "" if node.module is None or node.relative else _dotted(node.module) or ""
        if isinstance(node.names, cst.ImportStar):
            if module not in _MODULES:
                self.bound.add("*")  # anything may be bound: no name is the marker
            return
        for alias in node.names:
            name = _dotted(alias.name) or ""
            bound = name if alias.asname is None else "".join(_target_name(alias.asname.name))
            if module in _MODULES and name == _NAME:
                self.imported.add(bound)
            else:
                self.bound.add(bound)

    def genuine(self, keys: Iterable[str], text: str) -> frozenset[str]:
        """Those of `keys` that read `typing.TYPE_CHECKING` through a name never rebound."""
        if "*" in self.bound:
            return frozenset()
        found = set()
        for key in keys:
            base = key[: -len(_NAME) - 1] if key.endswith("." + _NAME) else None
            name = key if base is None else base.partition(".")[0]
            ok = key in self.imported if base is None else base in self.modules
            if ok and name not in self.bound and not _walrus(name, text):
                found.add(key)
        return frozenset(found)


_RECORDERS: dict[type[cst.CSTNode], Any] = {
    cst.Import: Markers._import,
    cst.ImportFrom: Markers._import_from,
    cst.Assign: Markers._assign,
    cst.AnnAssign: Markers._target,
    cst.AugAssign: Markers._target,
    cst.For: Markers._target,
    cst.Del: Markers._target,
    cst.FunctionDef: Markers._definition,
    cst.ClassDef: Markers._definition,
    cst.With: Markers._with,
    cst.ExceptHandler: Markers._handler,
    cst.ExceptStarHandler: Markers._handler,
}


def _walrus(name: str, text: str) -> bool:
    return ":=" in text and re.search(rf"(?<![\w.]){re.escape(name)}\s*:=", text) is not None


def _target_name(node: cst.BaseExpression) -> set[str]:
    """The names an assignment target binds (`a`, `a, b`, `[a, *b]`); none for `x.a`, `x[0]`."""
    if isinstance(node, cst.Name):
        return {node.value}
    if isinstance(node, (cst.Tuple, cst.List)):
        names: set[str] = set()
        for element in node.elements:
            names.update(_target_name(element.value))
        return names
    if isinstance(node, cst.StarredElement):
        return _target_name(node.value)
    return set()


def _dotted(node: cst.BaseExpression) -> str | None:
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))
