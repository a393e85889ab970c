from __future__ import annotations

from collections.abc import Callable

import pytest

from fitness.parsing.textscan import LineIndex, Spot, quick_scan, scan

Scanner = Callable[[str], "tuple[list[Spot], list[Spot]]"]

# Tests marked BOTH hold for the quick scan too: their text has no import-like words inside
# strings or brackets, the only places where the quick scan may report more than `scan`.
BOTH = pytest.mark.parametrize("scanner", [scan, quick_scan], ids=["scan", "quick_scan"])


def at(text: str, line: int, column: int) -> int:
    """The offset of a 1-based (line, column) in `text`, whose lines end in a bare `\\n`."""
    lines = text.split("\n")
    return sum(len(previous) + 1 for previous in lines[: line - 1]) + column - 1


def spot(text: str, keyword: str, start: tuple[int, int], end: tuple[int, int]) -> Spot:
    return Spot(keyword, at(text, *start), at(text, *end))


def test_at_helper_counts_lines_and_columns() -> None:
    assert at("ab\ncd\n", 1, 1) == 0
    assert at("ab\ncd\n", 2, 1) == 3
    assert at("ab\ncd\n", 2, 3) == 5


@BOTH
def test_plain_statements_end_before_the_newline(scanner: Scanner) -> None:
    text = "import a\nfrom b import c\n"
    assert scanner(text) == (
        [
            Spot("import", 0, 8),
            Spot("from", 9, 24),
        ],
        [],
    )


@BOTH
def test_statement_at_end_of_text_without_newline_drops_trailing_blanks(scanner: Scanner) -> None:
    assert scanner("import a  \t") == ([Spot("import", 0, 8)], [])


def test_triple_quoted_strings_with_embedded_quotes_hide_their_contents() -> None:
    text = "\n".join(
        [
            's = """say "hi" and ""import x"" """',
            "doc = '''",
            "from x import y",
            "it's ''quoted'' here",
            "'''",
            "import a",
            "",
        ]
    )
    assert scan(text) == ([spot(text, "import", (6, 1), (6, 9))], [])


@BOTH
def test_triple_quoted_string_ending_in_an_escaped_backslash(scanner: Scanner) -> None:
    text = 's = """a\\\\"""; import b\n'
    # The string is `"""a\\"""`: the two backslashes are one escaped backslash.
    assert scanner(text) == ([spot(text, "import", (1, 16), (1, 24))], [])


def test_escaped_quotes_do_not_end_strings() -> None:
    text = "\n".join(
        [
            "s = 'it\\'s; import x'",
            't = "say \\"; from y import z"',
            "import a",
            "",
        ]
    )
    assert scan(text) == ([spot(text, "import", (3, 1), (3, 9))], [])


@BOTH
def test_an_escaped_backslash_before_the_quote_ends_the_string(scanner: Scanner) -> None:
    text = "s = 'a\\\\'; import b\n"
    # `'a\\'` is a complete string, so `import b` is a real statement.
    assert scanner(text) == ([spot(text, "import", (1, 12), (1, 20))], [])


@pytest.mark.parametrize("prefix", ["r", "b", "rb", "Rb", "bR", "f", "fr", "Fr", "u", "U"])
def test_string_prefixes(prefix: str) -> None:
    text = f"x = {prefix}'; import a' + {prefix}\"; from b import c\"\nimport d\n"
    assert scan(text) == ([spot(text, "import", (2, 1), (2, 9))], [])


def test_raw_string_with_an_escaped_quote() -> None:
    # In Python, r'\'' is the two characters backslash and quote.
    text = "x = r'\\'; import a'\nimport b\n"
    assert scan(text) == ([spot(text, "import", (2, 1), (2, 9))], [])


def test_strings_spanning_lines_with_a_backslash() -> None:
    text = "x = 'a\\\nimport b'\nimport c\n"
    assert scan(text) == ([spot(text, "import", (3, 1), (3, 9))], [])


