"""The reporter protocol."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from fitness.model import Report


@dataclass(frozen=True)
class RenderOptions:
    """How to render, beyond the report itself.

    `base` is the project root as seen from the current directory (POSIX, `""`
    when they are the same); the text report shows paths from there, as a
    terminal or editor opens them. Machine formats keep project-relative paths.
    """

    color: bool = False
    base: str = ""


class Reporter(Protocol):
    def __call__(self, report: Report, options: RenderOptions) -> str:
        """The whole output, ending with a newline."""
        ...
