"""The expression walk: it sees every field that can hold a call, in the order it is written."""

from __future__ import annotations

import dataclasses
import inspect
import os
import typing
from collections.abc import Iterator
from pathlib import Path

import libcst as cst
import pytest

from fitness.parsing import walk

_NODES = [
    kind
    for kind in vars(cst).values()
    if inspect.isclass(kind) and issubclass(kind, cst.CSTNode) and dataclasses.is_dataclass(kind)
]

# Every place a call can be written that the walk orders specially, and then some.
_SNIPPETS = """\
@a(b) @c
def f(p, /, q: d = e, *r: g, s: h = i, **t: j) -> k:
    return l
@m
class C(n, metaclass=o):
    p = q if r else s
try:
    pass
except t as u:
    pass
try:
    pass
except* v as w:
    pass
match x:
    case [y] if z:
        pass
f(x, *y, key=z, **w)
lambda a=b, *c, d=e, **f: g
[a for b in c if d]
{a: b for c in d}
"""


def _classes_in(hint: object) -> Iterator[type]:
    if typing.get_origin(hint) is typing.Literal:
        return
    arguments = typing.get_args(hint)
    if arguments:
        for argument in arguments:
            yield from _classes_in(argument)
    elif inspect.isclass(hint):
        yield hint


def _may_hold_a_name() -> set[type]:
    """The node classes (and their bases) that a `Name` (so a `Call`) can be found in or under."""
    holders: set[type] = {cst.Name}
    fields = {kind: list(typing.get_type_hints(kind).values()) for kind in _NODES}
    grown = True
    while grown:
        grown = False
        for kind, hints in fields.items():
            if kind in holders:
                continue
            if any(
                issubclass(held, holder) or issubclass(holder, held)
                for hint in hints
                for held in _classes_in(hint)
                for holder in holders
            ):
                holders.add(kind)
                grown = True
    return holders


_HOLDERS = _may_hold_a_name()


def test_the_fields_the_walk_skips_cannot_hold_a_name() -> None:
    holders = _HOLDERS
    skipped = {
        f"{kind.__name__}.{field.name}"
        for kind in _NODES
        for field in dataclasses.fields(kind)
        if field.name.startswith(walk._NO_NAMES_INSIDE)
        and any(
            issubclass(held, holder) or issubclass(holder, held)
            for held in _classes_in(typing.get_type_hints(kind)[field.name])
            for holder in holders
            if issubclass(held, cst.CSTNode)
        )
    }
    assert skipped == set()
    # The walk does enter what the skipped prefixes must not swallow.
    assert {"star_arg", "star_kwarg"} <= set(walk.fields(cst.Parameters))


def _walked(node: cst.CSTNode) -> list[cst.CSTNode]:
    children: list[cst.CSTNode] = []
    for name in walk.fields(type(node)):
        value = getattr(node, name)
        for child in value if isinstance(value, (tuple, list)) else (value,):
            if isinstance(child, cst.CSTNode):
                children.append(child)
    return children


def _misordered(module: cst.Module) -> set[str]:
    """Node types whose children that may hold a call are walked out of their written order.

    Brackets and colons may come in any order: no call is ever paired with them.
    """
    found: set[str] = set()
    stack: list[cst.CSTNode] = [module]
    while stack:
        node = stack.pop()
        walked = _walked(node)
        ids = {id(child) for child in walked if type(child) in _HOLDERS}
        written = [id(child) for child in node.children if id(child) in ids]
        if written != [id(child) for child in walked if id(child) in ids]:
            found.add(type(node).__name__)
        stack.extend(walked)
    return found


def test_the_walk_visits_children_in_the_order_they_are_written_in_these_snippets() -> None:
    assert _misordered(cst.parse_module(_SNIPPETS)) == set()


_STDLIB = Path(os.__file__).parent


@pytest.mark.parametrize(
    "path",
    sorted(_STDLIB.glob("*.py"))[::25],
    ids=lambda path: path.name,
)
def test_the_walk_visits_children_in_the_order_they_are_written_in_the_standard_library(
    path: Path,
) -> None:
    try:
        module = cst.parse_module(path.read_bytes())
    except cst.ParserSyntaxError:
        pytest.skip("libcst cannot parse this file")
    assert _misordered(module) == set()
