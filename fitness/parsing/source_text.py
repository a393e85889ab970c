"""Bytes to text as the interpreter reads them: BOM, coding declaration, then UTF-8.

A file that cannot be decoded is reported where its first bad byte is (line,
and column in characters), not where the standard library gives up looking.
"""

from __future__ import annotations

import codecs
import re

_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
_COMMENT_OR_BLANK = re.compile(rb"^[ \t\f]*(?:#.*)?$")
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


class UndecodableSource(Exception):
    """The bytes are not text in the encoding the file declares."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def decode_source(source: bytes) -> str:
    """The text of a Python file (PEP 263 and PEP 3120), or UndecodableSource."""
    bom = source.startswith(codecs.BOM_UTF8)
    body = source[len(codecs.BOM_UTF8) :] if bom else source
    encoding = "utf-8"
    declared = _declared_encoding(body)
    if declared is not None:
        name, line = declared
        try:
            encoding = codecs.lookup(name).name
        except LookupError:
            raise UndecodableSource(
                f"unknown encoding '{name}' in the coding declaration", line, 1
            ) from None
        if bom and encoding != "utf-8":
            raise UndecodableSource(
                f"the file starts with a UTF-8 BOM but declares '{name}'", line, 1
            )
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        line, column = _place(body, exc.start, encoding)
        bad = body[exc.start : exc.start + 1].hex()
        raise UndecodableSource(
            f"cannot decode as {encoding}: {exc.reason} (byte 0x{bad})", line, column
        ) from None


def _declared_encoding(body: bytes) -> tuple[str, int] | None:
    """The encoding named on line 1, or on line 2 after a comment or blank line 1."""
    lines = _LINE_BREAK.split(body[:1024], maxsplit=2)
    for number, text in enumerate(lines[:2], start=1):
        match = _COOKIE.match(text)
        if match:
            return match[1].decode("ascii"), number
        if not _COMMENT_OR_BLANK.match(text):
            return None
    return None


def _place(body: bytes, offset: int, encoding: str) -> tuple[int, int]:
    before = body[:offset]
    breaks = list(_LINE_BREAK.finditer(before))
    start = breaks[-1].end() if breaks else 0
    column = len(before[start:].decode(encoding, errors="replace")) + 1
    return len(breaks) + 1, column
