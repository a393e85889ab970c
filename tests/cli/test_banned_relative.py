"""A ban on the project's own API is found through relative imports too (issue 21)."""

from __future__ import annotations

from pathlib import Path

from support import check_project, summarize, write_tree


def test_a_banned_internal_api_reached_through_a_relative_import(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "pyproject.toml": """
                [tool.fitness]
                source_roots = ["src"]

                [tool.fitness.rules.no-raw-connect]
                kind = "banned-api"
                apis = ["app.infra.db.connect"]
                allow_in = ["app.infra"]
                """,
            "src/app/__init__.py": "",
            "src/app/domain/__init__.py": "from .. import infra\ninfra.db.connect()\n",
            "src/app/domain/model.py": (
                "from ..infra import db\nfrom ..infra.db import connect as c\ndb.connect()\nc()\n"
            ),
            "src/app/domain/other.py": "from ..infra import db\ndb.close()\n",
            "src/app/infra/__init__.py": "from . import db\n",
            "src/app/infra/db.py": "def connect(): ...\ndef close(): ...\n",
        },
    )
    banned = "app.infra.db.connect (as {}) is banned"
    assert summarize(check_project(tmp_path)) == [
        ("no-raw-connect", banned.format("infra.db.connect"), "src/app/domain/__init__.py:2:1", []),
        ("no-raw-connect", banned.format("c"), "src/app/domain/model.py:2:24", []),
        ("no-raw-connect", banned.format("db.connect"), "src/app/domain/model.py:3:1", []),
    ]  # `c()` on line 4 repeats the from-import of line 2, which is the finding
