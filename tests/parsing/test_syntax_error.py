"""Syntax errors read like a person wrote them: where the error starts, and in a few words."""

from __future__ import annotations

import sys

import pytest

from fitness.model import FileFacts, ParseFailure
from fitness.parsing import syntax_error
from fitness.parsing.extract import extract

# The same message and place on every supported interpreter: where it only says
# "invalid syntax", the token found there (and what libcst expected, if it is
# one of a few); elsewhere the interpreter's words, unchanged since 3.9.
EVERYWHERE = [
    ("import os\nx = = 1\n", "unexpected '='", 2, 5),
    ("def f(:\n    pass\n", "unexpected ':'", 1, 7),
    ("def (:\n", "unexpected '(', expected a name", 1, 5),
    ("import a.\n", "unexpected end of line, expected a name", 1, 10),
    ("async = 1\n", "unexpected '=', expected 'def', 'for' or 'with'", 1, 7),
    ("x ==== 1\n", "unexpected '=='", 1, 5),
    ("f(**)\n", "unexpected ')'", 1, 5),
    ("lambda x: yield\n", "unexpected 'yield'", 1, 11),
    ("x = $\n", "unexpected '$'", 1, 5),
    ("@\ndef f(): pass\n", "unexpected end of line", 1, 2),
    ("else:\n  pass\n", "unexpected 'else'", 1, 1),
    ("x = 1 +\n", "unexpected end of line", 1, 8),
    ("x = 1 'abc'\n", "unexpected string 'abc'", 1, 7),
    ('x = 1 "it\'s"\n', 'unexpected string "it\'s"', 1, 7),
    ("x = 1 'abc" + "d" * 30 + "'\n", "unexpected string", 1, 7),
    ("x = 1 rb'abc'\n", "unexpected string rb'abc'", 1, 7),
    ('x = 1 """abc"""\n', "unexpected string", 1, 7),
    ('x = 1 """abc\n"""\n', "unexpected string", 1, 7),
    ("x = 1 bar'abc'\n", "unexpected 'bar'", 1, 7),
    ("x = 1 " + "a" * 30 + "\n", "unexpected 'aaaaaaaaaaaaaaaaaaaa...'", 1, 7),
    ("é = 1 é\n", "unexpected 'é'", 1, 7),  # columns in characters
    ("  x = 1\n", "unexpected indent", 1, 2),
    (
        "import vault\nif True:\n\tx = 1\n        y = 2\n",
        "inconsistent use of tabs and spaces in indentation",
        4,
        1,
    ),
    ("if x:\n    a\n  b\n", "unindent does not match any outer indentation level", 3, 4),
    ("x = )\n", "unmatched ')'", 1, 5),
    ("x = 1_\n", "invalid decimal literal", 1, 6),
    ("f(a for a in b, c)\n", "Generator expression must be parenthesized", 1, 3),
    # An invalid escape warns; with warnings as errors (as pytest runs) it must not
    # become the error, on another line.
    ("x = '\\d'\ndef f(:\n", "unexpected ':'", 2, 7),
]


@pytest.mark.parametrize(("text", "message", "line", "column"), EVERYWHERE)
def test_the_same_message_on_every_interpreter(
    text: str, message: str, line: int, column: int
) -> None:
    # Parsed whole: skeleton parsing does not report an error in a statement it leaves
    # out (`x = 1 """abc\n"""` is a run of simple statements; README, "Speed").
    assert extract(text.encode(), skeleton=False) == FileFacts(
        (), ParseFailure(f"syntax error: {message}", line, column)
    )


# Where the interpreter has words of its own, they are its words: newer versions
# say more, and place some errors differently. Each entry holds the expectation
# from the version given (the newest one not above the running interpreter).
BY_VERSION = [
    (
        "if x\n    pass\n",
        {(3, 9): ("unexpected end of line", 1, 5), (3, 10): ("expected ':'", 1, 5)},
    ),
    (
        "x = (1,\ny = 2\n",
        {(3, 9): ("unexpected '='", 2, 3), (3, 10): ("'(' was never closed", 1, 5)},
    ),
    (
        "f(x y)\n",
        {
            (3, 9): ("unexpected 'y'", 1, 5),
            (3, 10): ("invalid syntax. Perhaps you forgot a comma?", 1, 3),
        },
    ),
    (
        "a = 1\nx = 'abc\n",
        {
            (3, 9): ("EOL while scanning string literal", 2, 9),
            (3, 10): ("unterminated string literal (detected at line 2)", 2, 5),
        },
    ),
    (
        "import os\nif x:\npass\n",
        {
            (3, 9): ("expected an indented block", 3, 1),
            (3, 10): ("expected an indented block after 'if' statement on line 2", 3, 1),
        },
    ),
    (
        'import vault\nprint "x"\n',
        {
            (3, 9): ("Missing parentheses in call to 'print'. Did you mean print(\"x\")?", 2, 7),
            (3, 10): ("Missing parentheses in call to 'print'. Did you mean print(...)?", 2, 1),
        },
    ),
    (
        "import\n",
        {
            (3, 9): ("unexpected end of line, expected a name", 1, 7),
            (3, 13): ("Expected one or more names after 'import'", 1, 7),
        },
    ),
]


def _for_this_python(
    expected: dict[tuple[int, int], tuple[str, int, int]],
) -> tuple[str, int, int]:
    return expected[max(version for version in expected if version <= sys.version_info[:2])]


@pytest.mark.parametrize(("text", "expected"), BY_VERSION)
def test_the_interpreter_s_own_words_as_this_interpreter_says_them(
    text: str, expected: dict[tuple[int, int], tuple[str, int, int]]
) -> None:
    message, line, column = _for_this_python(expected)
    # Parsed whole, as above: `print "x"` is a statement the skeleton leaves out.
    assert extract(text.encode(), skeleton=False) == FileFacts(
        (), ParseFailure(f"syntax error: {message}", line, column)
    )


def test_a_file_this_python_accepts_but_libcst_refuses_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As when libcst lags a new Python's syntax: the interpreter is stood in for."""
    monkeypatch.setattr(syntax_error, "_interpreter_verdict", lambda text: True)
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"

    assert extract(b"def (:\n").failure == ParseFailure(
        f"libcst, which fitness parses with, cannot read this syntax (Python {python} can):"
        " expected a name",
        1,
        6,
    )
    assert extract(b"x = 1 +\n").failure == ParseFailure(
        f"libcst, which fitness parses with, cannot read this syntax (Python {python} can):"
        " invalid syntax",
        2,
        1,
    )


def test_where_the_interpreter_cannot_tell_libcst_s_words_are_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(syntax_error, "_interpreter_verdict", lambda text: False)

    assert [
        extract(text).failure for text in (b"x = 'abc\n", b"def (:\n", b"import os\nx = = 1\n")
    ] == [
        ParseFailure("syntax error: unterminated string literal", 1, 1),
        ParseFailure("syntax error: expected a name", 1, 6),
        ParseFailure("syntax error: invalid syntax", 2, 7),
    ]
