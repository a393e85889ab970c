"""Which statements the skeleton leaves out, and what stands in their place."""

from __future__ import annotations

import textwrap

import libcst as cst

from fitness.model import NO_BANS, UNMEASURED, Bans, ParseFailure
from fitness.parsing.extract import extract, skeleton_only
from fitness.parsing.skeleton import Skeleton, import_statements, keep_words, skeleton


def _skeleton(code: str, bans: Bans = NO_BANS) -> Skeleton | None:
    text = textwrap.dedent(code)
    words = keep_words(text, bans.roots, bans.builtins, import_statements(text))
    assert words is not None
    return skeleton(text, words, bans.measures)


def _text(code: str, bans: Bans = NO_BANS) -> str:
    shown = _skeleton(code, bans)
    assert shown is not None
    cst.parse_module(shown.text)  # what libcst is given parses
    assert shown.text.count("\n") == textwrap.dedent(code).count("\n")  # line for line
    return shown.text


def test_a_function_body_becomes_pass_and_the_lines_left_out_continue_a_blank_line() -> None:
    code = """\
        import os

        def f(x):
            y = [
                x,
            ]
            return y
        """
    # A blank line costs libcst a node; backslashes make the run one blank logical line.
    assert _skeleton(code) == Skeleton("import os\n\ndef f():\n    pass\n\\\n\\\n\n", 2, 3)
    # Without a rule that reads functions, the definition goes too.
    assert _skeleton(code, UNMEASURED) == Skeleton("import os\n" + "\\\n" * 5 + "\n", 2, 5)


def test_a_statement_with_an_import_or_a_dynamic_import_is_kept() -> None:
    assert _skeleton("def f():\n    import os\n") is None
    assert _skeleton("def f():\n    return __import__('os')\n") is None
    shown = _skeleton(
        "from importlib import import_module as load\ndef f():\n    return load('m')\n"
    )
    assert shown is None
    assert _text("def f(a,\n      b):\n    x = 1\n    import os\n", UNMEASURED) == (
        "def f():\n\\\n\n    import os\n"
    )


def test_a_class_keeps_its_methods_headers_and_decorators_and_loses_the_rest() -> None:
    code = """\
        class A(B, metaclass=M):
            x = 1

            @abstractmethod
            def f(self, a,
                  b=2) -> int:
                return 1

            async def g(self):
                class C:
                    pass
        """
    assert _text(code) == (
        "class A(B, metaclass=M):\n\\\n\n    @abstractmethod\n    def f():\n\n"
        "        pass\n\n    async def g():\n        pass\n\n"
    )
    assert _text(code, UNMEASURED) == "\\\n" * 10 + "\n"


def test_strings_comments_and_continuations_do_not_end_a_statement() -> None:
    assert _text(
        'def f():\n    s = """\nnot code:\nx = 1\n"""\n    # a comment at any indentation:\n'
        "    t = 1 + \\\n2\n    return f'{s!r:>{t}}'\nz = 2\n"
    ) == ("def f():\n    pass\n" + "\\\n" * 6 + "\nz = 2\n")


def test_the_cases_of_a_match_that_hold_nothing_are_left_out() -> None:
    assert _text(
        "def f(x):\n    import os\n    match x:\n        case 1:\n            return 2\n"
        "        case 2:\n            import re\n"
    ) == ("def f():\n    import os\n    match x:\n\\\n\n        case 2:\n            import re\n")
    # A match kept for its own sake keeps its first case.
    assert _text("match import_y:\n    case 3:\n        f()\n    case 4:\n        g()\n") == (
        "match import_y:\n    case 3:\n        pass\n\\\n\n"
    )


def test_a_try_keeps_its_handlers_whose_types_say_whether_an_import_is_guarded() -> None:
    code = "try:\n    import a\nexcept ImportError:\n    log()\nelse:\n    x()\nfinally:\n    y()\n"
    assert _text(code, UNMEASURED) == (
        "try:\n    import a\nexcept ImportError:\n    pass\n\\\n\nfinally:\n    pass\n"
    )


def test_module_level_bindings_are_kept_as_short_as_class_facts_allow() -> None:
    code = """\
        \"\"\"A module.\"\"\"
        TABLE = {
            "a": 1,
        }
        router = APIRouter(
            prefix="/x",
        )
        X = (f())
        N: Dict[str, int] = {}
        warn("loaded")
        """
    # `router` is an instance of APIRouter (`@router.get` resolves through it): the call
    # stays, its arguments go; a display becomes 0; a parenthesized value may be a call.
    # A statement at the top of the module stays, so a syntax error there is reported.
    shorter = (
        '"""A module."""\nTABLE = 0\n\\\n\nrouter = APIRouter()\n\\\n\nX = (f())\n'
        'N: Dict[str, int] = {}\nwarn("loaded")\n'
    )
    assert _text(code) == shorter
    assert _text(code, UNMEASURED) == shorter
    inner = "if x:\n    TABLE = [\n    ]\n    warn()\n"
    assert _text(inner) == "if x:\n    TABLE = 0\n\\\n\n"
    assert _text(inner, UNMEASURED) == "\\\n" * 3 + "\n"


