"""Which paths of a git tree no checkout could hold, and so fitness never reads.

A tree object is any bytes its author wrote: `git mktree` accepts an entry
named `..` or `.git` (fsck only warns), and a hand-made tree can hold an empty
name, which makes a path absolute. git refuses to check such entries out; so
does fitness refuse to read them, before any path is joined to a directory.
A path that runs through a file or a symbolic link (`link` and `link/x.py`
both in the tree) is refused in `fitness.tree.git`, which knows the files.
"""

from __future__ import annotations

_GIT = ".git"


def refusal(path: str) -> str | None:
    """Why the tree path `path` (POSIX, relative) cannot be read, or None when it can."""
    if path.startswith("/"):
        return "an absolute path"
    for part in path.split("/"):
        if part in ("", "."):
            return "an empty or '.' name"
        if part == "..":
            return "a '..' name"
        if part.lower() == _GIT:  # as git compares it: on a case-insensitive disk `.GIT` is `.git`
            return "a '.git' name"
    return None