@BOTH
def test_nested_brackets_spanning_lines(scanner: Scanner) -> None:
    text = "\n".join(
        [
            "x = foo(a, [",
            "    b, {c: d},",
            "], (e,",
            "))",
            "import a",
            "",
        ]
    )
    assert scanner(text) == ([spot(text, "import", (5, 1), (5, 9))], [])


def test_from_at_the_start_of_a_line_inside_brackets_is_not_a_statement() -> None:
    text = "\n".join(
        [
            "def f():",
            "    return (yield",
            "            from g())",
            "",
        ]
    )
    assert scan(text) == ([], [])


@BOTH
def test_a_multi_line_parenthesized_import_ends_at_the_closing_bracket(scanner: Scanner) -> None:
    text = "\n".join(
        [
            "from a import (b,  # note",
            "    c,",
            ")  # end",
            "x = 1",
            "",
        ]
    )
    assert scanner(text) == ([spot(text, "from", (1, 1), (3, 2))], [])


@BOTH
def test_colons_in_dicts_slices_annotations_and_lambdas(scanner: Scanner) -> None:
    text = "\n".join(
        [
            'd = {"a": 1, **e}',
            "s = x[1:2, ::3]",
            "n: int = 0",
            "f = lambda: 0",
            "g = lambda y: y[:1]",
            "if n: import a",
            "class C: from b import c",
            "",
        ]
    )
    assert scanner(text) == (
        [
            spot(text, "import", (6, 7), (6, 15)),
            spot(text, "from", (7, 10), (7, 25)),
        ],
        [],
    )


@BOTH
def test_semicolons_separate_statements(scanner: Scanner) -> None:
    text = "import a; import b;import c  ;from d import e\n"
    assert scanner(text) == (
        [
            Spot("import", 0, 8),
            Spot("import", 10, 18),
            Spot("import", 19, 27),
            Spot("from", 30, 45),
        ],
        [],
    )


def test_raise_from_and_yield_from_are_not_imports() -> None:
    text = "\n".join(
        [
            "raise E from exc",
            "x = yield from g()",
            "yield from g()",
            "raise E \\",
            "    from exc",
            "",
        ]
    )
    assert scan(text) == ([], [])


@BOTH
def test_a_backslash_continuation_before_the_keyword_keeps_it_a_statement(scanner: Scanner) -> None:
    text = "x = 1; \\\n    import a\n"
    assert scanner(text) == ([spot(text, "import", (2, 5), (2, 13))], [])


@BOTH
def test_import_inside_identifiers_is_not_a_keyword(scanner: Scanner) -> None:
    text = "\n".join(
        [
            "important = 1",
            "_import = 2",
            "x.import_ = 3",
            "imports = reimport(fromage, from_)",
            "y = x.import_modules('a') + my_import_module('b') + x.__import__('c')",
            "",
        ]
    )
    assert scanner(text) == ([], [])


@BOTH
def test_comments_end_statements_and_hide_keywords(scanner: Scanner) -> None:
    text = "\n".join(
        [
            "import a  # import b",
            "# from c import d",
            "from e import f\t# x",
            "import g;# y",
            "",
        ]
    )
    assert scanner(text) == (
        [
            spot(text, "import", (1, 1), (1, 9)),
            spot(text, "from", (3, 1), (3, 16)),
            spot(text, "import", (4, 1), (4, 9)),
        ],
        [],
    )


@BOTH
def test_crlf_and_cr_line_endings_end_statements(scanner: Scanner) -> None:
    text = "import a\r\nimport b\rimport c \r\n"
    assert scanner(text) == (
        [
            Spot("import", 0, 8),
            Spot("import", 10, 18),
            Spot("import", 19, 27),
        ],
        [],
    )


