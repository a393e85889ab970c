"""The imports of a program as the standard library's `ast` reads them: the fuzz oracle.

Written independently of `fitness.parsing`: `ast` walks every statement body,
positions come from `ast` (UTF-8 byte columns turned into code points).
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Iterator

# module, level, names, line, column, end line, end column, local, type_checking
Edge = tuple[str, int, tuple[str, ...], int, int, int, int, bool, bool]

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
    return sorted(_edges(tree.body, lines, local=False, checking=False))


def has_f_string(text: str) -> bool:
    """Whether `text` holds an f-string (their PEP 701 form is a known limitation)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tree = ast.parse(text)
    return any(isinstance(node, ast.JoinedStr) for node in ast.walk(tree))


def _edges(body: list[ast.stmt], lines: list[str], local: bool, checking: bool) -> Iterator[Edge]:
    for statement in body:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            where = _span(statement, lines)
            if isinstance(statement, ast.Import):
                for alias in statement.names:
                    yield (alias.name, 0, (), *where, local, checking)
            else:
                names = tuple(alias.name for alias in statement.names)
                yield (statement.module or "", statement.level or 0, names, *where, local, checking)
            continue
        inner_local = local or isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
        for field, value in ast.iter_fields(statement):
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                guarded = field == "body" and isinstance(statement, ast.If)
                inner_checking = checking or (guarded and _is_type_checking(statement))
                yield from _edges(value, lines, inner_local, inner_checking)
            elif isinstance(value, list):
                for item in value:  # except handlers, match cases
                    if isinstance(item, (ast.ExceptHandler, getattr(ast, "match_case", ()))):
                        yield from _edges(item.body, lines, inner_local, checking)


def _is_type_checking(statement: ast.stmt) -> bool:
    assert isinstance(statement, ast.If)
    test = statement.test
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


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
