from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import libcst as cst
import pytest

from fitness.model import FileFacts, ParseFailure, RawImport
from fitness.parsing import extract as extract_module
from fitness.parsing import positions
from fitness.parsing.dynamic import dynamic_calls
from fitness.parsing.extract import extract
from fitness.parsing.textscan import quick_scan, scan


def source(text: str) -> bytes:
    """Dedented UTF-8 source without the leading newline of a triple-quoted literal."""
    return textwrap.dedent(text).lstrip("\n").encode("utf-8")


def imports_of(data: bytes) -> list[RawImport]:
    facts = extract(data)
    assert facts.failure is None
    return list(facts.imports)


def static(
    module: str,
    level: int,
    names: tuple[str, ...],
    span: tuple[int, int, int, int],
    *,
    local: bool = False,
    type_checking: bool = False,
    guarded: bool = False,
) -> RawImport:
    return RawImport(module, level, names, *span, local, type_checking, False, guarded)


def dynamic(
    module: str,
    level: int,
    span: tuple[int, int, int, int],
    *,
    local: bool = False,
    type_checking: bool = False,
) -> RawImport:
    return RawImport(module, level, (), *span, local, type_checking, True)


# --- the shapes of import statements ---------------------------------------------------------


def test_import_dotted_name() -> None:
    assert extract(b"import a.b.c\n") == FileFacts(
        (RawImport("a.b.c", 0, (), 1, 1, 1, 13, False, False, False),), None, lines=1
    )


def test_records_are_raw_imports() -> None:
    [found] = extract(b"import a\n").imports
    assert type(found) is RawImport


def test_import_two_names_gives_two_imports_with_the_same_span() -> None:
    assert imports_of(b"import a, b as c\n") == [
        RawImport("a", 0, (), 1, 1, 1, 17, False, False, False),
        RawImport("b", 0, (), 1, 1, 1, 17, False, False, False),
    ]


def test_from_dot_import_name() -> None:
    assert imports_of(b"from . import x\n") == [
        RawImport("", 1, ("x",), 1, 1, 1, 16, False, False, False)
    ]


def test_multi_line_relative_from_import() -> None:
    assert imports_of(b"from ..pkg.mod import (x,\n    y)\n") == [
        RawImport("pkg.mod", 2, ("x", "y"), 1, 1, 2, 7, False, False, False)
    ]


def test_parenthesized_import_with_trailing_comma_and_comments() -> None:
    data = source(
        """
        from a import (  # first
            b as c,
            d,  # last
        )  # done
        """
    )
    assert imports_of(data) == [static("a", 0, ("b", "d"), (1, 1, 4, 2))]


def test_star_import() -> None:
    assert imports_of(b"from .a import *\n") == [
        RawImport("a", 1, ("*",), 1, 1, 1, 17, False, False, False)
    ]


def test_imports_after_semicolons() -> None:
    assert imports_of(b"x = 1; import a; from b import c\n") == [
        static("a", 0, (), (1, 8, 1, 16)),
        static("b", 0, ("c",), (1, 18, 1, 33)),
    ]


def test_import_in_a_one_line_if() -> None:
    assert imports_of(b"if x: import y\n") == [static("y", 0, (), (1, 7, 1, 15))]


def test_backslash_continuations() -> None:
    assert imports_of(b"from a \\\n    import b\nimport c, \\\n    d\n") == [
        static("a", 0, ("b",), (1, 1, 2, 13)),
        static("c", 0, (), (3, 1, 4, 6)),
        static("d", 0, (), (3, 1, 4, 6)),
    ]


def test_last_statement_without_a_newline() -> None:
    assert imports_of(b"import a\nimport b") == [
        static("a", 0, (), (1, 1, 1, 9)),
        static("b", 0, (), (2, 1, 2, 9)),
    ]


def test_last_statement_with_trailing_blanks_and_no_newline() -> None:
    assert imports_of(b"import os \t") == [static("os", 0, (), (1, 1, 1, 10))]


def test_comment_inside_a_parenthesized_import_with_cr_line_endings() -> None:
    assert imports_of(b"from a import (b,  # note\r    c)\rimport d\r") == [
        static("a", 0, ("b", "c"), (1, 1, 2, 7)),
        static("d", 0, (), (3, 1, 3, 9)),
    ]


# --- where imports sit: functions, classes, TYPE_CHECKING, compound statements ----------------


