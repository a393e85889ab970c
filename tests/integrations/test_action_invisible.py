"""Issue 21 item 1: what a pull request adds cannot be made invisible to the gate.

Each case runs the action's `check` step with `config-from: base` on a pull
request of a project whose `forbidden` rule keeps `app.domain` from
`app.infra` and `sqlite3`; each must fail on the violation the change hides.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from integrations.action_steps import check, commit
from support import git, write_tree

BASE = {
    "pyproject.toml": """
        [project]
        name = "app"

        [tool.fitness]
        source_roots = ["src"]

        [tool.fitness.rules.domain-is-pure]
        kind = "forbidden"
        from = ["app.domain"]
        to = ["app.infra", "sqlite3"]
        type_checking = "ignore"

        [tool.fitness.rules.no-shell]
        kind = "banned-api"
        apis = [{ name = "subprocess.run", when = { shell = true } }]
        """,
    "src/app/__init__.py": "",
    "src/app/domain/__init__.py": "",
    "src/app/domain/model.py": "X = 1\n",
    "src/app/infra/__init__.py": "",
    "src/app/infra/db.py": "import sqlite3\n",
}
README = {"config-from": "base"}


def _pull_request(base: str, head: str) -> dict[str, Any]:
    event = {"pull_request": {"base": {"sha": base}}}
    return {"event_name": "pull_request", "sha": head, "event": event}


def _base(workspace: Path) -> str:
    write_tree(workspace, BASE)
    git(workspace, "init", "-q")
    return commit(workspace, "base")


def test_a_committed_file_a_gitignore_of_the_change_matches_is_checked(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace = tmp_path / "checkout"
    base = _base(workspace)
    write_tree(
        workspace,
        {
            "src/app/domain/.gitignore": "helpers.py\n",
            "src/app/domain/helpers.py": "import app.infra.db\n",
        },
    )
    git(workspace, "add", "-f", "src/app/domain/helpers.py")
    head = commit(workspace, "hide a helper")

    run, summary, _ = check(installed, workspace, README, github=_pull_request(base, head))

    assert run.codes["check"] == 1, run.stderr
    assert run.stdout["check"].splitlines() == [
        "::error file=src/app/domain/helpers.py,line=1,col=1,endLine=1,endColumn=20,"
        "title=domain-is-pure::app.domain must not import app.infra%0A"
        "app.domain.helpers -> app.infra.db (l.1)",
        "::error file=src/app/domain/helpers.py,line=1,col=1,endLine=1,endColumn=20,"
        "title=domain-is-pure::app.domain must not import sqlite3 (new import "
        "app.domain.helpers -> app.infra.db completes the chain)%0A"
        "app.domain.helpers -> app.infra.db (l.1)%0Aapp.infra.db -> sqlite3 (l.1)",
        "fitness: 2 findings.",
        "::warning title=fitness::This change edits the fitness configuration; it was judged "
        "by the base commit's (the step summary lists the changes).",
    ]
    changes = summary.split("### Changes to the fitness configuration\n", 1)[1]
    assert "pyproject.toml fitness.toml .fitness-baseline.json and every .gitignore." in changes
    assert "+++ b/src/app/domain/.gitignore\n" in changes
    assert "+helpers.py\n" in changes


def test_a_package_reached_through_a_directory_symlink_is_checked(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace = tmp_path / "checkout"
    base = _base(workspace)
    write_tree(workspace, {"src/impl/__init__.py": "", "src/impl/store.py": "import sqlite3\n"})
    os.symlink("../../impl", workspace / "src/app/domain/sub")
    head = commit(workspace, "a package through a link")

    run, _, _ = check(installed, workspace, README, github=_pull_request(base, head))

    assert run.codes["check"] == 1, run.stderr
    assert run.stdout["check"].splitlines()[-2:] == [
        "::error file=src/app/domain/sub/store.py,line=1,col=1,endLine=1,endColumn=15,"
        "title=domain-is-pure::app.domain must not import sqlite3%0A"
        "app.domain.sub.store -> sqlite3 (l.1)",
        "fitness: 1 finding.",
    ]


def test_committed_packages_named_like_vendor_or_virtual_environments_are_checked(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace = tmp_path / "checkout"
    base = _base(workspace)
    write_tree(
        workspace,
        {
            "src/app/domain/env/pyvenv.cfg": "",
            "src/app/domain/env/__init__.py": "",
            "src/app/domain/env/leak.py": "import sqlite3\n",
            "src/app/domain/node_modules/__init__.py": "import app.infra.db\n",
        },
    )
    head = commit(workspace, "hide code in a venv and a vendor directory")

    run, _, _ = check(installed, workspace, README, github=_pull_request(base, head))

    assert run.codes["check"] == 1, run.stderr
    assert run.stdout["check"].splitlines() == [
        "::error file=src/app/domain/env/leak.py,line=1,col=1,endLine=1,endColumn=15,"
        "title=domain-is-pure::app.domain must not import sqlite3 (new import "
        "app.domain.env.leak -> sqlite3 completes the chain)%0A"
        "app.domain.env.leak -> sqlite3 (l.1)",
        "::error file=src/app/domain/node_modules/__init__.py,line=1,col=1,endLine=1,"
        "endColumn=20,title=domain-is-pure::app.domain must not import app.infra%0A"
        "app.domain.node_modules -> app.infra.db (l.1)",
        "fitness: 2 findings.",
    ]


HIDDEN = {  # what the change writes -> the check step's output lines
    "a file name that is no identifier, loaded by name": (
        {
            "src/app/domain/model.py": 'import importlib\nimportlib.import_module("app.domain.price-impl")\n',
            "src/app/domain/price-impl.py": "import app.infra.db\n",
        },
        [
            "::error file=src/app/domain/price-impl.py,line=1,col=1,endLine=1,endColumn=20,"
            "title=domain-is-pure::app.domain must not import app.infra"
            "%0Aapp.domain.price-impl -> app.infra.db (l.1)",
            "::error file=src/app/domain/price-impl.py,line=1,col=1,endLine=1,endColumn=20,"
            "title=domain-is-pure::app.domain must not import sqlite3 (new import"
            " app.domain.price-impl -> app.infra.db completes the chain)"
            "%0Aapp.domain.price-impl -> app.infra.db (l.1)%0Aapp.infra.db -> sqlite3 (l.1)",
            "fitness: 2 findings.",
        ],
    ),
    "a Django migration": (
        {
            "src/app/domain/migrations/__init__.py": "",
            "src/app/domain/migrations/0001_initial.py": "import sqlite3\n",
        },
        [
            "::error file=src/app/domain/migrations/0001_initial.py,line=1,col=1,endLine=1,"
            "endColumn=15,title=domain-is-pure::app.domain must not import sqlite3"
            "%0Aapp.domain.migrations.0001_initial -> sqlite3 (l.1)",
            "fitness: 1 finding.",
        ],
    ),
    "a rebound TYPE_CHECKING": (
        {
            "src/app/domain/model.py": "TYPE_CHECKING = True\nif TYPE_CHECKING:\n    import sqlite3\n",
        },
        [
            "::error file=src/app/domain/model.py,line=3,col=5,endLine=3,endColumn=19,title"
            "=domain-is-pure::app.domain must not import sqlite3%0Aapp.domain.model ->"
            " sqlite3 (l.3)",
            "fitness: 1 finding.",
        ],
    ),
    "import_module with a package": (
        {
            "src/app/domain/model.py": 'import importlib\nimportlib.import_module(".db", "app.infra")\n',
        },
        [
            "::error file=src/app/domain/model.py,line=2,col=11,endLine=2,endColumn=24,titl"
            "e=domain-is-pure::app.domain must not import app.infra (through a dynamic"
            " import)%0Aapp.domain.model -> app.infra.db (l.2 dynamic)",
            "::error file=src/app/domain/model.py,line=2,col=11,endLine=2,endColumn=24,titl"
            "e=domain-is-pure::app.domain must not import sqlite3 (through a dynamic"
            " import) (new import app.domain.model -> app.infra.db completes the chain)"
            "%0Aapp.domain.model -> app.infra.db (l.2 dynamic)%0Aapp.infra.db -> sqlite3"
            " (l.1)",
            "fitness: 2 findings.",
        ],
    ),
    "import_module relative to another package": (
        {
            "src/app/domain/model.py": 'from importlib import import_module\nimport_module("..infra.db", "app.domain")\n',
        },
        [
            "::error file=src/app/domain/model.py,line=2,col=1,endLine=2,endColumn=14,title"
            "=domain-is-pure::app.domain must not import app.infra (through a dynamic"
            " import)%0Aapp.domain.model -> app.infra.db (l.2 dynamic)",
            "::error file=src/app/domain/model.py,line=2,col=1,endLine=2,endColumn=14,title"
            "=domain-is-pure::app.domain must not import sqlite3 (through a dynamic"
            " import) (new import app.domain.model -> app.infra.db completes the chain)"
            "%0Aapp.domain.model -> app.infra.db (l.2 dynamic)%0Aapp.infra.db -> sqlite3"
            " (l.1)",
            "fitness: 2 findings.",
        ],
    ),
    "import_module under another name": (
        {
            "src/app/domain/model.py": 'from importlib import import_module as load\nload("sqlite3")\n',
        },
        [
            "::error file=src/app/domain/model.py,line=2,col=1,endLine=2,endColumn=5,title="
            "domain-is-pure::app.domain must not import sqlite3 (through a dynamic"
            " import)%0Aapp.domain.model -> sqlite3 (l.2 dynamic)",
            "fitness: 1 finding.",
        ],
    ),
    "importlib.__import__": (
        {
            "src/app/domain/model.py": 'import importlib\nimportlib.__import__("sqlite3")\n',
        },
        [
            "::error file=src/app/domain/model.py,line=2,col=11,endLine=2,endColumn=21,titl"
            "e=domain-is-pure::app.domain must not import sqlite3 (through a dynamic"
            " import)%0Aapp.domain.model -> sqlite3 (l.2 dynamic)",
            "fitness: 1 finding.",
        ],
    ),
    "builtins.__import__": (
        {
            "src/app/domain/model.py": 'import builtins\nbuiltins.__import__("sqlite3")\n',
        },
        [
            "::error file=src/app/domain/model.py,line=2,col=10,endLine=2,endColumn=20,titl"
            "e=domain-is-pure::app.domain must not import sqlite3 (through a dynamic"
            " import)%0Aapp.domain.model -> sqlite3 (l.2 dynamic)",
            "fitness: 1 finding.",
        ],
    ),
    "an f-string without placeholders": (
        {
            "src/app/domain/model.py": 'import importlib\nimportlib.import_module(f"sqlite3")\n',
        },
        [
            "::error file=src/app/domain/model.py,line=2,col=11,endLine=2,endColumn=24,titl"
            "e=domain-is-pure::app.domain must not import sqlite3 (through a dynamic"
            " import)%0Aapp.domain.model -> sqlite3 (l.2 dynamic)",
            "fitness: 1 finding.",
        ],
    ),
    "implicit string concatenation": (
        {
            "src/app/domain/model.py": 'import importlib\nimportlib.import_module("sqlite" "3")\n',
        },
        [
            "::error file=src/app/domain/model.py,line=2,col=11,endLine=2,endColumn=24,titl"
            "e=domain-is-pure::app.domain must not import sqlite3 (through a dynamic"
            " import)%0Aapp.domain.model -> sqlite3 (l.2 dynamic)",
            "fitness: 1 finding.",
        ],
    ),
    "a truthy shell that is not True": (
        {
            "src/app/domain/model.py": 'import subprocess\nsubprocess.run("ls", shell="yes")\n',
        },
        [
            "::error file=src/app/domain/model.py,line=2,col=1,endLine=2,endColumn=15,title"
            "=no-shell::subprocess.run with shell=True is banned",
            "fitness: 1 finding.",
        ],
    ),
}


@pytest.mark.parametrize("change", list(HIDDEN), ids=list(HIDDEN))
def test_what_the_change_writes_where_fitness_did_not_look_is_checked(
    installed: dict[str, Any], tmp_path: Path, change: str
) -> None:
    """A non-identifier file name, a rebound TYPE_CHECKING, each literal dynamic-import form
    that was missed, and a truthy `shell` that is not `True`: each is a finding of the gate."""
    workspace = tmp_path / "checkout"
    base = _base(workspace)
    files, expected = HIDDEN[change]
    write_tree(workspace, files)
    head = commit(workspace, change)

    run, _, _ = check(installed, workspace, README, github=_pull_request(base, head))

    assert (run.codes["check"], run.stdout["check"].splitlines()) == (1, expected), run.stderr
