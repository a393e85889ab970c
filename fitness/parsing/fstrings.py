"""F-strings as Python 3.12 reads them (PEP 701), for the text scanner.

A replacement field holds code: strings that reuse the f-string's own quote
(`f"{"a"}"`), nested f-strings, comments and newlines (in a multi-line field).
A regular expression cannot find where such a string ends; `f_string` reads it
with an explicit stack (no recursion, however deep the nesting), jumping from
one character that matters to the next.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_PREFIX_LETTERS = "rRbBuUfFtT"
# The characters that matter in each part of an f-string.
_IN_STRING = re.compile(r"[\\{}'\"\r\n]")
_IN_FIELD = re.compile(r"[\\'\"#()\[\]{}:\r\n]")
_IN_SPEC = re.compile(r"[\\{}\r\n]")
_LINE_END = re.compile(r"[\r\n]")


class FString(NamedTuple):
    """Where an f-string ends; the spans of literal text outside its replacement fields
    (each with the brace that opens or closes a field, and every string nested in a
    field); the comments written in its fields."""

    end: int
    parts: list[tuple[int, int]]
    comments: list[tuple[int, int]]


class _Frame:
    """A string, a replacement field or a format spec being read."""

    __slots__ = ("depth", "formatted", "kind", "literal", "quote")

    def __init__(self, kind: str, quote: str = "", formatted: bool = False, at: int = 0) -> None:
        self.kind = kind
        self.quote = quote
        self.formatted = formatted
        self.literal = at  # where the current literal part began (strings)
        self.depth = 0  # open brackets (fields)


def prefix_of(text: str, quote: int) -> str:
    """The string prefix (`f`, `rb`, ...) before the quote at `quote`; "" after a name."""
    start = quote
    while start > 0 and quote - start < 3 and text[start - 1] in _PREFIX_LETTERS:
        start -= 1
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        return ""
    return text[start:quote]


def is_formatted(prefix: str) -> bool:
    return any(letter in "fFtT" for letter in prefix)


def f_string(text: str, quote: int) -> FString:
    """Read the f-string (or t-string) whose opening quote is at `quote`."""
    parts: list[tuple[int, int]] = []
    comments: list[tuple[int, int]] = []
    stack = [_open(text, quote, True)]
    position = quote + len(stack[0].quote)
    size = len(text)
    while stack:
        top = stack[-1]
        pattern = (
            _IN_STRING if top.kind == "str" else _IN_FIELD if top.kind == "field" else _IN_SPEC
        )
        found = pattern.search(text, position)
        if found is None:
            return FString(size, parts, comments)  # not closed: the parser refuses the file
        position = found.start()
        char = text[position]
        if top.kind == "str":
            position = _in_string(text, position, char, stack, parts)
        elif top.kind == "spec":
            position = _in_spec(text, position, char, stack)
        else:
            position = _in_field(text, position, char, stack, comments)
    return FString(position, parts, comments)


def _open(text: str, quote: int, formatted: bool) -> _Frame:
    mark = text[quote]
    return _Frame("str", mark * 3 if text.startswith(mark * 3, quote) else mark, formatted, quote)


def _in_string(
    text: str, position: int, char: str, stack: list[_Frame], parts: list[tuple[int, int]]
) -> int:
    top = stack[-1]
    if text.startswith(top.quote, position):
        stack.pop()
        parts.append((top.literal, position + len(top.quote)))
        return position + len(top.quote)
    if char == "\\":
        if top.formatted and text.startswith("N{", position + 1):
            close = text.find("}", position)  # a named escape, `\N{DASH}`: no field
            return len(text) if close < 0 else close + 1
        return position + 2
    if char in "\r\n" and len(top.quote) == 1:
        stack.pop()  # not closed on its line: the parser refuses the file
        parts.append((top.literal, position))
        return position
    if top.formatted and char in "{}":
        if text.startswith(char * 2, position):
            return position + 2
        if char == "{":
            parts.append((top.literal, position + 1))
            stack.append(_Frame("field"))
    return position + 1


def _in_field(
    text: str, position: int, char: str, stack: list[_Frame], comments: list[tuple[int, int]]
) -> int:
    top = stack[-1]
    if char in "'\"":
        stack.append(_open(text, position, is_formatted(prefix_of(text, position))))
        stack[-1].literal = position - len(prefix_of(text, position))
        return position + len(stack[-1].quote)
    if char == "#":
        end = _line_end(text, position)
        comments.append((position, end))
        return end
    if char in "([{":
        top.depth += 1
    elif char in ")]":
        top.depth = max(top.depth - 1, 0)
    elif char == "}" and top.depth > 0:
        top.depth -= 1
    elif char == "}":
        stack.pop()
        stack[-1].literal = position  # the enclosing string resumes at the brace
    elif char == ":" and top.depth == 0:
        stack.append(_Frame("spec"))  # `{x:>10}`: the spec is text, with fields of its own
    elif char == "\\":
        return position + 2  # a line continuation
    return position + 1


def _in_spec(text: str, position: int, char: str, stack: list[_Frame]) -> int:
    if char == "{":
        stack.append(_Frame("field"))
    elif char == "}":
        stack.pop()  # the spec
        stack.pop()  # its field
        stack[-1].literal = position
    elif char == "\\":
        return position + 2
    return position + 1


def _line_end(text: str, position: int) -> int:
    found = _LINE_END.search(text, position)
    return len(text) if found is None else found.start()