def test_functions_make_imports_local_and_classes_do_not() -> None:
    data = source(
        """
        import top
        def f():
            import a
            class Inner:
                import b
        class C:
            import c
            def m(self):
                import d
                def inner():
                    from e import g
        async def h():
            import i
        """
    )
    assert imports_of(data) == [
        static("top", 0, (), (1, 1, 1, 11)),
        static("a", 0, (), (3, 5, 3, 13), local=True),
        static("b", 0, (), (5, 9, 5, 17), local=True),
        static("c", 0, (), (7, 5, 7, 13)),
        static("d", 0, (), (9, 9, 9, 17), local=True),
        static("e", 0, ("g",), (11, 13, 11, 28), local=True),
        static("i", 0, (), (13, 5, 13, 13), local=True),
    ]


def test_type_checking_blocks() -> None:
    data = source(
        """
        from typing import TYPE_CHECKING
        import typing
        if TYPE_CHECKING:
            import a
        else:
            import b
        if typing.TYPE_CHECKING:
            from c import d
        elif x:
            import e
        elif TYPE_CHECKING:
            import f
        else:
            import g
        def h():
            if TYPE_CHECKING:
                import i
        if not TYPE_CHECKING:
            import j
        if TYPE_CHECKING:
            if x:
                import k
            try:
                import m
            except ImportError:
                pass
        """
    )
    assert imports_of(data) == [
        static("typing", 0, ("TYPE_CHECKING",), (1, 1, 1, 33)),
        static("typing", 0, (), (2, 1, 2, 14)),
        static("a", 0, (), (4, 5, 4, 13), type_checking=True),
        static("b", 0, (), (6, 5, 6, 13)),
        static("c", 0, ("d",), (8, 5, 8, 20), type_checking=True),
        static("e", 0, (), (10, 5, 10, 13)),
        static("f", 0, (), (12, 5, 12, 13), type_checking=True),
        static("g", 0, (), (14, 5, 14, 13)),
        static("i", 0, (), (17, 9, 17, 17), local=True, type_checking=True),
        static("j", 0, (), (19, 5, 19, 13)),
        static("k", 0, (), (22, 9, 22, 17), type_checking=True),
        static("m", 0, (), (24, 9, 24, 17), type_checking=True, guarded=True),
    ]


def test_try_except_else_finally() -> None:
    data = source(
        """
        try:
            import ujson as json
        except ImportError:
            import json
        else:
            import x
        finally:
            import y
        """
    )
    assert imports_of(data) == [
        static("ujson", 0, (), (2, 5, 2, 25), guarded=True),
        static("json", 0, (), (4, 5, 4, 16)),
        static("x", 0, (), (6, 5, 6, 13)),
        static("y", 0, (), (8, 5, 8, 13)),
    ]


def test_try_except_star() -> None:
    data = b"try:\n    import a\nexcept* ImportError:\n    import b\n"
    assert imports_of(data) == [
        static("a", 0, (), (2, 5, 2, 13), guarded=True),
        static("b", 0, (), (4, 5, 4, 13)),
    ]


@pytest.mark.parametrize(
    ("handler", "guarded"),
    [
        ("except ImportError:", True),
        ("except ModuleNotFoundError:", True),
        ("except (ValueError, ImportError):", True),
        ("except builtins.ImportError:", True),
        ("except Exception:", True),
        ("except:", True),
        ("except ValueError:", False),
    ],
)
def test_an_import_in_a_try_is_guarded_when_a_handler_catches_import_error(
    handler: str, guarded: bool
) -> None:
    data = f"try:\n    import a\n    def f():\n        import b\n{handler}\n    pass\n".encode()
    assert imports_of(data) == [
        static("a", 0, (), (2, 5, 2, 13), guarded=guarded),
        static("b", 0, (), (4, 9, 4, 17), local=True, guarded=guarded),
    ]


def test_with_for_while_match_bodies() -> None:
    # `match` is Python 3.10 grammar; libcst parses it whatever the running interpreter.
    data = source(
        """
        with ctx():
            import a
        for x in y:
            import b
        else:
            import c
        while z:
            import d
        else:
            import e
        match v:
            case 1:
                import f
            case _:
                import g
        async def h():
            async with ctx():
                import i
            async for q in r:
                import j
        """
    )
    assert imports_of(data) == [
        static("a", 0, (), (2, 5, 2, 13)),
        static("b", 0, (), (4, 5, 4, 13)),
        static("c", 0, (), (6, 5, 6, 13)),
        static("d", 0, (), (8, 5, 8, 13)),
        static("e", 0, (), (10, 5, 10, 13)),
        static("f", 0, (), (13, 9, 13, 17)),
        static("g", 0, (), (15, 9, 15, 17)),
        static("i", 0, (), (18, 9, 18, 17), local=True),
        static("j", 0, (), (20, 9, 20, 17), local=True),
    ]


