"""The classes and functions of one file, and its lines of code.

The class statements come from the statement walk that finds the imports
(`fitness.parsing.extract.statement_facts`), so no second traversal: here
their bases, metaclass and abstract methods are read and resolved through the
file's module-level imports, and each is given its line by pairing the
statements, in source order, with the `class` keywords of the text (`class`
is a hard keyword: outside strings and comments each one starts a class).
Functions alike, with the `def` keywords; their decorators, and the classes',
are resolved as `fitness.model.classes` says.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Optional, Union

import libcst as cst

from fitness.model.classes import ClassFact, FunctionFact
from fitness.parsing.nodes import Found, dotted
from fitness.parsing.textscan import LineIndex, in_code, literal_regions, strings_and_comments

# A class or function statement, and its name qualified within the module (None:
# inside a function).
Statement = tuple[Union[cst.ClassDef, cst.FunctionDef], Optional[str]]
# A module-level assignment, which may bind a name to an instance (`router = APIRouter()`).
Assignment = Union[cst.Assign, cst.AnnAssign]

_CLASS = re.compile(r"class\b")  # a literal start, which `re` finds fastest
_CLASS_LINE = re.compile(r"^[ \t\f]*(class)[ \t]+(\w+)[ \t]*[(:]", re.MULTILINE)
_DEF = re.compile(r"def\b")
# `def name(` anywhere (a literal start, which `re` finds fast); `_keyword_start` then
# checks that only blanks, or `async`, come before it on its line.
_DEF_NAME = re.compile(r"def[ \t]+(\w+)[ \t]*[(\[]")
_ASYNC = re.compile(r"[ \t\f]*async[ \t]+\Z")
_CODE_LINE = re.compile(r"^[ \t\f]*[^\s#]", re.MULTILINE)
_COMMENT_LINE = re.compile(r"^[ \t\f]*#", re.MULTILINE)
_ABSTRACT_DECORATORS = frozenset(
    {"abc.abstractmethod", "abc.abstractproperty", "abc.abstractclassmethod"}
    | {"abc.abstractstaticmethod"}
)


def class_facts(
    module: cst.Module,
    statements: Sequence[Statement],
    found: Sequence[Found],
    text: str,
    assigned: Sequence[Assignment] = (),
) -> tuple[tuple[ClassFact, ...], tuple[FunctionFact, ...]]:
    """The facts of the classes and functions among `statements` (of `module`) defined
    outside functions."""
    aliases = _aliases(found)
    instances = _instances(assigned, aliases) if assigned else {}
    classes = [(node, name) for node, name in statements if isinstance(node, cst.ClassDef)]
    functions = [(node, name) for node, name in statements if isinstance(node, cst.FunctionDef)]
    class_facts = tuple(
        ClassFact(
            name,
            line,
            tuple(_resolved(arg.value, aliases) for arg in node.bases),
            _metaclass(node, aliases),
            _abstract_methods(node, aliases),
            _decorators(node, aliases, instances),
            column,
        )
        for (node, name), (line, column) in zip(classes, _lines(module, classes, text))
        if name is not None and isinstance(node, cst.ClassDef)
    )
    function_facts = tuple(
        FunctionFact(
            name,
            line,
            column,
            _decorators(node, aliases, instances),
            node.asynchronous is not None,
        )
        for (node, name), (line, column) in zip(functions, _def_lines(module, functions, text))
        if name is not None and isinstance(node, cst.FunctionDef)
    )
    return class_facts, function_facts


def lines_of_code(text: str) -> int:
    """The lines holding something besides blanks and comments; a docstring's lines count
    (but not its blank ones), as do the lines of any other string."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    count = len(_CODE_LINE.findall(text))
    commented = [match.end() - 1 for match in _COMMENT_LINE.finditer(text)]
    if commented and ('"""' in text or "'''" in text or "\\\n" in text):
        # A line that starts with `#` inside a string is a line of that string: code.
        starts, ends = [], []
        last = commented[-1]
        for start, end, comment, _ in strings_and_comments(text):
            if start > last:
                break  # no comment-like line is left to place
            if not comment:
                starts.append(start)
                ends.append(end)
        for offset in commented:
            inside = bisect_right(starts, offset) - 1
            if inside >= 0 and offset < ends[inside]:
                count += 1
    return count


def _aliases(found: Sequence[Found]) -> dict[str, str]:
    """What each name bound by a module-level import stands for (`B` -> `abc.ABC`)."""
    aliases: dict[str, str] = {}
    for item in found:
        node = item.node
        if item.local:
            continue
        if isinstance(node, cst.Import):
            for alias in node.names:
                full = dotted(alias.name)
                if alias.asname is None:
                    top = full.partition(".")[0]
                    aliases[top] = top
                else:
                    aliases[alias.evaluated_alias or full] = full
        elif isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar):
            module = "" if node.module is None else dotted(node.module)
            prefix = "." * len(node.relative) + module
            for alias in node.names:
                name = dotted(alias.name)
                joined = f"{prefix}.{name}" if module else prefix + name
                aliases[alias.evaluated_alias or name] = joined
    return aliases


def _resolved(
    expression: cst.BaseExpression,
    aliases: dict[str, str],
    instances: dict[str, str] | None = None,
) -> str:
    """The dotted name `expression` stands for, or "" for one that is not a name.

    With `instances`, an attribute of a name bound to an instance (`router.get`)
    stands for that attribute of the instance's class (`fastapi.APIRouter.get`)."""
    if isinstance(expression, cst.Subscript):  # Protocol[T], Generic[T]
        expression = expression.value
    if not isinstance(expression, (cst.Name, cst.Attribute)):
        return ""
    try:
        name = dotted(expression)
    except (AttributeError, TypeError, ValueError):
        return ""
    first, dot, rest = name.partition(".")
    bound = aliases.get(first)
    if bound is None and dot and instances:
        bound = instances.get(first)
    if bound is None:
        return name
    return bound + dot + rest


