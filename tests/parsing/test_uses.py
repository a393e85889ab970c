"""Uses of banned APIs as `extract` finds them: aliases, scopes, shadowing, arguments, places."""

from __future__ import annotations

import textwrap

import pytest

from fitness.model import NO_BANS, ApiUse, Argument, Bans, FileFacts
from fitness.parsing.extract import extract

BANS = Bans(
    frozenset({"pickle", "os", "xml", "subprocess"}), frozenset({"eval", "exec", "getattr"})
)
UNKNOWN = Argument(False, None)


def source(text: str) -> bytes:
    return textwrap.dedent(text).lstrip("\n").encode("utf-8")


def uses_of(text: str, bans: Bans = BANS) -> list[ApiUse]:
    facts = extract(source(text), bans)
    assert facts.failure is None
    assert facts.examined == bans
    return list(facts.uses)


def use(
    api: str,
    written: str,
    span: tuple[int, int, int, int],
    *,
    scope: str = "",
    call: bool = False,
    positional: tuple[Argument, ...] = (),
    keywords: tuple[tuple[str, Argument], ...] = (),
    star_args: bool = False,
    star_kwargs: bool = False,
    type_checking: bool = False,
    local: bool = False,
    stated: str = "",
) -> ApiUse:
    return ApiUse(
        api,
        written,
        *span,
        scope,
        call,
        positional,
        keywords,
        star_args,
        star_kwargs,
        type_checking,
        local,
        stated,
    )


def imported(api: str, written: str, span: tuple[int, int, int, int]) -> ApiUse:
    return use(api, written, span)


# --- the aliases a name goes through -------------------------------------------------------


def test_import_and_call() -> None:
    assert uses_of("import pickle\npickle.loads(x)\n") == [
        imported("pickle", "import pickle", (1, 8, 1, 14)),
        use("pickle.loads", "pickle.loads", (2, 1, 2, 13), call=True, positional=(UNKNOWN,)),
    ]


def test_import_as() -> None:
    assert uses_of("import pickle as p\nf = p.loads\n") == [
        imported("pickle", "import pickle as p", (1, 8, 1, 19)),
        use("pickle.loads", "p.loads", (2, 5, 2, 12)),
    ]


def test_from_import() -> None:
    assert uses_of("from pickle import loads\n") == [
        imported("pickle.loads", "from pickle import loads", (1, 20, 1, 25))
    ]


def test_from_import_as_and_its_call() -> None:
    assert uses_of("from pickle import dumps, loads as l\nl(x)\n") == [
        imported("pickle.dumps", "from pickle import dumps", (1, 20, 1, 25)),
        imported("pickle.loads", "from pickle import loads as l", (1, 27, 1, 37)),
        use(
            "pickle.loads",
            "l",
            (2, 1, 2, 2),
            call=True,
            positional=(UNKNOWN,),
            stated="pickle.loads",
        ),
    ]


def test_dotted_import_as() -> None:
    assert uses_of("import xml.etree.ElementTree as ET\nET.parse('f.xml')\n") == [
        imported("xml.etree.ElementTree", "import xml.etree.ElementTree as ET", (1, 8, 1, 35)),
        use(
            "xml.etree.ElementTree.parse",
            "ET.parse",
            (2, 1, 2, 9),
            call=True,
            positional=(Argument(True, "f.xml"),),
        ),
    ]


def test_the_longest_chain_only() -> None:
    assert uses_of("import os.path\nos.path.join(a, 'b')\n") == [
        imported("os.path", "import os.path", (1, 8, 1, 15)),
        use(
            "os.path.join",
            "os.path.join",
            (2, 1, 2, 13),
            call=True,
            positional=(UNKNOWN, Argument(True, "b")),
        ),
    ]


def test_from_os_import_system() -> None:
    assert uses_of("from os import system\nsystem('ls')\n") == [
        imported("os.system", "from os import system", (1, 16, 1, 22)),
        use(
            "os.system",
            "system",
            (2, 1, 2, 7),
            call=True,
            positional=(Argument(True, "ls"),),
            stated="os.system",
        ),
    ]


def test_from_a_submodule_import_as() -> None:
    assert uses_of("from os import path as p\np.join\n") == [
        imported("os.path", "from os import path as p", (1, 16, 1, 25)),
        use("os.path.join", "p.join", (2, 1, 2, 7), stated="os.path"),
    ]


