"""Say why a file is not Python, as a person would: where, and in a few words.

libcst refuses the file; the standard library's parser, asked next, places
the error where it starts (libcst points past it) and often names it in the
interpreter's own words ("'(' was never closed", "expected ':'"). Where it
only says "invalid syntax", the message names the token found there and, when
libcst expected one of a few tokens, those ("unexpected '(', expected a name"),
never libcst's list of thirty.
"""

from __future__ import annotations

import ast
import re
import sys
import warnings

import libcst as cst

from fitness.model import ParseFailure

_LIBCST = re.compile(r"^(parser|tokenizer) error: (?:error at (\d+):(\d+): )?")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_STRING = re.compile(
    r"[rRbBuUfFtT]{0,2}"
    r"""(?:'[^'\\\r\n]*(?:\\.[^'\\\r\n]*)*'|"[^"\\\r\n]*(?:\\.[^"\\\r\n]*)*")"""
)
_STRING_START = re.compile(r"""[rRbBuUfFtT]{0,2}['"]""")
_TRIPLE_QUOTE = re.compile(r"""[rRbBuUfFtT]{0,2}(?:'''|\"\"\")""")
_WORD = re.compile(r"\d[\w.]*|\.\d[\w.]*|\w+")
# Longest first, so `**=` is not read as `**`.
_OPERATORS = [
    *("**=", "//=", ">>=", "<<=", "...", "**", "//", ">>", "<<", "<=", ">=", "==", "!="),
    *("->", ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="),
]
# libcst's names for the tokens it expected, in words.
_TOKEN_WORDS = {
    "NAME": "a name",
    "NUMBER": "a number",
    "STRING": "a string",
    "FSTRING_START": "an f-string",
    "INDENT": "an indented block",
    "DEDENT": "end of block",
    "NEWLINE": "end of line",
    "EOF": "end of file",
    "ASYNC": "'async'",
    "AWAIT": "'await'",
}
_MOST_EXPECTED = 3  # more alternatives than this say nothing a person can act on
_TOO_LONG = 20  # a token longer than this is shown as what it is ("a string")


def syntax_failure(text: str, exc: cst.ParserSyntaxError) -> ParseFailure:
    """The failure of `text`, which libcst refused with `exc`."""
    where = _LIBCST.match(exc.message)
    libcst_says = exc.message[where.end() :] if where else exc.message
    tokenizer = where is not None and where[1] == "tokenizer"
    verdict = _interpreter_verdict(text)
    if isinstance(verdict, SyntaxError) and verdict.lineno is not None:
        line, column = verdict.lineno, max(verdict.offset or 1, 1)
        if verdict.msg and verdict.msg != "invalid syntax":
            return ParseFailure(f"syntax error: {verdict.msg}", line, column)
        found = _token_at(text, line, column)
        expected = None if tokenizer else _expected(libcst_says)
        if expected is None or found in expected:  # then it is not about this place
            return ParseFailure(f"syntax error: unexpected {found}", line, column)
        return ParseFailure(
            f"syntax error: unexpected {found}, expected {_either(expected)}", line, column
        )
    # The interpreter cannot place it: libcst's words, where libcst stopped (past the error).
    line, column = exc.raw_line, exc.raw_column + 1
    if where and where[2]:
        line, column = int(where[2]), int(where[3]) + 1
    expected = None if tokenizer else _expected(libcst_says)
    if expected is not None:
        detail = f"expected {_either(expected)}"
    elif tokenizer or not libcst_says.startswith("expected "):
        detail = libcst_says  # the tokenizer's own words, or a message of another shape
    else:
        detail = "invalid syntax"  # rather than a list of thirty tokens
    if verdict is True:
        python = f"{sys.version_info[0]}.{sys.version_info[1]}"
        return ParseFailure(
            f"libcst, which fitness parses with, cannot read this syntax (Python {python}"
            f" can): {detail}",
            line,
            column,
        )
    return ParseFailure(f"syntax error: {detail}", line, column)


def _interpreter_verdict(text: str) -> SyntaxError | bool:
    """The interpreter's error in `text`, True if it accepts it, False if it cannot tell.

    Its warnings are silenced: `-W error` would make them errors, placed elsewhere.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except SyntaxError as error:
        return error
    except (ValueError, RecursionError, MemoryError):
        return False
    return True


def _token_at(text: str, line: int, column: int) -> str:
    """The token that starts at `line`:`column` (1-based), quoted, or what stands there."""
    lines = _LINE_BREAK.split(text)
    if line > len(lines) or (line == len(lines) and not lines[-1]):
        return "end of file"
    rest = lines[line - 1][column - 1 :].lstrip(" \t\f")
    if not rest or rest.startswith("#"):
        return "end of line"
    if _STRING_START.match(rest):  # a triple-quoted string may run over many lines
        string = None if _TRIPLE_QUOTE.match(rest) else _STRING.match(rest)
        return f"string {string[0]}" if string and len(string[0]) <= _TOO_LONG else "string"
    word = _WORD.match(rest)
    if word:
        return _quoted(word[0]) if len(word[0]) <= _TOO_LONG else f"'{word[0][:_TOO_LONG]}...'"
    operator = next((op for op in _OPERATORS if rest.startswith(op)), rest[0])
    return _quoted(operator)


def _expected(libcst_says: str) -> list[str] | None:
    """What libcst expected instead, in words, when it is one of a few tokens."""
    if not libcst_says.startswith("expected "):
        return None
    listed = libcst_says[len("expected ") :]
    tokens = listed[len("one of ") :].split(", ") if listed.startswith("one of ") else [listed]
    if len(tokens) > _MOST_EXPECTED:
        return None
    return [_TOKEN_WORDS.get(token, _quoted(token)) for token in tokens]


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _quoted(token: str) -> str:
    return f'"{token}"' if "'" in token else f"'{token}'"