def _decorators(
    node: cst.ClassDef | cst.FunctionDef, aliases: dict[str, str], instances: dict[str, str]
) -> tuple[str, ...]:
    """Each decorator's name, resolved, the call stripped (`@router.get("/")`)."""
    if not node.decorators:
        return ()
    names = []
    for decorator in node.decorators:
        expression = decorator.decorator
        if isinstance(expression, cst.Call):
            expression = expression.func
        names.append(_resolved(expression, aliases, instances))
    return tuple(names)


def _instances(assigned: Sequence[Assignment], aliases: dict[str, str]) -> dict[str, str]:
    """The names bound once at module level to a call of a name (`router = APIRouter()`),
    and the resolved name called; not those bound twice, nor those an import binds."""
    instances: dict[str, str] = {}
    seen: set[str] = set()
    for statement in assigned:
        if isinstance(statement, cst.Assign):
            targets = [target.target for target in statement.targets]
        else:
            targets = [statement.target]
        value = statement.value
        called = ""
        if isinstance(value, cst.Call) and len(targets) == 1:
            called = _resolved(value.func, aliases)
        for target in targets:
            if not isinstance(target, cst.Name):
                continue
            name = target.value
            if name in seen or name in aliases or not called:
                instances.pop(name, None)
            else:
                instances[name] = called
            seen.add(name)
    return instances


def _metaclass(node: cst.ClassDef, aliases: dict[str, str]) -> str | None:
    for keyword in node.keywords:
        if keyword.keyword is not None and keyword.keyword.value == "metaclass":
            return _resolved(keyword.value, aliases)
    return None


def _abstract_methods(node: cst.ClassDef, aliases: dict[str, str]) -> bool:
    body = node.body
    if not isinstance(body, cst.IndentedBlock):
        return False
    return any(
        isinstance(statement, cst.FunctionDef)
        and any(
            _resolved(decorator.decorator, aliases) in _ABSTRACT_DECORATORS
            for decorator in statement.decorators
        )
        for statement in body.body
    )


def _lines(module: cst.Module, statements: Sequence[Statement], text: str) -> list[tuple[int, int]]:
    """The line and column of each class statement's `class` keyword."""
    index = LineIndex(text)
    # Nearly always: each statement is a line `class Name(` or `class Name:`, in order
    # (a docstring that mentions a class seldom starts a line so); no scan of strings.
    starts = [(match.start(1), match.group(2)) for match in _CLASS_LINE.finditer(text)]
    if [name for _, name in starts] == [node.name.value for node, _ in statements]:
        return [index.position(offset) for offset, _ in starts]
    offsets = [
        match.start()
        for match in _CLASS.finditer(text)
        if not match.start() or not _word(text[match.start() - 1])
    ]
    if len(offsets) != len(statements):
        offsets = in_code(offsets, literal_regions(text))
    if len(offsets) == len(statements):
        return [index.position(offset) for offset in offsets]
    return _exact_lines(module, statements, text)


def _def_lines(
    module: cst.Module, statements: Sequence[Statement], text: str
) -> list[tuple[int, int]]:
    """The line and column of each function's `def` keyword (`async` for `async def`)."""
    if not statements:
        return []
    index = LineIndex(text)
    starts = []
    for match in _DEF_NAME.finditer(text):
        start = _keyword_start(text, match.start())
        if start is not None:
            starts.append((start, match.group(1)))
    if [name for _, name in starts] == [node.name.value for node, _ in statements]:
        return [index.position(offset) for offset, _ in starts]
    offsets = [
        match.start()
        for match in _DEF.finditer(text)
        if not match.start() or not _word(text[match.start() - 1])
    ]
    if len(offsets) != len(statements):
        offsets = in_code(offsets, literal_regions(text))
    if len(offsets) == len(statements):
        return [
            index.position(_async_start(text, offset) if node.asynchronous else offset)
            for offset, (node, _) in zip(offsets, statements)
            if isinstance(node, cst.FunctionDef)
        ]
    return _exact_lines(module, statements, text)


def _keyword_start(text: str, offset: int) -> int | None:
    """Where the statement of the `def` at `offset` starts (at `async` for `async def`),
    or None when something else than blanks precedes it on its line."""
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    if not before or before.isspace():
        return offset
    if _ASYNC.match(before):
        return line_start + len(before) - len(before.lstrip())
    return None


def _async_start(text: str, offset: int) -> int:
    """Where the `async` before the `def` at `offset` starts."""
    start = text.rfind("async", 0, offset)
    return start if start >= 0 else offset


def _word(character: str) -> bool:
    """Whether `character` can end a name or attribute before it (`subclass`, `x.class`)."""
    return character.isalnum() or character in "_."


def _exact_lines(
    module: cst.Module, statements: Sequence[Statement], text: str
) -> list[tuple[int, int]]:
    """libcst's own positions: exact, but slower than parsing the file. The column is
    that of the line's first character (the keyword, unless statements share the line)."""
    from libcst.metadata import MetadataWrapper, PositionProvider

    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    lines = text.splitlines()
    places = []
    for node, _ in statements:
        line = positions[node.name].start.line
        written = lines[line - 1] if line <= len(lines) else ""
        places.append((line, len(written) - len(written.lstrip()) + 1))
    return places
