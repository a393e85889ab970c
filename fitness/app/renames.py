"""What a change did to the modules since a git revision: which it renamed, which it deleted.

`--config-from REV` judges the working tree by REV's rules; a module REV's rules
name and the change renamed is checked under its new name, and one it deleted
is a `rule-target-removed` finding (see `fitness.app.removed`). git's rename
detection between REV and the working tree decides, file by file; the files
are then read as modules under the source roots.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import NamedTuple


class ModuleChanges(NamedTuple):
    """`moved`: old module name -> new one; `removed`: the modules whose files were deleted."""

    moved: Mapping[str, str]
    removed: frozenset[str]


NO_CHANGES = ModuleChanges({}, frozenset())


def module_changes(project_root: Path, revision: str, roots: Sequence[str]) -> ModuleChanges:
    """The modules under `roots` that the change since `revision` renamed or deleted.

    Nothing when git cannot tell (no repository, no git): the configuration's
    own check then reports a name that matches no module, as without a revision.
    """
    listing = _name_status(project_root, revision)
    if listing is None:
        return NO_CHANGES
    return changes_of(_records(listing), roots)


def changes_of(records: Iterable[tuple[str, str, str]], roots: Sequence[str]) -> ModuleChanges:
    """`(status, old path, new path)` records, project-relative, read as modules under `roots`."""
    moved: dict[str, str] = {}
    removed: set[str] = set()
    for status, old, new in records:
        before = module_of(old, roots)
        if before is None:
            continue
        after = module_of(new, roots) if status == "R" else None
        if after is not None and after != before:
            moved[before] = after
        elif status in ("R", "D") and after is None:
            removed.add(before)
    for package in sorted(removed):
        renamed = _package_moved(package, moved)
        if renamed is not None:
            moved[package] = renamed
            removed.discard(package)
    return ModuleChanges(moved, frozenset(removed))


def _package_moved(package: str, moved: Mapping[str, str]) -> str | None:
    """Where a package went whose `__init__.py` git saw deleted, if its modules moved together.

    git pairs no empty files in its rename detection, so a renamed package's empty
    `__init__.py` is a deletion (and an addition) while its modules are renames.
    """
    prefix = package + "."
    targets = {
        new[: len(new) - len(old) + len(package)]
        for old, new in moved.items()
        if old.startswith(prefix) and new.endswith(old[len(package) :])
    }
    return targets.pop() if len(targets) == 1 else None


def module_of(path: str, roots: Sequence[str]) -> str | None:
    """The module a project-relative file is under one of `roots`, or None if it is none."""
    pure = PurePosixPath(path)
    if pure.suffix not in (".py", ".pyi"):
        return None
    for root in roots:
        top = PurePosixPath(root)
        parts = pure.parts
        prefix = () if str(top) == "." else top.parts
        if parts[: len(prefix)] != prefix or len(parts) == len(prefix):
            continue
        names = [*parts[len(prefix) : -1], pure.stem]
        if names[-1] == "__init__":
            names.pop()
        if names and all(name.isidentifier() for name in names):
            return ".".join(names)
    return None


def _name_status(project_root: Path, revision: str) -> str | None:
    """`git diff -M --name-status -z REV` of the project's files, relative to the project."""
    command = ["git", "diff", "-M", "--no-color", "--name-status", "-z", "--relative", revision]
    try:
        done = subprocess.run(
            [*command, "--", "."], cwd=project_root, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        return None
    return done.stdout if done.returncode == 0 else None


def _records(listing: str) -> list[tuple[str, str, str]]:
    """`(status, old, new)` from `--name-status -z`: `R<score>` has two paths, others one."""
    fields = listing.split("\0")
    records = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index][0]
        if status in ("R", "C"):
            old, new = fields[index + 1], fields[index + 2]
            index += 3
        else:
            old = new = fields[index + 1]
            index += 2
        records.append((status, old, new))
    return records
