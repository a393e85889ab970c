"""What a file holds cannot make the scans before and around parsing quadratic.

Inputs are large enough that a scan from the start of the file for each item
(quadratic) would take minutes; the tests count the characters scanned.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import SupportsIndex, TypeVar

import pytest

from fitness.model import FileFacts, ParseFailure, RawImport
from fitness.parsing.extract import extract
from fitness.parsing.nesting import too_deeply_nested
from fitness.parsing.textscan import LineIndex

T = TypeVar("T")


class Counted(str):
    """A text that counts the characters its `count` and `rfind` calls look at."""

    scanned = 0

    def count(
        self, sub: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None, /
    ) -> int:
        self.scanned += self._span(start, end)
        return str.count(self, sub, start, end)

    def rfind(
        self, sub: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None, /
    ) -> int:
        self.scanned += self._span(start, end)
        return str.rfind(self, sub, start, end)

    def _span(self, start: SupportsIndex | None, end: SupportsIndex | None) -> int:
        return len(range(*slice(start, end).indices(len(self))))


IMPORTS = 100_000  # was 255 s: every position counted the lines from the start of the file


def test_placing_every_import_of_a_file_scans_it_about_once() -> None:
    text = Counted("import os\n" * IMPORTS)
    lines = LineIndex(text)
    assert [lines.position(n * 10 + 7) for n in range(IMPORTS)] == [
        (n + 1, 8) for n in range(IMPORTS)
    ]
    assert text.scanned <= 2 * len(text)


def test_imports_on_one_long_line_are_placed_in_one_pass() -> None:
    text = Counted("import os;" * IMPORTS)
    lines = LineIndex(text)
    assert [lines.position(n * 10) for n in range(IMPORTS)] == [
        (1, n * 10 + 1) for n in range(IMPORTS)
    ]
    assert text.scanned <= 2 * len(text)


def test_an_offset_before_the_last_one_is_still_placed_exactly() -> None:
    lines = LineIndex("a\nbc\nd\n")
    assert [lines.position(o) for o in (6, 3, 0, 4, 5)] == [(3, 2), (2, 2), (1, 1), (2, 3), (3, 1)]
    crlf = LineIndex("a\r\nb\rc\n")
    assert [crlf.position(o) for o in (5, 3, 1)] == [(3, 1), (2, 1), (1, 2)]


# --- nesting: refused as CPython refuses it, or as too long a chain for libcst ---------------


def bounded(work: Callable[[], T]) -> T:
    """`work()`, which must take under 10 CPU seconds (linear: well under one)."""
    start = time.process_time()
    result = work()
    assert time.process_time() - start < 10
    return result


TOO_DEEP = "syntax error: too many nested parentheses"
CHAIN = (
    "more than 200 calls, subscripts or attributes in one chain: Python accepts it,"
    " but fitness's parser would take minutes"
)


@pytest.mark.parametrize(
    ("code", "line", "column"),
    [
        ("x = " + "a(" * 1500 + ")" * 1500, 1, 406),  # was 50 s and 5 GB, then no finding
        ("x = " + "a(" * 2500 + ")" * 2500, 1, 406),  # aborted the whole run (SIGABRT)
        ("x = [\n" + "{" * 250 + "}" * 250 + "]", 2, 200),
        ("x = (" + "(\\\n" * 300 + ")" * 301, 200, 1),  # line continuations between them
        ("x = " + "(" * 100 + "[" * 100 + "{" * 100 + "}" * 100 + "]" * 100 + ")" * 100, 1, 205),
    ],
    ids=["a( x 1500", "a( x 2500", "two lines", "continued", "mixed"],
)
def test_more_nesting_than_cpython_accepts_is_refused_as_cpython_refuses_it(
    code: str, line: int, column: int
) -> None:
    failure = ParseFailure("syntax error: too many nested parentheses", line, column)
    assert bounded(lambda: extract(code.encode())) == FileFacts((), failure)
    with pytest.raises(SyntaxError) as raised:
        compile(code, "x.py", "exec")
    assert (raised.value.msg, raised.value.lineno, raised.value.offset) == (
        "too many nested parentheses",
        line,
        column,
    )


@pytest.mark.parametrize(
    ("code", "column"),
    [
        ("x = a" + "[0]" * 2900, 606),  # was 25 s in libcst
        ("x = a" + "(0)" * 2900, 606),
        ("x = a" + "(0).b" * 2000, 506),
        ("x = a" + " [0]" * 2900, 807),
    ],
    ids=["subscripts", "calls", "methods", "spaced"],
)
def test_a_chain_libcst_reads_in_quadratic_time_is_refused(code: str, column: int) -> None:
    data = f"import os\n{code}\n".encode()
    assert bounded(lambda: extract(data)) == FileFacts((), ParseFailure(CHAIN, 2, column))


def test_attributes_between_few_calls_count_in_the_chain() -> None:
    # Five calls, 7,500 attributes: no run over 2,000, no more than 200 brackets.
    text = "x = a(0)" + (".b" * 1500 + "(0)") * 5 + "\n"
    assert bounded(lambda: too_deeply_nested(text)) == ParseFailure(CHAIN, 1, 3009)


def test_statements_on_lines_of_their_own_are_no_chain() -> None:
    text = "x = 1\n" + "(a)\n" * 300 + "y = [\n" + "(b)\n" * 300 + "]\n"
    assert too_deeply_nested(text) == ParseFailure(CHAIN, 303 + 200, 1)


def test_a_chain_of_200_and_chains_in_strings_are_read() -> None:
    data = (
        "import os\nx = a" + "[0]" * 199 + "\ns = '" + "[0]" * 300 + "'  # " + ".b" * 300 + "\n"
    ).encode()
    facts = extract(data)
    assert (facts.failure, facts.imports) == (
        None,
        (RawImport("os", 0, (), 1, 1, 1, 10, False, False, False),),
    )


def test_brackets_in_strings_are_never_tokenised_again() -> None:
    # 20,000 lines of a string of 201 `(` (2,000 took 35 s: each run re-read the file).
    text = ("x = '" + "(" * 201 + "'\n") * 20_000
    assert bounded(lambda: too_deeply_nested(text)) is None


def test_more_than_4000_unary_operators_in_a_row_are_refused_outside_strings() -> None:
    unary = (
        "more than 4000 unary operators in a row: Python accepts it,"
        " but fitness's parser would take minutes"
    )
    data = ("# " + "-" * 5000 + "\ns = '" + "~" * 5000 + "'\nx = " + "- " * 16_000 + "y\n").encode()
    assert bounded(lambda: extract(data)) == FileFacts((), ParseFailure(unary, 3, 5))
    assert too_deeply_nested("x = " + "-" * 4000 + "y\n# " + "-" * 5000) is None


def test_more_than_2000_attributes_in_a_row_are_refused_outside_strings() -> None:
    attributes = (
        "more than 2000 attributes in one chain: Python accepts it,"
        " but fitness's parser would take minutes"
    )
    data = ("# " + ".a" * 3000 + "\nx = a" + ".b" * 2001 + "\n").encode()
    assert bounded(lambda: extract(data)) == FileFacts((), ParseFailure(attributes, 2, 6))
    assert too_deeply_nested("x = a" + ".b" * 2000 + "\n") is None


def test_runs_just_short_of_the_limits_are_searched_in_linear_time() -> None:
    # Each start inside a run shorter than 20 reads the rest of it, never more.
    text = ("x = a" + ".b" * 19 + " - " + "- " * 18 + "y\n") * 50_000
    assert bounded(lambda: too_deeply_nested(text)) is None


@pytest.mark.parametrize(
    ("code", "refused"),
    [
        ('x = f"{' + "a(" * 1500 + ")" * 1500 + '}"', ParseFailure(TOO_DEEP, 1, 407)),
        ('x = f"{' + "(" * 200 + "a" + ")" * 200 + '}"', ParseFailure(TOO_DEEP, 1, 207)),
        ('x = f"{' + "(" * 199 + "a" + ")" * 199 + '}"', None),  # CPython 3.11: the field
        ('x = (f"{' + "(" * 199 + "a" + ")" * 199 + '}")', None),  # is parsed on its own
        ('x = f"{a' + "[0]" * 300 + '}"', ParseFailure(CHAIN, 1, 609)),
        ('x = f"' + "(" * 300 + '{{((( {a[0]:{w}}"', None),  # literal text and `{{`
    ],
    ids=["calls", "200", "199", "outside", "chain", "literal"],
)
def test_replacement_fields_of_f_strings_are_code(code: str, refused: ParseFailure | None) -> None:
    assert bounded(lambda: too_deeply_nested(code)) == refused
    if sys.version_info >= (3, 12):
        return  # PEP 701: 3.12 counts the brackets around an f-string's fields as well
    # As CPython 3.11 decides: it refuses exactly the fields refused as too deep.
    try:
        compile(code, "x.py", "exec")
    except SyntaxError as error:
        assert "too many nested parenthes" in error.msg
        assert refused is not None and refused.message == TOO_DEEP
    else:
        assert refused is None or refused.message == CHAIN