# --- text that looks like an import but is not ------------------------------------------------


def test_docstrings_hide_imports_and_do_not_shift_positions() -> None:
    data = source(
        '''
        """Module doc.

        import os
        from x import y
        """
        import a


        def f():
            \'\'\'
            import b
            \'\'\'
            import c
        '''
    )
    assert imports_of(data) == [
        static("a", 0, (), (6, 1, 6, 9)),
        static("c", 0, (), (13, 5, 13, 13), local=True),
    ]


def test_a_string_holding_an_import() -> None:
    assert imports_of(b's = "from x import y"; import a\n') == [static("a", 0, (), (1, 24, 1, 32))]


def test_comments() -> None:
    assert imports_of(b"# import os\nimport a  # from b import c\n") == [
        static("a", 0, (), (2, 1, 2, 9))
    ]


def test_raise_from_and_yield_from_are_not_imports() -> None:
    data = source(
        """
        def g():
            yield from h()
        try:
            pass
        except E as exc:
            raise F from exc
        import a
        """
    )
    assert imports_of(data) == [static("a", 0, (), (7, 1, 7, 9))]


# --- line endings, tabs, encodings, columns ---------------------------------------------------


def test_crlf_line_endings() -> None:
    assert imports_of(b"import a\r\nif x:\r\n    import b\r\n") == [
        static("a", 0, (), (1, 1, 1, 9)),
        static("b", 0, (), (3, 5, 3, 13)),
    ]


def test_lone_cr_line_endings() -> None:
    assert imports_of(b"x = 1\rimport a\rif x:\r    import b\r") == [
        static("a", 0, (), (2, 1, 2, 9)),
        static("b", 0, (), (4, 5, 4, 13)),
    ]


def test_mixed_line_endings() -> None:
    assert imports_of(b"import a\r\nimport b\rimport c\nimport d\n") == [
        static("a", 0, (), (1, 1, 1, 9)),
        static("b", 0, (), (2, 1, 2, 9)),
        static("c", 0, (), (3, 1, 3, 9)),
        static("d", 0, (), (4, 1, 4, 9)),
    ]


def test_tabs_count_as_one_column() -> None:
    assert imports_of(b"if x:\n\timport a\nimport\tb\n") == [
        static("a", 0, (), (2, 2, 2, 10)),
        static("b", 0, (), (3, 1, 3, 9)),
    ]


def test_utf8_bom() -> None:
    assert imports_of(b"\xef\xbb\xbfimport a\n") == [static("a", 0, (), (1, 1, 1, 9))]


def test_latin_1_coding_cookie() -> None:
    data = b"# -*- coding: latin-1 -*-\ns = '\xe9'; import b\nimport a\n"
    # In Latin-1, 0xe9 is one code point (e-acute), so `import b` starts at column 10.
    assert imports_of(data) == [
        static("b", 0, (), (2, 10, 2, 18)),
        static("a", 0, (), (3, 1, 3, 9)),
    ]


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("\u00f1 = 1; import os\n", 8),  # a precomposed n-tilde is one code point
        ("n\u0303 = 1; import os\n", 9),  # n and a combining tilde are two
        ('s = "\U0001f600"; import os\n', 10),  # one code point, two UTF-16 units, four bytes
    ],
    ids=["precomposed", "combining", "astral"],
)
def test_columns_count_code_points(text: str, column: int) -> None:
    assert imports_of(text.encode("utf-8")) == [static("os", 0, (), (1, column, 1, column + 9))]


# --- dynamic imports --------------------------------------------------------------------------


def test_dynamic_imports() -> None:
    data = source(
        """
        import importlib
        from importlib import import_module
        m = importlib.import_module("a.b")
        n = import_module('a')
        o = __import__("x.y")
        p = import_module(name)
        q = import_module(".rel", package=__package__)
        r = import_module(f"{name}.x")
        """
    )
    # Statements come first, then the calls, each group in source order.
    assert imports_of(data) == [
        static("importlib", 0, (), (1, 1, 1, 17)),
        static("importlib", 0, ("import_module",), (2, 1, 2, 36)),
        dynamic("a.b", 0, (3, 15, 3, 28)),
        dynamic("a", 0, (4, 5, 4, 18)),
        dynamic("x.y", 0, (5, 5, 5, 15)),
        dynamic("rel", 1, (7, 5, 7, 18)),
    ]


