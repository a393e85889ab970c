"""Which binding a name refers to, the way Python's symbol tables decide it.

The walk (`fitness.parsing.walk`) records, for the few names that matter in a
file, every binding in its scope with the block it sits in. A reference then
resolves like the interpreter: a name bound anywhere in a function is local to
all of it (unless declared `global` or `nonlocal`); a class body does not leak
into its methods; a comprehension has its own scope; an unbound name at module
level is a builtin.

Which of a scope's bindings reach a reference is an approximation of reaching
definitions, erring on the side of a use: the last binding before the
reference in a block that contains it ends the earlier ones; a binding inside
a block the reference is not in (an `if`, a `try`, an `except`, a loop) may or
may not have run, so it adds to what reaches, and ends nothing. Inside a loop,
bindings later in the loop body reach too. A reference from a function body to
an enclosing scope runs when the function is called: it sees what reaches the
function's definition and what stands at the end of that scope. Bindings made
through `global` or `nonlocal` count as bindings that may have run.
"""

from __future__ import annotations

from collections.abc import Iterable

Path = tuple[int, ...]
_END = 1 << 62
# A binding's value is a dotted name, or one of these forms, which `uses` reads:
# `<from>pickle.load`: bound by a from-import, which states it; `<from>pickle .loads`:
# maybe bound by `from pickle import *`, which states `pickle`.
FROM_IMPORT = "<from>"
RETURNED = "<call>"  # `<call>12`: what the walk's 13th candidate (a loader call) returns


class Bind:
    """One binding of a name: when the walk met it, in which block, and to what."""

    __slots__ = ("path", "seq", "value")

    def __init__(self, seq: int, path: Path, value: str | None) -> None:
        self.seq = seq
        self.path = path
        self.value = value  # the dotted name it binds (`os.path`), None for anything else


class Scope:
    """A module, class, function, lambda, comprehension or annotation scope."""

    __slots__ = (
        "binds",
        "defined_at",
        "globals",
        "kind",
        "loops",
        "nonlocals",
        "parent",
        "qualname",
    )

    def __init__(
        self, kind: str, parent: Scope | None, qualname: str, defined_at: tuple[int, Path]
    ) -> None:
        self.kind = kind  # "module", "class", "function", "comprehension", "annotation"
        self.parent = parent
        self.qualname = qualname
        self.defined_at = defined_at  # (seq, path) in the parent where it is created
        self.binds: dict[str, list[Bind]] = {}
        self.globals: set[str] = set()
        self.nonlocals: set[str] = set()
        self.loops: set[int] = set()  # block ids that are loop bodies


def redirect_declared(scopes: Iterable[Scope]) -> None:
    """Move bindings of `global`/`nonlocal` names to the scope they bind in.

    They may or may not have run where that scope's references are: they go
    into a block of their own, which contains no reference.
    """
    for scope in scopes:
        for name in scope.globals | scope.nonlocals:
            binds = scope.binds.pop(name, None)
            if not binds:
                continue
            target = _module(scope) if name in scope.globals else _nonlocal_target(scope, name)
            if target is None:
                continue
            moved = [Bind(bind.seq, (-1,), bind.value) for bind in binds]
            target.binds[name] = sorted(
                [*target.binds.get(name, []), *moved], key=lambda bind: bind.seq
            )


def resolve(name: str, scope: Scope, seq: int, path: Path) -> set[str | None]:
    """The values (dotted names, None for anything else) `name` may have at that point."""
    if name in scope.globals:
        return _at_points(name, _module(scope), _points_in(scope, _module(scope), seq, path))
    if name in scope.nonlocals:
        target = _nonlocal_target(scope, name)
        return (
            set()
            if target is None
            else _at_points(name, target, _points_in(scope, target, seq, path))
        )
    if name in scope.binds:
        if scope.kind == "comprehension":
            return {bind.value for bind in scope.binds[name]}
        return _at_points(name, scope, [(seq, path)])
    return _free(name, scope)


def _free(name: str, scope: Scope) -> set[str | None]:
    """`name` not bound in `scope`: the enclosing scopes, then the builtins."""
    child, target = scope, scope.parent
    while target is not None:
        skipped = target.kind == "class" and child.kind != "annotation"
        if not skipped and (
            name in target.binds or name in target.globals or name in target.nonlocals
        ):
            seq, path = child.defined_at
            if target.kind == "module":
                # a module's names are globals: a reference runs when its function does
                return _at_points(name, target, _points_in(scope, target, seq, path))
            return resolve(name, target, seq, path) | (
                _at_points(name, target, [(_END, ())])
                if name in target.binds and _runs_later(scope, target)
                else set()
            )
        child, target = target, target.parent
    return {_builtin(name)}


def _points_in(scope: Scope, target: Scope, seq: int, path: Path) -> list[tuple[int, Path]]:
    """Where, in `target`, a reference made in `scope` at (seq, path) looks."""
    if scope is target:
        return [(seq, path)]
    child = scope
    while child.parent is not None and child.parent is not target:
        child = child.parent
    points = [child.defined_at]
    if _runs_later(scope, target):
        points.append((_END, ()))
    return points


def _runs_later(scope: Scope, target: Scope) -> bool:
    """Whether code of `scope` may run after `target` has gone on (a function body)."""
    current: Scope | None = scope
    while current is not None and current is not target:
        if current.kind == "function":
            return True
        current = current.parent
    return False


def _at_points(name: str, scope: Scope, points: list[tuple[int, Path]]) -> set[str | None]:
    values: set[str | None] = set()
    for seq, path in points:
        reaching, unbound = _reaching(scope, scope.binds.get(name, []), seq, path)
        values.update(bind.value for bind in reaching)
        if unbound:
            if scope.kind == "module":
                values.add(_builtin(name))
            elif scope.kind == "class":
                values |= _free(name, scope)
    return values


def _reaching(scope: Scope, binds: list[Bind], seq: int, path: Path) -> tuple[list[Bind], bool]:
    """The bindings that may reach (seq, path), and whether the name may still be unbound."""
    last = None
    for bind in binds:
        if bind.seq >= seq:
            break
        if path[: len(bind.path)] == bind.path:
            last = bind
    reaching = [] if last is None else [last]
    start = -1 if last is None else last.seq
    for bind in binds:
        if bind.seq >= seq:
            break
        if bind.seq > start and path[: len(bind.path)] != bind.path:
            reaching.append(bind)
    # A loop body runs again: what it binds after the reference reaches the reference.
    for depth, block in enumerate(path):
        if block in scope.loops and (last is None or block not in last.path):
            loop = path[: depth + 1]
            reaching.extend(
                bind for bind in binds if bind.seq >= seq and bind.path[: depth + 1] == loop
            )
            break
    return reaching, last is None


def _builtin(name: str) -> str | None:
    return BUILTIN_VALUES.get(name)


def _module(scope: Scope) -> Scope:
    while scope.parent is not None:
        scope = scope.parent
    return scope


def _nonlocal_target(scope: Scope, name: str) -> Scope | None:
    target = scope.parent
    while target is not None and target.kind != "module":
        if target.kind != "class" and name not in target.nonlocals:
            if name in target.globals:
                return None
            if name in target.binds:
                return target
        target = target.parent
    return None


def _builtin_values() -> dict[str, str]:
    import builtins

    return {name: f"builtins.{name}" for name in dir(builtins)}


BUILTIN_VALUES = _builtin_values()
BUILTIN_NAMES = frozenset(BUILTIN_VALUES)