def test_what_a_ban_follows_keeps_a_statement() -> None:
    bans = Bans(frozenset({"pickle"}), frozenset({"eval"}))
    code = (
        "import pickle as p\ndef f():\n    x = 1\n    return p.loads(b'')\ndef g():\n    return 1\n"
    )
    assert _text(code, bans) == (
        "import pickle as p\ndef f():\n\n    return p.loads(b'')\ndef g():\n    pass\n"
    )
    assert _skeleton("def f():\n    return eval('1')\n", bans) is None
    text = "from pickle import *\ndef f():\n    return 1\n"
    assert keep_words(text, bans.roots, bans.builtins, import_statements(text)) is None


def test_a_statement_rebinding_type_checking_is_kept() -> None:
    code = "from typing import TYPE_CHECKING\ndef f():\n    global TYPE_CHECKING\n"
    assert _skeleton(code + "    TYPE_CHECKING = True\n") is None


def test_a_syntax_error_in_a_statement_left_out_goes_unreported() -> None:
    source = b"import os\ndef f():\n    x = = 1\n"
    assert extract(source).failure is None
    assert extract(source, skeleton=False).failure == ParseFailure(
        "syntax error: unexpected '='", 3, 9
    )
    # An unmatched bracket is found by the scan itself: the file is parsed whole.
    unmatched = b"import os\ndef f():\n    return )\n"
    assert extract(unmatched).failure == ParseFailure("syntax error: unmatched ')'", 3, 12)
    assert skeleton_only(b"import os\n") is None


def test_a_non_ascii_letter_keeps_a_statement_in_code_not_in_a_string() -> None:
    assert _text("def f():\n    return 'café'\n") == "def f():\n    pass\n"
    assert _skeleton("def f():\n    return \uff50ickle\n") is None  # NFKC: pickle


def test_what_cannot_be_placed_for_sure_is_parsed_whole() -> None:
    assert _skeleton("def f():\n\treturn 1\n") is None  # a tab
    assert _skeleton("def f():\r\n    return 1\r\n") is None  # carriage returns
    assert _skeleton("def f():\n    return (1\n") is None  # an unclosed bracket
    assert _skeleton("def f():\n    return '''1\n") is None  # an unclosed string
    assert _skeleton("if x:\n    a = 1\n  b = 2\n") is None  # a dedent to no body
    assert _skeleton("def f():\n# only a comment\n") is None  # a header without a body
    assert _skeleton("@d\nx = 1\n") is None  # a decorator without a definition
    assert extract(b"if x:\n    a\n  b\n").failure == ParseFailure(
        "syntax error: unindent does not match any outer indentation level", 3, 4
    )


def test_the_facts_of_a_skeleton_are_those_of_the_whole_text() -> None:
    source = textwrap.dedent(
        """\
        from __future__ import annotations
        import typing
        router = R()

        class A:
            y = 2

            @router.get("/")
            async def f(self):
                import os
                return os
        if typing.TYPE_CHECKING:
            from app import models
        """
    ).encode()
    for bans in (NO_BANS, UNMEASURED):
        assert skeleton_only(source, bans) == extract(source, bans, skeleton=False)
        assert extract(source, bans) == extract(source, bans, skeleton=False)
    facts = extract(source)
    assert [(raw.module, raw.line, raw.local, raw.type_checking) for raw in facts.imports] == [
        ("__future__", 1, False, False),
        ("typing", 2, False, False),
        ("os", 10, True, False),
        ("app", 13, False, True),
    ]
    assert [(f.name, f.line, f.decorators, f.is_async) for f in facts.functions] == [
        ("A.f", 9, ("R.get",), True)
    ]
    assert extract(source, UNMEASURED).functions == ()


def test_a_decorator_whose_later_line_names_a_ban_keeps_what_it_decorates() -> None:
    bans = Bans(frozenset({"os"}), frozenset(), measures=False)
    code = (
        "import os\nclass T:\n    @skip(\n        os.link\n    )\n    def f(self):\n        g()\n"
    )
    assert _text(code, bans) == (
        "import os\nclass T:\n    @skip(\n        os.link\n    )\n    def f():\n        pass\n"
    )


def test_a_one_line_compound_statement_stays_for_the_clause_kept_after_it() -> None:
    code = "def f(x):\n    if x: return 1\n    else:\n        import os\n"
    assert _text(code, UNMEASURED) == code.replace("def f(x):", "def f():")


def test_more_indentation_levels_than_cpython_allows_is_parsed_whole() -> None:
    def nested(levels: int) -> str:
        headers = "".join(" " * level + "if x:\n" for level in range(levels))
        return "def g():\n    return 1\n" + headers + " " * levels + "import os\n"

    assert _text(nested(99)) == nested(99).replace("    return 1", "    pass")
    assert _skeleton(nested(100)) is None  # CPython: "too many levels of indentation"


def test_many_names_from_a_banned_module_are_found_in_one_pass_the_same() -> None:
    bans = Bans(frozenset({"pickle"}), frozenset(), measures=False)
    for count in (3, 40):  # below and above the count where one pass replaces a search each
        names = [f"n{index}" for index in range(count)]
        code = (
            f"from pickle import {', '.join(names)}\n"
            f"def f():\n    return {names[-1]}(1)\n"
            "def g():\n    return 2\n"
        )
        assert _text(code, bans) == (
            f"from pickle import {', '.join(names)}\ndef f():\n    return {names[-1]}(1)\n\\\n\n"
        )
