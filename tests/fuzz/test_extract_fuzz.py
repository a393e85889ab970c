"""Property-based tests: `extract` never raises, and agrees with `ast` on what both accept.

Each property that compares counts the imports it compared, and fails when it
compared none: a property that only ever met programs one parser refused, or
programs without imports, proves nothing. Run longer with
FITNESS_FUZZ_EXAMPLES=5000 (see README.md in this folder).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import hypothesmith
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fitness.model import FileFacts
from fitness.parsing.extract import decode, extract
from fuzz.reference import Edge, reference_imports

pytestmark = pytest.mark.slow

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
_RAW_SOUP = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)

# Statements (each a list of lines) that import, or look as if they might.
_STATEMENTS = st.sampled_from(
    [
        ["import a"], ["import a.b as c, d"], ["from . import x"], ["from .a import (b,", " c)"],
        ["from ..p.q import *"], ["import ĉ"], ["import ﬁle"], ["x = 'import a'"],
        ["# import z"], ["pass"], ["'''", "import not_this", "'''"],
        ["m = import_module('m')"], ["__import__('n.o')"],
        ["importlib.import_module('.p', package=__package__)"],
        ["import_module(*args, 'q')"], ["import_module(name)"],
        ["y = (lambda: import_module('r')) if import_module('r') else 0"],
        ["try:", "    import ujson as json", "except ImportError:", "    import json"],
        ["match v:", "    case 1 if import_module('s'):", "        import t"],
        ["from typing import TYPE_CHECKING"], ["import typing as t"], ["TYPE_CHECKING = 1"],
    ]
)  # fmt: skip
_HEADERS = st.sampled_from(
    [
        ["if TYPE_CHECKING:"], ["if t.TYPE_CHECKING:"], ["if x:"], ["def f():"],
        ["async def g():"], ["class C:"], ["with x:"], ["for i in x:"], ["while x:"],
        ["@reg(import_module('d'))", "def h(a=import_module('e')) -> import_module('f'):"],
        ["def k(*args: import_module('g'), **kw: import_module('h')):"],
        ["@reg(import_module('u'))", "class D(import_module('u').Base):"],
    ]
)  # fmt: skip


def _nest(header_and_body: tuple[list[str], list[list[str]]]) -> list[str]:
    header, body = header_and_body
    return [*header, *("    " + line for part in body for line in part)]


_BLOCKS = st.recursive(
    _STATEMENTS,
    lambda inner: st.tuples(_HEADERS, st.lists(inner, min_size=1, max_size=3)).map(_nest),
    max_leaves=12,
)
# Well-formed programs of those statements, with any line ending.
_STRUCTURED = st.tuples(
    st.lists(_BLOCKS, min_size=1, max_size=4), st.sampled_from(["\n", "\r\n", "\r"])
).map(
    lambda blocks_and_end: "".join(
        line + blocks_and_end[1] for b in blocks_and_end[0] for line in b
    )
)


@st.composite
def _with_imports(draw: st.DrawFn, programs: st.SearchStrategy[str]) -> str:
    """A generated program with a few import statements inserted between its lines.

    Generated programs rarely import anything; an insertion may break one (inside
    a bracket or a string), which both parsers then see alike.
    """
    lines = draw(programs).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines)))
        following = lines[at] if at < len(lines) else ""
        indent = following[: len(following) - len(following.lstrip(" \t"))]
        statement = draw(_STATEMENTS)
        lines.insert(at, "".join(f"{indent}{line}\n" for line in statement))
    return "".join(lines)


def _imports(facts: FileFacts) -> list[Edge]:
    return sorted((*raw[:7], raw.local, raw.type_checking, raw.dynamic) for raw in facts.imports)


def _compared(source: bytes) -> int:
    """Assert that `extract` agrees with the reference; the number of imports compared."""
    facts = extract(source)  # must not raise
    if facts.failure is not None:
        return 0
    text = decode(source)
    expected = reference_imports(text)
    if expected is None:
        return 0  # libcst accepts what this interpreter does not (newer or older syntax)
    assert _imports(facts) == expected
    return len(expected)


def _fuzz(strategy: st.SearchStrategy[str], encode: Callable[[str], bytes]) -> int:
    """Run the comparison on `strategy`'s programs; how many imports it compared."""
    compared = [0]

    @fuzz
    @given(strategy)
    def compare(program: str) -> None:
        compared[0] += _compared(encode(program))

    compare()
    return compared[0]


def _utf_8(program: str) -> bytes:
    return program.encode("utf-8", "surrogatepass")


def test_grammar_programs() -> None:
    assert _fuzz(_with_imports(hypothesmith.from_grammar()), _utf_8) > 0


def test_node_programs() -> None:
    assert _fuzz(_with_imports(hypothesmith.from_node()), _utf_8) > 0


def test_import_soup() -> None:
    assert _fuzz(st.one_of(_RAW_SOUP, _STRUCTURED), _utf_8) > 0


@pytest.mark.parametrize(
    ("program", "imports"),
    [
        ("import a\n", 1),
        ("import a\rfrom .b import (c,\r d)\r", 2),
        # The differential over real files found these (issue 9).
        ('@reg(import_module("x"))\ndef f():\n    return import_module("x")\n', 2),
        ('def f(*args: import_module("x"), **kw: import_module("y")): pass\n', 2),
        ('import_module(*args, "x")\nimport_module("x", *rest)\n', 1),
    ],
)
def test_programs_found_before(program: str, imports: int) -> None:
    assert _compared(program.encode()) == imports


@fuzz
@given(st.binary(max_size=512))
@example(b"\xef\xbb\xbf# coding: latin-1\n")
@example(b"\xef\xbb\xbf# coding: utf8\n")
@example(b"# coding: hex\n")
@example(b"\x00")
def test_raw_bytes_never_raise(data: bytes) -> None:
    facts = extract(data)
    assert isinstance(facts, FileFacts)
