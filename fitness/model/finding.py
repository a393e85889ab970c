"""Findings: what a check reports, as small immutable records."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, NamedTuple

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

    @property
    def kinds(self) -> tuple[str, ...]:
        """How the import is written, as the outputs label it: `TYPE_CHECKING`, `local`
        (inside a function), `dynamic`; none for a plain module-level import."""
        flags = (("TYPE_CHECKING", self.type_checking), ("local", self.local))
        return tuple(name for name, on in (*flags, ("dynamic", self.dynamic)) if on)


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


class Routes:
    """Every module-level import a finding about imports needs, not only those its chains show.

    `hops` lists each import (importer -> imported, with its statements) that lies
    on some route from the finding's source to its target, sorted by module names.
    The chains a finding shows are witnesses: a second route can leave them as they
    are, so whether a finding is new is decided on these imports (`fitness.policy`).
    `loop`: the finding is about the import cycles among the children of a package
    (`Finding.modules` holds that package), and `hops` are the imports between two
    of its children that lie on a loop. `cut` (a loop only) names the imports the
    finding proposes to remove, as (importer, imported) pairs: a suppression on
    one of them silences the finding.

    A legacy project's findings can need tens of thousands of imports, which a warm
    run seldom looks at: `deferred` leaves them as stored until they are asked
    for: `load()` gives (importer, imported, statements) triples, and `decode`
    makes each a hop (`pairs` needs no hops).
    """

    __slots__ = ("_decode", "_hops", "_load", "_stored", "cut", "loop")

    def __init__(
        self, hops: tuple[Hop, ...], loop: bool = False, cut: tuple[tuple[str, str], ...] = ()
    ) -> None:
        self._hops: tuple[Hop, ...] | None = hops
        self._stored: tuple[tuple[str, str, Any], ...] | None = None
        self._load: Callable[[], tuple[tuple[str, str, Any], ...]] | None = None
        self._decode: Callable[[str, str, Any], Hop] | None = None
        self.loop = loop
        self.cut = cut

    @classmethod
    def deferred(
        cls,
        load: Callable[[], tuple[tuple[str, str, Any], ...]],
        decode: Callable[[str, str, Any], Hop],
        loop: bool,
        cut: tuple[tuple[str, str], ...] = (),
    ) -> Routes:
        routes = cls((), loop, cut)
        routes._hops, routes._load, routes._decode = None, load, decode
        return routes

    @property
    def hops(self) -> tuple[Hop, ...]:
        if self._hops is None:
            assert self._decode is not None
            decode = self._decode
            self._hops = tuple(decode(*stored) for stored in self._loaded())
            self._stored, self._load, self._decode = None, None, None
        return self._hops

    @property
    def pairs(self) -> frozenset[tuple[str, str]]:
        """The imports as (importer, imported) module pairs, without their lines."""
        if self._hops is None:
            return frozenset((importer, imported) for importer, imported, _ in self._loaded())
        return frozenset((hop.importer, hop.imported) for hop in self._hops)

    def _loaded(self) -> tuple[tuple[str, str, Any], ...]:
        if self._stored is None:
            assert self._load is not None
            self._stored = self._load()
        return self._stored

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Routes):
            return NotImplemented
        return (self.hops, self.loop, self.cut) == (other.hops, other.loop, other.cut)

    def __hash__(self) -> int:
        return hash((self.hops, self.loop, self.cut))

    def __repr__(self) -> str:
        return f"Routes({self.hops!r}, loop={self.loop!r}, cut={self.cut!r})"


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
    ruff: tuple[str, ...] = ()  # ruff's codes for the same fact: its noqa comment silences it

    @property
    def fingerprint(self) -> str:
        """A stable id from `identity`, for baselines and code-scanning alerts."""
        return fingerprint(self.identity)

    @property
    def chain(self) -> Chain:
        """The first (shortest) chain, or `()` for a finding that is not about imports."""
        return self.chains[0] if self.chains else ()

    @property
    def undecided(self) -> bool:
        """The check could not tell whether the code does what the rule bans (a call
        passing `**kwargs`, say): the message names what it could not tell, as `undecided`."""
        return any(name == "undecided" for name, _ in self.args)

    @property
    def message(self) -> str:
        return self.template.format(**dict(self.args))

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule_id, self.message)
