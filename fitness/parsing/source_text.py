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
    encoding, line = "utf-8", 1
    declared = _declared_encoding(body)
    if declared is not None:
        name, line = declared
        normal = _normal_name(name)
        if bom and normal != "utf-8":
            raise UndecodableSource(
                f"the file starts with a UTF-8 BOM but declares '{name}'", line, 1
            )
        try:
            encoding = codecs.lookup(normal).name
        except LookupError:
            raise UndecodableSource(
                f"unknown encoding '{name}' in the coding declaration", line, 1
            ) from None
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        line, column = _place(body, exc.start, encoding)
        bad = body[exc.start : exc.start + 1].hex()
        raise UndecodableSource(
            f"cannot decode as {encoding}: {exc.reason} (byte 0x{bad})", line, column
        ) from None
    except LookupError:  # `hex`, `rot13`: codecs, but from bytes to bytes or str to str
        assert declared is not None  # UTF-8 is a text encoding
        raise UndecodableSource(
            f"'{declared[0]}' in the coding declaration is not a text encoding", line, 1
        ) from None
    except UnicodeError as exc:  # a codec that does not say where (`undefined`)
        reason: BaseException = exc
        while reason.__cause__ is not None:  # Python 3.9 to 3.11 wrap the codec's own error
            reason = reason.__cause__
        raise UndecodableSource(f"cannot decode as {encoding}: {reason}", line, 1) from None


def _normal_name(name: str) -> str:
    """The name as CPython's tokenizer folds it before looking the codec up.

    The first 12 characters, in lower case with `_` as `-`: "utf-8" and
    "utf-8-..." are UTF-8, the spellings of Latin-1 are "iso-8859-1", any
    other name is looked up as written ("utf8" is not UTF-8 here, so a
    file with a BOM may not declare it).
    """
    folded = name[:12].lower().replace("_", "-")
    if folded == "utf-8" or folded.startswith("utf-8-"):
        return "utf-8"
    latin = ("latin-1", "iso-8859-1", "iso-latin-1")
    if folded in latin or folded.startswith(tuple(f"{spelling}-" for spelling in latin)):
        return "iso-8859-1"
    return name


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
