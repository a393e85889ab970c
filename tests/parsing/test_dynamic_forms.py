"""Every literal form of a dynamic import is one (issue 21): 18 forms, 7 of them missed before."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitness.parsing.extract import extract
from support import check_project, summarize, write_tree


def _dynamic(source: str) -> list[tuple[str, int]]:
    facts = extract(source.encode())
    return [(raw.module, raw.level) for raw in facts.imports if raw.dynamic]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('import importlib\nimportlib.import_module(".db", "app.infra")\n', ("app.infra.db", 0)),
        (
            'import importlib\nimportlib.import_module(".db", package="app.infra")\n',
            ("app.infra.db", 0),
        ),
        (
            'import importlib\nimportlib.import_module("..infra.db", "app.domain")\n',
            ("app.infra.db", 0),
        ),
        (
            'from importlib import import_module as load\nload("app.infra.db")\n',
            ("app.infra.db", 0),
        ),
        ('import importlib\nimportlib.__import__("app.infra.db")\n', ("app.infra.db", 0)),
        ('import builtins\nbuiltins.__import__("app.infra.db")\n', ("app.infra.db", 0)),
        ('import importlib\nimportlib.import_module(f"app.infra.db")\n', ("app.infra.db", 0)),
        ('import importlib\nimportlib.import_module("app.infra" ".db")\n', ("app.infra.db", 0)),
        ('import importlib\nimportlib.import_module("app." f"infra.db")\n', ("app.infra.db", 0)),
        # Still relative to the file's own package, resolved with its name.
        ('import importlib\nimportlib.import_module(".db", __package__)\n', ("db", 1)),
    ],
)
def test_literal_dynamic_imports(source: str, expected: tuple[str, int]) -> None:
    assert _dynamic(source) == [expected]


@pytest.mark.parametrize(
    "source",
    [
        'import importlib\nimportlib.import_module(f"app.{name}")\n',
        'import importlib\nimportlib.import_module(".db", pkg)\n',
        'import importlib\nimportlib.import_module("...db", "app.domain")\n',  # beyond the top
        'import importlib\nimportlib.import_module(f"app\\x2einfra")\n',
    ],
)
def test_what_is_not_a_literal_stays_unknown(source: str) -> None:
    assert _dynamic(source) == []


def test_each_form_is_placed_where_it_is_written() -> None:
    source = (
        "from importlib import import_module as load\n"
        "import importlib, builtins\n"
        'load("a")\n'
        'x = importlib.__import__("b")\n'
        'builtins.__import__("c" "d")\n'
    )
    facts = extract(source.encode())
    assert [(raw.module, raw.line, raw.column) for raw in facts.imports if raw.dynamic] == [
        ("a", 3, 1),
        ("b", 4, 15),
        ("cd", 5, 10),
    ]


def test_a_relative_dynamic_import_with_a_literal_package_breaks_the_rule(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "pyproject.toml": """
                [tool.fitness]
                source_roots = ["src"]

                [tool.fitness.rules.domain-is-pure]
                kind = "forbidden"
                from = ["app.domain"]
                to = ["app.infra", "sqlite3"]
                """,
            "src/app/__init__.py": "",
            "src/app/domain/__init__.py": "",
            "src/app/domain/model.py": (
                'from importlib import import_module as load\nload("..infra.db", "app.domain")\n'
            ),
            "src/app/infra/__init__.py": "",
            "src/app/infra/db.py": "X = 1\n",
        },
    )
    assert summarize(check_project(tmp_path)) == [
        (
            "domain-is-pure",
            "app.domain must not import app.infra (through a dynamic import)",
            "src/app/domain/model.py:2:1",
            ["app.domain.model -> app.infra.db:2"],
        )
    ]
