"""Which files git tracks in a tree: they are always analysed, whatever would skip them.

`.gitignore` applies only to untracked files, as in git itself, and the
heuristics that skip virtual environments and vendor directories apply only
to untracked directories: a change can commit a file (`git add -f`) that a
`.gitignore` of the same change matches, and Python imports it all the same.

Asked only when something would be skipped, so a project whose walk skips
nothing never runs git. In a git revision's tree every file is tracked; in the
work tree `git ls-files` answers (nothing is tracked outside a repository).
"""

from __future__ import annotations

from pathlib import Path

from fitness.tree import Tree


class Tracked:
    """The paths git tracks under `project_root` (relative, POSIX), read on the first question."""

    def __init__(self, tree: Tree, project_root: Path) -> None:
        self._tree = tree
        self._root = project_root
        self._files: frozenset[str] | None = None
        self._dirs: frozenset[str] = frozenset()
        self._all = False
        self.index: str | None = None  # the index file read, for the listing cache's stamps

    def file(self, path: str) -> bool:
        """Whether git tracks the file `path`."""
        self._load()
        return self._all or path in (self._files or ())

    def holds(self, directory: str) -> bool:
        """Whether git tracks a file under `directory`."""
        self._load()
        return self._all or directory in self._dirs

    def _load(self) -> None:
        if self._files is not None:
            return
        from fitness.tree.git import GitTree  # a revision's tree: every file is tracked

        if isinstance(self._tree, GitTree):
            self._all, self._files = True, frozenset()
            return
        from fitness.tree.work import WorkTree

        work = isinstance(self._tree, WorkTree)
        files = _ls_files(self._root) if work else ()
        self._files = frozenset(files)
        dirs: set[str] = set()
        for path in self._files:
            parts = path.split("/")
            dirs.update("/".join(parts[:end]) for end in range(1, len(parts)))
        self._dirs = frozenset(dirs)
        index = _index_file(self._root) if work else None  # stamped even before it exists
        self.index = None if index is None else str(index)


def _ls_files(root: Path) -> tuple[str, ...]:
    import os
    import subprocess

    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", "ls-files", "-z", "--cached"],
            cwd=root,
            capture_output=True,
            check=False,
        )
    except OSError:
        return ()
    if done.returncode != 0:
        return ()
    return tuple(os.fsdecode(path) for path in done.stdout.split(b"\0") if path)


def _index_file(root: Path) -> Path | None:
    """The index of the repository holding `root` (a worktree's `.git` file followed)."""
    for top in (root, *root.parents):
        dot_git = top / ".git"
        if dot_git.is_dir():
            return dot_git / "index"
        if dot_git.is_file():
            try:
                text = dot_git.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
            if not text.startswith("gitdir:"):
                return None
            git_dir = Path(text[len("gitdir:") :].strip())
            return (git_dir if git_dir.is_absolute() else top / git_dir) / "index"
    return None
