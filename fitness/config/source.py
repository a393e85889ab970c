"""Where configuration values came from, so every problem names its file, line and key."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple, Union

from fitness.config.toml_positions import key_lines, line_of

KeyPath = tuple[Union[str, int], ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class Problem(NamedTuple):
    """One configuration mistake, already worded for the user; sorted by where it is."""

    line: int
    order: tuple[tuple[int, str], ...]
    text: str


class ConfigSource(NamedTuple):
    """A configuration file: its name as shown to the user, and the line of every key."""

    display: str
    prefix: KeyPath
    text: str

    @classmethod
    def from_text(cls, display: str, text: str, prefix: KeyPath) -> ConfigSource:
        return cls(display, prefix, text)

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
        return Problem(line, order, prefix + message)


@functools.lru_cache(maxsize=4)
def _lines(text: str) -> dict[KeyPath, int]:
    return key_lines(text)


class Problems:
    """Collects every problem of a configuration, so all are shown at once."""

    def __init__(self, source: ConfigSource) -> None:
        self.source = source
        self._found: list[Problem] = []

    def add(self, path: KeyPath, message: str, at: KeyPath | None = None) -> None:
        self._found.append(self.source.problem(path, message, at))

    def extend(self, problems: list[Problem]) -> None:
        self._found.extend(problems)

    @property
    def found(self) -> list[Problem]:
        return list(self._found)

    def messages(self) -> list[str]:
        """Every problem, in file order."""
        return [p.text for p in sorted(self._found, key=lambda p: (p.line, p.order))]
