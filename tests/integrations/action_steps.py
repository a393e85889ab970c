"""Running action.yml's `check` step as a runner would, for the action's tests.

The `installed` fixture (conftest.py) runs the action's first steps once per
session; `check` runs the check step on a project with the inputs and event given.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from integrations import composite
from support import git

REPO = Path(__file__).resolve().parents[2]
ACTION = composite.load(REPO / "action.yml")
EARLIER = "# An earlier step's summary\n"


def check(
    installed: dict[str, Any],
    project: Path,
    given: dict[str, str],
    github: dict[str, Any] | None = None,
    working_directory: str = ".",
    workspace: Path | None = None,
) -> tuple[composite.Run, str, Path]:
    """Run the check step; its outputs, the job's step summary, and the runner's temp dir."""
    workspace = workspace or project
    runner_temp = Path(tempfile.mkdtemp(prefix="runner-", dir=project.parent))
    environment = composite.base_environment(workspace, runner_temp, REPO)
    Path(environment["GITHUB_STEP_SUMMARY"]).write_text(EARLIER, encoding="utf-8")
    context: dict[str, Any] = {
        "inputs": composite.inputs(ACTION, {"working-directory": working_directory, **given}),
        "github": github or {"event_name": "push", "sha": "0" * 40, "event": {}},
        "runner": {"temp": str(runner_temp), "os": "Linux"},
        "steps": dict(installed),
    }
    run = composite.run_steps(ACTION, ["check"], context, environment, workspace)
    summary = Path(environment["GITHUB_STEP_SUMMARY"]).read_text("utf-8")
    return run, summary, runner_temp


def checkout_copy(into: Path) -> Path:
    """The repository's files as a checkout of the action would have them."""
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    return into


def commit(repository: Path, message: str) -> str:
    git(repository, "add", "-A")
    git(repository, "commit", "-qm", message)
    return git(repository, "rev-parse", "HEAD").strip()
