"""Where Python code lives near the top of a project, for suggesting source roots.

A shallow, read-only walk (`python_homes`): what `fitness init` and a configuration
whose source roots hold nothing offer as roots. Discovery proper is
`fitness.parsing.discovery`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from fitness.parsing.discovery import VENDOR
from fitness.parsing.ignores import GitIgnores, Skip, spec
from fitness.tree import Tree
from fitness.tree.work import WORK


class PythonHome(NamedTuple):
    """A directory near the top of the project that holds Python code as a source root would.

    What it holds directly: regular `packages` (with `__init__.py`), `namespaces`
    (directories of `.py` files without one) and `modules` (`.py` files).
    """

    path: str  # relative to the project root, POSIX; "." for the root itself
    packages: frozenset[str]
    namespaces: frozenset[str]
    modules: frozenset[str]


def python_homes(
    project_root: Path,
    exclude: Sequence[str] = (),
    respect_gitignore: bool = True,
    depth: int = 3,
    tree: Tree = WORK,
) -> tuple[PythonHome, ...]:
    """The directories up to `depth` levels below the project root that could be source roots.

    Read-only and shallow, for suggestions when the source roots hold nothing:
    hidden directories, virtual environments, `node_modules` and the like,
    `exclude`d and git-ignored paths are skipped; a directory that is itself a
    regular package, or inside one, is no home. Sorted by depth, then path.
    """
    ignores = GitIgnores(tree, project_root) if respect_gitignore else None
    check = Skip(spec(exclude) if exclude else None, ignores)
    listed: dict[str, tuple[list[str], list[str]]] = {}  # directory -> (subdirectories, stems)
    packaged: set[str] = set()  # directories inside a regular package
    queue = [(".", 0)]
    for here, level in queue:  # breadth first: the queue grows while it is read
        try:
            entries = tree.entries(str(project_root / here))
        except OSError:
            continue
        names = {entry.name for entry in entries}
        if "pyvenv.cfg" in names and here != ".":
            continue
        if ignores is not None and ".gitignore" in names:
            ignores.add(here)
        subdirectories, stems = [], []
        for entry in entries:
            name = entry.name
            path = name if here == "." else f"{here}/{name}"
            if name.startswith(".") or name in VENDOR or name == "__pycache__":
                continue
            if entry.is_dir:
                if not check.skipped(path + "/"):
                    subdirectories.append(name)
                    if level <= depth:
                        queue.append((path, level + 1))
            elif name.endswith(".py") and name[:-3].isidentifier() and not check.skipped(path):
                stems.append(name[:-3])
        listed[here] = (subdirectories, stems)
        if here in packaged or "__init__" in stems:
            packaged.update(name if here == "." else f"{here}/{name}" for name in subdirectories)
    ordered = sorted(set(listed) - packaged, key=lambda d: (_depth(d), d))
    homes = (_home(here, listed) for here in ordered)
    return tuple(home for home in homes if home is not None and _depth(home.path) <= depth)


def _home(here: str, listed: dict[str, tuple[list[str], list[str]]]) -> PythonHome | None:
    subdirectories, stems = listed[here]
    if "__init__" in stems:
        return None
    packages, namespaces = set(), set()
    for name in subdirectories:
        if not name.isidentifier():
            continue
        _, inside = listed.get(name if here == "." else f"{here}/{name}", ([], []))
        if "__init__" in inside:
            packages.add(name)
        elif inside:
            namespaces.add(name)
    if not (packages or namespaces or stems):
        return None
    return PythonHome(here, frozenset(packages), frozenset(namespaces), frozenset(stems))


def _depth(path: str) -> int:
    return 0 if path == "." else path.count("/") + 1
