"""The walk's handlers for the nodes that open scopes and blocks.

Each handler pushes a node's parts in the order they are written, each with
its context (scope, block, local, TYPE_CHECKING). Comprehensions have a scope
of their own, except their first iterable; a function's defaults and
decorators belong to the enclosing scope, its annotations too (or to the
scope of its type parameters). A block is a body that may or may not run
(`if`, `try`, `except`, `else`, a `case`, a loop body); a `with` body and a
`finally` run with the statements around them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Union

import libcst as cst

from fitness.parsing.scopes import Path, Scope
from fitness.parsing.type_checking import test_key

if TYPE_CHECKING:
    from fitness.parsing.walk import Walker

Context = tuple[Scope, Path, bool, bool]
Item = tuple[Any, Context]
_Comprehension = Union[cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp]


def qualname(scope: Scope, name: str) -> str:
    """`__qualname__` of `name` defined in `scope`: `C.m`, `f.<locals>.g`."""
    while scope.kind in ("comprehension", "annotation") and scope.parent is not None:
        scope = scope.parent
    if scope.kind == "module":
        return name
    if scope.kind == "class":
        return f"{scope.qualname}.{name}"
    return f"{scope.qualname}.<locals>.{name}"


# --- scopes -------------------------------------------------------------------------------


def _function(walker: Walker, node: cst.FunctionDef, context: Context) -> None:
    scope, _, _, checking = context
    items: list[Item] = [(decorator, context) for decorator in node.decorators]
    items.append((("count", [node.name]), context))
    outer = type_parameters(walker, node.type_parameters, context, items)
    inner = walker.new_scope("function", outer[0], qualname(scope, node.name.value), context)
    inner_context = (inner, (), True, checking)
    _parameters(node.params, context, outer, inner_context, items)
    if node.returns is not None:
        items.append((node.returns, outer))
    items.append((("bind", node.name, None), context))
    items.append((node.body, inner_context))
    walker.push(items)


def _lambda(walker: Walker, node: cst.Lambda, context: Context) -> None:
    scope, _, _, checking = context
    inner = walker.new_scope("function", scope, qualname(scope, "<lambda>"), context)
    inner_context = (inner, (), True, checking)
    items: list[Item] = []
    _parameters(node.params, context, context, inner_context, items)
    items.append((node.body, inner_context))
    walker.push(items)


def _class(walker: Walker, node: cst.ClassDef, context: Context) -> None:
    scope, _, local, checking = context
    items: list[Item] = [(decorator, context) for decorator in node.decorators]
    items.append((("count", [node.name]), context))
    outer = type_parameters(walker, node.type_parameters, context, items)
    items.extend((arg, outer) for arg in [*node.bases, *node.keywords])
    items.append((("bind", node.name, None), context))
    body = walker.new_scope("class", outer[0], qualname(scope, node.name.value), context)
    items.append((node.body, (body, (), local, checking)))
    walker.push(items)


def _comprehension(walker: Walker, node: _Comprehension, context: Context) -> None:
    scope, _, local, checking = context
    inner = walker.new_scope("comprehension", scope, scope.qualname, context)
    inner_context = (inner, (), local, checking)
    parts = [node.key, node.value] if isinstance(node, cst.DictComp) else [node.elt]
    items: list[Item] = [(part, inner_context) for part in parts]
    _for_in(node.for_in, inner_context, context, items)
    walker.push(items)


def _comp_for(walker: Walker, node: cst.CompFor, context: Context) -> None:
    items: list[Item] = []
    _for_in(node, context, context, items)
    walker.push(items)


def _for_in(node: cst.CompFor, inner: Context, outer: Context, items: list[Item]) -> None:
    """`for target in iter if test ...`: `iter` evaluated in `outer`, the rest in `inner`."""
    items.append((("target", node.target), inner))
    items.append((node.iter, outer))
    items.append((("bind", node.target, None), inner))
    items.extend((condition, inner) for condition in node.ifs)
    if node.inner_for_in is not None:
        items.append((node.inner_for_in, inner))


def type_parameters(
    walker: Walker,
    parameters: cst.TypeParameters | None,
    context: Context,
    items: list[Item],
) -> Context:
    """The context annotations are evaluated in: that of the type parameters, if any."""
    if parameters is None:
        return context
    scope, _, local, checking = context
    annotations = walker.new_scope("annotation", scope, scope.qualname, context)
    inner = (annotations, (), local, checking)
    for parameter in parameters.params:
        param = parameter.param
        items.append((("name", param.name, None), inner))
        bound = param.bound if isinstance(param, cst.TypeVar) else None
        items.extend((part, inner) for part in (bound, parameter.default) if part is not None)
    return inner


def _parameters(
    parameters: cst.Parameters,
    context: Context,
    annotations: Context,
    inner: Context,
    items: list[Item],
) -> None:
    star_arg = parameters.star_arg
    for param in [
        *parameters.posonly_params,
        *parameters.params,
        *([star_arg] if isinstance(star_arg, cst.Param) else []),
        *parameters.kwonly_params,
        *([parameters.star_kwarg] if parameters.star_kwarg is not None else []),
    ]:
        items.append((("name", param.name, None), inner))
        if param.annotation is not None:
            items.append((param.annotation, annotations))
        if param.default is not None:
            items.append((param.default, context))


# --- blocks -------------------------------------------------------------------------------


def _if(walker: Walker, node: cst.If, context: Context) -> None:
    items: list[Item] = [(node.test, context)]
    checking = test_key(node.test) in walker.checking
    items.append((node.body, walker.block(context, checking=checking)))
    orelse = node.orelse
    if isinstance(orelse, cst.If):
        items.append((orelse, walker.block(context)))
    elif orelse is not None:
        items.append((orelse.body, walker.block(context)))
    walker.push(items)


def _for(walker: Walker, node: cst.For, context: Context) -> None:
    loop = walker.block(context, loop=True)
    items: list[Item] = [(("target", node.target), loop), (node.iter, context)]
    items.append((("bind", node.target, None), loop))
    items.append((node.body, loop))
    if node.orelse is not None:
        items.append((node.orelse.body, walker.block(context)))
    walker.push(items)


def _while(walker: Walker, node: cst.While, context: Context) -> None:
    items: list[Item] = [(node.test, context), (node.body, walker.block(context, loop=True))]
    if node.orelse is not None:
        items.append((node.orelse.body, walker.block(context)))
    walker.push(items)


def _try(walker: Walker, node: cst.Try | cst.TryStar, context: Context) -> None:
    items: list[Item] = [(node.body, walker.block(context))]
    for handler in node.handlers:
        inner = walker.block(context)
        if handler.type is not None:
            items.append((handler.type, inner))
        if handler.name is not None:
            items.append((("target", handler.name.name), inner))
            items.append((("bind", handler.name.name, None), inner))
        items.append((handler.body, inner))
    if node.orelse is not None:
        items.append((node.orelse.body, walker.block(context)))
    if node.finalbody is not None:
        items.append((node.finalbody.body, context))
    walker.push(items)


def _with(walker: Walker, node: cst.With, context: Context) -> None:
    items: list[Item] = []
    for item in node.items:
        items.append((item.item, context))
        if item.asname is not None:
            items.append((("target", item.asname.name), context))
            items.append((("bind", item.asname.name, None), context))
    items.append((node.body, context))
    walker.push(items)


def _match(walker: Walker, node: cst.Match, context: Context) -> None:
    items: list[Item] = [(node.subject, context)]
    items.extend((case, walker.block(context)) for case in node.cases)
    walker.push(items)


HANDLERS: dict[type[cst.CSTNode], Any] = {
    cst.FunctionDef: _function,
    cst.Lambda: _lambda,
    cst.ClassDef: _class,
    cst.ListComp: _comprehension,
    cst.SetComp: _comprehension,
    cst.GeneratorExp: _comprehension,
    cst.DictComp: _comprehension,
    cst.CompFor: _comp_for,
    cst.If: _if,
    cst.For: _for,
    cst.While: _while,
    cst.Try: _try,
    cst.TryStar: _try,
    cst.With: _with,
    cst.Match: _match,
}
