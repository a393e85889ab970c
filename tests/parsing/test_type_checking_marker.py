"""Only `typing.TYPE_CHECKING`, never rebound, marks type-checking-only imports (issue 21)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from fitness.parsing.extract import extract
from support import check_project, summarize, write_tree


def _flags(source: str) -> list[tuple[str, bool]]:
    facts = extract(textwrap.dedent(source).encode())
    return [(raw.module, raw.type_checking) for raw in facts.imports if raw.module.startswith("x")]


@pytest.mark.parametrize(
    ("source", "checking"),
    [
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import x\n", True),
        ("from typing_extensions import TYPE_CHECKING as TC\nif TC:\n    import x\n", True),
        ("import typing\nif typing.TYPE_CHECKING:\n    import x\n", True),
        ("import typing as t\nif t.TYPE_CHECKING:\n    import x\n", True),
        ("import typing\ndef f():\n    if typing.TYPE_CHECKING:\n        import x\n", True),
        # Rebound, or never typing's: the import runs.
        ("TYPE_CHECKING = True\nif TYPE_CHECKING:\n    import x\n", False),
        (
            "from typing import TYPE_CHECKING\nTYPE_CHECKING = True\nif TYPE_CHECKING:\n"
            "    import x\n",
            False,
        ),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import x\n"
            "TYPE_CHECKING, y = 1, 2\n",
            False,
        ),
        (
            "from typing import TYPE_CHECKING\n(TYPE_CHECKING := 1)\nif TYPE_CHECKING:\n    import x\n",
            False,
        ),
        ("from other import TYPE_CHECKING\nif TYPE_CHECKING:\n    import x\n", False),
        ("import other as typing\nif typing.TYPE_CHECKING:\n    import x\n", False),
        ("import typing\ntyping = object()\nif typing.TYPE_CHECKING:\n    import x\n", False),
        ("from typing import *\nif TYPE_CHECKING:\n    import x\n", False),
        (
            "from typing import TYPE_CHECKING\nfrom m import *\nif TYPE_CHECKING:\n    import x\n",
            False,
        ),
        (
            "from typing import TYPE_CHECKING\ndef TYPE_CHECKING(): ...\nif TYPE_CHECKING:\n    import x\n",
            False,
        ),
        ("if TYPE_CHECKING:\n    import x\n", False),
    ],
)
def test_the_marker(source: str, checking: bool) -> None:
    assert _flags(source) == [("x", checking)]


def test_a_rebound_marker_does_not_hide_an_import_under_type_checking_ignore(
    tmp_path: Path,
) -> None:
    write_tree(
        tmp_path,
        {
            "pyproject.toml": """
                [tool.fitness]
                source_roots = ["src"]
                type_checking = "ignore"

                [tool.fitness.rules.domain-is-pure]
                kind = "forbidden"
                from = ["app.domain"]
                to = ["app.infra", "sqlite3"]
                """,
            "src/app/__init__.py": "",
            "src/app/domain/__init__.py": "",
            "src/app/domain/model.py": "TYPE_CHECKING = True\nif TYPE_CHECKING:\n    import app.infra.db\n",
            "src/app/domain/typed.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import app.infra.db\n"
            ),
            "src/app/infra/__init__.py": "",
            "src/app/infra/db.py": "X = 1\n",
        },
    )
    assert summarize(check_project(tmp_path)) == [
        (
            "domain-is-pure",
            "app.domain must not import app.infra",
            "src/app/domain/model.py:3:5",
            ["app.domain.model -> app.infra.db:3"],
        )
    ]
