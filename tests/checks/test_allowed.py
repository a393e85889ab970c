"""`allowed`: exact findings on hand-built graphs, the standard library, config errors, end to end."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from fitness.checks import KINDS, CheckContext
from fitness.checks.stdlib import STDLIB, listed_names
from fitness.config.load import load_config
from fitness.config.schema import Config
from fitness.graph import ImportGraph
from fitness.model import ImportEdge, Location
from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

PARSERS = {name: kind.parse for name, kind in KINDS.items()}

MODULES = {
    "shop",
    "shop.base",
    "shop.base.money",
    "shop.domain",
    "shop.domain.order",
    "shop.domain.events",
    "shop.domain.model",
    "shop.domain.model.item",
    "shop.infra",
    "shop.infra.db",
    "shop.infra.bus",
    "shop.plugins",
    "shop.plugins.tax",
    "shop.plugins.tax.rates",
    "shop.api",
}


def imp(
    importer: str,
    imported: str,
    line: int,
    column: int = 1,
    *,
    module: str | None = None,
    dynamic: bool = False,
    type_checking: bool = False,
) -> ImportEdge:
    """An import statement of `importer`; a name outside MODULES is third-party or stdlib."""
    path = importer.replace(".", "/") + ".py"
    return ImportEdge(
        importer=importer,
        imported=imported,
        location=Location(path, line, column, line, column + 10),
        local=False,
        type_checking=type_checking,
        dynamic=dynamic,
        external=imported not in MODULES,
        module=module or imported,
    )


def configure(tmp_path: Path, rule: str, top: str = "") -> Config:
    path = tmp_path / "fitness.toml"
    text = f'{top}\n[rules.only]\nkind = "allowed"\n{textwrap.dedent(rule)}'
    path.write_text(text, encoding="utf-8")
    config, problems = load_config(path, PARSERS)
    assert problems.messages() == []
    return config


def check(tmp_path: Path, rule: str, *edges: ImportEdge, top: str = "") -> list[tuple[str, str]]:
    """Each finding of the rule on a graph of MODULES and `edges`, as (path:line:col, message)."""
    config = configure(tmp_path, rule, top)
    chosen = config.rules[0]
    context = CheckContext(ImportGraph(MODULES, edges), chosen, config.source, "fitness.toml", {})
    findings = sorted(KINDS["allowed"].check(chosen.params, context), key=lambda f: f.sort_key())
    return [
        (f"{f.location.path}:{f.location.line}:{f.location.column}", f.message) for f in findings
    ]


DOMAIN = 'from = ["shop.domain"]\nmay_import = ["shop.base", "attrs"]\n'
ONLY = "(shop.domain may import only its own modules, shop.base, attrs and the standard library)"


def test_only_own_modules_listed_modules_and_the_stdlib_pass(tmp_path: Path) -> None:
    edges = [
        # own descendants, and the package itself: allowed
        imp("shop.domain.order", "shop.domain.events", 1),
        imp("shop.domain.model.item", "shop.domain", 2),
        imp("shop.domain", "shop.domain.model.item", 3),
        # inside a package `may_import` names: allowed
        imp("shop.domain.order", "shop.base.money", 4),
        # third-party, a name inside a listed package: allowed
        imp("shop.domain.order", "attrs.define", 5, module="attrs"),
        # the standard library, `__future__` included: allowed
        imp("shop.domain.order", "__future__.annotations", 6, module="__future__"),
        imp("shop.domain.order", "collections.abc.Iterable", 7, module="collections.abc"),
        imp("shop.domain.events", "_thread", 8),
        # an internal module outside `from` and `may_import`: a finding
        imp("shop.domain.order", "shop.infra.db", 9),
        # the parent package is not the importer's own: a finding
        imp("shop.domain.events", "shop", 10),
        # a third-party module not listed, shown as the statement names it: a finding
        imp("shop.domain.model.item", "sqlalchemy.orm.Session", 11, module="sqlalchemy.orm"),
        # `attrsx` merely starts like `attrs`: a finding
        imp("shop.domain.order", "attrsx", 12),
        # modules outside `from` may import anything: no finding
        imp("shop.infra.db", "sqlalchemy", 13),
        imp("shop.api", "shop.infra.bus", 14),
    ]

    assert check(tmp_path, DOMAIN, *edges) == [
        ("shop/domain/events.py:10:1", f"shop.domain.events may not import shop {ONLY}"),
        (
            "shop/domain/model/item.py:11:1",
            f"shop.domain.model.item may not import sqlalchemy.orm {ONLY}",
        ),
        ("shop/domain/order.py:9:1", f"shop.domain.order may not import shop.infra.db {ONLY}"),
        ("shop/domain/order.py:12:1", f"shop.domain.order may not import attrsx {ONLY}"),
    ]


def test_one_finding_per_statement_at_that_statement(tmp_path: Path) -> None:
    edges = [
        # `from sqlalchemy.orm import Session, Query`: two edges, one statement, one finding
        imp("shop.domain.order", "sqlalchemy.orm.Session", 3, 5, module="sqlalchemy.orm"),
        imp("shop.domain.order", "sqlalchemy.orm.Query", 3, 5, module="sqlalchemy.orm"),
        # the same pair imported again further down (say, inside a function): its own finding
        imp("shop.domain.order", "sqlalchemy.orm.Session", 20, 9, module="sqlalchemy.orm"),
        # `from shop.infra import db, bus`: one statement naming two modules, one finding
        imp("shop.domain.events", "shop.infra.db", 4),
        imp("shop.domain.events", "shop.infra.bus", 4),
    ]

    assert check(tmp_path, DOMAIN, *edges) == [
        ("shop/domain/events.py:4:1", f"shop.domain.events may not import shop.infra.bus {ONLY}"),
        ("shop/domain/order.py:3:5", f"shop.domain.order may not import sqlalchemy.orm {ONLY}"),
        ("shop/domain/order.py:20:9", f"shop.domain.order may not import sqlalchemy.orm {ONLY}"),
    ]


def test_allow_stdlib_false_makes_the_stdlib_a_finding_too(tmp_path: Path) -> None:
    rule = 'from = ["shop.domain"]\nmay_import = ["typing"]\nallow_stdlib = false\n'
    edges = [
        # listed explicitly: allowed
        imp("shop.domain.order", "typing.Protocol", 1, module="typing"),
        # stdlib, no longer allowed: findings, `__future__` too
        imp("shop.domain.order", "__future__.annotations", 2, module="__future__"),
        imp("shop.domain.order", "os.path", 3),
    ]
    only = "(shop.domain may import only its own modules and typing)"

    assert check(tmp_path, rule, *edges) == [
        ("shop/domain/order.py:2:1", f"shop.domain.order may not import __future__ {only}"),
        ("shop/domain/order.py:3:1", f"shop.domain.order may not import os.path {only}"),
    ]


def test_the_word_stdlib_with_a_package_allows_those_and_nothing_else_outside(
    tmp_path: Path,
) -> None:
    rule = 'from = ["shop.domain"]\nmay_import = ["stdlib", "attrs"]\n'
    edges = [
        # the standard library and the listed package: allowed
        imp("shop.domain.order", "json", 1),
        imp("shop.domain.order", "collections.abc.Iterable", 2, module="collections.abc"),
        imp("shop.domain.order", "attrs.define", 3, module="attrs"),
        # any other outside package, and the project outside `from`: findings
        imp("shop.domain.order", "requests", 4),
        imp("shop.domain.events", "shop.infra.bus", 5),
    ]
    only = "(shop.domain may import only its own modules, attrs and the standard library)"

    assert check(tmp_path, rule, *edges) == [
        ("shop/domain/events.py:5:1", f"shop.domain.events may not import shop.infra.bus {only}"),
        ("shop/domain/order.py:4:1", f"shop.domain.order may not import requests {only}"),
    ]


def test_the_word_stdlib_says_what_allow_stdlib_true_says(tmp_path: Path) -> None:
    edges = [imp("shop.domain.order", "os.path", 1), imp("shop.domain.order", "requests", 2)]
    only = "(shop.domain may import only its own modules and the standard library)"
    expected = [("shop/domain/order.py:2:1", f"shop.domain.order may not import requests {only}")]

    for rule in (
        'from = ["shop.domain"]\nmay_import = ["stdlib"]\n',
        'from = ["shop.domain"]\nmay_import = ["stdlib"]\nallow_stdlib = true\n',
        'from = ["shop.domain"]\n',
    ):
        assert check(tmp_path, rule, *edges) == expected, rule


def test_the_word_third_party_restricts_only_the_projects_own_modules(tmp_path: Path) -> None:
    rule = 'from = ["shop.domain"]\nmay_import = ["third-party"]\n'
    edges = [
        # every outside package, whatever its distribution, and the standard library: allowed
        imp("shop.domain.order", "requests", 1),
        imp("shop.domain.order", "sqlalchemy.orm.Session", 2, module="sqlalchemy.orm"),
        imp("shop.domain.order", "os", 3),
        # the project's own modules outside `from`: findings
        imp("shop.domain.order", "shop.infra.db", 4),
        imp("shop.domain.events", "shop.base", 5),
    ]
    only = "(shop.domain may import only its own modules, third-party packages and the standard "
    only += "library)"

    assert check(tmp_path, rule, *edges) == [
        ("shop/domain/events.py:5:1", f"shop.domain.events may not import shop.base {only}"),
        ("shop/domain/order.py:4:1", f"shop.domain.order may not import shop.infra.db {only}"),
    ]


def test_the_word_third_party_without_the_stdlib(tmp_path: Path) -> None:
    rule = (
        'from = ["shop.domain"]\nmay_import = ["third-party", "shop.base"]\nallow_stdlib = false\n'
    )
    edges = [
        imp("shop.domain.order", "requests", 1),
        imp("shop.domain.order", "shop.base.money", 2),
        # the standard library is not third-party
        imp("shop.domain.order", "os", 3),
    ]
    only = "(shop.domain may import only its own modules, shop.base and third-party packages)"

    assert check(tmp_path, rule, *edges) == [
        ("shop/domain/order.py:3:1", f"shop.domain.order may not import os {only}"),
    ]


def test_a_project_module_named_like_a_word_is_that_module(tmp_path: Path) -> None:
    """Only the exact words are words: `stdlib.x` or `third_party` are module names as before."""
    rule = 'from = ["shop.domain"]\nmay_import = ["stdlib.compat"]\nallow_stdlib = false\n'
    edges = [imp("shop.domain.order", "stdlib.compat", 1), imp("shop.domain.order", "json", 2)]
    only = "(shop.domain may import only its own modules and stdlib.compat)"

    assert check(tmp_path, rule, *edges) == [
        ("shop/domain/order.py:2:1", f"shop.domain.order may not import json {only}"),
    ]


def test_wildcards_in_from_and_may_import(tmp_path: Path) -> None:
    rule = 'from = ["shop.plugins.*"]\nmay_import = ["shop.*.money", "shop.domain.**"]\n'
    edges = [
        # own package of the matched `from` module: allowed
        imp("shop.plugins.tax.rates", "shop.plugins.tax", 1),
        # `shop.*.money` matches shop.base.money: allowed
        imp("shop.plugins.tax", "shop.base.money", 2),
        # `shop.domain.**` matches every module below shop.domain: allowed
        imp("shop.plugins.tax", "shop.domain.model.item", 3),
        # shop.domain itself is not matched by `shop.domain.**`: a finding
        imp("shop.plugins.tax", "shop.domain", 4),
        # shop.plugins (the package above the matched module) is not its own: a finding
        imp("shop.plugins.tax.rates", "shop.plugins", 5),
        # shop.plugins is not matched by `shop.plugins.*`: its imports are not checked
        imp("shop.plugins", "shop.infra", 6),
    ]
    only = "(shop.plugins.tax may import only its own modules, shop.*.money, shop.domain.** and "
    only += "the standard library)"

    assert check(tmp_path, rule, *edges) == [
        ("shop/plugins/tax.py:4:1", f"shop.plugins.tax may not import shop.domain {only}"),
        (
            "shop/plugins/tax/rates.py:5:1",
            f"shop.plugins.tax.rates may not import shop.plugins {only}",
        ),
    ]


def test_graph_options_include_exclude_and_dynamic(tmp_path: Path) -> None:
    edges = [
        # under `if TYPE_CHECKING:`, ignored by `type_checking = "ignore"`: no finding
        imp("shop.domain.order", "shop.infra.db", 1, type_checking=True),
        # matched by `ignore`: no finding
        imp("shop.domain.order", "shop.infra.bus", 2),
        # a dynamic import counts by default, and the message says so
        imp("shop.domain.events", "shop.infra.db", 3, dynamic=True),
        # shop.domain.model is excluded: its imports are not checked
        imp("shop.domain.model.item", "shop.api", 4),
    ]
    rule = (
        DOMAIN
        + 'type_checking = "ignore"\nignore = ["shop.domain.order -> shop.infra.bus"]\n'
        + 'exclude = ["shop.domain.model"]\n'
    )

    assert check(tmp_path, rule, *edges) == [
        (
            "shop/domain/events.py:3:1",
            f"shop.domain.events may not import shop.infra.db, a dynamic import {ONLY}",
        ),
    ]
    # `dynamic = "ignore"` drops the dynamic import too.
    (tmp_path / "again").mkdir()
    assert check(tmp_path / "again", rule + 'dynamic = "ignore"\n', *edges) == []


def test_nested_from_modules_use_the_widest(tmp_path: Path) -> None:
    rule = 'from = ["shop.domain.model", "shop.domain"]\n'
    edges = [
        # shop.domain.model is inside shop.domain too, so shop.domain's modules are its own
        imp("shop.domain.model.item", "shop.domain.events", 1),
        # one finding, not one per `from` entry holding the importer
        imp("shop.domain.model.item", "shop.infra", 2),
    ]

    assert check(tmp_path, rule, *edges) == [
        (
            "shop/domain/model/item.py:2:1",
            "shop.domain.model.item may not import shop.infra "
            "(shop.domain may import only its own modules and the standard library)",
        ),
    ]


def test_summary_and_description(tmp_path: Path) -> None:
    config = configure(tmp_path, DOMAIN + "allow_stdlib = false\n")

    assert KINDS["allowed"].summary(config.rules[0].params) == (
        "shop.domain may import only its own modules, shop.base and attrs"
    )


# --- the standard library ---------------------------------------------------------------------


def test_the_stdlib_is_this_pythons() -> None:
    # The same everywhere: builtins, `__future__`, packages, extension modules.
    assert {
        "__future__",
        "sys",
        "os",
        "json",
        "asyncio",
        "collections",
        "_thread",
        "math",
    } <= STDLIB
    # Installed third-party packages, even ones on sys.path, are not.
    assert {"pytest", "click", "libcst", "fitness", "site-packages", "__pycache__"}.isdisjoint(
        STDLIB
    )
    if sys.version_info >= (3, 12):
        # distutils and imp left the standard library in 3.12
        assert {"distutils", "imp"}.isdisjoint(STDLIB)
    else:
        assert {"distutils", "imp"} <= STDLIB
    # tomllib arrived in 3.11, zoneinfo and graphlib in 3.9
    assert ("tomllib" in STDLIB) == (sys.version_info >= (3, 11))
    assert {"zoneinfo", "graphlib"} <= STDLIB
    if sys.version_info >= (3, 10):
        assert frozenset(sys.stdlib_module_names) <= STDLIB


def test_the_39_fallback_lists_modules_packages_and_extensions(tmp_path: Path) -> None:
    files = ["plain.py", "pkg/__init__.py", "_ext.cpython-39-x86_64-linux-gnu.so", "notes.txt"]
    files += ["__pycache__/plain.cpython-39.pyc", "nopkg/readme.py", "bad-name.py"]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")

    found = listed_names([tmp_path, tmp_path / "missing"])

    # a directory without __init__.py, a text file, a non-identifier: not modules
    assert found >= {"plain", "pkg"}
    assert found - {"_ext"} == {"plain", "pkg"}


# --- configuration errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        pytest.param(
            "may_import = []\n",
            "pyproject.toml:2: tool.fitness.rules.x: missing required key 'from'",
            id="no-from",
        ),
        pytest.param(
            'from = ["shop.domian"]\nallow_stdlib = "no"\n',
            "pyproject.toml:4: tool.fitness.rules.x.from[0]: no module 'shop.domian' under the "
            "source roots (did you mean 'shop.domain'?)\n"
            "pyproject.toml:5: tool.fitness.rules.x.allow_stdlib: expected true or false, got a "
            "string ('no')",
            id="typo-and-bad-boolean",
        ),
        pytest.param(
            'from = ["shop.domain"]\nmay_import = ["shop..base"]\nmay_imports = []\n',
            "pyproject.toml:5: tool.fitness.rules.x.may_import[0]: 'shop..base' has an empty "
            "segment\n"
            "pyproject.toml:6: tool.fitness.rules.x: unknown key 'may_imports' (did you mean "
            "'may_import'?)",
            id="bad-expression-and-unknown-key",
        ),
        pytest.param(
            'from = ["shop.domain"]\nmay_import = ["pydantic", "stdlib"]\nallow_stdlib = false\n',
            "pyproject.toml:6: tool.fitness.rules.x.allow_stdlib: false, but may_import lists "
            "'stdlib' (the standard library): keep one of them",
            id="stdlib-word-and-allow-stdlib-false",
        ),
        pytest.param(
            'from = ["shop.domain"]\nmay_import = ["thirdparty", "Stdlib"]\n',
            "pyproject.toml:5: tool.fitness.rules.x.may_import[0]: 'thirdparty' is no module of "
            "the project, installed or in the standard library (did you mean 'third-party'?)\n"
            "pyproject.toml:5: tool.fitness.rules.x.may_import[1]: 'Stdlib' is no module of "
            "the project, installed or in the standard library (did you mean 'stdlib'?)",
            id="typos-of-the-words",
        ),
        pytest.param(
            'from = ["shop.domain"]\nmay_import = ["third party", "first-party"]\n',
            "pyproject.toml:5: tool.fitness.rules.x.may_import[0]: 'third party' is not a dotted "
            "module name ('third party' is not an identifier) (did you mean 'third-party'?)\n"
            "pyproject.toml:5: tool.fitness.rules.x.may_import[1]: 'first-party' is not a dotted "
            "module name ('first-party' is not an identifier)",
            id="words-that-are-no-words",
        ),
    ],
)
def test_configuration_errors_word_for_word(
    project: Project, run: Run, rule: str, expected: str
) -> None:
    root = project(
        {
            "src/shop/__init__.py": "",
            "src/shop/domain/__init__.py": "",
            "pyproject.toml": f'[tool.fitness]\n[tool.fitness.rules.x]\nkind = "allowed"\n{rule}',
        }
    )

    result = run("check", cwd=root)

    assert (result.code, result.out, result.err) == (2, "", expected + "\n")


# --- end to end -------------------------------------------------------------------------------


def test_fitness_check_reports_allowed_end_to_end(project: Project, run: Run) -> None:
    root = project(
        {
            "pyproject.toml": """
                [tool.fitness]
                [tool.fitness.rules.pure-domain]
                kind = "allowed"
                from = ["shop.domain"]
                may_import = ["shop.base"]
                adr = "ADR-0004"
                """,
            "docs/adr/0004-pure-domain.md": "# 4. Pure domain\n\n## Status\n\nAccepted\n",
            "src/shop/__init__.py": "",
            "src/shop/base.py": "",
            "src/shop/infra.py": "import requests\n",
            "src/shop/domain/__init__.py": "",
            "src/shop/domain/order.py": """
                from __future__ import annotations

                import json
                from importlib import import_module

                from shop import base
                from shop.domain import events
                from shop.infra import session, engine
                import requests.adapters


                def load():
                    return import_module("shop.infra")
                """,
            "src/shop/domain/events.py": "",
        }
    )

    result = run("check", cwd=root)

    only = "(shop.domain may import only its own modules, shop.base and the standard library)"
    assert (result.code, result.err) == (1, "")
    assert result.out == (
        f"src/shop/domain/order.py:8:1: pure-domain: shop.domain.order may not import shop.infra "
        f"{only} (ADR-0004: Pure domain)\n"
        f"src/shop/domain/order.py:9:1: pure-domain: shop.domain.order may not import "
        f"requests.adapters {only} (ADR-0004: Pure domain)\n"
        f"src/shop/domain/order.py:13:12: pure-domain: shop.domain.order may not import "
        f"shop.infra, a dynamic import {only} (ADR-0004: Pure domain)\n"
        "  shop.domain.order -> shop.infra (l.13, local dynamic)\n"
        "\n"
        "pure-domain  allowed  broken  3 findings\n"
        "Rules: 0 kept, 1 broken. Found 3 findings (3 errors) in 6 files (0.00s).\n"
    )
