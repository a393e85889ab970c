"""Where `fitness init` writes: `[tool.fitness]` in pyproject.toml, else fitness.toml.

An existing configuration is never replaced unless asked (`force`); then only
its `[tool.fitness]` tables are, and the rest of pyproject.toml stays as it is.
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path
from typing import NamedTuple

from fitness.config.source import KeyPath
from fitness.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

_HEADER = re.compile(r"^\s*\[\[?\s*(?P<key>[^\[\]#]+?)\s*\]\]?\s*(?:#.*)?$")


class Target(NamedTuple):
    """The file to write, the key prefix there, its text now (None: new), if it is configured."""

    path: Path
    prefix: KeyPath
    old: str | None
    configured: bool

    def text_with(self, draft: str) -> str:
        """The file's new text: the draft appended, or in place of the old configuration."""
        if self.old is None or not self.prefix:
            return draft
        if not self.configured:
            kept = self.old.rstrip("\n")
            return f"{kept}\n\n{draft}" if kept else draft
        return _replace_fitness_tables(self.old, draft, self.path.name)

    def diff(self, new: str) -> str:
        """A unified diff from the file's text now to `new`."""
        name = self.path.name
        return "".join(
            difflib.unified_diff(
                (self.old or "").splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


def choose(root: Path) -> Target:
    """fitness.toml when it exists, else pyproject.toml when it exists, else a new fitness.toml."""
    fitness_toml = root / "fitness.toml"
    if fitness_toml.is_file():
        return Target(fitness_toml, (), _read(fitness_toml), True)
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return Target(fitness_toml, (), None, False)
    text = _read(pyproject)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{pyproject}: invalid TOML ({exc}); fix it first") from None
    tool = document.get("tool")
    configured = isinstance(tool, dict) and "fitness" in tool
    return Target(pyproject, ("tool", "fitness"), text, configured)


def _replace_fitness_tables(old: str, draft: str, name: str) -> str:
    """`old` with its `[tool.fitness...]` tables removed and `draft` where the first one was.

    Comment lines just above a table belong to that table: those above a fitness
    table are replaced with it, those above another table are kept.
    """
    lines = old.splitlines(keepends=True)
    kept: list[str] = []
    removed: list[str] = []
    place: int | None = None
    inside = False
    for line in lines:
        match = _HEADER.match(line)
        if match is not None:
            key = re.sub(r"[\s\"']", "", match["key"])
            opening = key == "tool.fitness" or key.startswith("tool.fitness.")
            if opening and not inside:
                _leading_comments(kept)  # they introduce the fitness table: replaced too
                place = len(kept) if place is None else place
            if inside and not opening:
                kept.extend(_leading_comments(removed))
            inside = opening
            removed = []
        if inside:
            removed.append(line)
        else:
            kept.append(line)
    if place is None:
        raise UsageError(
            f"{name}: its [tool.fitness] is not written as tables ([tool.fitness] headers); "
            "remove it by hand, then run `fitness init` again"
        )
    before = "".join(kept[:place]).rstrip("\n")
    after = "".join(kept[place:]).lstrip("\n")
    text = (f"{before}\n\n" if before else "") + draft + (f"\n{after}" if after else "")
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(
            f"{name}: cannot replace its [tool.fitness] tables and keep the file valid ({exc}); "
            "remove them by hand, then run `fitness init` again"
        ) from None
    return text


def _leading_comments(removed: list[str]) -> list[str]:
    """The comment and blank lines that end `removed`: they introduce the next table."""
    tail: list[str] = []
    for line in reversed(removed):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        tail.append(line)
    del removed[len(removed) - len(tail) :]
    return list(reversed(tail))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
