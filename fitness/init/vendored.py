"""Vendored third-party code in a project: left out of the draft's analysis, and said so.

A project that ships copies of other distributions (pip's and poetry-core's
`_vendor`) does not layer them: they are not its architecture. Three signs
name such a directory: its name (`_vendor`, `vendor`, `vendored`), the
`destination` of the `vendoring` tool's `[tool.vendoring]` table, or a
directory without `__init__.py` that holds distributions' metadata
(`*.dist-info`, `*.egg-info`) or a `vendor.txt` requirements list.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

from fitness.parsing.discovery import Discovery

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

NAMES = frozenset({"_vendor", "vendor", "vendored"})
_METADATA = (".dist-info", ".egg-info")


class Vendored(NamedTuple):
    """A directory of vendored code: its anchored exclude (`/src/x/_vendor/`), and why."""

    exclude: str
    why: str


def find_vendored(root: Path, discovery: Discovery) -> tuple[Vendored, ...]:
    """Every directory of vendored code the discovered modules lie in, outermost only."""
    destination = _vendoring_destination(root)
    found: dict[str, str] = {}
    plain: set[str] = set()  # directories looked at and found not vendored
    for source in discovery.files:
        parts = source.path.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            directory = "/".join(parts[:depth])
            if directory in found:
                break
            if directory in plain:
                continue
            why = _why(root, directory, parts[depth - 1], destination)
            if why is None:
                plain.add(directory)
                continue
            found[directory] = why
            break
    return tuple(Vendored(f"/{path}/", why) for path, why in sorted(found.items()))


def _why(root: Path, directory: str, name: str, destination: str | None) -> str | None:
    if name in NAMES:
        return f"a directory named {name}"
    if destination is not None and directory == destination:
        return "the destination of [tool.vendoring]"
    path = root / directory
    if (path / "__init__.py").is_file():
        return None
    if (path / "vendor.txt").is_file():
        return "its vendor.txt lists the distributions it holds"
    try:
        metadata = sorted(p.name for p in path.iterdir() if p.name.endswith(_METADATA))
    except OSError:
        return None
    return f"it holds {metadata[0]}" if metadata else None


def _vendoring_destination(root: Path) -> str | None:
    """`[tool.vendoring] destination` of the project's pyproject.toml, project-relative."""
    try:
        document = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    tool = document.get("tool")
    table = tool.get("vendoring") if isinstance(tool, dict) else None
    destination = table.get("destination") if isinstance(table, dict) else None
    if not isinstance(destination, str) or not destination.strip("/ "):
        return None
    return destination.strip().strip("/").removeprefix("./")
