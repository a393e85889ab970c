"""The one walk over a module's expressions, feeding the dynamic-import and API-use collectors.

It follows each node's dataclass fields directly (an order of magnitude faster
than libcst's `children`), skipping the fields that hold only whitespace and
punctuation, with an explicit stack, in the order the code is written: the
k-th call or name it meets is paired with the k-th place it is written
(`positions`, `placing`). It always collects the calls of `import_module` and
`__import__`. Given names to follow (`Follow`), it also records the scopes, the
bindings of those names and the expressions that may use them (`candidates`),
which `uses` resolves once the walk is over. Handlers for the nodes that open
scopes and blocks or bind names are in `binding`.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any, NamedTuple

import libcst as cst

from fitness.parsing import binding, blocks
from fitness.parsing.candidates import Candidate
from fitness.parsing.nodes import Found, dynamic_name, string_arguments
from fitness.parsing.scopes import Bind, Path, Scope

Context = tuple[Scope, Path, bool, bool]  # scope, block, local, under TYPE_CHECKING
Item = tuple[Any, Context]
# An expression's place in a larger one: the outer expression, the attributes
# taken on its value, and the call that calls the whole.
Extension = tuple[cst.BaseExpression, tuple[str, ...], "cst.Call | None"]

_NO_NAMES_INSIDE = (
    "whitespace",
    "lpar",
    "rpar",
    "lbracket",
    "rbracket",
    "lbrace",
    "rbrace",
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
    "asynchronous",
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


class Follow(NamedTuple):
    """What to follow beyond dynamic imports.

    `names` (normalized) are the names that may resolve to something banned;
    `watched` (as written) the names whose every occurrence is counted, to place
    uses in the text; `roots` the banned module roots, whose imports are uses.
    """

    names: frozenset[str] = frozenset()
    watched: frozenset[str] = frozenset()
    roots: frozenset[str] = frozenset()
    ascii: bool = True  # the file is ASCII: no name needs NFKC normalization
    star: frozenset[str] = frozenset()  # the names a star import from a banned root may bind


class Walked(NamedTuple):
    """What one walk found."""

    calls: list[Found]
    candidates: list[Candidate]
    scopes: list[Scope]
    occurrences: dict[str, list[cst.Name]]


NOTHING = Follow()


def walk(
    module: cst.Module,
    follow: Follow = NOTHING,
    checking: frozenset[str] = frozenset(),
    loaders: frozenset[str] = frozenset(),
) -> Walked:
    """Walk every expression of `module` once, in the order it is written.

    `checking`: the `if` tests that mark type-checking-only code (`type_checking`);
    `loaders`: the names `import_module` is bound to besides its own.
    """
    walker = Walker(follow, checking)
    walker.loaders = loaders
    walker.run(module)
    return Walked(walker.calls, walker.candidates, walker.scopes, walker.occurrences)


def fields(kind: type[cst.CSTNode]) -> tuple[str, ...]:
    """The fields of `kind` that may hold a name or a call, in the order they are written."""
    names = _FIELDS.get(kind)
    if names is None:
        declared = [f.name for f in dataclasses.fields(kind)]
        written = [name for name in _WRITTEN.get(kind, ()) if name in declared]
        names = tuple(
            name
            for name in [*written, *(name for name in declared if name not in written)]
            if not name.startswith(_NO_NAMES_INSIDE)
        )
        _FIELDS[kind] = names
    return names


class Walker:
    """The walk's state: the stack, the scopes and what the collectors gathered."""

    def __init__(self, follow: Follow, checking: frozenset[str] = frozenset()) -> None:
        self.checking = checking
        self.loaders: frozenset[str] = frozenset()
        self.names = follow.names
        self.watched = follow.watched
        self.roots = follow.roots
        self.nfkc = not follow.ascii
        self.tracking = bool(follow.watched)
        self.star_names = follow.star
        self.returned: dict[int, int] = {}  # id of a call -> index of its candidate
        self.stack: list[Item] = []
        self.seq = 0
        self.blocks = 0
        self.scopes: list[Scope] = []
        self.calls: list[Found] = []
        self.candidates: list[Candidate] = []
        self.occurrences: dict[str, list[cst.Name]] = {}

    def run(self, module: cst.Module) -> None:
        root = self.new_scope("module", None, "", None)
        stack = self.stack
        self.push([(statement, (root, (), False, False)) for statement in module.body])
        handlers = _HANDLERS
        markers = _MARKERS
        tracking = self.tracking
        while stack:
            node, context = stack.pop()
            kind = type(node)
            if kind is cst.Name:
                if tracking:
                    self.expression(node, context, None)
                continue
            if kind is tuple:
                markers[node[0]](self, node, context)
                continue
            handler = handlers.get(kind)
            if handler is not None:
                handler(self, node, context)
                continue
            children: list[Item] = []
            for name in fields(kind):
                value = getattr(node, name)
                if type(value) is tuple or type(value) is list:
                    children.extend([(child, context) for child in value])
                elif isinstance(value, cst.CSTNode):
                    children.append((value, context))
            children.reverse()
            stack.extend(children)

    # --- shared helpers ---------------------------------------------------------------------

    def watched_name(self, node: cst.Name) -> str | None:
        """Count an occurrence of a watched name; its normalized form, else None."""
        value = node.value
        if value in self.watched:
            self.occurrences.setdefault(value, []).append(node)
            return value if value.isascii() else unicodedata.normalize("NFKC", value)
        if self.nfkc and not value.isascii():
            normalized = unicodedata.normalize("NFKC", value)
            if normalized in self.names:
                self.occurrences.setdefault(value, []).append(node)
                return normalized
        return None

    def followed(self, node: cst.Name) -> str | None:
        """The normalized name when it is one to resolve, without counting it."""
        value = node.value
        if value in self.names:
            return value
        if self.nfkc and not value.isascii():
            normalized = unicodedata.normalize("NFKC", value)
            if normalized in self.names:
                return normalized
        return None

    def candidate(
        self, kind: str, node: cst.CSTNode, first: cst.Name | None, context: Context
    ) -> Candidate:
        scope, path, local, checking = context
        self.seq += 1
        candidate = Candidate(kind, node, first, scope, self.seq, path, local, checking)
        self.candidates.append(candidate)
        return candidate

    def bind(self, name: str, context: Context, value: str | None) -> None:
        scope, path, _, _ = context
        self.seq += 1
        scope.binds.setdefault(name, []).append(Bind(self.seq, path, value))

    def new_scope(
        self, kind: str, parent: Scope | None, qualname: str, context: Context | None
    ) -> Scope:
        self.seq += 1  # a point of its own: what the parent bound so far comes before it
        defined_at = (0, ()) if context is None else (self.seq, context[1])
        scope = Scope(kind, parent, qualname, defined_at)
        self.scopes.append(scope)
        return scope

    def block(self, context: Context, loop: bool = False, checking: bool = False) -> Context:
        """The context of a block that may or may not run (a loop body: `loop`)."""
        scope, path, local, outer_checking = context
        self.blocks += 1
        if loop:
            scope.loops.add(self.blocks)
        return scope, (*path, self.blocks), local, outer_checking or checking

    def push(self, items: list[Item]) -> None:
        """Walk `items` next, in the order given."""
        items.reverse()
        self.stack.extend(items)

    # --- expressions ------------------------------------------------------------------------

    def expression(
        self, node: cst.BaseExpression, context: Context, call: cst.Call | None
    ) -> Candidate | None:
        """A loaded name, attribute chain or call: the candidate it is, if any."""
        attrs: list[cst.Name] = []
        base = node
        while isinstance(base, cst.Attribute):
            attrs.append(base.attr)
            base = base.value
        attrs.reverse()
        if isinstance(base, cst.Name):
            name = self.watched_name(base) if self.tracking else None
            if self.tracking:
                for attr in attrs:
                    self.watched_name(attr)
            if name is None or name not in self.names:
                return None
            candidate = self.candidate("name", node, base, context)
            candidate.name = name
            candidate.attrs = tuple(attr.value for attr in attrs)
            candidate.call = call
            return candidate
        if self.tracking and any(attr.value in self.watched for attr in attrs):
            self.stack.append((("count", attrs), context))  # after the base, as written
        if isinstance(base, cst.Call):
            extension = (node, tuple(attr.value for attr in attrs), call)
            return self.call(base, context, extension if attrs or call is not None else None)
        self.stack.append((base, context))
        return None

    def call(
        self, node: cst.Call, context: Context, extension: Extension | None = None
    ) -> Candidate | None:
        """A call: its callee, then its arguments, in order; its candidate, if any."""
        if dynamic_name(node.func, self.loaders) is not None:
            self.calls.append(Found(node, context[2], context[3], False))
        owner = self.call_candidate(node, context, extension) if self.tracking else None
        items: list[Item] = [(("func", node.func, node, owner), context)]
        for index, arg in enumerate(node.args):
            if self.tracking and arg.keyword is not None and arg.keyword.value in self.watched:
                items.append((("count", [arg.keyword]), context))
            if index == 0 and owner is not None and not arg.star and arg.keyword is None:
                items.append((("inner", arg.value, owner), context))
            else:
                items.append((arg.value, context))
        self.push(items)
        return owner

    def call_candidate(
        self, node: cst.Call, context: Context, extension: Extension | None
    ) -> Candidate | None:
        """A candidate for a call that may be getattr or a dynamic import of a string."""
        base = node.func
        while isinstance(base, cst.Attribute):
            base = base.value
        if not isinstance(base, cst.Name) or self.followed(base) is None:
            return None
        module, attribute = string_arguments(node)
        if module is None and attribute is None:
            return None
        outer, attrs, call = (node, (), None) if extension is None else extension
        scope, path, local, checking = context
        candidate = Candidate("call", outer, None, scope, 0, path, local, checking)
        candidate.literal, candidate.attribute = module, attribute
        candidate.attrs = attrs
        candidate.call = call
        if extension is None:
            self.returned[id(node)] = len(self.candidates)
        self.candidates.append(candidate)
        return candidate

    # --- markers: parts of an expression, processed in walk order ---------------------------

    def func_marker(self, item: tuple[Any, ...], context: Context) -> None:
        """("func", callee, call, owner): the callee of `call`; `owner` its call's candidate."""
        _, func, call, owner = item
        if isinstance(func, (cst.Name, cst.Attribute)):
            candidate = self.expression(func, context, call)
            if owner is not None and candidate is not None:
                owner.func, owner.first, owner.seq = candidate, candidate.first, candidate.seq
        elif isinstance(func, cst.Call):
            self.call(func, context, (func, (), call))
        else:
            self.stack.append((func, context))

    def inner_marker(self, item: tuple[Any, ...], context: Context) -> None:
        """("inner", expression, owner): the first argument of a call that may be getattr."""
        _, value, owner = item
        if isinstance(value, (cst.Name, cst.Attribute)):
            owner.inner = self.expression(value, context, None)
        elif isinstance(value, cst.Call):
            owner.inner = self.call(value, context, None)
        else:
            self.stack.append((value, context))

    def count_marker(self, item: tuple[Any, ...], context: Context) -> None:
        """("count", names): names written here that are neither loaded nor bound."""
        for name in item[1]:
            self.watched_name(name)


def _call(walker: Walker, node: cst.Call, context: Context) -> None:
    walker.call(node, context)


def _attribute(walker: Walker, node: cst.Attribute, context: Context) -> None:
    walker.expression(node, context, None)


def _arg(walker: Walker, node: cst.Arg, context: Context) -> None:
    if walker.tracking and node.keyword is not None:
        walker.push([(("count", [node.keyword]), context), (node.value, context)])
    else:
        walker.stack.append((node.value, context))


_HANDLERS: dict[type[cst.CSTNode], Any] = {
    cst.Call: _call,
    cst.Attribute: _attribute,
    cst.Arg: _arg,
    **blocks.HANDLERS,
    **binding.HANDLERS,
}
_MARKERS: dict[str, Any] = {
    "func": Walker.func_marker,
    "inner": Walker.inner_marker,
    "count": Walker.count_marker,
    **binding.MARKERS,
}
