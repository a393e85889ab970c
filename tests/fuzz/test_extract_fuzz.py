"""Property-based tests: `extract` never raises, and agrees with `ast` on what both accept.

Run longer with FITNESS_FUZZ_EXAMPLES=5000 (see README.md in this folder).
"""

from __future__ import annotations

import os
import sys

import hypothesmith
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fitness.model import FileFacts
from fitness.parsing.extract import decode, extract
from fuzz.reference import Edge, has_f_string, reference_imports

EXAMPLES = int(os.environ.get("FITNESS_FUZZ_EXAMPLES", "60"))
fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)

# Pieces of Python that exercise the text scan, the pairing of imports with
# statements, line endings, encodings and the parser's error paths.
_PIECES = [
    "import a", "import a.b", "import a . b", "import ĉ", "import ﬁle", "from", " import ",
    "from . import x", "from .a import (b,\n c)", "from .. import *", "as z", ", b",
    "\n", "\r\n", "\r", " ", "\t", "\f", "    ", "\\\n", ":", ";", "(", ")", "[", "]",
    "if TYPE_CHECKING:", "if t.TYPE_CHECKING:", "else:", "elif x:", "def f():", "class C:",
    "async def g():", "try:", "except E:", "finally:", "with x:", "for i in x:",
    "while x:", "match x:", "case 1:", "pass", "x = 1", "lambda: 0", "'", '"', "'''",
    '"""', "#", "# import a", "b'", "r'", "import_module('m')", "__import__('m')",
    "importlib.import_module('.m', package=__package__)", "def import_module(n): pass",
    "x = 'import a'", "\x00", "\ufeff", "é", "x" * 3,
]  # fmt: skip
_SOUP = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _static(facts: FileFacts) -> list[Edge]:
    return sorted(
        (*raw[:7], raw.local, raw.type_checking) for raw in facts.imports if not raw.dynamic
    )


def _assert_agrees_with_ast(source: bytes) -> None:
    facts = extract(source)  # must not raise
    if facts.failure is not None:
        return
    text = decode(source)
    expected = reference_imports(text)
    if expected is None:
        return  # libcst accepts what this interpreter does not (newer or older syntax)
    if sys.version_info >= (3, 12) and has_f_string(text):
        return  # known limitation: PEP 701 f-strings can misplace positions (tests/parsing)
    assert _static(facts) == expected


@fuzz
@given(hypothesmith.from_grammar())
@example("import a\n")
def test_grammar_programs(program: str) -> None:
    _assert_agrees_with_ast(program.encode("utf-8", "surrogatepass"))


@fuzz
@given(hypothesmith.from_node())
def test_node_programs(program: str) -> None:
    _assert_agrees_with_ast(program.encode("utf-8", "surrogatepass"))


@fuzz
@given(_SOUP)
@example("import a\rfrom .b import (c,\r d)\r")
def test_import_soup(program: str) -> None:
    _assert_agrees_with_ast(program.encode("utf-8"))


@fuzz
@given(st.binary(max_size=512))
@example(b"\xef\xbb\xbf# coding: latin-1\n")
@example(b"\x00")
def test_raw_bytes_never_raise(data: bytes) -> None:
    facts = extract(data)
    assert isinstance(facts, FileFacts)
