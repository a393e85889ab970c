"""Where the command line writes reports, and how: `--output` targets, colour, GitHub's environment.

The command line reads the environment here, so that reporters never do.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from fitness.errors import UsageError
from fitness.model import Report
from fitness.reporters import REPORTERS, RenderOptions


def output_target(spec: str) -> tuple[str, Path]:
    """FORMAT and PATH of `--output`, checked before the analysis so no run is wasted."""
    name, colon, path = spec.partition(":")
    if not colon or not path:
        raise UsageError(f"--output expects FORMAT:PATH, got '{spec}'")
    if name not in REPORTERS:
        raise UsageError(
            f"--output: unknown format '{name}' (choose from {', '.join(sorted(REPORTERS))})"
        )
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"--output {spec}: {path} is a directory; name a file in it")
    directory = target.parent
    if not directory.is_dir():
        raise UsageError(f"--output {spec}: directory {directory} does not exist; create it first")
    problem = _probe(directory)
    if problem:
        raise UsageError(f"--output {spec}: cannot write in {directory}: {problem}")
    return name, target


def _probe(directory: Path) -> str | None:
    """Why no file can be created in `directory`, or None: tried, since permissions lie to root."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=directory):
            return None
    except OSError as exc:
        return exc.strerror or str(exc)


def github_options() -> RenderOptions:
    """What GitHub Actions tells through the environment: the workspace and the commit's URL."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    server, repository, sha = (
        os.environ.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    )
    return RenderOptions(
        workspace=Path(workspace).resolve().as_posix() if workspace else None,
        source_url=f"{server.rstrip('/')}/{repository}/blob/{sha}"
        if server and repository and sha
        else None,
    )


def write_output(name: str, path: Path, report: Report, options: RenderOptions) -> str | None:
    """Write one `--output` file; why it failed, or None."""
    from fitness.atomic import write_atomic

    try:
        write_atomic(path, REPORTERS[name](report, options))
    except OSError as exc:
        return f"--output {name}:{path}: cannot write: {exc.strerror or exc}"
    return None


def use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()
