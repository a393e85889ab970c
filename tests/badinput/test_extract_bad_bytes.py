"""`extract` on the bytes of bad files: the bugs this corpus found, each pinned."""

from __future__ import annotations

import time

import pytest

from badinput.corpus import DEEP, huge_line, huge_module
from fitness.model import FileFacts, ParseFailure, RawImport
from fitness.parsing.extract import extract

NULL = "syntax error: source code cannot contain null bytes"


def static(
    module: str, names: tuple[str, ...], span: tuple[int, int, int, int], level: int = 0
) -> RawImport:
    return RawImport(module, level, names, *span, False, False, False)


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"import a\nx = 1\x00\n", 2, 6),
        (b"import a\rx = 1\r\x00\r", 3, 1),
        # libcst reads past these two; the interpreter refuses the file.
        (b"import a\nx = 'caf\xc3\xa9\x00'\n", 2, 10),
        (b"import a\n# \x00\n", 2, 3),
    ],
    ids=["in-code", "cr-line-endings", "in-a-string", "in-a-comment"],
)
def test_a_null_byte_is_a_parse_failure_where_it_is(data: bytes, line: int, column: int) -> None:
    assert extract(data) == FileFacts((), ParseFailure(NULL, line, column))


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"], ids=["lf", "crlf", "cr"])
def test_too_many_brackets_are_placed_whatever_the_line_endings(newline: bytes) -> None:
    data = newline.join([b"a = 1", b"b = 2", b"x = " + b"(" * DEEP + b"1" + b")" * DEEP, b""])

    assert extract(data) == FileFacts(
        (), ParseFailure("syntax error: too many nested parentheses", 3, 205)
    )


@pytest.mark.parametrize(
    "expression",
    ["not " * DEEP + "x", "-" * DEEP + "x", "~" * DEEP + "x", "lambda: " * DEEP + "0",
     "0 if x else " * DEEP + "0", "x" + ".a" * DEEP],
    ids=["not", "minus", "invert", "lambda", "conditional", "attribute"],
)  # fmt: skip
def test_deep_nesting_without_brackets_is_parsed(expression: str) -> None:
    data = f"y = {expression}\nimport a\n".encode()

    assert extract(data) == FileFacts((static("a", (), (2, 1, 2, 9)),), None, lines=2)


def test_identifiers_are_read_as_python_reads_them() -> None:
    """NFKC (PEP 3131): `cafe` + a combining accent is `café`, the ligature `ﬁ` is `fi`."""
    data = "from .cafe\u0301 import nai\u0308ve\nimport \ufb01le\nimport_module('\ufb01le')\n"

    assert extract(data.encode()) == FileFacts(
        (
            static("café", ("naïve",), (1, 1, 1, 26), level=1),
            static("file", (), (2, 1, 2, 11)),
            # A string is not an identifier: import_module looks it up as written.
            RawImport("\ufb01le", 0, (), 3, 1, 3, 14, False, False, True),
        ),
        None,
        lines=3,
    )


def test_a_5_mb_generated_module_in_reasonable_time() -> None:
    data = huge_module()
    started = time.perf_counter()

    facts = extract(data)

    assert len(data) > 5_000_000
    assert time.perf_counter() - started < 30
    assert facts == FileFacts(
        (static("json", (), (1, 1, 1, 12)), static("vault", (), (huge_line(), 1, huge_line(), 13))),
        None,
        lines=huge_line(),  # every line of the generated module is code
    )
