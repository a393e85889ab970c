"""The hook in .pre-commit-hooks.yaml, run by the real pre-commit on a throwaway repository.

The repository's `.pre-commit-config.yaml` points at a clone of this repository at its
current commit, as a user's would point at a release tag; pre-commit installs fitness
from it into an environment of its own (from the package index), as it would for a user.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import git, write_tree

REPO = Path(__file__).resolve().parents[2]


def test_the_hook_fails_on_a_finding_passes_when_fixed_and_skips_other_files(
    tmp_path: Path,
) -> None:
    clone = tmp_path / "fitness"
    git(tmp_path, "clone", "-q", "--no-hardlinks", str(REPO), str(clone))
    revision = git(clone, "rev-parse", "HEAD").strip()
    project = write_tree(
        tmp_path / "project",
        {
            ".pre-commit-config.yaml": f"""
                repos:
                  - repo: {clone}
                    rev: {revision}
                    hooks:
                      - id: fitness
            """,
            "pyproject.toml": """
                [tool.fitness]
                source_roots = ["src"]

                [tool.fitness.rules.layers]
                kind = "layers"
                layers = ["app.api", "app.domain"]

                [tool.fitness.rules.no-sockets]
                kind = "forbidden"
                from = ["app"]
                to = ["socket"]
            """,
            "src/app/__init__.py": "",
            "src/app/api/__init__.py": "from app import domain\n",
            "src/app/domain/__init__.py": "from app import api\n",
            "notes.txt": "notes\n",
        },
    )
    git(project, "init", "-q")
    git(project, "add", "-A")
    home = tmp_path / "pre-commit-home"

    failed = _pre_commit(project, home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    # The first run installs the hook's environment first and says so.
    lines = [line for line in failed.stdout.splitlines() if not line.startswith("[INFO] ")]
    assert lines[:7] == [
        _status("Failed"),
        "- hook id: fitness",
        "- exit code: 1",
        "",
        "src/app/domain/__init__.py:1:1: layers: app.domain must not import app.api "
        "(a higher layer)",
        "",
        "layers  layers  broken  1 finding",
    ]
    # The kept rule is counted, not listed: the hook's output is the findings.
    assert lines[7].startswith("Rules: 1 kept, 1 broken. Found 1 finding (1 error) in 3 files (")

    write_tree(project, {"src/app/domain/__init__.py": ""})
    git(project, "add", "-A")
    passed = _pre_commit(project, home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert passed.stdout == _status("Passed") + "\n"

    git(project, "commit", "-qm", "fixed")
    write_tree(project, {"notes.txt": "more notes\n"})
    git(project, "add", "notes.txt")
    skipped = _pre_commit(project, home)
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert skipped.stdout == _status("(no files to check)Skipped") + "\n"


def _status(status: str) -> str:
    """The line pre-commit prints for the hook: its name, dots to column 79, the status."""
    name = "fitness (architecture rules)"
    return name + "." * (79 - len(name) - len(status)) + status


def _pre_commit(project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """`pre-commit run` on the staged files, with its own store of hook environments."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    environment.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
