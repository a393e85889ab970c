"""Where configuration values came from, so every problem names its file, line and key.

A configuration can span several files (the file itself and the rule packs it
`extends`), so a key path alone does not say where a value is: a `Where` is the
file and the key path in it. `Problems` collects the problems of every file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import NamedTuple, Union

from fitness.config.toml_positions import key_lines, line_of
from fitness.errors import ConfigError

KeyPath = tuple[Union[str, int], ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class Problem(NamedTuple):
    """One configuration mistake, already worded for the user; sorted by file, then line."""

    file: str
    line: int
    order: tuple[tuple[int, str], ...]
    text: str


class InvalidConfig(ConfigError):
    """A configuration error that keeps its problems as records (file and line), for a
    front end that places them, such as the language server; the CLI prints their text."""

    def __init__(self, records: Sequence[Problem]) -> None:
        super().__init__([record.text for record in records])
        self.records = tuple(records)


class ConfigSource(NamedTuple):
    """A configuration file: its name as shown to the user, and the line of every key.

    `display` is how problems name it (relative to the current directory);
    `path` is how findings name it (relative to the project root, POSIX), for a
    finding located in the configuration, such as an `ignore` that matches nothing.
    `prefix` is where the fitness keys are (`tool.fitness` in pyproject.toml).
    """

    display: str
    prefix: KeyPath
    text: str
    path: str

    @classmethod
    def from_text(
        cls, display: str, text: str, prefix: KeyPath, path: str | None = None
    ) -> ConfigSource:
        return cls(display, prefix, text, display if path is None else path)

    def line(self, path: KeyPath) -> int:
        # Lines are looked up only to report something, so they are found then.
        return line_of(_lines(self.text), self.prefix + path)

    def describe(self, path: KeyPath) -> str:
        """`tool.fitness.rules.layered-architecture.layers[1]`."""
        text = ""
        for part in self.prefix + path:
            if isinstance(part, int):
                text += f"[{part}]"
            else:
                name = part if _BARE_KEY.fullmatch(part) else f'"{part}"'
                text += f".{name}" if text else name
        return text

    def problem(self, path: KeyPath, message: str, at: KeyPath | None = None) -> Problem:
        """A problem about the key at `path`, on the line of `at` (default: `path` itself)."""
        line = self.line(path if at is None else at)
        where = self.describe(path)
        prefix = f"{self.display}:{line}: {where}: " if where else f"{self.display}:{line}: "
        order = tuple((1, p) if isinstance(p, str) else (0, f"{p:09d}") for p in at or path)
        return Problem(self.display, line, order, prefix + message)


class Where(NamedTuple):
    """A key of the configuration: the file it is written in, and its key path there."""

    source: ConfigSource
    path: KeyPath

    def line(self) -> int:
        return self.source.line(self.path)

    def describe(self) -> str:
        """The key path as the user writes it: `tool.fitness.rules.x.layers[1]`."""
        return self.source.describe(self.path)

    def child(self, *parts: str | int) -> Where:
        return Where(self.source, (*self.path, *parts))


# Key paths of one table that are written in another file: (prefix, where it is).
Redirects = tuple[tuple[KeyPath, Where], ...]


def locate(source: ConfigSource, redirects: Redirects, path: KeyPath) -> Where:
    """The file and key of `path`, a key path in `source` unless one of `redirects` moves it."""
    for prefix, target in redirects:
        if path[: len(prefix)] == prefix:
            return Where(target.source, (*target.path, *path[len(prefix) :]))
    return Where(source, path)


@functools.lru_cache(maxsize=16)
def _lines(text: str) -> dict[KeyPath, int]:
    return key_lines(text)


class Problems:
    """Collects every problem of a configuration, so all are shown at once.

    A `Problems` reads key paths in one file, `source`; `at` gives a view for
    another file that adds to the same collection. `redirects` send the key
    paths of a pack rule that the configuration overrides to the override.
    """

    def __init__(
        self,
        source: ConfigSource,
        found: list[Problem] | None = None,
        redirects: Redirects = (),
    ) -> None:
        self.source = source
        self.redirects = redirects
        self._found: list[Problem] = [] if found is None else found

    def at(self, source: ConfigSource, redirects: Redirects = ()) -> Problems:
        """A view that reads key paths in `source`, adding to this collection."""
        return Problems(source, self._found, redirects)

    def where(self, path: KeyPath) -> Where:
        """The file and key of `path`, a key path in this view's file."""
        return locate(self.source, self.redirects, path)

    def add(self, path: KeyPath | Where, message: str, at: KeyPath | Where | None = None) -> None:
        """A problem about the key at `path`, on the line of `at` (default: `path` itself)."""
        where = path if isinstance(path, Where) else self.where(path)
        line_at = None if at is None else at if isinstance(at, Where) else self.where(at)
        if line_at is not None and line_at.source != where.source:
            # `at` was redirected to an override: describe its table, in its file.
            where = Where(line_at.source, line_at.path[:-1])
        line_path = None if line_at is None else line_at.path
        self._found.append(where.source.problem(where.path, message, line_path))

    def extend(self, problems: Sequence[Problem]) -> None:
        self._found.extend(problems)

    @property
    def found(self) -> list[Problem]:
        return list(self._found)

    def messages(self) -> list[str]:
        """Every problem, by file, then in file order."""
        return [p.text for p in self.sorted()]

    def sorted(self) -> list[Problem]:
        """Every problem, by file, then in file order."""
        return sorted(self._found, key=lambda p: (p.file, p.line, p.order))

    def error(self) -> InvalidConfig:
        """The error that reports every problem found."""
        return InvalidConfig(self.sorted())
