"""The git revisions a run reads, each opened once: `--since` and `--config-from` share one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # git (and subprocess) only for runs that name a revision
    from fitness.tree.git import GitTree


class Revisions:
    """The trees of the revisions a run names, by revision: one `ls-tree` each, at most."""

    def __init__(self) -> None:
        self._trees: dict[str, GitTree] = {}

    def at(self, revision: str, where: Path, flag: str) -> GitTree:
        """The tree of `revision` in the repository holding `where`; `flag` names it in errors."""
        tree = self._trees.get(revision)
        if tree is None:
            from fitness.tree.git import open_revision

            tree = self._trees[revision] = open_revision(where, revision, flag)
        return tree