def test_dynamic_import_calls() -> None:
    text = "\n".join(
        [
            "def import_module(name):",
            "    return importlib.import_module(name)",
            "m = import_module ('a') or __import__(\"b\")",
            "s = 'import_module(\"c\")'  # import_module(d)",
            "",
        ]
    )
    assert scan(text) == (
        [],
        [
            spot(text, "import_module", (2, 22), (2, 35)),
            spot(text, "import_module", (3, 5), (3, 18)),
            spot(text, "__import__", (3, 28), (3, 38)),
        ],
    )


def test_pep_701_f_string_with_the_same_quotes_inside() -> None:
    # Python 3.12 code: the whole right-hand side is one f-string, so there is no import.
    text = 'x = f"{"; import a"}"\n'
    assert scan(text) == ([], [])


def test_quick_scan_skips_a_from_that_is_not_followed_by_a_module_and_import() -> None:
    text = "\n".join(
        [
            "def f():",
            '    """Read the rows',
            '    from the database."""',
            "    y = (yield",
            "         from g())",
            "    from . a.b import c",
            "    from..\\",
            "  x import d",
            "",
        ]
    )
    assert quick_scan(text) == (
        [spot(text, "from", (6, 5), (6, 24)), spot(text, "from", (7, 5), (8, 13))],
        [],
    )
    assert scan(text) == quick_scan(text)


def test_quick_scan_reports_imports_and_calls_inside_strings_that_scan_does_not() -> None:
    text = "\n".join(
        [
            'doc = """',
            "import x",
            '"""',
            "s = 'a; import_module(\"b\")'  # __import__('c')",
            "import a",
            "",
        ]
    )
    assert quick_scan(text) == (
        [
            spot(text, "import", (2, 1), (2, 9)),
            spot(text, "import", (5, 1), (5, 9)),
        ],
        [
            spot(text, "import_module", (4, 9), (4, 22)),
            spot(text, "__import__", (4, 32), (4, 42)),
        ],
    )
    assert scan(text) == ([spot(text, "import", (5, 1), (5, 9))], [])


@pytest.mark.parametrize(
    "scanner",
    [
        scan,
        quick_scan,
    ],
    ids=["scan", "quick_scan"],
)
def test_comment_inside_brackets_with_cr_line_endings(scanner: Scanner) -> None:
    text = "from a import (b,  # note\r    c)\rimport d\r"
    # Offsets: "from a import (b,  # note" is 0-24, "\r" 25, "    c)" 26-31, "\r" 32,
    # "import d" 33-40.
    assert scanner(text) == ([Spot("from", 0, 32), Spot("import", 33, 41)], [])


@pytest.mark.parametrize(
    "scanner",
    [
        scan,
        quick_scan,
    ],
    ids=["scan", "quick_scan"],
)
def test_backslash_crlf_continues_a_single_quoted_string(scanner: Scanner) -> None:
    text = "x = 'a\\\r\n(b'\r\nimport c\r\n"
    # Offsets: "x = 'a" is 0-5, the backslash 6, "\r\n" 7-8, "(b'" 9-11, "\r\n" 12-13.
    assert scanner(text) == ([Spot("import", 14, 22)], [])


def test_line_index_counts_every_kind_of_line_ending() -> None:
    text = "ab\ncd\r\nef\rg"
    lines = LineIndex(text)
    assert [lines.position(offset) for offset in range(len(text) + 1)] == [
        (1, 1),
        (1, 2),
        (1, 3),  # "\n"
        (2, 1),
        (2, 2),
        (2, 3),  # "\r" of "\r\n"
        (2, 4),  # "\n" of "\r\n"
        (3, 1),
        (3, 2),
        (3, 3),  # "\r"
        (4, 1),
        (4, 2),  # the end of the text
    ]


def test_line_index_columns_count_code_points() -> None:
    lines = LineIndex("ñé = 1\n\U0001f600x\n")
    assert lines.position(4) == (1, 5)
    assert lines.position(7) == (2, 1)
    assert lines.position(8) == (2, 2)


def test_line_index_of_empty_text() -> None:
    assert LineIndex("").position(0) == (1, 1)