def test_a_star_import_is_a_use_of_the_module_and_may_bind_each_name_the_file_uses() -> None:
    text = "from os import *\nsystem('ls')\neval(x)\n\ndef system(c): pass\nsystem('ls')\n"
    ls = (Argument(True, "ls"),)
    assert uses_of(text) == [
        imported("os", "from os import *", (1, 1, 1, 17)),
        use("os.system", "system", (2, 1, 2, 7), call=True, positional=ls, stated="os"),
        use("builtins.eval", "eval", (3, 1, 3, 5), call=True, positional=(UNKNOWN,)),
        use("os.eval", "eval", (3, 1, 3, 5), call=True, positional=(UNKNOWN,), stated="os"),
        use("os.x", "x", (3, 6, 3, 7), stated="os"),
    ]


def test_relative_imports_are_never_banned_roots() -> None:
    assert uses_of("from . import pickle\npickle.loads(x)\nfrom .os import system\n") == []


def test_a_module_passed_around_is_a_use() -> None:
    assert uses_of("import pickle\nserializers = [pickle]\n") == [
        imported("pickle", "import pickle", (1, 8, 1, 14)),
        use("pickle", "pickle", (2, 16, 2, 22)),
    ]


def test_attribute_assignment_and_deletion_reference_the_attribute() -> None:
    assert uses_of("import os\nos.environ['A'] = 'b'\ndel os.environ['B']\n")[1:] == [
        use("os.environ", "os.environ", (2, 1, 2, 11)),
        use("os.environ", "os.environ", (3, 5, 3, 15)),
    ]


# --- getattr, import_module, __import__ --------------------------------------------------------


def test_getattr_with_a_literal_name_called() -> None:
    assert uses_of("import pickle\ngetattr(pickle, 'loads')(x)\n", Bans(frozenset({"pickle"}))) == [
        imported("pickle", "import pickle", (1, 8, 1, 14)),
        use(
            "pickle.loads",
            "getattr(pickle, 'loads')",
            (2, 1, 2, 25),
            call=True,
            positional=(UNKNOWN,),
        ),
    ]


def test_getattr_is_a_use_of_its_own_when_banned() -> None:
    assert uses_of("import pickle\nf = getattr(pickle, 'loads', None)\n")[1:] == [
        use(
            "builtins.getattr",
            "getattr",
            (2, 5, 2, 12),
            call=True,
            positional=(UNKNOWN, Argument(True, "loads"), Argument(True, None)),
        ),
        use("pickle.loads", "getattr(pickle, 'loads')", (2, 5, 2, 35)),
    ]


def test_getattr_with_a_computed_name_leaves_the_module_a_use() -> None:
    bans = Bans(frozenset({"pickle"}))
    assert uses_of("import pickle\ngetattr(pickle, name)\n", bans)[1:] == [
        use("pickle", "pickle", (2, 9, 2, 15))
    ]


def test_a_getattr_of_its_own_is_no_builtin() -> None:
    bans = Bans(frozenset({"pickle"}))
    text = "import pickle\ndef getattr(a, b): pass\ngetattr(pickle, 'loads')\n"
    assert uses_of(text, bans)[1:] == [use("pickle", "pickle", (3, 9, 3, 15))]


def test_import_module_then_an_attribute() -> None:
    text = "import importlib\nimportlib.import_module('pickle').loads(x)\n"
    assert uses_of(text) == [
        use(
            "pickle.loads",
            "importlib.import_module('pickle').loads",
            (2, 1, 2, 40),
            call=True,
            positional=(UNKNOWN,),
        )
    ]


def test_import_module_through_aliases() -> None:
    text = """
    import importlib as il
    from importlib import import_module
    from importlib import import_module as im
    il.import_module("os")
    import_module("xml.dom")
    im(name="subprocess")
    """
    assert uses_of(text) == [
        use("os", 'il.import_module("os")', (4, 1, 4, 23)),
        use("xml.dom", 'import_module("xml.dom")', (5, 1, 5, 25)),
        use("subprocess", 'im("subprocess")', (6, 1, 6, 22)),
    ]


def test_dunder_import_is_a_use_like_an_import() -> None:
    text = '__import__("pickle")\n__import__("os.path").path.join(a)\n__import__("xml.dom").dom\n'
    assert uses_of(text) == [
        use("pickle", '__import__("pickle")', (1, 1, 1, 21)),
        use(
            "os.path.join",
            '__import__("os.path").path.join',
            (2, 1, 2, 32),
            call=True,
            positional=(UNKNOWN,),
        ),
        use("xml.dom", '__import__("xml.dom").dom', (3, 1, 3, 26)),
    ]


