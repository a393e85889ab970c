"""The statements of a file, read from its masked code: an outline for the skeleton.

`fitness.parsing.skeleton` masks a file's strings and comments and collapses
its brackets, so that each line of what is left is code at bracket depth 0
and a line continuing another ends with a backslash. Here those lines become
statements (a logical line each): a decorator, a header (it ends with `:`),
or a simple statement (a one-line compound statement, `if x: y`, included),
each knowing the header whose body holds it, the clause that heads its
compound statement (`else` and `except` belong to an `if`, a `try`...), and
whether it sits at module level, in a class body or in a function.

Python decides a body's extent by indentation alone, and so does this: a
statement indented less than the body it follows ends that body. An
indentation that matches no enclosing body, a header without a body or a
decorator without a definition cannot be placed for sure: `outline` returns
None and the file is parsed whole.
"""

from __future__ import annotations

import re
from bisect import bisect_left

SIMPLE, HEADER, DECORATOR = 0, 1, 2
MODULE, CLASS, FUNCTION = 0, 1, 2

CLAUSES = frozenset(("elif", "else", "except", "finally"))
COMPOUND = frozenset(
    ("class", "def", "if", "elif", "else", "for", "while", "with", "try", "except")
).union(("finally", "match", "case"))

MAX_DEPTH = 100  # CPython's MAXINDENT: 99 nested bodies, "too many levels of indentation"

_KEYWORD = re.compile(r"(?:async[ \t]+)?(\w+)")


class Statement:
    """One logical line: its physical lines, indentation, kind and place."""

    __slots__ = (
        "children",
        "clauses",
        "decorators",
        "filled",
        "first",
        "head",
        "indent",
        "kept",
        "keyword",
        "kind",
        "last",
        "parent",
        "rewritten",
        "scope",
    )

    def __init__(
        self, first: int, last: int, indent: int, kind: int, keyword: str, scope: int
    ) -> None:
        self.first = first
        self.last = last
        self.indent = indent
        self.kind = kind
        self.keyword = keyword
        self.scope = scope  # where the statement is: MODULE, CLASS or FUNCTION
        self.parent: Statement | None = None  # the header whose body holds it
        self.head: Statement = self  # the first clause of its compound statement
        self.clauses: list[Statement] = []  # a head's other clauses (`elif`, `except`...)
        self.decorators: list[Statement] = []
        self.children: list[Statement] = []  # a header's body
        self.kept = False
        self.filled = False  # a kept header whose body keeps a statement
        self.rewritten: str | None = None  # the line that stands for a kept statement


class _Body:
    """A body being read: its header's indentation, the scope inside, its statements."""

    __slots__ = ("children", "header", "indent", "inner", "scope")

    def __init__(self, indent: int, scope: int, header: Statement | None) -> None:
        self.indent = indent
        self.scope = scope
        self.header = header
        self.inner = -1  # the indentation of its statements, once the first is met
        self.children: list[Statement] = [] if header is None else header.children


def outline(
    code: str, lines: list[str], marked: bytearray | None = None, measures: bool = True
) -> list[Statement] | None:
    """The statements of the masked `code` (split into `lines`), in source order; None
    when one cannot be placed for sure.

    With `marked` (for each line, whether it holds what keeps a statement), a body
    none of whose lines is marked, and whose statements need not be read for what
    they are (a function's; with `measures` off, any but a `match`'s), is not read
    statement by statement: its first statement stands for it, left out with the
    rest, and the reading goes on after it, found by a search for the first line indented
    no deeper than its header.
    """
    statements: list[Statement] = []
    ends: list[int] | None = None  # where each line of `code` ends, once needed
    module = _Body(-1, MODULE, None)
    module.inner = 0
    stack = [module]
    decorators: list[Statement] = []
    count = len(lines)
    number = 0
    while number < count:
        line = lines[number]
        written = line.lstrip(" ")
        if not written:
            number += 1
            continue
        first = number
        indent = len(line) - len(written)
        while line.endswith("\\"):
            number += 1
            if number == count:
                return None
            line = lines[number]
        last = number
        number += 1
        while indent <= stack[-1].indent:
            if not stack.pop().children:
                return None  # a header without a body
        body = stack[-1]
        if body.inner == -1:
            body.inner = indent
        elif indent != body.inner:
            return None  # an indentation no enclosing body has
        if written.startswith("@"):
            kind = DECORATOR
            keyword = ""
        else:
            kind = HEADER if line.rstrip(" \t").endswith(":") else SIMPLE
            found = _KEYWORD.match(written)
            keyword = found.group(1) if found else ""
        statement = Statement(first, last, indent, kind, keyword, body.scope)
        statement.parent = body.header
        statements.append(statement)
        if kind == DECORATOR:
            decorators.append(statement)
            body.children.append(statement)
            continue
        if decorators:
            if keyword not in ("def", "class") or decorators[0].indent != indent:
                return None
            statement.decorators = decorators
            decorators = []
        if keyword in CLAUSES:
            previous = body.children[-1] if body.children else None
            if previous is None or previous.kind == DECORATOR:
                return None
            statement.head = previous.head
            previous.head.clauses.append(statement)
        body.children.append(statement)
        if kind == HEADER:
            inner = (
                FUNCTION
                if keyword == "def" or body.scope == FUNCTION
                else CLASS
                if keyword == "class"
                else body.scope
            )
            if marked is not None and (inner == FUNCTION or not measures) and keyword != "match":
                if ends is None:
                    ends = [found.start() for found in _NEWLINE.finditer(code)]
                    ends.append(len(code))
                after = _body_end(code, ends, last, indent)
                if after is not None and marked.find(1, last + 1, after) == -1:
                    placeholder = _first_statement(lines, last + 1, after, inner, statement)
                    if placeholder is None:
                        return None
                    statements.append(placeholder)
                    number = after
                    continue
            if len(stack) >= MAX_DEPTH:
                return None  # CPython refuses it; each level searches for its body's end
            stack.append(_Body(indent, inner, statement))
    if decorators:
        return None
    return statements if all(body.children for body in stack) else None


def _body_end(code: str, ends: list[int], header: int, indent: int) -> int | None:
    """The first line after the body of the header whose last line is `header`: the
    first logical line indented `indent` columns or fewer (the count of lines at the
    end of the text); None when the body cannot be told from a continuation."""
    pattern = _DEDENTS.get(indent)
    if pattern is None:
        pattern = _DEDENTS[indent] = re.compile(rf"(?<!\\)\n(?= {{0,{indent}}}[^ \n])")
    found = pattern.search(code, ends[header] + 1)
    if found is None:
        return len(ends)
    return bisect_left(ends, found.start()) + 1


def _first_statement(
    lines: list[str], start: int, stop: int, scope: int, header: Statement
) -> Statement | None:
    """The first statement of the body between lines `start` and `stop`, standing for all
    of them (a `pass` may take its first line)."""
    for number in range(start, stop):
        line = lines[number]
        written = line.lstrip(" ")
        if written:
            indent = len(line) - len(written)
            if indent <= header.indent:
                return None
            placeholder = Statement(number, number, indent, SIMPLE, "", scope)
            placeholder.parent = header
            header.children.append(placeholder)
            return placeholder
    return None


_NEWLINE = re.compile("\n")
_DEDENTS: dict[int, re.Pattern[str]] = {}
