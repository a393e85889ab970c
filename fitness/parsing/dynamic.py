"""Calls to `importlib.import_module` and `__import__`, wherever they are.

These sit inside expressions, so this is the one walk over every node; it runs
only on files whose text mentions one of the two names. It follows each node's
dataclass fields directly, which is an order of magnitude faster than libcst's
`children`, skipping the fields that hold only whitespace and punctuation.

Calls come out in source order: `positions` pairs the k-th call of a literal
with the k-th place it is written, so a call walked out of turn would take
another's place, and its flags. Where a node's fields are declared in another
order than they are written (a function's decorators come last), `_WRITTEN`
gives the written one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import libcst as cst

from fitness.parsing.nodes import Found, dynamic_name, is_type_checking

_NO_CALLS_INSIDE = (
    "whitespace",
    "lpar",
    "rpar",
    "comma",
    "semicolon",
    "leading_lines",
    "lines_after_decorators",
    "header",
    "footer",
    "newline",
    "equal",
    "colon",
    "dot",
    "operator",
    "trailing_whitespace",
)
_WRITTEN: dict[type[cst.CSTNode], tuple[str, ...]] = {
    cst.FunctionDef: ("decorators", "name", "type_parameters", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "type_parameters", "bases", "keywords", "body"),
    cst.Parameters: (
        "posonly_params",
        "posonly_ind",
        "params",
        "star_arg",
        "kwonly_params",
        "star_kwarg",
    ),
    cst.Arg: ("keyword", "value"),
    cst.IfExp: ("body", "test", "orelse"),
    cst.ExceptHandler: ("type", "name", "body"),
    cst.ExceptStarHandler: ("type", "name", "body"),
    cst.MatchCase: ("pattern", "guard", "body"),
}
_FIELDS: dict[type[cst.CSTNode], tuple[str, ...]] = {}


def dynamic_calls(module: cst.Module) -> Iterator[Found]:
    """Every call of a dynamic-import function, literal or not, with its flags."""
    stack: list[tuple[cst.CSTNode, bool, bool]] = [(module, False, False)]
    while stack:
        node, local, checking = stack.pop()
        if isinstance(node, cst.Call) and dynamic_name(node.func) is not None:
            yield Found(node, local, checking)
        # Only a function's body runs when it is called; its decorators, defaults
        # and annotations run where it is defined.
        function = isinstance(node, (cst.FunctionDef, cst.Lambda))
        guarded = node.body if isinstance(node, cst.If) and is_type_checking(node.test) else None
        children: list[tuple[cst.CSTNode, bool, bool]] = []
        for name in _fields(type(node)):
            value = getattr(node, name)
            inner_local = local or (function and name == "body")
            for child in value if isinstance(value, (tuple, list)) else (value,):
                if isinstance(child, cst.CSTNode):
                    children.append((child, inner_local, checking or child is guarded))
        stack.extend(reversed(children))


def _fields(kind: type[cst.CSTNode]) -> tuple[str, ...]:
    names = _FIELDS.get(kind)
    if names is None:
        declared = [f.name for f in dataclasses.fields(kind)]
        written = [name for name in _WRITTEN.get(kind, ()) if name in declared]
        names = tuple(
            name
            for name in [*written, *(name for name in declared if name not in written)]
            if not name.startswith(_NO_CALLS_INSIDE)
        )
        _FIELDS[kind] = names
    return names