def test_dynamic_import_arguments() -> None:
    data = source(
        """
        import_module("a", package=__package__)
        import_module("..up", package=__package__)
        import_module(".rel")
        import_module(b"bytes")
        import_module("a" if x else "b")
        import_module()
        """
    )
    assert imports_of(data) == [
        dynamic("a", 0, (1, 1, 1, 14)),
        dynamic("up", 2, (2, 1, 2, 14)),
    ]


def test_dynamic_imports_in_functions_and_type_checking_blocks() -> None:
    data = source(
        """
        def f():
            return importlib.import_module("a")
        if typing.TYPE_CHECKING:
            b = __import__("b")
        g = lambda: import_module("c")
        class C:
            d = import_module("d")
        """
    )
    assert imports_of(data) == [
        dynamic("a", 0, (2, 22, 2, 35), local=True),
        dynamic("b", 0, (4, 9, 4, 19), type_checking=False),  # `typing` is not imported
        dynamic("c", 0, (5, 13, 5, 26), local=True),
        dynamic("d", 0, (7, 9, 7, 22)),
    ]


def test_literal_dynamic_imports_with_other_argument_spellings() -> None:
    data = source(
        """
        import_module(name="a.b")
        import_module(".c", __package__)
        """
    )
    assert imports_of(data) == [
        dynamic("a.b", 0, (1, 1, 1, 14)),
        dynamic("c", 1, (2, 1, 2, 14)),
    ]


@pytest.mark.parametrize(
    "definition",
    ["def import_module(name):", "def  import_module(name):", "async def import_module(name):"],
    ids=["def", "two-spaces", "async"],
)
def test_defining_import_module_is_not_a_call(definition: str) -> None:
    data = f"{definition}\n    return __import__(name)\nimport_module('a')\n".encode()
    assert imports_of(data) == [dynamic("a", 0, (3, 1, 3, 14))]


@pytest.mark.parametrize("other", ["ujson", "json"], ids=["different", "same"])
def test_dynamic_imports_in_type_checking_else_keep_their_positions(other: str) -> None:
    data = source(
        f"""
        if typing.TYPE_CHECKING:
            json = importlib.import_module("json")
        elif fast:
            json = importlib.import_module("{other}")
        else:
            json = importlib.import_module("{other}")
        """
    )
    assert imports_of(data) == [
        dynamic("json", 0, (2, 22, 2, 35)),  # `typing` is not imported: not the marker
        dynamic(other, 0, (4, 22, 4, 35)),
        dynamic(other, 0, (6, 22, 6, 35)),
    ]


def test_calls_evaluated_when_a_function_is_defined_are_not_local() -> None:
    data = source(
        """
        @register(import_module("a"))
        def f(x=import_module("b")) -> None:
            return import_module("c")
        g = lambda y=import_module("d"): y
        """
    )
    # Sorted: the order of the calls is not what this test is about.
    assert sorted(imports_of(data)) == [
        dynamic("a", 0, (1, 11, 1, 24)),
        dynamic("b", 0, (2, 9, 2, 22)),
        dynamic("c", 0, (3, 12, 3, 25), local=True),
        dynamic("d", 0, (4, 14, 4, 27)),
    ]


def test_the_same_call_in_a_decorator_and_in_the_body_keeps_each_its_flag() -> None:
    data = source(
        """
        @reg(import_module("x"))
        def f():
            return import_module("x")
        @reg(import_module("y"))
        class C:
            def m(self):
                return import_module("y")
        """
    )
    assert sorted(imports_of(data)) == [
        dynamic("x", 0, (1, 6, 1, 19)),
        dynamic("x", 0, (3, 12, 3, 25), local=True),
        dynamic("y", 0, (4, 6, 4, 19)),
        dynamic("y", 0, (7, 16, 7, 29), local=True),
    ]


