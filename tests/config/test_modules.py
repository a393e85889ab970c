"""The module checks on hand-built layouts: own sides, suggestions, third-party typos."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from fitness.checks import KINDS
from fitness.checks.unknown_names import family, unknown_names
from fitness.config.layout import Home, Layout
from fitness.config.load import load_config
from fitness.config.modules import check_modules
from fitness.parsing.discovery import SourceFile
from fitness.parsing.homes import PythonHome

PARSERS = {name: kind.parse for name, kind in KINDS.items()}


def check(
    tmp_path: Path,
    rules: str,
    files: Sequence[SourceFile],
    homes: Sequence[Home] = (),
    roots: tuple[str, ...] = ("src",),
) -> list[str]:
    path = tmp_path / "fitness.toml"
    path.write_text(rules, encoding="utf-8")
    config, problems = load_config(path, PARSERS)
    modules = frozenset(f.module for f in files)
    layout = Layout(roots, False, modules, files, lambda: homes)
    check_modules(config, layout, problems)
    return [p.text.split(": ", 2)[2] for p in problems.found]


SHOP = (
    SourceFile("shop", "src/shop/__init__.py", True),
    SourceFile("shop.api", "src/shop/api.py", False),
)
FLASK_HOME = PythonHome("vendor/lib", frozenset({"flask"}), frozenset(), frozenset())


def test_an_own_side_found_elsewhere_suggests_roots_keeping_those_in_use(tmp_path: Path) -> None:
    rules = '[rules.x]\nkind = "independence"\nmodules = ["shop.api", "flask.app"]\n'

    assert check(tmp_path, rules, SHOP, [FLASK_HOME]) == [
        "no module 'flask.app' under the source roots (searched: src; 'flask' is a package in "
        'vendor/lib/: did you mean source_roots = ["src", "vendor/lib"]?)'
    ]


def test_roots_no_rule_needs_are_dropped_from_the_suggestion(tmp_path: Path) -> None:
    rules = '[rules.x]\nkind = "independence"\nmodules = ["flask.app", "flask.cli"]\n'

    problems = check(tmp_path, rules, SHOP, [FLASK_HOME])

    assert problems[0].endswith('did you mean source_roots = ["vendor/lib"]?)')


@pytest.mark.parametrize(
    ("home", "hint"),
    [
        (
            PythonHome(".", frozenset(), frozenset({"flask"}), frozenset()),
            "a package at the project root",
        ),
        (PythonHome("lib", frozenset(), frozenset(), frozenset({"flask"})), "a module in lib/"),
    ],
)
def test_namespace_packages_and_modules_are_found_too(
    tmp_path: Path, home: PythonHome, hint: str
) -> None:
    rules = '[rules.x]\nkind = "forbidden"\nfrom = ["flask"]\nto = ["os"]\n'

    assert f"'flask' is {hint}: did you mean" in check(tmp_path, rules, SHOP, [home])[0]


def test_a_typo_of_a_top_level_package_wins_over_other_hints(tmp_path: Path) -> None:
    rules = '[rules.x]\nkind = "forbidden"\nfrom = ["shopp.api"]\nto = ["shopp.api"]\n'

    assert check(tmp_path, rules, SHOP) == [
        "no module 'shopp.api' under the source roots (did you mean 'shop.api'?)",
        "no module 'shopp.api' under the source roots (did you mean 'shop.api'?)",
    ]


def test_no_python_under_the_roots_is_the_only_module_problem(tmp_path: Path) -> None:
    rules = '[rules.x]\nkind = "forbidden"\nfrom = ["flask.app"]\nto = ["os"]\n'
    homes = [
        PythonHome(".", frozenset(), frozenset({"docs"}), frozenset({"setup"})),
        PythonHome("lib", frozenset({"flask"}), frozenset(), frozenset()),
    ]

    assert check(tmp_path, rules, (), homes) == [
        'no Python file under the source roots (searched: src; did you mean source_roots = ["lib"]?)'
    ]


def test_missing_roots_leave_the_modules_unchecked(tmp_path: Path) -> None:
    rules = '[rules.x]\nkind = "forbidden"\nfrom = ["flask.app"]\nto = ["os"]\n'

    assert check(tmp_path, rules, (), roots=()) == []


WEB_RULES = '[rules.x]\nkind = "forbidden"\nfrom = ["web"]\nto = [{to}]\n'
TYPO = "which the project does not import, is not installed and is not in the standard library"


@pytest.mark.parametrize(
    ("to", "expected"),
    [
        ('"werkzueg"', f"rule x names 'werkzueg', {TYPO} (did you mean 'werkzeug'?)"),
        (
            '"werkzueg.serving.**"',
            f"rule x names 'werkzueg.serving.**', {TYPO} (did you mean 'werkzeug.serving.**'?)",
        ),
        ('"pytset"', f"rule x names 'pytset', {TYPO}"),  # close to nothing imported
        ('"PySide6"', None),  # PySide2's family: another version of what the project imports
        ('"werkzeug.sreving"', None),  # the package is imported: its submodules are not judged
        ('"click"', None),  # close to clack, which the project imports, but installed
        ('"json"', None),  # close to jsonx, but in the standard library
        ('"*.serving"', None),
        ('"web.views"', None),  # internal: `check_modules` judges those
    ],
)
def test_third_party_names_nothing_knows_are_warnings(
    tmp_path: Path, to: str, expected: str | None
) -> None:
    path = tmp_path / "fitness.toml"
    path.write_text(WEB_RULES.format(to=to), encoding="utf-8")
    config, problems = load_config(path, PARSERS)
    imported = {"werkzeug.serving", "clack", "jsonx", "PySide2.QtCore"}

    found = unknown_names(config, {"web", "web.views"}, imported)

    assert problems.found == []
    assert [(f.rule_id, f.severity.value, f.location.line, f.message) for f in found] == (
        [] if expected is None else [("unknown-module", "warning", 4, expected)]
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("PyQt5", "PyQt6", True),
        ("PySide2", "PySide", True),
        ("PyQt5", "PyQt5", False),
        ("PySide2", "PySdie2", False),
        ("h5py", "h6py", True),
    ],
)
def test_names_that_differ_only_in_digits_are_a_family(a: str, b: str, expected: bool) -> None:
    assert family(a, b) is expected
