"""The `classes` kind: exact findings for each condition, aliases, transitive bases
across modules, decorators through aliases, unknown bases only when they matter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from support import Result, check_project, config, summarize, write_tree

Run = Callable[..., Result]

ROOT = {"src/shop/__init__.py": "", "src/shop/domain/__init__.py": ""}


def _findings(
    tmp_path: Path, rule: str, files: dict[str, str]
) -> list[tuple[str, str, str, list[str]]]:
    write_tree(tmp_path, {**ROOT, **files, "pyproject.toml": config(rule)})
    return summarize(check_project(tmp_path, fail_on="never"))


PURE = """
[tool.fitness.rules.pure]
kind = "classes"
in = ["shop.domain"]
must_not_subclass = "sqlalchemy.orm.DeclarativeBase"
"""


def test_an_aliased_base_is_resolved(tmp_path: Path) -> None:
    files = {
        "src/shop/domain/order.py": (
            "from sqlalchemy.orm import DeclarativeBase as B\n\nclass Order(B):\n    pass\n"
        ),
    }
    assert _findings(tmp_path, PURE, files) == [
        (
            "pure",
            "class shop.domain.order.Order may not subclass sqlalchemy.orm.DeclarativeBase",
            "src/shop/domain/order.py:3:1",
            ["shop.domain.order.Order -> sqlalchemy.orm.DeclarativeBase:3"],
        )
    ]


def test_a_subclass_of_a_subclass_across_three_modules_through_a_relative_import(
    tmp_path: Path,
) -> None:
    files = {
        "src/shop/db.py": "import sqlalchemy.orm as orm\n\nclass Base(orm.DeclarativeBase):\n    pass\n",
        "src/shop/domain/base.py": "from ..db import Base\n\n\nclass Entity(Base):\n    pass\n",
        "src/shop/domain/order.py": (
            "from .base import Entity\n\n\nclass Order(Entity):\n    class Line:\n        pass\n"
        ),
    }
    assert _findings(tmp_path, PURE, files) == [
        (
            "pure",
            "class shop.domain.base.Entity may not subclass sqlalchemy.orm.DeclarativeBase "
            "(through shop.db.Base)",
            "src/shop/domain/base.py:4:1",
            [
                "shop.domain.base.Entity -> shop.db.Base:4",
                "shop.db.Base -> sqlalchemy.orm.DeclarativeBase:3",
            ],
        ),
        (
            "pure",
            "class shop.domain.order.Order may not subclass sqlalchemy.orm.DeclarativeBase "
            "(through shop.domain.base.Entity and shop.db.Base)",
            "src/shop/domain/order.py:4:1",
            [
                "shop.domain.order.Order -> shop.domain.base.Entity:4",
                "shop.domain.base.Entity -> shop.db.Base:4",
                "shop.db.Base -> sqlalchemy.orm.DeclarativeBase:3",
            ],
        ),
    ]


def test_a_base_reexported_by_a_package_init_is_followed(tmp_path: Path) -> None:
    files = {
        "src/shop/db/__init__.py": "from .base import Base\n",
        "src/shop/db/base.py": "from sqlalchemy.orm import DeclarativeBase\n\nclass Base(DeclarativeBase): ...\n",
        "src/shop/domain/order.py": "from shop.db import Base\n\nclass Order(Base): ...\n",
    }
    assert _findings(tmp_path, PURE, files) == [
        (
            "pure",
            "class shop.domain.order.Order may not subclass sqlalchemy.orm.DeclarativeBase "
            "(through shop.db.base.Base)",
            "src/shop/domain/order.py:3:1",
            [
                "shop.domain.order.Order -> shop.db.base.Base:3",
                "shop.db.base.Base -> sqlalchemy.orm.DeclarativeBase:3",
            ],
        )
    ]


def test_a_base_reexported_through_a_star_import_is_followed(tmp_path: Path) -> None:
    files = {
        "src/shop/db/__init__.py": "from typing import *\nfrom shop.db.base import *\n",
        "src/shop/db/base.py": "import sqlalchemy.orm\n\nclass Base(sqlalchemy.orm.DeclarativeBase): ...\n",
        "src/shop/domain/order.py": "from shop import db\n\nclass Order(db.Base): ...\n",
    }
    assert _findings(tmp_path, PURE, files) == [
        (
            "pure",
            "class shop.domain.order.Order may not subclass sqlalchemy.orm.DeclarativeBase "
            "(through shop.db.base.Base)",
            "src/shop/domain/order.py:3:1",
            [
                "shop.domain.order.Order -> shop.db.base.Base:3",
                "shop.db.base.Base -> sqlalchemy.orm.DeclarativeBase:3",
            ],
        )
    ]


def test_a_base_that_is_an_expression_is_unknown(tmp_path: Path) -> None:
    files = {"src/shop/domain/order.py": "class Order(make_base()): ...\n"}
    assert _findings(tmp_path, PURE, files) == [
        (
            "pure",
            "fitness cannot tell whether class shop.domain.order.Order subclasses "
            "sqlalchemy.orm.DeclarativeBase: a base of shop.domain.order.Order is an "
            "expression, not a class name",
            "src/shop/domain/order.py:1:1",
            [],
        )
    ]


def test_an_unresolvable_base_is_unknown_only_when_the_rule_needs_it(tmp_path: Path) -> None:
    files = {
        "src/shop/db.py": "",
        "src/shop/domain/order.py": (
            "from shop.db import Missing\n\n"
            "class Order(Missing): ...\n"
            "class Plain(Exception): ...\n"
            "class Known(Missing, sqlalchemy_base()): ...\n"
        ),
    }
    named = PURE.replace("in = [", 'name = "*r"\nin = [')
    assert _findings(tmp_path, named, files) == [
        (
            "pure",
            "fitness cannot tell whether class shop.domain.order.Order subclasses "
            "sqlalchemy.orm.DeclarativeBase: the base shop.db.Missing of "
            "shop.domain.order.Order is unknown",
            "src/shop/domain/order.py:3:1",
            [],
        )
    ]
    # The same class under a rule that does not need its bases: nothing unknown to say.
    rule = PURE.replace(
        'must_not_subclass = "sqlalchemy.orm.DeclarativeBase"', 'must_be_named = "*"'
    )
    assert _findings(tmp_path, rule, {}) == []


def test_an_unknown_base_of_a_subclass_selector_is_said_only_when_a_condition_fails(
    tmp_path: Path,
) -> None:
    rule = """
    [tool.fitness.rules.models]
    kind = "classes"
    subclass_of = "shop.db.Base"
    must_live_in = ["shop.domain"]
    """
    files = {
        "src/shop/db.py": "class Base: ...\n",
        "src/shop/domain/order.py": "class Order(Unbound): ...\n",
        "src/shop/views.py": "class View(Unbound): ...\nclass Other: ...\n",
    }
    assert _findings(tmp_path, rule, files) == [
        (
            "models",
            "class shop.views.View must live in shop.domain (if it subclasses shop.db.Base: "
            "fitness cannot tell, the base Unbound of shop.views.View is unknown)",
            "src/shop/views.py:1:1",
            [],
        )
    ]


def test_must_subclass_must_be_named_and_must_live_in(tmp_path: Path) -> None:
    rule = """
    [tool.fitness.rules.repos]
    kind = "classes"
    name = "*Repository"
    must_live_in = ["shop.infrastructure"]
    must_subclass = "shop.domain.ports.Repository"
    """
    files = {
        "src/shop/domain/ports.py": "import abc\n\nclass Repository(abc.ABC): ...\n",
        "src/shop/infrastructure.py": (
            "from shop.domain import ports as p\n\n"
            "class OrderRepository(p.Repository): ...\n"
            "class UserRepository: ...\n"
        ),
    }
    assert _findings(tmp_path, rule, files) == [
        (
            "repos",
            "class shop.domain.ports.Repository must live in shop.infrastructure",
            "src/shop/domain/ports.py:3:1",
            [],
        ),
        (
            "repos",
            "class shop.domain.ports.Repository must subclass shop.domain.ports.Repository",
            "src/shop/domain/ports.py:3:1",
            [],
        ),
        (
            "repos",
            "class shop.infrastructure.UserRepository must subclass shop.domain.ports.Repository",
            "src/shop/infrastructure.py:4:1",
            [],
        ),
    ]
    named = rule.replace('name = "*Repository"', 'in = ["shop.infrastructure"]').replace(
        'must_live_in = ["shop.infrastructure"]\n    must_subclass = "shop.domain.ports.Repository"',
        'must_be_named = "Order*"',
    )
    assert _findings(tmp_path, named, {}) == [
        (
            "repos",
            "class shop.infrastructure.UserRepository must be named Order*",
            "src/shop/infrastructure.py:4:1",
            [],
        )
    ]


def test_decorators_through_an_alias_and_an_instance(tmp_path: Path) -> None:
    rule = """
    [tool.fitness.rules.handlers]
    kind = "classes"
    decorated_with = "fastapi.APIRouter.get"
    must_be_async = true
    """
    files = {
        "src/shop/api.py": (
            "from fastapi import APIRouter as R\n"
            "router = R()\n"
            "\n"
            '@router.get("/a")\n'
            "async def a(): ...\n"
            '@router.get("/b")\n'
            "def b(): ...\n"
            "class Views:\n"
            '    @R.get("/c")\n'
            "    def c(self): ...\n"
            "def d(): ...\n"
        ),
    }
    assert _findings(tmp_path, rule, files) == [
        ("handlers", "function shop.api.b must be async", "src/shop/api.py:7:1", []),
        ("handlers", "function shop.api.Views.c must be async", "src/shop/api.py:10:5", []),
    ]


def test_must_not_be_decorated_with_and_must_not_be_async(tmp_path: Path) -> None:
    rule = """
    [tool.fitness.rules.plain]
    kind = "classes"
    in = ["shop.domain"]
    must_not_be_decorated_with = "functools.*"
    """
    files = {
        "src/shop/domain/order.py": (
            "import functools as ft\nfrom dataclasses import dataclass\n\n"
            "@ft.lru_cache\ndef total(): ...\n"
            "@dataclass\nclass Order:\n    @ft.cached_property\n    def size(self): ...\n"
        ),
    }
    assert _findings(tmp_path, rule, files) == [
        (
            "plain",
            "function shop.domain.order.total may not be decorated with functools.lru_cache",
            "src/shop/domain/order.py:5:1",
            [],
        ),
        (
            "plain",
            "function shop.domain.order.Order.size may not be decorated with "
            "functools.cached_property",
            "src/shop/domain/order.py:9:5",
            [],
        ),
    ]
    sync = rule.replace('must_not_be_decorated_with = "functools.*"', "must_be_async = false")
    files = {"src/shop/domain/order.py": "async def load(): ...\ndef save(): ...\n"}
    assert _findings(tmp_path, sync, files) == [
        (
            "plain",
            "function shop.domain.order.load must not be async",
            "src/shop/domain/order.py:1:1",
            [],
        )
    ]


def test_a_suppression_comment_silences_a_classes_finding(tmp_path: Path) -> None:
    files = {
        "src/shop/domain/order.py": (
            "from sqlalchemy.orm import DeclarativeBase\n\n"
            "class Order(DeclarativeBase):  # fitness: ignore[pure] legacy table\n    pass\n"
        ),
    }
    assert _findings(tmp_path, PURE, files) == []


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        pytest.param(
            'in = ["shop"]\n',
            "pyproject.toml:2: tool.fitness.rules.x: a classes rule needs a condition: "
            "`must_not_subclass`, `must_subclass`, `must_live_in`, `must_be_named`, "
            "`must_be_async` or `must_not_be_decorated_with`",
            id="no-condition",
        ),
        pytest.param(
            'must_be_named = "*Port"\n',
            "pyproject.toml:2: tool.fitness.rules.x: a classes rule needs a selector: "
            "`in`, `subclass_of`, `decorated_with` or `name`",
            id="no-selector",
        ),
        pytest.param(
            'subclass_of = "shop.Base"\nmust_be_async = true\n',
            "pyproject.toml:5: tool.fitness.rules.x.must_be_async: `must_be_async` applies to "
            "functions, `subclass_of` to classes: a rule selects one or the other",
            id="classes-and-functions",
        ),
        pytest.param(
            'in = ["shop"]\nmust_subclass = "shop..Base"\n',
            "pyproject.toml:5: tool.fitness.rules.x.must_subclass: 'shop..Base' is not a dotted "
            "class name (such as 'shop.db.Base')",
            id="bad-name",
        ),
    ],
)
def test_configuration_errors_word_for_word(
    tmp_path: Path, run: Run, rule: str, expected: str
) -> None:
    write_tree(
        tmp_path,
        {
            "src/shop/__init__.py": "",
            "pyproject.toml": f'[tool.fitness]\n[tool.fitness.rules.x]\nkind = "classes"\n{rule}',
        },
    )
    result = run("check", cwd=tmp_path)
    assert (result.code, result.out, result.err) == (2, "", expected + "\n")


def test_baseline_and_sarif_take_classes_findings_like_any_other(tmp_path: Path, run: Run) -> None:
    import json

    files = {
        "src/shop/db.py": "import sqlalchemy.orm as orm\nclass Base(orm.DeclarativeBase): ...\n",
        "src/shop/domain/order.py": "from ..db import Base\nclass Order(Base): ...\n",
    }
    write_tree(tmp_path, {**ROOT, **files, "pyproject.toml": config(PURE)})

    sarif = json.loads(run("check", "--format", "sarif", cwd=tmp_path).out)
    result = sarif["runs"][0]["results"][0]
    steps = result["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [
        (
            step["location"]["physicalLocation"]["artifactLocation"]["uri"],
            step["location"]["physicalLocation"]["region"]["startLine"],
            step["location"]["message"]["text"],
        )
        for step in steps
    ] == [
        ("src/shop/domain/order.py", 2, "shop.domain.order.Order -> shop.db.Base (l.2)."),
        ("src/shop/db.py", 2, "shop.db.Base -> sqlalchemy.orm.DeclarativeBase (l.2)."),
    ]
    assert run("baseline", cwd=tmp_path).code == 0
    assert (
        json.loads((tmp_path / ".fitness-baseline.json").read_text())["entries"][0]["summary"]
        == "must_not_subclass shop.domain.order.Order"
    )
    assert run("check", cwd=tmp_path).code == 0
