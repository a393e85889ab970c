"""What `exclude` and the `.gitignore` files met on a walk leave out."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from fitness.logs import Logger
from fitness.tree import Tree

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

log = Logger("fitness.discovery")  # imports logging only when --debug set it up


class Skip:
    """Whether `exclude` or a `.gitignore` leaves a path out; free when neither says anything."""

    def __init__(self, excluded: GitIgnoreSpec | None, ignores: GitIgnores | None) -> None:
        self._excluded = excluded
        self._ignores = ignores

    def skipped(self, path: str) -> bool:
        return self.excluded(path) or self.ignored(path)

    def excluded(self, path: str) -> bool:
        return self._excluded is not None and self._excluded.match_file(path)

    def ignored(self, path: str) -> bool:
        return self._ignores is not None and self._ignores.ignored(path)


class GitIgnores:
    """The `.gitignore` files met on the way down, each matching paths below its directory."""

    def __init__(self, tree: Tree, project_root: Path) -> None:
        self._tree = tree
        self._root = project_root
        self._specs: dict[str, GitIgnoreSpec] = {}

    def add(self, directory: str) -> None:
        """Read `directory`/.gitignore (relative to the project root)."""
        try:
            data = self._tree.read_bytes(str(self._root / directory / ".gitignore"))
        except OSError as exc:
            log.debug("cannot read %s/.gitignore (%s); it ignores nothing", directory, exc)
            return
        self._specs[directory] = spec(data.decode("utf-8", errors="replace").splitlines())

    def ignored(self, path: str) -> bool:
        for base, spec in self._specs.items():
            if base == ".":
                if spec.match_file(path):
                    return True
            elif path.startswith(base + "/") and spec.match_file(path[len(base) + 1 :]):
                return True
        return False


def spec(lines: Iterable[str]) -> GitIgnoreSpec:
    import pathspec  # imported only when there are patterns to match

    return pathspec.GitIgnoreSpec.from_lines(lines)