@pytest.mark.parametrize(
    ("text", "outside", "inside"),
    [
        (
            'def f() -> import_module("x"):\n    return import_module("x")\n',
            (1, 12, 1, 25),
            (2, 12, 2, 25),
        ),
        (
            'y = (lambda: import_module("x")) if import_module("x") else 0\n',
            (1, 37, 1, 50),
            (1, 14, 1, 27),
        ),
        (
            'try:\n    pass\nexcept import_module("x").E:\n    def g(): import_module("x")\n',
            (3, 8, 3, 21),
            (4, 14, 4, 27),
        ),
        (
            'match v:\n    case 1 if import_module("x"):\n        def g(): import_module("x")\n',
            (2, 15, 2, 28),
            (3, 18, 3, 31),
        ),
    ],
    ids=["return-annotation", "conditional-expression", "except-clause", "case-guard"],
)
def test_calls_written_before_a_function_body_but_walked_after_it_keep_their_flags(
    text: str, outside: tuple[int, int, int, int], inside: tuple[int, int, int, int]
) -> None:
    assert sorted(imports_of(text.encode())) == sorted(
        [dynamic("x", 0, outside), dynamic("x", 0, inside, local=True)]
    )


def test_calls_in_star_parameter_annotations_are_found() -> None:
    data = source(
        """
        def f(*args: import_module("a"), **kwargs: import_module("b")) -> None:
            pass
        def g(*, key: import_module("c")) -> None:
            pass
        """
    )
    assert imports_of(data) == [
        dynamic("a", 0, (1, 14, 1, 27)),
        dynamic("b", 0, (1, 44, 1, 57)),
        dynamic("c", 0, (3, 15, 3, 28)),
    ]


@pytest.mark.parametrize(
    "call",
    [
        'import_module(*args, "x")',
        'import_module(*args, name="x")',
        '__import__(*["x"])',
        'import_module(".x", *rest)',
        "import_module(**options)",
    ],
)
def test_a_starred_argument_hides_the_module_name(call: str) -> None:
    assert imports_of(f"import os\n{call}\n".encode()) == [static("os", 0, (), (1, 1, 1, 10))]


def test_a_starred_argument_after_the_module_name_leaves_it_known() -> None:
    assert imports_of(b'import_module("x", *rest)\n__import__("y", **options)\n') == [
        dynamic("x", 0, (1, 1, 1, 14)),
        dynamic("y", 0, (2, 1, 2, 11)),
    ]


# --- files that cannot be read, and files with nothing in them --------------------------------


@pytest.mark.parametrize(
    ("data", "lines"),
    [(b"", 0), (b"# just a comment\n", 0), (b"\n\n   \n", 0), (b"'''doc'''\n", 1)],
)
def test_files_without_imports(data: bytes, lines: int) -> None:
    assert extract(data) == FileFacts((), None, lines=lines)


# Syntax errors: tests/parsing/test_syntax_error.py.


def test_undecodable_byte_after_the_second_line() -> None:
    assert extract(b"a = 1\nb = 2\nx = '\xff'\n") == FileFacts(
        (), ParseFailure("cannot decode as utf-8: invalid start byte (byte 0xff)", 3, 6)
    )


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"x = '\xff'\n", 1, 6),
        (b"# comment\nx = '\xff'\n", 2, 6),
        (b"a = 1\rb = 2\rx = '\xff'\r", 3, 6),
        (b"a = 1\nb = 2\nx = '\xc3\xb1\xff'\n", 3, 7),
    ],
    ids=["first-line", "second-line", "cr-line-endings", "column-in-code-points"],
)
def test_undecodable_byte_is_placed_exactly(data: bytes, line: int, column: int) -> None:
    assert extract(data) == FileFacts(
        (), ParseFailure("cannot decode as utf-8: invalid start byte (byte 0xff)", line, column)
    )


def test_unknown_coding_cookie() -> None:
    assert extract(b"# coding: nope\nimport a\n") == FileFacts(
        (), ParseFailure("unknown encoding 'nope' in the coding declaration", 1, 1)
    )


def test_bytes_and_a_string_written_together_are_a_syntax_error_not_a_crash() -> None:
    assert extract(b"import a\nx = b'import a' ''\n") == FileFacts(
        (), ParseFailure("syntax error: cannot mix bytes and nonbytes literals", 1, 1)
    )


def test_a_long_expression_in_a_file_the_text_scan_misreads() -> None:
    # `import a . b` (spaces around the dot) makes the fast path give up.
    data = ("x = 1" + " + 1" * 2000 + "\nimport a . b\n").encode()
    try:
        facts: FileFacts | None = extract(data)
    except RecursionError:  # caught here: pytest takes seconds to show so deep a traceback
        facts = None
    assert facts == FileFacts((static("a.b", 0, (), (2, 1, 2, 13)),), None, lines=2)


