"""Whether git tracks files in a directory, read from the index without running git.

A cache committed in a pull request could claim that a violating file has no
imports (facts are found by content hash, so a fresh checkout finds them), and
turn the gate green. So a cache directory that git tracks is not read.

The index (`.git/index`, or the one a worktree's `.git` file points to) lists
every tracked path in full in versions 2 and 3; a directory is tracked when a
path starts with it. Version 4 compresses paths: then `git ls-files` is asked.
"""

from __future__ import annotations

from pathlib import Path


def tracked_by_git(directory: Path) -> bool:
    """Whether git tracks a file under `directory` (False outside a repository)."""
    directory = directory.resolve()
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
    relative = directory.relative_to(top).as_posix().encode("utf-8") + b"/"
    if data[:4] != b"DIRC" or len(data) < 12:
        return False
    if int.from_bytes(data[4:8], "big") >= 4:
        return _ls_files(top, relative.decode("utf-8"))
    # Each entry's path follows its 62 bytes of stat data and 2 bytes of flags; a
    # match elsewhere would only make fitness skip its cache, never trust one.
    return relative in data


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


def _ls_files(top: Path, relative: str) -> bool:
    import subprocess  # and the signal, selectors, threading it imports: only for index v4

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
