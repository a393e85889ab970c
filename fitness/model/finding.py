"""Findings: what a check reports, as small immutable records."""

from __future__ import annotations

import enum
from typing import NamedTuple

from fitness.model.fingerprint import fingerprint


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

    Columns count Unicode code points; the end is exclusive.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


class Site(NamedTuple):
    """One import statement behind a hop, and how it is written."""

    location: Location
    local: bool  # inside a function
    type_checking: bool  # under `if TYPE_CHECKING:`
    dynamic: bool  # a literal `importlib.import_module("x")` / `__import__("x")`


class Hop(NamedTuple):
    """One direct import in a chain: `importer` imports `imported`, at each of `sites`.

    `imported` is the module as imported: for a third-party `from x.y import f`
    it is `x.y`, not the function. `sites` are in file order, never empty.
    """

    importer: str
    imported: str
    sites: tuple[Site, ...]

    @property
    def location(self) -> Location:
        """Where a reader first meets this import."""
        return self.sites[0].location


Chain = tuple[Hop, ...]


class Routes(NamedTuple):
    """Every module-level import a finding about imports needs, not only those its chains show.

    `hops` lists each import (importer -> imported, with its statements) that lies
    on some route from the finding's source to its target, sorted by module names.
    The chains a finding shows are witnesses: a second route can leave them as they
    are, so whether a finding is new is decided on these imports (`fitness.policy`).
    `loop`: the finding is an import cycle, and `hops` are the imports between
    consecutive members of its loop (`Finding.modules`).
    """

    hops: tuple[Hop, ...]
    loop: bool = False

    @property
    def pairs(self) -> frozenset[tuple[str, str]]:
        """The imports as (importer, imported) module pairs, without their lines."""
        return frozenset((hop.importer, hop.imported) for hop in self.hops)


class Finding(NamedTuple):
    """One broken expectation.

    The message is kept as a template and its arguments, so wording can change
    without touching the fingerprint, which is built from the rule and the
    modules involved, never from line numbers or wording. `chains` holds every
    distinct import chain behind an import finding, shortest first.
    """

    rule_id: str
    severity: Severity
    template: str
    args: tuple[tuple[str, str], ...]
    location: Location
    chains: tuple[Chain, ...]
    modules: tuple[str, ...]
    adr: str | None
    guidance: str | None
    identity: tuple[str, ...]  # what the finding is about: the rule id, then names
    routes: Routes | None = None  # for a finding about imports: every import it needs

    @property
    def fingerprint(self) -> str:
        """A stable id from `identity`, for baselines and code-scanning alerts."""
        return fingerprint(self.identity)

    @property
    def chain(self) -> Chain:
        """The first (shortest) chain, or `()` for a finding that is not about imports."""
        return self.chains[0] if self.chains else ()

    @property
    def message(self) -> str:
        return self.template.format(**dict(self.args))

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule_id, self.message)