def test_what_a_dynamic_import_returns_is_followed_through_a_variable() -> None:
    text = "import importlib\nm = importlib.import_module('pickle')\nm.loads(x)\n"
    assert uses_of(text) == [
        use("pickle", "importlib.import_module('pickle')", (2, 5, 2, 38)),
        use("pickle.loads", "m.loads", (3, 1, 3, 8), call=True, positional=(UNKNOWN,)),
    ]


def test_a_variable_holding_a_module_in_a_function_until_it_is_rebound() -> None:
    text = """\
        def load(blob):
            m = __import__("os.path")
            m.system("ls")
            m = other()
            return m.system("ls")
        """
    assert uses_of(text) == [
        use("os.path", '__import__("os.path")', (2, 9, 2, 30), scope="load", local=True),
        use(
            "os.system",
            "m.system",
            (3, 5, 3, 13),
            scope="load",
            call=True,
            positional=(Argument(True, "ls"),),
            local=True,
        ),
    ]


def test_a_variable_holding_what_getattr_returns() -> None:
    text = "import pickle\nload = getattr(pickle, 'loads')\nload(b'')\n"
    assert uses_of(text, Bans(frozenset({"pickle"}))) == [
        imported("pickle", "import pickle", (1, 8, 1, 14)),
        use("pickle.loads", "getattr(pickle, 'loads')", (2, 8, 2, 32)),
        use("pickle.loads", "load", (3, 1, 3, 5), call=True, positional=(UNKNOWN,)),
    ]


def test_a_computed_or_relative_module_name_is_no_use() -> None:
    text = "import importlib\nimportlib.import_module(name)\nimportlib.import_module('.os', __package__)\n"
    assert uses_of(text) == []


def test_an_import_module_of_its_own_is_no_dynamic_import() -> None:
    assert uses_of("def import_module(n): pass\nimport_module('pickle')\n") == []


# --- builtins ----------------------------------------------------------------------------------


def test_an_unbound_builtin_is_a_use() -> None:
    assert uses_of("eval(x)\nexec('pass', {})\n") == [
        use("builtins.eval", "eval", (1, 1, 1, 5), call=True, positional=(UNKNOWN,)),
        use(
            "builtins.exec",
            "exec",
            (2, 1, 2, 5),
            call=True,
            positional=(Argument(True, "pass"), UNKNOWN),
        ),
    ]


def test_builtins_module_attribute() -> None:
    assert uses_of("import builtins\nbuiltins.eval(x)\nbuiltins.print(x)\n") == [
        use("builtins.eval", "builtins.eval", (2, 1, 2, 14), call=True, positional=(UNKNOWN,))
    ]


def test_a_bound_builtin_name_is_no_use() -> None:
    text = """
    from ast import literal_eval as eval
    eval(x)
    def f(exec):
        exec(y)
    """
    assert uses_of(text) == []


def test_a_builtin_bound_only_later_at_module_level_is_still_the_builtin_before() -> None:
    text = "eval(x)\neval = safe_eval\neval(y)\n"
    assert uses_of(text) == [
        use("builtins.eval", "eval", (1, 1, 1, 5), call=True, positional=(UNKNOWN,))
    ]


# --- what shadows an import -------------------------------------------------------------------

