"""The walk's handlers for the nodes that bind names, and its markers for targets.

A binding is recorded where it takes effect, which is not always where it is
written: `x = f(x)` binds after its value, `def f(a=d)` after its defaults;
the occurrence of the name is still counted where it is written, so that
positions pair up. Imports of a banned root are uses themselves. A name
assigned a call (`m = importlib.import_module("pickle")`) is bound to what
that call returns, when `uses` can name it; a star import from a banned root
may bind every name the file follows for it (`Follow.star`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import libcst as cst

from fitness.parsing.blocks import type_parameters
from fitness.parsing.nodes import dotted
from fitness.parsing.scopes import FROM_IMPORT, RETURNED, Path, Scope

if TYPE_CHECKING:
    from fitness.parsing.walk import Walker

Context = tuple[Scope, Path, bool, bool]
Item = tuple[Any, Context]


def target_names(node: cst.CSTNode) -> list[cst.Name]:
    """The names an assignment target binds (not those of its attributes or subscripts)."""
    if isinstance(node, cst.Name):
        return [node]
    if isinstance(node, (cst.Tuple, cst.List)):
        return [name for element in node.elements for name in target_names(element.value)]
    if isinstance(node, cst.StarredElement):
        return target_names(node.value)
    return []


# --- bindings -----------------------------------------------------------------------------


def _assignment(
    walker: Walker,
    targets: Sequence[cst.BaseExpression],
    parts: Sequence[cst.CSTNode | None],
    context: Context,
    bound: bool = True,
    value: cst.Call | None = None,
) -> None:
    items: list[Item] = [(("target", target), context) for target in targets]
    items.extend((part, context) for part in parts if part is not None)
    if bound:
        items.extend((("bind", target, value), context) for target in targets)
    walker.push(items)


def _call(value: cst.BaseExpression | None) -> cst.Call | None:
    """The call whose result an assignment binds: `m = importlib.import_module("pickle")`."""
    return value if isinstance(value, cst.Call) else None


def _assign(walker: Walker, node: cst.Assign, context: Context) -> None:
    targets = [target.target for target in node.targets]
    _assignment(walker, targets, [node.value], context, value=_call(node.value))


def _aug_assign(walker: Walker, node: cst.AugAssign, context: Context) -> None:
    _assignment(walker, [node.target], [node.value], context)


def _ann_assign(walker: Walker, node: cst.AnnAssign, context: Context) -> None:
    # `x: int` binds nothing, but makes `x` local to a function all the same.
    bound = node.value is not None or context[0].kind in ("function", "comprehension")
    _assignment(
        walker, [node.target], [node.annotation, node.value], context, bound, _call(node.value)
    )


def _del(walker: Walker, node: cst.Del, context: Context) -> None:
    _assignment(walker, [node.target], [], context)


def _named_expr(walker: Walker, node: cst.NamedExpr, context: Context) -> None:
    walker.push(
        [
            (("target", node.target), context),
            (node.value, context),
            (("walrus", node.target), context),
        ]
    )


def _global(walker: Walker, node: cst.Global | cst.Nonlocal, context: Context) -> None:
    declared = context[0].globals if isinstance(node, cst.Global) else context[0].nonlocals
    for item in node.names:
        name = walker.watched_name(item.name) if walker.tracking else None
        if name is not None:
            declared.add(name)


def _import(walker: Walker, node: cst.Import, context: Context) -> None:
    if not walker.tracking:
        return
    for alias in node.names:
        _count_dotted(walker, alias.name)
        written = dotted(alias.name)
        module = _nfkc(written)
        first = first_name(alias.name)
        bound: cst.Name | None = first
        if isinstance(alias.asname, cst.AsName) and isinstance(alias.asname.name, cst.Name):
            walker.watched_name(alias.asname.name)
            bound, value = alias.asname.name, module
            statement = f"import {written} as {alias.asname.name.value}"
        else:
            value, statement = module.split(".")[0], f"import {written}"
        _imported(walker, alias, first, bound, value, module, statement, context)


def _import_from(walker: Walker, node: cst.ImportFrom, context: Context) -> None:
    if not walker.tracking:
        return
    absolute = not node.relative and node.module is not None
    written = "" if node.module is None else dotted(node.module)
    module = _nfkc(written) if absolute else None
    if node.relative and "." in walker.roots:
        # Resolved against the file's own package when the rules are checked.
        module = "." * len(node.relative) + _nfkc(written)
        written = "." * len(node.relative) + written
    if node.module is not None:
        _count_dotted(walker, node.module)
    if isinstance(node.names, cst.ImportStar):
        first = None if node.module is None else first_name(node.module)
        if module is not None and first is not None and module.split(".")[0] in walker.roots:
            candidate = walker.candidate("star", node, first, context)
            candidate.api, candidate.written = module, f"from {written} import *"
            _star_bindings(walker, module, context)
        return
    for alias in node.names:
        name = alias.name
        if not isinstance(name, cst.Name):
            continue  # a from-import imports plain names
        walker.watched_name(name)
        bound = name
        statement = f"from {written} import {name.value}"
        if isinstance(alias.asname, cst.AsName) and isinstance(alias.asname.name, cst.Name):
            walker.watched_name(alias.asname.name)
            bound = alias.asname.name
            statement += f" as {bound.value}"
        joint = "" if module is None or module.endswith(".") else "."
        value = None if module is None else f"{module}{joint}{_nfkc(name.value)}"
        stated = None if value is None else FROM_IMPORT + value
        _imported(walker, alias, name, bound, stated, value, statement, context)


def _star_bindings(walker: Walker, module: str, context: Context) -> None:
    """`from pickle import *` may bind any name the file uses: each gets `pickle.<name>`.

    Whether the module defines the name is not known here, so the binding may
    or may not have been made: it goes into a block of its own, and what the
    name was bound to before (a builtin, an earlier import) still reaches.
    """
    inner = walker.block(context)
    for name in sorted(walker.star_names):
        walker.bind(name, inner, f"{FROM_IMPORT}{module} .{name}")


def _imported(
    walker: Walker,
    alias: cst.ImportAlias,
    first: cst.Name | None,
    bound: cst.Name | None,
    value: str | None,
    api: str | None,
    written: str,
    context: Context,
) -> None:
    name = None if bound is None else walker.followed(bound)
    if name is not None:
        walker.bind(name, context, value)
    if api is not None and first is not None and root_of(api) in walker.roots:
        candidate = walker.candidate("import", alias, first, context)
        candidate.api, candidate.written = api, written


def root_of(api: str) -> str:
    """`pickle` of `pickle.loads`; `.` of a relative name (`..infra.db`)."""
    return "." if api.startswith(".") else api.split(".")[0]


def first_name(node: cst.BaseExpression) -> cst.Name | None:
    """`a` of the chain `a.b.c`."""
    while isinstance(node, cst.Attribute):
        node = node.value
    return node if isinstance(node, cst.Name) else None


def _nfkc(name: str) -> str:
    return name if name.isascii() else unicodedata.normalize("NFKC", name)


def _count_dotted(walker: Walker, node: cst.BaseExpression) -> None:
    names: list[cst.Name] = []
    while isinstance(node, cst.Attribute):
        names.append(node.attr)
        node = node.value
    if isinstance(node, cst.Name):
        names.append(node)
    for name in reversed(names):
        walker.watched_name(name)


def _type_alias(walker: Walker, node: cst.TypeAlias, context: Context) -> None:
    items: list[Item] = [(("count", [node.name]), context)]
    inner = type_parameters(walker, node.type_parameters, context, items)
    if inner is context:  # the value is evaluated lazily, in a scope of its own
        scope, _, local, checking = context
        inner = (
            walker.new_scope("annotation", scope, scope.qualname, context),
            (),
            local,
            checking,
        )
    items.append((node.value, inner))
    items.append((("bind", node.name, None), context))
    walker.push(items)


# --- patterns -----------------------------------------------------------------------------


def _match_as(walker: Walker, node: cst.MatchAs, context: Context) -> None:
    items: list[Item] = [] if node.pattern is None else [(node.pattern, context)]
    if node.name is not None:
        items.append((("name", node.name, None), context))
    walker.push(items)


def _match_star(walker: Walker, node: cst.MatchStar, context: Context) -> None:
    if node.name is not None:
        walker.stack.append((("name", node.name, None), context))


def _match_mapping(walker: Walker, node: cst.MatchMapping, context: Context) -> None:
    items: list[Item] = [(element, context) for element in node.elements]
    if node.rest is not None:
        items.append((("name", node.rest, None), context))
    walker.push(items)


def _match_keyword(walker: Walker, node: cst.MatchKeywordElement, context: Context) -> None:
    walker.push([(("count", [node.key]), context), (node.pattern, context)])


# --- markers: names and targets, processed in walk order -----------------------------------


def _name_marker(walker: Walker, item: tuple[Any, ...], context: Context) -> None:
    """("name", Name, value): a name written and bound here."""
    name = walker.watched_name(item[1]) if walker.tracking else None
    if name is not None and name in walker.names:
        walker.bind(name, context, item[2])


def _target_marker(walker: Walker, item: tuple[Any, ...], context: Context) -> None:
    """("target", expression): where an assignment target is written."""
    node = item[1]
    if isinstance(node, cst.Name):
        if walker.tracking:
            walker.watched_name(node)
    elif isinstance(node, (cst.Tuple, cst.List)):
        walker.push([(("target", element.value), context) for element in node.elements])
    elif isinstance(node, cst.StarredElement):
        walker.stack.append((("target", node.value), context))
    else:  # an attribute or a subscript: loaded, not bound
        walker.stack.append((node, context))


def _bind_marker(walker: Walker, item: tuple[Any, ...], context: Context) -> None:
    """("bind", target, value): where an assignment target takes its value."""
    if not walker.tracking:
        return
    value = item[2]
    if isinstance(value, cst.Call):  # a name alone is bound to what a call returns
        index = walker.returned.get(id(value))
        value = f"{RETURNED}{index}" if index is not None and type(item[1]) is cst.Name else None
    for name in target_names(item[1]):
        followed = walker.followed(name)
        if followed is not None:
            walker.bind(followed, context, value)


def _walrus_marker(walker: Walker, item: tuple[Any, ...], context: Context) -> None:
    """("walrus", name): `name := value` binds in the nearest scope that is no comprehension."""
    followed = walker.followed(item[1]) if walker.tracking else None
    if followed is None:
        return
    scope, path, local, checking = context
    if scope.kind != "comprehension":
        walker.bind(followed, context, None)
        return
    while scope.kind == "comprehension" and scope.parent is not None:
        path = scope.defined_at[1]
        scope = scope.parent
    walker.bind(followed, walker.block((scope, path, local, checking)), None)


HANDLERS: dict[type[cst.CSTNode], Any] = {
    cst.Assign: _assign,
    cst.AugAssign: _aug_assign,
    cst.AnnAssign: _ann_assign,
    cst.Del: _del,
    cst.NamedExpr: _named_expr,
    cst.Global: _global,
    cst.Nonlocal: _global,
    cst.Import: _import,
    cst.ImportFrom: _import_from,
    cst.TypeAlias: _type_alias,
    cst.MatchAs: _match_as,
    cst.MatchStar: _match_star,
    cst.MatchMapping: _match_mapping,
    cst.MatchKeywordElement: _match_keyword,
}
MARKERS: dict[str, Any] = {
    "name": _name_marker,
    "target": _target_marker,
    "bind": _bind_marker,
    "walrus": _walrus_marker,
}
