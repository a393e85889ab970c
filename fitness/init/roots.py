"""Where import-linter's root packages live, as fitness's source roots and excludes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from fitness.errors import UsageError
from fitness.parsing.discovery import Discovery, discover
from fitness.parsing.homes import python_homes


class Located(NamedTuple):
    """The source roots holding the root packages; what else they hold, to be excluded."""

    source_roots: tuple[str, ...]
    exclude: tuple[str, ...]  # anchored gitignore-style paths: "/tests/", "/setup.py"
    respect_gitignore: bool  # False when a root package holds git-ignored modules
    notes: tuple[str, ...]  # comment lines for the configuration


def locate(project_root: Path, packages: Sequence[str]) -> Located:
    """The directories holding `packages` (the project root and `src` first, then any other).

    import-linter finds its root packages on `sys.path`; fitness reads them
    from source roots, so each root package's directory becomes one, and every
    other top-level package or module there is excluded, as import-linter does
    not analyse it.
    """
    if not packages:
        raise UsageError(
            "the import-linter configuration names no root package (root_package or root_packages)"
        )
    roots: list[str] = []
    notes: list[str] = []
    homes: list[str] | None = None
    for package in packages:
        path = package.replace(".", "/")
        found = next((r for r in (".", "src") if _holds(project_root / r, path)), None)
        if found is None:
            if homes is None:
                homes = [home.path for home in python_homes(project_root)]
            found = next((h for h in homes if _holds(project_root / h, path)), None)
        if found is None:
            notes.append(f"# root package {package} is not in the project: not analysed")
        elif found not in roots:
            roots.append(found)
    if not roots:
        raise UsageError(
            f"none of the root packages ({', '.join(packages)}) is in {project_root}: "
            "run the conversion in the project's root directory"
        )
    tops = {package.split(".")[0] for package in packages}
    listing = discover(project_root, roots)
    plain = discover(project_root, roots, respect_gitignore=False)
    hidden = _within(plain, tops) - _within(listing, tops)
    chosen = plain if hidden else listing
    return Located(tuple(roots), _others(chosen, tops), not hidden, tuple(notes))


def _holds(directory: Path, path: str) -> bool:
    """Whether `directory` has the package at `path` (a regular or a namespace package)."""
    target = directory / path
    return target.is_dir() and ((target / "__init__.py").is_file() or any(target.glob("**/*.py")))


def _within(discovery: Discovery, tops: set[str]) -> set[str]:
    return {f.module for f in discovery.files if f.module.split(".")[0] in tops}


def _others(discovery: Discovery, tops: set[str]) -> tuple[str, ...]:
    """An anchored exclude for each top-level package or module that is no root package."""
    found = set()
    for source in discovery.files:
        names = source.module.split(".")
        if names[0] in tops:
            continue
        parts = source.path.split("/")
        depth = len(parts) - len(names) - (1 if source.is_package else 0)  # the root's parts
        entry = "/" + "/".join(parts[: depth + 1])
        found.add(entry if len(names) == 1 and not source.is_package else entry + "/")
    return tuple(sorted(found))