_SHADOWING = {
    "parameter": "def f(pickle):\n    pickle.loads(x)\n",
    "star-args": "def f(*pickle):\n    pickle.loads(x)\n",
    "star-kwargs": "def f(**pickle):\n    pickle.loads(x)\n",
    "positional-only": "def f(pickle, /):\n    pickle.loads(x)\n",
    "keyword-only": "def f(*, pickle):\n    pickle.loads(x)\n",
    "lambda": "g = lambda pickle: pickle.loads(x)\n",
    "assignment": "def f():\n    pickle = None\n    pickle.loads(x)\n",
    "augmented": "def f():\n    pickle += 1\n    pickle.loads(x)\n",
    "annotated": "def f():\n    pickle: int = 1\n    pickle.loads(x)\n",
    "tuple-unpacking": "def f():\n    a, (b, pickle) = x\n    pickle.loads(x)\n",
    "star-unpacking": "def f():\n    a, *pickle = x\n    pickle.loads(x)\n",
    "walrus": "def f():\n    if (pickle := g()):\n        pickle.loads(x)\n",
    "for-target": "def f():\n    for pickle in x:\n        pickle.loads(x)\n",
    "with-as": "def f():\n    with g() as pickle:\n        pickle.loads(x)\n",
    "except-as": "def f():\n    try:\n        pass\n    except E as pickle:\n        pickle.loads(x)\n",
    "inner-def": "def f():\n    def pickle(): pass\n    pickle.loads(x)\n",
    "inner-class": "def f():\n    class pickle: pass\n    pickle.loads(x)\n",
    "comprehension": "[pickle.loads(x) for pickle in y]\n",
    "nested-comprehension": "{a: pickle.loads(a) for b in y for pickle in b}\n",
    "re-import": "def f():\n    import json as pickle\n    pickle.loads(x)\n",
    "del": "def f():\n    del pickle\n    pickle.loads(x)\n",
    "match-capture": "def f():\n    match x:\n        case [pickle]:\n            pickle.loads(x)\n",
    "match-as": "def f():\n    match x:\n        case {'k': 1} as pickle:\n            pickle.loads(x)\n",
    "match-star": "def f():\n    match x:\n        case [*pickle]:\n            pickle.loads(x)\n",
    "match-rest": "def f():\n    match x:\n        case {**pickle}:\n            pickle.loads(x)\n",
    "module-reassignment": "pickle = None\npickle.loads(x)\n",
    "module-def": "def pickle(): pass\npickle.loads(x)\n",
    "module-rebinding-before-a-function": "pickle = None\ndef f():\n    pickle.loads(x)\n",
    "class-body": "class C:\n    pickle = None\n    x = pickle.loads(y)\n",
    "local-everywhere": "def f():\n    pickle.loads(x)\n    pickle = 1\n",
    "nonlocal": (
        "def f():\n    pickle = 1\n    def g():\n        nonlocal pickle\n        pickle.loads(x)\n"
    ),
    "enclosing-function": "def f():\n    pickle = 1\n    def g():\n        pickle.loads(x)\n",
}


@pytest.mark.parametrize("text", _SHADOWING.values(), ids=_SHADOWING.keys())
def test_a_name_that_shadows_the_import_is_no_use(text: str) -> None:
    assert uses_of("import pickle\n" + text) == [imported("pickle", "import pickle", (1, 8, 1, 14))]


def test_self_attributes_and_attributes_of_other_names_are_never_uses() -> None:
    text = (
        "import pickle\nclass C:\n    def m(self):\n        self.loads(x)\n        json.loads(x)\n"
    )
    assert uses_of(text)[1:] == []


# --- what does not shadow it -------------------------------------------------------------------


def test_a_class_body_does_not_leak_into_its_methods() -> None:
    text = "import pickle\nclass C:\n    pickle = None\n    def m(self):\n        pickle.loads(x)\n"
    assert uses_of(text)[1:] == [
        use(
            "pickle.loads",
            "pickle.loads",
            (5, 9, 5, 21),
            scope="C.m",
            call=True,
            positional=(UNKNOWN,),
            local=True,
        )
    ]


def test_a_class_body_reads_the_module_before_it_binds_the_name() -> None:
    text = "import pickle\nclass C:\n    x = pickle.loads\n    pickle = None\n"
    assert uses_of(text)[1:] == [use("pickle.loads", "pickle.loads", (3, 9, 3, 21), scope="C")]


def test_the_first_iterable_of_a_comprehension_is_the_enclosing_scope() -> None:
    text = "import pickle\n[pickle for pickle in pickle.loads(x)]\n"
    assert uses_of(text)[1:] == [
        use("pickle.loads", "pickle.loads", (2, 23, 2, 35), call=True, positional=(UNKNOWN,))
    ]


def test_a_global_declaration_reaches_the_module_import() -> None:
    text = "import pickle\ndef f():\n    global pickle\n    pickle.loads(x)\n"
    assert uses_of(text)[1:] == [
        use(
            "pickle.loads",
            "pickle.loads",
            (4, 5, 4, 17),
            scope="f",
            call=True,
            positional=(UNKNOWN,),
            local=True,
        )
    ]


