"""Columns as the protocol counts them: UTF-16 code units, from 0.

fitness counts columns in code points from 1 (a finding's `Location`); a
character outside the Basic Multilingual Plane (an emoji, many CJK extension
characters) is one code point but two UTF-16 units.
"""

from __future__ import annotations

from typing import NamedTuple


class Position(NamedTuple):
    """A place in a document as the protocol gives it: 0-based line, UTF-16 column."""

    line: int
    character: int


class Span(NamedTuple):
    """A region of a document in the protocol's terms; `end` is exclusive."""

    start: Position
    end: Position


def to_utf16(line_text: str, column: int) -> int:
    """The UTF-16 offset of code point `column` (1-based) in `line_text` (past its end:
    its length)."""
    before = line_text[: max(column - 1, 0)]
    return len(before) + sum(1 for char in before if ord(char) > 0xFFFF)


def span(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> Span:
    """The protocol's span of a fitness region (1-based lines, code-point columns) in `lines`.

    A line the text does not have (the file changed under the finding) is taken
    as empty, so the span stays valid.
    """
    return Span(_position(lines, line, column), _position(lines, end_line, end_column))


def _position(lines: list[str], line: int, column: int) -> Position:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return Position(max(line - 1, 0), to_utf16(text, column))