def test_deeply_nested_brackets_are_a_parse_failure_not_a_crash() -> None:
    program = (
        "from fitness.parsing.extract import extract\n"
        "print(extract(b'x = ' + b'(' * 20000 + b'1' + b')' * 20000 + b'\\n'))\n"
    )
    project = Path(extract_module.__file__).parents[2]
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=project, capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stdout) == (
        0,
        repr(FileFacts((), ParseFailure("syntax error: too many nested parentheses", 1, 205)))
        + "\n",
    )


def test_pep_701_f_strings_do_not_displace_imports() -> None:
    data = b'x = f"{"; import a"}" + f"{"("}"\nimport a\n'
    assert imports_of(data) == [static("a", 0, (), (2, 1, 2, 9))]


# --- the fast text positions agree with libcst's own ------------------------------------------

_STDLIB = Path(os.__file__).parent


def _stdlib_sample() -> list[Path]:
    """About 40 standard-library modules, the same ones on every run of one interpreter."""
    files = sorted(
        path
        for path in _STDLIB.rglob("*.py")
        if not {"site-packages", "dist-packages"} & set(path.relative_to(_STDLIB).parts)
    )
    return files[:: max(len(files) // 40, 1)]


@pytest.mark.parametrize(
    "path", _stdlib_sample(), ids=lambda path: path.relative_to(_STDLIB).as_posix()
)
def test_text_positions_agree_with_libcst_positions(path: Path) -> None:
    text = extract_module.decode(path.read_bytes())
    try:
        module = cst.parse_module(text)
    except (cst.ParserSyntaxError, RecursionError):
        pytest.skip("libcst cannot parse this file")
    found = list(extract_module.statement_imports(module))
    calls = list(dynamic_calls(module))
    try:
        exact = positions.exact_positions(module, found, calls)
    except RecursionError:
        pytest.skip("too deep for libcst's PositionProvider")
    from_text = [
        positions._from_text(text, found, statements, calls, call_spots)
        for statements, call_spots in (quick_scan(text), scan(text))
    ]
    # The quick scan may give up (the full scan then runs); whatever a scan answers is exact.
    assert [exact if answer is None else answer for answer in from_text] == [exact, exact]
    assert from_text != [None, None], "the text positions were not used at all"
    assert positions.positioned(module, text, found, calls) == exact


def test_dynamic_imports_are_placed_from_the_text_however_the_argument_is_spelled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found in the text, without falling back on libcst's costly position metadata."""
    monkeypatch.setattr("fitness.parsing.positions.exact_positions", _no_fallback)
    data = source(
        """
        m = import_module(
            'matplotlib', min_module_version='1.1.0')
        n = import_module(  # the plotting backend
            "numpy")
        o = import_module (r'os.path')
        p = import_module('''json''')
        q = import_module(name="a.b")
        r = import_module(u'pkg')
        """
    )
    assert imports_of(data) == [
        dynamic("matplotlib", 0, (1, 5, 1, 18)),
        dynamic("numpy", 0, (3, 5, 3, 18)),
        dynamic("os.path", 0, (5, 5, 5, 18)),
        dynamic("json", 0, (6, 5, 6, 18)),
        dynamic("a.b", 0, (7, 5, 7, 18)),
        dynamic("pkg", 0, (8, 5, 8, 18)),
    ]


def test_computed_dynamic_imports_leave_the_literal_ones_their_places(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("fitness.parsing.positions.exact_positions", _no_fallback)
    data = source(
        """
        a = import_module("%s.base" % backend)
        b = import_module("x" + suffix)
        c = import_module(".".join(parts))
        d = import_module("x")
        """
    )
    assert imports_of(data) == [dynamic("x", 0, (4, 5, 4, 18))]


def _no_fallback(*args: object) -> None:
    raise AssertionError("fell back on PositionProvider")


def test_the_garbage_collector_is_paused_while_a_tree_exists_and_restored_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []
    parse = extract_module.parse_module

    def recording_parse(text: str) -> cst.Module:
        seen.append(gc.isenabled())
        return parse(text)

    monkeypatch.setattr(extract_module, "parse_module", recording_parse)
    assert gc.isenabled()
    assert imports_of(b"import a\n") == [static("a", 0, (), (1, 1, 1, 9))]
    assert gc.isenabled()
    assert extract(b"def (:\n") == FileFacts(
        (), ParseFailure("syntax error: unexpected '(', expected a name", 1, 5)
    )
    assert gc.isenabled()
    gc.disable()
    try:
        assert imports_of(b"from b import c\n") == [static("b", 0, ("c",), (1, 1, 1, 16))]
        assert not gc.isenabled(), "a collector the caller paused stays paused"
    finally:
        gc.enable()
    assert seen == [False, False, False]
