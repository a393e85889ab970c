"""The reporter protocol."""

from __future__ import annotations

from typing import NamedTuple, Protocol

from fitness.model import Report


class RenderOptions(NamedTuple):
    """How to render, beyond the report itself.

    `cwd` is the absolute POSIX path of the current directory: the text report
    shows paths relative to it, as a terminal or editor opens them (`None`:
    relative to the project root). Machine formats keep project-relative paths.
    """

    color: bool = False
    cwd: str | None = None


class Reporter(Protocol):
    def __call__(self, report: Report, options: RenderOptions) -> str:
        """The whole output, ending with a newline."""
        ...
