"""Another revision's tree, for `--since REV`: exported by `git archive`, never checked out.

The export goes to a temporary directory; the user's working tree, index and
`.git` are only read. Only the project's own directory is exported.
"""

from __future__ import annotations

import subprocess
import tarfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from fitness.errors import UsageError


def export(project_root: Path, revision: str, into: Path) -> Path:
    """Write the project's tree at `revision` under `into`; its project root there."""
    top = Path(_git(project_root, "rev-parse", "--show-toplevel", why=_not_a_repository))
    prefix = PurePosixPath(project_root.resolve().relative_to(top.resolve()).as_posix())
    _git(
        project_root,
        "rev-parse",
        "--verify",
        "--quiet",
        f"{revision}^{{commit}}",
        why=lambda _: f"--since {revision}: no such revision in the repository at {top}",
    )
    command = ["git", "-C", str(top), "archive", "--format=tar", revision]
    if str(prefix) != ".":
        command += ["--", str(prefix)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        with tarfile.open(fileobj=process.stdout, mode="r|") as archive:
            if hasattr(tarfile, "data_filter"):
                archive.extractall(into, filter="data")
            else:  # Python < 3.12 without the backported filters: git archive writes no ../
                archive.extractall(into)
        error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode != 0:
        raise UsageError(f"--since {revision}: git archive failed: {error.strip()}")
    return into / prefix


def _git(cwd: Path, *args: str, why: Callable[[Path], str]) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError("--since needs git, which is not installed (or not on PATH)") from None
    if done.returncode != 0:
        raise UsageError(why(cwd))
    return done.stdout.strip()


def _not_a_repository(cwd: Path) -> str:
    return f"--since: {cwd} is not in a git repository"
