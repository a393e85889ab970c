"""A file whose name is not an identifier is a module too, under its literal name (issue 21).

`importlib.import_module("app.domain.price-impl")` loads `price-impl.py`, and
Django loads each migration (`migrations/0001_initial.py`) by its name.
"""

from __future__ import annotations

from pathlib import Path

from support import check_project, summarize, write_tree

RULE = """
[tool.fitness]
source_roots = ["src"]

[tool.fitness.rules.domain-is-pure]
kind = "forbidden"
from = ["app.domain.model", "app.domain.migrations"]
to = ["app.infra", "sqlite3"]
"""


def test_files_named_like_no_identifier_are_modules_under_their_literal_names(
    tmp_path: Path,
) -> None:
    write_tree(
        tmp_path,
        {
            "pyproject.toml": RULE,
            "src/app/__init__.py": "",
            "src/app/domain/__init__.py": "",
            "src/app/domain/model.py": 'import importlib\nimportlib.import_module("app.domain.price-impl")\n',
            "src/app/domain/price-impl.py": "import app.infra.db\n",
            "src/app/domain/migrations/__init__.py": "",
            "src/app/domain/migrations/0001_initial.py": "from app.infra import db\n",
            "src/app/infra/__init__.py": "",
            "src/app/infra/db.py": "X = 1\n",
        },
    )
    assert summarize(check_project(tmp_path)) == [
        (
            "domain-is-pure",
            "app.domain.migrations must not import app.infra",
            "src/app/domain/migrations/0001_initial.py:1:1",
            ["app.domain.migrations.0001_initial -> app.infra.db:1"],
        ),
        (
            "domain-is-pure",
            "app.domain.model must not import app.infra (through a dynamic import)",
            "src/app/domain/model.py:2:11",
            [
                "app.domain.model -> app.domain.price-impl:2",
                "app.domain.price-impl -> app.infra.db:1",
            ],
        ),
    ]
