"""The YAML front matter of a MADR 3/4 record: the top-level scalar keys, exactly.

A record's front matter is a handful of `key: value` lines (`status`, `date`,
`decision-makers`, ...). fitness reads only top-level scalars, so the part of
YAML it needs is small enough to read exactly by hand: plain, single-quoted
and double-quoted scalars, comments, and nested or list values (skipped).
Anything else at the top level (a line that is not `key: value`) makes the
front matter broken, as a YAML parser would refuse it. A YAML library would
cost every run its import (PyYAML: ~15 ms, a fifth of a warm run).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

_KEY = re.compile(r"(?P<key>[A-Za-z0-9_-]+)[ \t]*:(?:[ \t]+(?P<value>.*))?$")
_DOUBLE_ESCAPES = {
    **{'"': '"', "\\": "\\", "/": "/", " ": " ", "0": "\0", "a": "\a", "b": "\b"},
    **{"t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b"},
    **{"N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"},
}
_ESCAPE = re.compile(
    r"\\(?:x(?P<x>[0-9A-Fa-f]{2})|u(?P<u>[0-9A-Fa-f]{4})|U(?P<U>[0-9A-Fa-f]{8})|(?P<c>.))"
)
_PLAIN_COMMENT = re.compile(r"[ \t]#")


class FrontMatter(NamedTuple):
    """The scalar keys (lower-cased) with their values and 1-based lines; `end`: the line after."""

    values: dict[str, tuple[str, int]]
    end: int


class BrokenFrontMatter(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def front_matter(lines: Sequence[str]) -> FrontMatter | None:
    """The front matter opening `lines`, None when there is none; raises when it is broken."""
    if not lines or lines[0].rstrip() != "---":
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise BrokenFrontMatter(1, "the front matter opened on line 1 is never closed with '---'")
    values: dict[str, tuple[str, int]] = {}
    for index in range(1, end):
        line = lines[index]
        number = index + 1
        if not line.strip() or line.lstrip().startswith("#") or line[0] in " \t-":
            continue  # blank, comment, or part of a nested or list value
        match = _KEY.match(line)
        if match is None:
            raise BrokenFrontMatter(number, f"front matter line {number} is not 'key: value'")
        value = (match.group("value") or "").rstrip(" \t")  # after: `.*?[ \t]*$` was quadratic
        if value and value[0] not in "[{|>&*!":  # flow collections, blocks, anchors: skipped
            values[match.group("key").lower()] = (_scalar(value, number), number)
    return FrontMatter(values, end + 2)


def _scalar(value: str, line: int) -> str:
    quote = value[0]
    if quote not in "\"'":
        return _PLAIN_COMMENT.split(value, 1)[0].rstrip()
    end = _closing(value, quote)
    if end is None:
        raise BrokenFrontMatter(line, f"front matter line {line}: the {quote} quote is not closed")
    rest = value[end + 1 :].strip()
    if rest and not rest.startswith("#"):
        raise BrokenFrontMatter(line, f"front matter line {line}: text after the closing quote")
    inner = value[1:end]
    if quote == "'":
        return inner.replace("''", "'")
    return _ESCAPE.sub(_unescaped, inner)


def _unescaped(match: re.Match[str]) -> str:
    code = match.group("x") or match.group("u") or match.group("U")
    if code is not None:
        return chr(int(code, 16))
    return _DOUBLE_ESCAPES.get(match.group("c"), match.group(0))


def _closing(value: str, quote: str) -> int | None:
    index = 1
    while index < len(value):
        char = value[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and value.startswith("''", index):
                index += 2
                continue
            return index
        index += 1
    return None
