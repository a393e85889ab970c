"""Check that the top-level `exclude` holds paths, not dotted module names."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from fitness.config.schema import Config
from fitness.config.source import Problems
from fitness.tree import Tree
from fitness.tree.work import WORK

# A last segment that makes `name.suffix` read as a file name, not a module.
_FILE_SUFFIXES = frozenset(
    {
        *("py", "pyi", "pyc", "pyo", "pyx", "pxd", "pyd", "so", "dll", "c", "h", "cc", "cpp"),
        *("txt", "md", "rst", "toml", "cfg", "ini", "json", "yaml", "yml", "lock", "in"),
        *("sh", "bat", "js", "ts", "css", "html", "xml", "csv", "log", "egg", "whl", "zip"),
        *("gz", "tar", "bak", "orig", "tmp"),
    }
)
_GLOB = frozenset("*?[]!\\/")


def check_exclude(
    config: Config, roots: Sequence[str], problems: Problems, tree: Tree = WORK
) -> None:
    """Report each `exclude` entry that names a module (`shop.legacy`) instead of a path.

    An entry is taken for a module name when it has dotted identifiers and no
    glob or slash, the module exists under a source root (or its last segment
    is no file suffix), and no file or directory of the source roots has that name.
    """
    for index, pattern in enumerate(config.exclude):
        parts = pattern.split(".")
        if len(parts) < 2 or _GLOB & set(pattern) or not all(p.isidentifier() for p in parts):
            continue
        path = _path_form(tree, config.project_root, roots, parts)
        if path is None and parts[-1] in _FILE_SUFFIXES:
            continue
        if _names_an_entry(tree, config.project_root, roots, pattern):
            continue
        guess = path or _under(roots[0] if roots else ".", "/".join(parts) + "/")
        problems.add(
            ("exclude", index),
            f"exclude takes gitignore-style paths, not module names: '{pattern}' matches no "
            f'path (did you mean "{guess}"?)',
        )


def _path_form(
    tree: Tree, project_root: Path, roots: Sequence[str], parts: list[str]
) -> str | None:
    """`src/shop/legacy/` or `src/shop/legacy.py` when that module is under a root."""
    relative = "/".join(parts)
    for root in roots:
        if tree.is_dir(str(project_root / root / relative)):
            return _under(root, relative + "/")
        if tree.is_file(str(project_root / root / (relative + ".py"))):
            return _under(root, relative + ".py")
    return None


def _names_an_entry(tree: Tree, project_root: Path, roots: Sequence[str], name: str) -> bool:
    """Whether a file or directory under the roots is called `name` (a pattern without a slash
    matches such an entry at any depth)."""
    stack = [str(project_root / root) for root in roots]
    while stack:
        here = stack.pop()
        try:
            entries = tree.entries(here)
        except OSError:
            continue
        if any(entry.name == name for entry in entries):
            return True
        stack.extend(
            os.path.join(here, entry.name)
            for entry in entries
            if entry.is_dir and not entry.name.startswith(".")
        )
    return False


def _under(root: str, relative: str) -> str:
    root = root.strip("/")
    return relative if root in ("", ".") else f"{root}/{relative}"
