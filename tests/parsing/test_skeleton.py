"""Which bodies the skeleton leaves out, and what stands in their place."""

from __future__ import annotations

import textwrap

from fitness.model import NO_BANS, Bans, ParseFailure
from fitness.parsing.extract import extract, skeleton_only
from fitness.parsing.skeleton import Skeleton, import_statements, keep_words, skeleton


def _skeleton(code: str, bans: Bans = NO_BANS) -> Skeleton | None:
    text = textwrap.dedent(code)
    words = keep_words(text, bans.roots, bans.builtins, import_statements(text))
    assert words is not None
    return skeleton(text, words)


def test_a_function_body_becomes_pass_and_blank_lines() -> None:
    shown = _skeleton(
        """\
        import os

        def f(x):
            y = [
                x,
            ]
            return y
        """
    )
    assert shown == Skeleton("import os\n\ndef f(x):\n    pass\n\n\n\n", 1, 4)


def test_a_body_with_an_import_or_a_dynamic_import_is_kept() -> None:
    assert _skeleton("def f():\n    import os\n") is None
    assert _skeleton("def f():\n    return __import__('os')\n") is None
    shown = _skeleton(
        "from importlib import import_module as load\ndef f():\n    return load('m')\n"
    )
    assert shown is None


def test_a_class_body_with_methods_is_kept_and_their_bodies_left_out() -> None:
    shown = _skeleton(
        """\
        class A(B):
            x = 1

            @abstractmethod
            def f(self):
                return 1

            async def g(self):
                class C:
                    pass
        """
    )
    assert shown is not None
    assert shown.text == (
        "class A(B):\n    x = 1\n\n    @abstractmethod\n    def f(self):\n        pass\n\n"
        "    async def g(self):\n        pass\n\n"
    )
    assert (shown.bodies, shown.lines) == (2, 3)


def test_strings_comments_and_continuations_do_not_end_a_body() -> None:
    shown = _skeleton(
        'def f():\n    s = """\nnot code:\nx = 1\n"""\n    # a comment at any indentation:\n'
        "    t = 1 + \\\n2\n    return f'{s!r:>{t}}'\nz = 2\n"
    )
    assert shown is not None
    assert shown.text == "def f():\n    pass\n\n\n\n\n\n\n\nz = 2\n"


def test_the_cases_of_a_match_are_left_out_not_the_match() -> None:
    shown = _skeleton(
        "def f(x):\n    import os\n    match x:\n        case 1:\n            return 2\n"
    )
    assert shown is not None
    assert shown.text == (
        "def f(x):\n    import os\n    match x:\n        case 1:\n            pass\n"
    )


def test_text_it_cannot_place_for_sure_is_parsed_whole() -> None:
    assert _skeleton("def f():\n\treturn 1\n") is None  # a tab
    assert _skeleton("def f():\r\n    return 1\r\n") is None  # carriage returns
    assert _skeleton("def f():\n    return (1\n") is None  # an unclosed bracket
    assert _skeleton("def f():\n    return '''1\n") is None  # an unclosed string


def test_what_a_ban_follows_keeps_a_body() -> None:
    bans = Bans(frozenset({"pickle"}), frozenset({"eval"}))
    code = "import pickle as p\ndef f():\n    return p.loads(b'')\ndef g():\n    return 1\n"
    shown = _skeleton(code, bans)
    assert shown is not None
    assert shown.text == code.replace("return 1", "pass")
    assert _skeleton("def f():\n    return eval('1')\n", bans) is None
    text = "from pickle import *\ndef f():\n    return 1\n"
    assert keep_words(text, bans.roots, bans.builtins, import_statements(text)) is None


def test_a_body_rebinding_type_checking_is_kept() -> None:
    code = "from typing import TYPE_CHECKING\ndef f():\n    global TYPE_CHECKING\n"
    assert _skeleton(code + "    TYPE_CHECKING = True\n") is None


def test_a_syntax_error_in_a_body_left_out_goes_unreported() -> None:
    source = b"import os\ndef f():\n    x = = 1\n"
    assert extract(source).failure is None
    assert extract(source, skeleton=False).failure == ParseFailure(
        "syntax error: unexpected '='", 3, 9
    )
    # An unmatched bracket is found by the scan itself: the file is parsed whole.
    unmatched = b"import os\ndef f():\n    return )\n"
    assert extract(unmatched).failure == ParseFailure("syntax error: unmatched ')'", 3, 12)
    assert skeleton_only(b"import os\n") is None


def test_a_non_ascii_letter_keeps_a_body_in_code_not_in_a_string() -> None:
    shown = _skeleton("def f():\n    return 'café'\n")
    assert shown is not None
    assert shown.text == "def f():\n    pass\n"
    assert _skeleton("def f():\n    return \uff50ickle\n") is None  # NFKC: pickle


def test_runs_of_simple_statements_in_functions_and_classes_become_pass() -> None:
    code = textwrap.dedent(
        '''\
        """A module.
        """
        from __future__ import annotations

        TABLE = {
            "a": 1,
        }
        @decorated
        class A:
            y = 2
            z = (
                3
            )

            def f(self):
                import os
                x = (
                    1
                )
                y = 2
                return os
        '''
    )
    shown = _skeleton(code)
    assert shown is not None
    # Module level is kept (an assignment there may bind what class facts read).
    assert shown.text == code.replace(
        "    y = 2\n    z = (\n        3\n    )", "    pass\n\n\n"
    ).replace(
        "        x = (\n            1\n        )\n        y = 2\n        return os",
        "        pass\n\n\n\n",
    )
    facts = extract(shown.text.encode())
    assert [(raw.module, raw.line) for raw in facts.imports] == [("__future__", 3), ("os", 16)]


def test_a_dedent_to_no_outer_indentation_is_parsed_whole() -> None:
    assert _skeleton("if x:\n    a = 1\n  b = 2\n") is None
    assert extract(b"if x:\n    a\n  b\n").failure == ParseFailure(
        "syntax error: unindent does not match any outer indentation level", 3, 4
    )