def test_a_global_import_in_a_function_reaches_other_functions() -> None:
    text = "yaml = None\ndef setup():\n    global yaml\n    import yaml\ndef load(f):\n    yaml.load(f)\n"
    bans = Bans(frozenset({"yaml"}))
    assert uses_of(text, bans) == [
        use("yaml", "import yaml", (4, 12, 4, 16), scope="setup", local=True),
        use(
            "yaml.load",
            "yaml.load",
            (6, 5, 6, 14),
            scope="load",
            call=True,
            positional=(UNKNOWN,),
            local=True,
        ),
    ]


def test_a_conditional_rebinding_leaves_the_import_a_possible_value() -> None:
    text = "try:\n    import yaml\nexcept ImportError:\n    yaml = None\nyaml.load(f)\n"
    assert uses_of(text, Bans(frozenset({"yaml"})))[1:] == [
        use("yaml.load", "yaml.load", (5, 1, 5, 10), call=True, positional=(UNKNOWN,))
    ]


def test_a_later_straight_line_rebinding_ends_the_import_there() -> None:
    text = "import pickle\npickle.dumps(x)\npickle = None\npickle.loads(x)\n"
    assert uses_of(text)[1:] == [
        use("pickle.dumps", "pickle.dumps", (2, 1, 2, 13), call=True, positional=(UNKNOWN,))
    ]


def test_a_function_sees_what_stands_at_the_end_of_the_module() -> None:
    text = "def f():\n    return pickle.loads(x)\nimport pickle\n"
    assert uses_of(text) == [
        use(
            "pickle.loads",
            "pickle.loads",
            (2, 12, 2, 24),
            scope="f",
            call=True,
            positional=(UNKNOWN,),
            local=True,
        ),
        imported("pickle", "import pickle", (3, 8, 3, 14)),
    ]


def test_a_loop_body_sees_what_it_binds_later() -> None:
    text = "def f():\n    for x in y:\n        if x:\n            pickle.loads(x)\n        import pickle\n"
    assert [u.api for u in uses_of(text)] == ["pickle.loads", "pickle"]


def test_a_function_local_conditional_rebinding_makes_the_name_local() -> None:
    # Python's rule: bound anywhere in a function, the name is local to all of it.
    text = "import os\ndef f():\n    if c:\n        os = None\n    os.system('x')\n"
    assert uses_of(text)[1:] == []


def test_both_imports_of_a_try_except_are_values() -> None:
    text = "try:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\npickle.loads(s)\n"
    bans = Bans(frozenset({"pickle", "cPickle"}))
    assert [(u.api, u.written, u.line) for u in uses_of(text, bans)] == [
        ("cPickle", "import cPickle as pickle", 2),
        ("pickle", "import pickle", 4),
        ("cPickle.loads", "pickle.loads", 5),
        ("pickle.loads", "pickle.loads", 5),
    ]


# --- scopes and flags ------------------------------------------------------------------------


def test_scopes_are_qualified_names() -> None:
    text = """
    import os
    class Order:
        def save(self):
            def inner():
                return os.getcwd()
            return [lambda: os.sep for _ in x]
    """
    assert [(u.api, u.scope, u.local) for u in uses_of(text)[1:]] == [
        ("os.getcwd", "Order.save.<locals>.inner", True),
        ("os.sep", "Order.save.<locals>.<lambda>", True),
    ]


def test_decorators_defaults_and_class_bases_belong_to_the_enclosing_scope() -> None:
    text = "import os\ndef f():\n    @os.fspath\n    def g(a=os.sep): pass\n    class C(os.PathLike): pass\n"
    assert [(u.api, u.scope, u.local) for u in uses_of(text)[1:]] == [
        ("os.fspath", "f", True),
        ("os.sep", "f", True),
        ("os.PathLike", "f", True),
    ]


def test_type_checking_flag() -> None:
    text = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import os\n    os.sep\nelse:\n    import os\n"
    assert [(u.written, u.type_checking) for u in uses_of(text)] == [
        ("import os", True),
        ("os.sep", True),
        ("import os", False),
    ]


# --- call arguments ----------------------------------------------------------------------------


