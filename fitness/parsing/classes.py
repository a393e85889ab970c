"""The classes of one file, and its lines of code, for the metrics.

The class statements come from the statement walk that finds the imports
(`fitness.parsing.extract.statement_facts`), so no second traversal: here
their bases, metaclass and abstract methods are read and resolved through the
file's module-level imports, and each is given its line by pairing the
statements, in source order, with the `class` keywords of the text (`class`
is a hard keyword: outside strings and comments each one starts a class).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Optional

import libcst as cst

from fitness.model.classes import ClassFact
from fitness.parsing.nodes import Found, dotted
from fitness.parsing.textscan import LineIndex, in_code, literal_regions, strings_and_comments

# A class statement, and its name qualified within the module (None: inside a function).
Statement = tuple[cst.ClassDef, Optional[str]]

_CLASS = re.compile(r"class\b")  # a literal start, which `re` finds fastest
_CLASS_LINE = re.compile(r"^[ \t\f]*(class)[ \t]+(\w+)[ \t]*[(:]", re.MULTILINE)
_CODE_LINE = re.compile(r"^[ \t\f]*[^\s#]", re.MULTILINE)
_COMMENT_LINE = re.compile(r"^[ \t\f]*#", re.MULTILINE)
_ABSTRACT_DECORATORS = frozenset(
    {"abc.abstractmethod", "abc.abstractproperty", "abc.abstractclassmethod"}
    | {"abc.abstractstaticmethod"}
)


def class_facts(
    module: cst.Module, statements: Sequence[Statement], found: Sequence[Found], text: str
) -> tuple[ClassFact, ...]:
    """The facts of the classes among `statements` (of `module`) defined outside functions."""
    aliases = _aliases(found)
    lines = _lines(module, statements, text)
    return tuple(
        ClassFact(
            name,
            line,
            tuple(_resolved(arg.value, aliases) for arg in node.bases),
            _metaclass(node, aliases),
            _abstract_methods(node, aliases),
        )
        for (node, name), line in zip(statements, lines)
        if name is not None
    )


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


def _resolved(expression: cst.BaseExpression, aliases: dict[str, str]) -> str:
    """The dotted name `expression` stands for, or "" for one that is not a name."""
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
    if bound is None:
        return name
    return bound + dot + rest


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


def _lines(module: cst.Module, statements: Sequence[Statement], text: str) -> list[int]:
    """The line of each class statement's `class` keyword."""
    index = LineIndex(text)
    # Nearly always: each statement is a line `class Name(` or `class Name:`, in order
    # (a docstring that mentions a class seldom starts a line so); no scan of strings.
    starts = [(match.start(1), match.group(2)) for match in _CLASS_LINE.finditer(text)]
    if [name for _, name in starts] == [node.name.value for node, _ in statements]:
        return [index.position(offset)[0] for offset, _ in starts]
    offsets = [
        match.start()
        for match in _CLASS.finditer(text)
        if not match.start() or not _word(text[match.start() - 1])
    ]
    if len(offsets) != len(statements):
        offsets = in_code(offsets, literal_regions(text))
    if len(offsets) == len(statements):
        return [index.position(offset)[0] for offset in offsets]
    return _exact_lines(module, statements)


def _word(character: str) -> bool:
    """Whether `character` can end a name or attribute before it (`subclass`, `x.class`)."""
    return character.isalnum() or character in "_."


def _exact_lines(module: cst.Module, statements: Sequence[Statement]) -> list[int]:
    """libcst's own positions: exact, but slower than parsing the file."""
    from libcst.metadata import MetadataWrapper, PositionProvider

    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    return [positions[node.name].start.line for node, _ in statements]
