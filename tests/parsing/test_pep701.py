"""PEP 701 f-strings (Python 3.12) are read as Python reads them, on every interpreter.

A replacement field may reuse the f-string's quote, nest f-strings, hold
comments and newlines. The corpus in `pep701/` mixes each with imports and
comments: the text scanner must place every import where libcst does, and
keep exactly the comments Python sees (never a `#` inside a nested string).
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from fitness.parsing import extract as extract_module
from fitness.parsing import positions
from fitness.parsing.comments import kept_comments
from fitness.parsing.dynamic import dynamic_calls
from fitness.parsing.textscan import scan

CORPUS = Path(__file__).parent / "pep701"
FILES = sorted(CORPUS.glob("*.py"))

COMMENTS = {
    "comments_and_newlines.py": [
        (2, 8, "# fitness: ignore[rule-b]"),
        (6, 36, "# fitness: ignore[rule-c]"),
    ],
    "format_specs.py": [(2, 41, "# fitness: ignore[rule-d]")],
    "nested_f_strings.py": [],
    "nested_quotes.py": [(3, 15, "# fitness: ignore[rule-a]")],
    "newline_in_field.py": [(6, 11, "# fitness: ignore[rule-e]")],
}
STATEMENTS = {
    "comments_and_newlines.py": [(4, "import g"), (7, "import h")],
    "format_specs.py": [(1, "import i"), (3, "import importlib")],
    "nested_f_strings.py": [(2, "from c import d"), (3, "import e")],
    "nested_quotes.py": [(2, "import b")],
    "newline_in_field.py": [(2, "import m"), (6, "import n")],
}


def test_the_corpus_is_what_the_tests_expect() -> None:
    assert [path.name for path in FILES] == sorted(COMMENTS) == sorted(STATEMENTS)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_imports_are_placed_where_libcst_places_them(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    module = cst.parse_module(text)
    found = list(extract_module.statement_imports(module))
    calls = list(dynamic_calls(module))
    exact = positions.exact_positions(module, found, calls)
    statements, _ = scan(text)
    assert [
        (text.count("\n", 0, spot.start) + 1, text[spot.start : spot.end]) for spot in statements
    ] == STATEMENTS[path.name]
    assert [line for line, _ in STATEMENTS[path.name]] == [
        imp.line for imp in exact if not imp.dynamic
    ]
    statements, call_spots = scan(text)
    assert positions._from_text(text, found, statements, calls, call_spots) == exact
    assert positions.positioned(module, text, found, calls) == exact


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_exactly_the_comments_python_sees_are_kept(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    kept = [(c.line, c.column, c.text) for c in kept_comments(text)]
    assert kept == COMMENTS[path.name]


def test_deeply_nested_f_strings_are_read_without_recursion() -> None:
    from fitness.parsing.fstrings import f_string

    depth = 5000
    text = 'f"{' * depth + "1" + '}"' * depth + "; import a"
    read = f_string(text, 1)
    assert text[read.end :] == "; import a"
    assert len(read.parts) == 2 * depth
