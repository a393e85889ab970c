"""What the extractor reads off libcst nodes: import targets, dotted names, flags."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from fitness.model import RawImport

DYNAMIC_NAMES = ("import_module", "__import__")


@dataclass(frozen=True)
class Found:
    """An import node and where it sits: inside a function, under `if TYPE_CHECKING:`,
    in a `try` that catches `ImportError` (`guarded`)."""

    __slots__ = ("guarded", "local", "node", "type_checking")
    node: cst.Import | cst.ImportFrom | cst.Call
    local: bool
    type_checking: bool
    guarded: bool


def raw_imports(
    item: Found, line: int, column: int, end_line: int, end_column: int
) -> list[RawImport]:
    """The imports one node makes, at the given position."""
    node = item.node
    targets: list[tuple[str, int, tuple[str, ...]]]
    if isinstance(node, cst.Import):
        targets = [(dotted(alias.name), 0, ()) for alias in node.names]
    elif isinstance(node, cst.ImportFrom):
        module = "" if node.module is None else dotted(node.module)
        names: tuple[str, ...] = (
            ("*",)
            if isinstance(node.names, cst.ImportStar)
            else tuple(dotted(alias.name) for alias in node.names)
        )
        targets = [(module, len(node.relative), names)]
    else:
        literal = literal_target(node)
        targets = [] if literal is None else [(*literal, ())]
    return [
        RawImport(
            module=name,
            level=level,
            names=names,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            local=item.local,
            type_checking=item.type_checking,
            dynamic=isinstance(node, cst.Call),
            guarded=item.guarded,
        )
        for name, level, names in targets
    ]


def dynamic_name(func: cst.BaseExpression, aliases: frozenset[str] = frozenset()) -> str | None:
    """`import_module` or `__import__` when `func` calls one of them, else None.

    `aliases`: the names `from importlib import import_module as load` binds.
    """
    if isinstance(func, cst.Name):
        if func.value in DYNAMIC_NAMES:
            return func.value
        return "import_module" if func.value in aliases else None
    if not isinstance(func, cst.Attribute):
        return None
    if func.attr.value == "import_module":
        return "import_module"
    if func.attr.value == "__import__" and isinstance(func.value, cst.Name):
        # importlib.__import__, builtins.__import__ (not any object's method of that name)
        return "__import__" if func.value.value in ("importlib", "builtins") else None
    return None


def string_value(node: cst.BaseExpression | None) -> str | None:
    """The value of a string literal: plain, implicitly concatenated (`"a" "b"`), or an
    f-string without placeholders (`f"a.b"`); None for anything else."""
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(node, cst.ConcatenatedString):
        left, right = string_value(node.left), string_value(node.right)
        return None if left is None or right is None else left + right
    if isinstance(node, cst.FormattedString):
        if "b" in node.prefix.lower() or not all(
            isinstance(part, cst.FormattedStringText) for part in node.parts
        ):
            return None
        text = "".join(
            part.value for part in node.parts if isinstance(part, cst.FormattedStringText)
        )
        # Escapes and doubled braces would need evaluating: such names are not module names.
        return None if any(char in text for char in "\\{}") else text
    return None


def literal_argument(call: cst.Call) -> str | None:
    """The module name argument (first, or `name=`) when it is a string literal."""
    return string_value(_argument(call, 0, "name"))


def literal_target(call: cst.Call) -> tuple[str, int] | None:
    """The target of a literal dynamic import as (name, level).

    `import_module("a.b")` gives ("a.b", 0); `import_module(".b", package=__package__)`
    ("b", 1); `import_module("..c", "a.b")` ("a.c", 0), as importlib resolves it.
    """
    name = literal_argument(call)
    if name is None or not name.strip("."):
        return None
    level = len(name) - len(name.lstrip("."))
    if level:
        if (dynamic_name(call.func) or "import_module") != "import_module":
            return None  # __import__ takes relative names through `level`, not dots
        package = _argument(call, 1, "package")
        if isinstance(package, cst.Name) and package.value == "__package__":
            return name[level:], level
        anchor = string_value(package)
        if not anchor or anchor.startswith(".") or anchor.count(".") < level - 1:
            return None
        base = anchor.rsplit(".", level - 1)[0] if level > 1 else anchor
        return f"{base}.{name[level:]}", 0
    return name[level:], level


def dotted(node: cst.BaseExpression) -> str:
    """`a.b.c` for the Name/Attribute chain that spells it."""
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
    return ".".join(reversed(parts))


def _argument(call: cst.Call, position: int, keyword: str) -> cst.BaseExpression | None:
    """The argument at `position`, or passed as `keyword=`.

    None when a `*args` may fill that position: which argument lands there is
    then known only when the call runs.
    """
    positional = 0
    for arg in call.args:
        if arg.star == "*":
            return None
        if arg.keyword is None and not arg.star:
            if positional == position:
                return arg.value
            positional += 1
    return next(
        (
            arg.value
            for arg in call.args
            if arg.keyword is not None and arg.keyword.value == keyword
        ),
        None,
    )


def string_arguments(
    call: cst.Call,
) -> tuple[cst.BaseExpression | None, cst.BaseExpression | None]:
    """The string literals passed first (or as `name=`) and second, before any `*args`."""
    positional: list[cst.BaseExpression] = []
    for arg in call.args:
        if arg.star:
            break
        if arg.keyword is None:
            positional.append(arg.value)
    first = positional[0] if positional else None
    if first is None:
        first = next(
            (
                arg.value
                for arg in call.args
                if arg.keyword is not None and arg.keyword.value == "name"
            ),
            None,
        )
    second = positional[1] if len(positional) > 1 else None
    return (
        first if string_value(first) is not None else None,
        second if string_value(second) is not None else None,
    )
