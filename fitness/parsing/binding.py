"""The walk's handlers for the nodes that open scopes and blocks, or bind names.

Each handler pushes a node's parts in the order they are written, each with
its context (scope, block, local, TYPE_CHECKING). A binding is recorded where
it takes effect, which is not always where it is written: `x = f(x)` binds
after its value, `def f(a=d)` after its defaults; the occurrence of the name is
still counted where it is written, so that positions pair up. Comprehensions
have a scope of their own, except their first iterable; a function's defaults
and decorators belong to the enclosing scope, its annotations too (or to the
scope of its type parameters).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Union

import libcst as cst

from fitness.parsing.nodes import dotted, is_type_checking
from fitness.parsing.scopes import Path, Scope

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


def target_names(node: cst.CSTNode) -> list[cst.Name]:
    """The names an assignment target binds (not those of its attributes or subscripts)."""
    if isinstance(node, cst.Name):
        return [node]
    if isinstance(node, (cst.Tuple, cst.List)):
        return [name for element in node.elements for name in target_names(element.value)]
    if isinstance(node, cst.StarredElement):
        return target_names(node.value)
    return []


# --- scopes -------------------------------------------------------------------------------


def _function(walker: Walker, node: cst.FunctionDef, context: Context) -> None:
    scope, _, _, checking = context
    items: list[Item] = [(decorator, context) for decorator in node.decorators]
    items.append((("count", [node.name]), context))
    outer = _type_parameters(walker, node.type_parameters, context, items)
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
    outer = _type_parameters(walker, node.type_parameters, context, items)
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


def _type_parameters(
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
    items.append((node.body, walker.block(context, checking=is_type_checking(node.test))))
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


# --- bindings -----------------------------------------------------------------------------


def _assignment(
    walker: Walker,
    targets: Sequence[cst.BaseExpression],
    parts: Sequence[cst.CSTNode | None],
    context: Context,
    bound: bool = True,
) -> None:
    items: list[Item] = [(("target", target), context) for target in targets]
    items.extend((part, context) for part in parts if part is not None)
    if bound:
        items.extend((("bind", target, None), context) for target in targets)
    walker.push(items)


def _assign(walker: Walker, node: cst.Assign, context: Context) -> None:
    _assignment(walker, [target.target for target in node.targets], [node.value], context)


def _aug_assign(walker: Walker, node: cst.AugAssign, context: Context) -> None:
    _assignment(walker, [node.target], [node.value], context)


def _ann_assign(walker: Walker, node: cst.AnnAssign, context: Context) -> None:
    # `x: int` binds nothing, but makes `x` local to a function all the same.
    bound = node.value is not None or context[0].kind in ("function", "comprehension")
    _assignment(walker, [node.target], [node.annotation, node.value], context, bound)


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
        module = dotted(alias.name)
        if isinstance(alias.asname, cst.AsName) and isinstance(alias.asname.name, cst.Name):
            walker.watched_name(alias.asname.name)
            bound, value = alias.asname.name, module
            written = f"import {module} as {alias.asname.name.value}"
        else:
            first = alias.name
            while isinstance(first, cst.Attribute):
                first = first.value
            bound, value, written = first, module.split(".")[0], f"import {module}"
        _imported(walker, alias, bound, value, module, written, context)


def _import_from(walker: Walker, node: cst.ImportFrom, context: Context) -> None:
    if not walker.tracking:
        return
    module = None if node.relative or node.module is None else dotted(node.module)
    if node.module is not None:
        _count_dotted(walker, node.module)
    if isinstance(node.names, cst.ImportStar):
        if module is not None and module.split(".")[0] in walker.roots:
            first = node.module
            while isinstance(first, cst.Attribute):
                first = first.value
            assert isinstance(first, cst.Name)
            candidate = walker.candidate("star", node, first, context)
            candidate.api, candidate.written = module, f"from {module} import *"
        return
    for alias in node.names:
        name = alias.name
        assert isinstance(name, cst.Name)  # a from-import imports plain names
        walker.watched_name(name)
        bound = name
        written = f"from {module} import {name.value}"
        if isinstance(alias.asname, cst.AsName) and isinstance(alias.asname.name, cst.Name):
            walker.watched_name(alias.asname.name)
            bound = alias.asname.name
            written += f" as {bound.value}"
        value = None if module is None else f"{module}.{name.value}"
        _imported(walker, alias, bound, value, value, written, context)


def _imported(
    walker: Walker,
    alias: cst.ImportAlias,
    bound: cst.Name,
    value: str | None,
    api: str | None,
    written: str,
    context: Context,
) -> None:
    name = walker.followed(bound)
    if name is not None:
        walker.bind(name, context, value)
    if api is not None and api.split(".")[0] in walker.roots:
        first = alias.name
        while isinstance(first, cst.Attribute):
            first = first.value
        assert isinstance(first, cst.Name)
        candidate = walker.candidate("import", alias, first, context)
        candidate.api, candidate.written = api, written


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
    inner = _type_parameters(walker, node.type_parameters, context, items)
    if inner is context:  # the value is evaluated lazily, in a scope of its own
        scope, _, local, checking = context
        inner = (walker.new_scope("annotation", scope, scope.qualname, context), (), local, checking)
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
    for name in target_names(item[1]):
        followed = walker.followed(name)
        if followed is not None:
            walker.bind(followed, context, item[2])


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
