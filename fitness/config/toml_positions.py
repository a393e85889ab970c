"""Line numbers for the key paths of a TOML document.

``tomllib`` (``tomli`` before Python 3.11) parses configuration but keeps no
positions, while configuration errors must be reported as
``file:line: key.path: message``.  This module re-reads the already-validated
text with a small character scanner and maps every key path (``str`` parts for
table keys, ``int`` parts for array indices) to the 1-based line defining it.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Mapping
from typing import Union

KeyPath = tuple[Union[str, int], ...]


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map every key path in an already-valid TOML document to the 1-based line where it is defined.

    Never raises: on anything unexpected the scan stops and the paths found so far are returned.
    """
    scanner = _Scanner(text)
    with contextlib.suppress(Exception):
        scanner.document()
    return scanner.lines


def line_of(lines: Mapping[KeyPath, int], path: KeyPath) -> int:
    """The line of `path`, or of its nearest ancestor that has one; 1 if none does."""
    for end in range(len(path), 0, -1):
        line = lines.get(path[:end])
        if line is not None:
            return line
    return 1


_BARE_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SPACE = frozenset(" \t\r")
_SCALAR_END = frozenset(",]}\n#")
_ESCAPES = dict(zip('btnfre"\\', '\b\t\n\f\r\x1b"\\'))
_ESCAPE = re.compile(r"\\(U[0-9A-Fa-f]{8}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|.)")


class _Stop(Exception):
    """The scanner met something it does not expect; the caller keeps what it has."""


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 1 if text.startswith("\ufeff") else 0
        self.newlines = [index for index, char in enumerate(text) if char == "\n"]
        self.lines: dict[KeyPath, int] = {}
        # Number of elements seen so far for each array of tables, by its resolved path.
        self.aot_sizes: dict[KeyPath, int] = {}

    def document(self) -> None:
        table: KeyPath = ()
        while True:
            self.skip_space()
            char = self.peek()
            if char == "":
                return
            if char in ("\n", "#"):
                pass
            elif char == "[":
                table = self.header()
            else:
                self.key_value(table)
            self.end_of_line()

    def header(self) -> KeyPath:
        line = self.line()
        is_array = self.text.startswith("[[", self.pos)
        self.pos += 2 if is_array else 1
        parts = self.key()
        self.expect("]]" if is_array else "]")
        if is_array:
            base = self.resolve(parts[:-1]) + parts[-1:]
            index = self.aot_sizes.get(base, 0)
            self.aot_sizes[base] = index + 1
            path = (*base, index)
        else:
            path = self.resolve(parts)
        self.record(path, line)
        return path

    def resolve(self, parts: tuple[str, ...]) -> KeyPath:
        """Turn header key parts into a path, entering the last element of arrays of tables."""
        path: KeyPath = ()
        for part in parts:
            path = (*path, part)
            size = self.aot_sizes.get(path)
            if size:
                path = (*path, size - 1)
        return path

    def key_value(self, table: KeyPath) -> None:
        line = self.line()
        path = table + self.key()
        self.record(path, line)
        self.expect("=")
        self.value(path)

    def record(self, path: KeyPath, line: int) -> None:
        """Set the line of `path`; implied ancestors keep their first recorded line."""
        for end in range(1, len(path)):
            self.lines.setdefault(path[:end], line)
        self.lines[path] = line

    def key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self.skip_space()
            parts.append(self.key_part())
            self.skip_space()
            if self.peek() != ".":
                return tuple(parts)
            self.pos += 1

    def key_part(self) -> str:
        char = self.peek()
        if char in ('"', "'"):
            start = self.pos
            self.skip_string(char)
            raw = self.text[start + 1 : self.pos - 1]
            return raw if char == "'" else _unescape(raw)
        start = self.pos
        while self.peek() in _BARE_KEY_CHARS:
            self.pos += 1
        if self.pos == start:
            raise _Stop
        return self.text[start : self.pos]

    def value(self, path: KeyPath) -> None:
        self.skip_space()
        char = self.peek()
        if char == "[":
            self.array(path)
        elif char == "{":
            self.inline_table(path)
        elif char in ('"', "'"):
            self.skip_string(char)
        else:
            start = self.pos
            while self.peek() not in _SCALAR_END and self.peek() != "":
                self.pos += 1
            if self.pos == start:
                raise _Stop

    def array(self, path: KeyPath) -> None:
        self.pos += 1
        index = 0
        while True:
            self.skip_space(newlines=True)
            if self.peek() == "]":
                self.pos += 1
                return
            element = (*path, index)
            self.record(element, self.line())
            self.value(element)
            self.separator("]")
            index += 1

    def inline_table(self, path: KeyPath) -> None:
        self.pos += 1
        while True:
            self.skip_space(newlines=True)
            if self.peek() == "}":
                self.pos += 1
                return
            self.key_value(path)
            self.separator("}")

    def separator(self, closer: str) -> None:
        self.skip_space(newlines=True)
        if self.peek() == ",":
            self.pos += 1
        elif self.peek() != closer:
            raise _Stop

    def skip_string(self, quote: str) -> None:
        multiline = self.text.startswith(quote * 3, self.pos)
        delimiter = quote * 3 if multiline else quote
        self.pos += len(delimiter)
        while not self.text.startswith(delimiter, self.pos):
            if self.pos >= len(self.text):
                raise _Stop
            # Skipping the escaped character also covers `\"` and line-ending backslashes.
            self.pos += 2 if quote == '"' and self.peek() == "\\" else 1
        self.pos += len(delimiter)
        # Up to two quotes right before the closing delimiter belong to the content.
        for _ in range(2 if multiline else 0):
            if self.peek() == quote:
                self.pos += 1

    def end_of_line(self) -> None:
        self.skip_space()
        if self.peek() == "#":
            self.skip_comment()
        if self.peek() == "\n":
            self.pos += 1
        elif self.peek() != "":
            raise _Stop

    def expect(self, token: str) -> None:
        self.skip_space()
        if not self.text.startswith(token, self.pos):
            raise _Stop
        self.pos += len(token)

    def skip_space(self, newlines: bool = False) -> None:
        while True:
            char = self.peek()
            if char in _SPACE or (newlines and char == "\n"):
                self.pos += 1
            elif newlines and char == "#":
                self.skip_comment()
            else:
                return

    def skip_comment(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = len(self.text) if end < 0 else end

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def line(self) -> int:
        return bisect.bisect_left(self.newlines, self.pos) + 1


def _unescape(raw: str) -> str:
    """Decode the escape sequences of a basic-string key (an unknown one raises ValueError)."""
    return _ESCAPE.sub(lambda match: _ESCAPES.get(match[1]) or chr(int(match[1][1:], 16)), raw)
