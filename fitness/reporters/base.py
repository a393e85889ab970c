"""The reporter protocol."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from fitness.model import Report


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False


class Reporter(Protocol):
    def __call__(self, report: Report, options: RenderOptions) -> str:
        """The whole output, ending with a newline."""
        ...
