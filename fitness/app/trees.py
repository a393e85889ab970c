"""The git revisions a run reads, each opened once: `--since` and `--config-from` share one."""

from __future__ import annotations

from pathlib import Path

from fitness.tree.git import GitTree, open_revision


class Revisions:
    """The trees of the revisions a run names, by revision: one `ls-tree` each, at most."""

    def __init__(self) -> None:
        self._trees: dict[str, GitTree] = {}

    def at(self, revision: str, where: Path, flag: str) -> GitTree:
        """The tree of `revision` in the repository holding `where`; `flag` names it in errors."""
        tree = self._trees.get(revision)
        if tree is None:
            tree = self._trees[revision] = open_revision(where, revision, flag)
        return tree