def test_literal_arguments_in_order() -> None:
    text = "import subprocess\nsubprocess.run(['ls'], -1, 'a' 'b', b'x', 1.5, None, shell=True, check=False, cwd=d)\n"
    [_, run] = uses_of(text)
    assert run == use(
        "subprocess.run",
        "subprocess.run",
        (2, 1, 2, 15),
        call=True,
        positional=(
            UNKNOWN,
            Argument(True, -1),
            Argument(True, "ab"),
            UNKNOWN,
            UNKNOWN,
            Argument(True, None),
        ),
        keywords=(
            ("shell", Argument(True, True)),
            ("check", Argument(True, False)),
            ("cwd", UNKNOWN),
        ),
    )


def test_starred_arguments_are_flagged_and_hide_later_positions() -> None:
    text = "import subprocess\nsubprocess.run(a, *rest, b, shell=True, **options)\n"
    [_, run] = uses_of(text)
    assert (run.positional, run.keywords, run.star_args, run.star_kwargs) == (
        (UNKNOWN,),
        (("shell", Argument(True, True)),),
        True,
        True,
    )


# --- positions ---------------------------------------------------------------------------------


def test_places_in_code_not_in_strings_or_comments() -> None:
    text = '''
    import os  # os is for paths
    """os.system in a docstring"""
    print("os.sep", f"{os.sep}", os.getpid())
    '''
    assert [(u.api, u.line, u.column, u.end_column) for u in uses_of(text)] == [
        ("os", 1, 8, 10),
        ("os.sep", 3, 20, 26),
        ("os.getpid", 3, 30, 39),
    ]


def test_a_use_across_lines_in_an_indented_block() -> None:
    text = "import os\ndef f():\n    return getattr(\n        os, 'sep'\n    )\n"
    assert [(u.api, u.line, u.column, u.end_line, u.end_column) for u in uses_of(text)][1:] == [
        ("builtins.getattr", 3, 12, 3, 19),
        ("os.sep", 3, 12, 5, 6),
    ]


def test_parenthesized_and_spaced_chains() -> None:
    text = "import os\nx = (os . path\n     .join)(a)\ny = (os).sep\n"
    assert [(u.api, u.line, u.column, u.end_line, u.end_column) for u in uses_of(text)][1:] == [
        ("os.path.join", 2, 6, 3, 11),
        ("os.sep", 4, 5, 4, 13),
    ]


def test_non_ascii_names_are_normalized_and_placed_in_code_points() -> None:
    text = "import pickle as \uff50\né = \uff50.loads\n"
    assert uses_of(text) == [
        imported("pickle", "import pickle as \uff50", (1, 8, 1, 19)),
        use("pickle.loads", "\uff50.loads", (2, 5, 2, 12)),
    ]


def test_uses_are_placed_from_the_text_without_position_metadata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_fallback(*args: object) -> None:
        raise AssertionError("fell back on PositionProvider")

    monkeypatch.setattr("fitness.parsing.placing.exact_spans", no_fallback)
    text = "import os\n# os\nx = 'os'\nos.sep\ny = f'{os.name!r:>{os.sep}}'\n"
    assert [(u.api, u.line, u.column) for u in uses_of(text)] == [
        ("os", 1, 8),
        ("os.sep", 4, 1),
        ("os.name", 5, 8),
        ("os.sep", 5, 20),
    ]


# --- facts beyond uses -------------------------------------------------------------------------


def test_mentioned_builtins_are_found_whatever_the_bans() -> None:
    facts = extract(source("import os\nprint(len(x))  # eval\n\uff45xec\n"))
    assert facts == FileFacts(
        (extract(b"import os\n").imports[0],),
        None,
        (),
        frozenset({"print", "len", "eval", "exec"}),
        NO_BANS,
        lines=3,
    )


def test_no_uses_without_bans_and_failures_say_what_was_examined() -> None:
    assert extract(b"import pickle\npickle.loads(x)\n").uses == ()
    failed = extract(b"def (:\n", BANS)
    assert (failed.uses, failed.builtins, failed.examined) == ((), frozenset(), BANS)


def test_a_variable_whose_value_depends_on_itself_in_a_loop_ends() -> None:
    text = (
        "import importlib\nm = importlib.import_module('pickle')\nfor _ in range(3):\n"
        "    m = getattr(m, 'loads')\nm(b'')\n"
    )
    assert [(u.api, u.written, u.line) for u in uses_of(text, Bans(frozenset({"pickle"})))] == [
        ("pickle", "importlib.import_module('pickle')", 2),
        ("pickle.loads", "getattr(m, 'loads')", 4),
        ("pickle", "m", 5),
        ("pickle.loads", "m", 5),
    ]
