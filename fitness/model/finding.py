"""Findings: what a check reports, as small immutable records."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import NamedTuple


class Severity(enum.Enum):
    """How much a finding matters; `--fail-on` picks the threshold that fails a run."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        """Higher is more severe."""
        return _RANKS[self]


_RANKS = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.NOTE: 1}


class Location(NamedTuple):
    """A region of a file: repository-relative POSIX path, 1-based lines and columns.

    Columns count Unicode code points; the end is exclusive. A named tuple, not a
    dataclass, because every import edge has one.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Hop:
    """One direct import in a chain: `importer` imports `imported` at `location`."""

    __slots__ = ("imported", "importer", "location")
    importer: str
    imported: str
    location: Location


@dataclass(frozen=True)
class Finding:
    """One broken expectation.

    The message is kept as a template and its arguments, so wording can change
    without touching the fingerprint, which is built from the rule and the
    modules involved, never from line numbers.
    """

    __slots__ = (
        "adr",
        "args",
        "chain",
        "fingerprint",
        "guidance",
        "location",
        "modules",
        "rule_id",
        "severity",
        "template",
    )
    rule_id: str
    severity: Severity
    template: str
    args: tuple[tuple[str, str], ...]
    location: Location
    chain: tuple[Hop, ...]
    modules: tuple[str, ...]
    adr: str | None
    guidance: str | None
    fingerprint: str

    @property
    def message(self) -> str:
        return self.template.format(**dict(self.args))

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule_id, self.message)
