"""Whether git tracks files in a directory, read from the index without running git.

A cache committed in a pull request could claim that a violating file has no
imports (facts are found by content hash, so a fresh checkout finds them), and
turn the gate green. So a cache directory that git tracks is not read, nor one
that is a tracked symbolic link (to a directory outside the repository, say).

The directory is taken as named, not resolved: a link is judged where it is.
The index (`.git/index`, or the one a worktree's `.git` file points to) lists
every tracked path in full in versions 2 and 3; a directory is tracked when a
path starts with it, a link when it is a path. Version 4 compresses paths, and
a split index (`core.splitIndex`) keeps most of them in a `sharedindex.*` file
beside it: then `git ls-files` is asked.
"""

from __future__ import annotations

import os
from pathlib import Path


def tracked_by_git(directory: Path) -> bool:
    """Whether git tracks `directory` (a link) or a file under it (False outside a repository)."""
    directory = Path(os.path.abspath(directory))
    for top in (directory, *directory.parents):
        dot_git = top / ".git"
        if dot_git.exists():
            break
    else:
        return False
    index = _index_of(dot_git)
    if index is None:
        return False
    try:
        data = index.read_bytes()
    except OSError:
        return False
    relative = directory.relative_to(top).as_posix()
    if data[:4] != b"DIRC" or len(data) < 12:
        return False
    if int.from_bytes(data[4:8], "big") >= 4 or _split(index):
        return _ls_files(top, relative)
    # Each entry's path follows its 62 bytes of stat data and 2 bytes of flags, and
    # ends with a NUL; a match elsewhere would only make fitness skip its cache,
    # never trust one.
    named = os.fsencode(relative)
    return named + b"/" in data or named + b"\0" in data


def _index_of(dot_git: Path) -> Path | None:
    if dot_git.is_dir():
        return dot_git / "index"
    try:
        text = dot_git.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith("gitdir:"):
        return None
    git_dir = Path(text[len("gitdir:") :].strip())
    return (git_dir if git_dir.is_absolute() else dot_git.parent / git_dir) / "index"


def _split(index: Path) -> bool:
    """Whether the index is split: a shared index lies beside it."""
    try:
        with os.scandir(index.parent) as names:
            return any(entry.name.startswith("sharedindex.") for entry in names)
    except OSError:
        return False


def _ls_files(top: Path, relative: str) -> bool:
    import subprocess  # and the signal, selectors, threading it imports: only for these indexes

    try:
        done = subprocess.run(
            ["git", "ls-files", "-z", "--", relative],
            cwd=top,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        return False
    return bool(done.stdout)
