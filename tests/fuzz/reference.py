"""The imports of a program as the standard library's `ast` reads them: the fuzz oracle.

Written independently of `fitness.parsing`: `ast` walks every statement body,
positions come from `ast` (UTF-8 byte columns turned into code points).
Dynamic imports are calls of `import_module`, `<anything>.import_module` or
`__import__` whose module name is a plain string literal, placed at the
function's name; they are local when the call runs only when a function does
(in its body, not its decorators, defaults or annotations).
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
import warnings
from collections.abc import Iterator

# module, level, names, line, column, end line, end column, local, type_checking, dynamic
Edge = tuple[str, int, tuple[str, ...], int, int, int, int, bool, bool, bool]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def reference_imports(text: str) -> list[Edge] | None:
    """The static imports of `text`, or None when `ast` does not accept it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # `x is 1` and the like are still programs
            tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    lines = _LINE_BREAK.split(text)
    genuine = _markers(tree)
    return sorted(
        [
            *_edges(tree.body, lines, genuine, local=False, checking=False),
            *_dynamic(tree, text, lines, genuine, local=False, checking=False),
        ]
    )


def _edges(
    body: list[ast.stmt], lines: list[str], genuine: set[str], local: bool, checking: bool
) -> Iterator[Edge]:
    for statement in body:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            where = _span(statement, lines)
            if isinstance(statement, ast.Import):
                for alias in statement.names:
                    yield (alias.name, 0, (), *where, local, checking, False)
            else:
                names = tuple(alias.name for alias in statement.names)
                module, level = statement.module or "", statement.level or 0
                yield (module, level, names, *where, local, checking, False)
            continue
        inner_local = local or isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
        for field, value in ast.iter_fields(statement):
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                guarded = field == "body" and isinstance(statement, ast.If)
                inner_checking = checking or (guarded and _is_type_checking(statement, genuine))
                yield from _edges(value, lines, genuine, inner_local, inner_checking)
            elif isinstance(value, list):
                for item in value:  # except handlers, match cases
                    if isinstance(item, (ast.ExceptHandler, getattr(ast, "match_case", ()))):
                        yield from _edges(item.body, lines, genuine, inner_local, checking)


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _dynamic(
    node: ast.AST, text: str, lines: list[str], genuine: set[str], local: bool, checking: bool
) -> Iterator[Edge]:
    if isinstance(node, ast.Call):
        target = _literal_target(node, text)
        if target is not None:
            yield (*target, (), *_name_span(node.func, lines), local, checking, True)
    for field, value in ast.iter_fields(node):
        inner_local = local or (isinstance(node, _FUNCTIONS) and field == "body")
        inner_checking = checking or (
            isinstance(node, ast.If) and field == "body" and _is_type_checking(node, genuine)
        )
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, ast.AST):
                yield from _dynamic(child, text, lines, genuine, inner_local, inner_checking)


def _literal_target(call: ast.Call, text: str) -> tuple[str, int] | None:
    """(module, level) of a dynamic import whose module name is a plain string literal."""
    func = call.func
    if isinstance(func, ast.Name) and func.id in ("import_module", "__import__"):
        name = func.id
    elif isinstance(func, ast.Attribute) and func.attr == "import_module":
        name = func.attr
    else:
        return None
    module = _argument(call, 0, "name")
    if module is None or not _one_string_token(module, text):
        return None
    assert isinstance(module, ast.Constant) and isinstance(module.value, str)
    dots = len(module.value) - len(module.value.lstrip("."))
    if not module.value.strip("."):
        return None
    if dots:
        package = _argument(call, 1, "package")
        if name != "import_module" or not (
            isinstance(package, ast.Name) and package.id == "__package__"
        ):
            return None
    return module.value[dots:], dots


def _argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    """The argument at `position` or named `keyword`; None where a `*args` may stand."""
    for index, argument in enumerate(call.args):
        if isinstance(argument, ast.Starred):
            return None
        if index == position:
            return argument
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _one_string_token(node: ast.expr, text: str) -> bool:
    """`node` is written as one string literal: not bytes, not an f-string, not `"a" "b"`."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return False
    segment = ast.get_source_segment(text, node)
    if segment is None:
        return False
    try:
        tokens = [
            t
            for t in tokenize.generate_tokens(io.StringIO(segment).readline)
            if t.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER)
        ]
    except (tokenize.TokenError, SyntaxError):
        return False
    return len(tokens) == 1 and tokens[0].type == tokenize.STRING


def _name_span(func: ast.expr, lines: list[str]) -> tuple[int, int, int, int]:
    """Where the called name is written: the attribute name of `m.import_module`."""
    end_line = func.end_lineno or func.lineno
    end = func.end_col_offset or 0
    start_line, start = (
        (end_line, end - len(func.attr))
        if isinstance(func, ast.Attribute)
        else (func.lineno, func.col_offset)
    )
    return (
        start_line,
        _column(lines[start_line - 1], start),
        end_line,
        _column(lines[end_line - 1], end),
    )


def _is_type_checking(statement: ast.stmt, genuine: set[str]) -> bool:
    assert isinstance(statement, ast.If)
    test = statement.test
    if isinstance(test, ast.Name):
        return test.id in genuine
    return (
        isinstance(test, ast.Attribute)
        and test.attr == "TYPE_CHECKING"
        and isinstance(test.value, ast.Name)
        and f"{test.value.id}." in genuine
    )


def _markers(tree: ast.Module) -> set[str]:
    """`N` for `from typing import TYPE_CHECKING as N`, `t.` for `import typing as t`,
    unless the name is bound any other way in the module."""
    marked: set[str] = set()
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                name = alias.asname or alias.name
                typing = node.module in ("typing", "typing_extensions") and not node.level
                if alias.name == "*" and not typing:
                    bound.add("*")
                elif alias.name == "*":
                    continue
                elif typing and alias.name == "TYPE_CHECKING":
                    marked.add(name)
                else:
                    bound.add(name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.partition(".")[0]
                name = alias.asname or top
                if (alias.name if alias.asname else top) in ("typing", "typing_extensions"):
                    marked.add(name + ".")
                else:
                    bound.add(name)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) or (
            isinstance(node, ast.ExceptHandler) and node.name
        ):
            bound.add(node.name)
    if "*" in bound:
        return set()
    return {name for name in marked if name.rstrip(".") not in bound}


def _span(node: ast.stmt, lines: list[str]) -> tuple[int, int, int, int]:
    end_line = node.end_lineno or node.lineno
    return (
        node.lineno,
        _column(lines[node.lineno - 1], node.col_offset),
        end_line,
        _column(lines[end_line - 1], node.end_col_offset or 0),
    )


def _column(line: str, byte_offset: int) -> int:
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8")) + 1
