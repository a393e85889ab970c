"""Where the cache may live: a directory of fitness's own, never among the user's files.

fitness writes its cache files, a `.gitignore` of `*` and a `CACHEDIR.TAG` in
its cache directory. In the project root or a source root, or in a directory
that holds anything else, that would hide the user's files from git and from
backups: so each of those is a configuration error.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from pathlib import Path

# What fitness itself keeps in its cache directory.
# `explain-RULE.txt`: what `fitness explain RULE` says, which the language server links to.
OWN_FILES = (
    "*.marshal",
    "history-*.json",
    "explain-*.txt",
    ".*.tmp",
    ".gitignore",
    "CACHEDIR.TAG",
)


def cache_place_problem(project_root: Path, roots: Sequence[str], cache_dir: Path) -> str | None:
    """Why `cache_dir` may not hold fitness's cache, or None."""
    place = cache_dir.resolve()
    shown = _shown(project_root, cache_dir)
    if place == project_root.resolve():
        return (
            f"cache_dir '{shown}' is the project root: fitness would write its cache, a "
            "'.gitignore' of '*' and a CACHEDIR.TAG among your files; name a directory of "
            "its own, such as '.fitness_cache'"
        )
    for root in roots:
        if place == (project_root / root).resolve():
            return (
                f"cache_dir '{shown}' is the source root '{root}': name a directory of its "
                "own, such as '.fitness_cache'"
            )
    try:
        is_file, is_dir = place.is_file(), place.is_dir()
    except OSError as exc:  # a name too long, a loop of links: nothing fitness can write to
        return f"cache_dir '{shown}' cannot be used: {exc.strerror or exc}"
    if is_file:
        return f"cache_dir '{shown}' is a file; name a directory"
    if is_dir:
        try:
            entries = sorted(os.listdir(place))
        except OSError as exc:
            return f"cache_dir '{shown}' cannot be read: {exc.strerror or exc}"
        foreign = [e for e in entries if not any(fnmatch.fnmatch(e, p) for p in OWN_FILES)]
        if foreign:
            return (
                f"cache_dir '{shown}' holds files that are not fitness's ('{foreign[0]}'"
                f"{f' and {len(foreign) - 1} more' if len(foreign) > 1 else ''}): name a "
                "directory of its own, such as '.fitness_cache'"
            )
    return None


def _shown(project_root: Path, path: Path) -> str:
    try:
        return path.relative_to(project_root).as_posix() or "."
    except ValueError:
        return path.as_posix()
