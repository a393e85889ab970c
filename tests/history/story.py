"""A project's git history in eight weekly commits, for `fitness history`'s tests.

c1 (no configuration), c2 (a configuration naming `app.model`), c3 (`app.model`
renamed `app.domain`, which imports `app.api`: a layers finding), c4 (the domain
imports sqlite3: a `pure` finding), c5 (the domain's import of the API removed),
c6 (`app.db` imports the domain: a second layers finding; the baseline written),
c7 (only the README), c8 (the sqlite3 import removed). Each commit is made at
noon UTC, a week after the one before, from Monday 2026-01-05.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from fitness.model import BaselineEntry
from fitness.policy.baseline import render

CONFIG = """\
[tool.fitness]
source_roots = ["."]

[tool.fitness.rules.layers]
kind = "layers"
layers = ["app.api", "app.{inner}", "app.db"]

[tool.fitness.rules.pure]
kind = "forbidden"
from = ["app.{inner}"]
to = ["sqlite3"]
"""
# Two entries, as `fitness baseline` would have written them (the sizes are what count).
BASELINE = render(
    [
        BaselineEntry("0" * 20, "layers", "app.db app.domain", "app/db.py", 1, ()),
        BaselineEntry("1" * 20, "pure", "app.domain sqlite3", "app/domain.py", 1, ()),
    ]
)
DATES = [
    f"2026-{month:02d}-{day:02d}T12:00:00Z"
    for month, day in ((1, 5), (1, 12), (1, 19), (1, 26), (2, 2), (2, 9), (2, 16), (2, 23))
]


def commit(root: Path, number: int, message: str) -> str:
    """Commit everything in `root` at the date of commit `number` (1-based); its id."""
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": DATES[number - 1],
        "GIT_COMMITTER_DATE": DATES[number - 1],
    }

    def git(*args: str) -> str:
        return subprocess.run(
            [
                "git",
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
                *args,
            ],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    git("add", "-A")
    git("commit", "-qm", message)
    return git("rev-parse", "HEAD").strip()


def write(root: Path, files: dict[str, str | None]) -> None:
    for relative, text in files.items():
        path = root / relative
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def build(root: Path) -> list[str]:
    """The eight commits in `root` (a new directory); their ids, oldest first."""
    root.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    shas = []
    write(
        root,
        {
            ".gitignore": ".fitness_cache/\n",
            "README.md": "# app\n",
            "app/__init__.py": "",
            "app/api.py": "",
            "app/model.py": "import app.api\n",
            "app/db.py": "",
        },
    )
    shas.append(commit(root, 1, "c1: no configuration"))
    write(root, {"pyproject.toml": CONFIG.format(inner="model")})
    shas.append(commit(root, 2, "c2: rules naming app.model"))
    write(
        root,
        {
            "app/model.py": None,
            "app/domain.py": "import app.api\n",
            "pyproject.toml": CONFIG.format(inner="domain"),
        },
    )
    shas.append(commit(root, 3, "c3: app.model renamed app.domain"))
    write(root, {"app/domain.py": "import app.api\nimport sqlite3\n"})
    shas.append(commit(root, 4, "c4: the domain imports sqlite3"))
    write(root, {"app/domain.py": "import sqlite3\n"})
    shas.append(commit(root, 5, "c5: the domain no longer imports the API"))
    write(root, {"app/db.py": "import app.domain\n", ".fitness-baseline.json": BASELINE})
    shas.append(commit(root, 6, "c6: the database imports the domain; baseline"))
    write(root, {"README.md": "# app\n\nThe app.\n"})
    shas.append(commit(root, 7, "c7: README"))
    # Not empty: a rule whose modules import nothing is vacuous, and that is not this story.
    write(root, {"app/domain.py": "import dataclasses\n"})
    shas.append(commit(root, 8, "c8: the domain no longer imports sqlite3"))
    return shas
