"""Architecture Decision Records, as read from their files, and a rule's citation of one."""

from __future__ import annotations

import enum
from typing import NamedTuple

from fitness.model.verdict import Exemption


class AdrStatus(enum.Enum):
    """Where a decision stands; every format's spelling is normalised to one of these."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"
    UNKNOWN = "unknown"


class RuleMention(NamedTuple):
    """A rule a record's Confirmation section names, where (1-based line and column).

    `explicit`: written `fitness:ID`, so it must name a rule; a rule id in backticks
    (`explicit` False) names one only when the configuration has a rule of that id.
    """

    rule: str
    line: int
    column: int
    explicit: bool


class Adr(NamedTuple):
    """One decision record.

    `key` is how fitness names it: `ADR-0004` for a numbered record, the file
    name without `.md` for an unnumbered one (log4brains' `20200925-use-x`).
    `path` is relative to the project root (POSIX); `status_line` is the line
    that gave the status (None when the record states none). `successor` is the key of the
    record that supersedes this one, or the reference as written when it
    points to no record.
    """

    key: str
    number: int | None
    title: str
    status: AdrStatus
    status_text: str
    successor: str | None
    path: str
    status_line: int | None
    date: str | None
    named: tuple[RuleMention, ...] = ()  # the rules its Confirmation (Validation) section names

    @property
    def label(self) -> str:
        """`ADR-0004: Keep the domain pure`, as a finding shows its decision."""
        return f"{self.key}: {self.title}" if self.title else self.key


class AdrLink(NamedTuple):
    """What a rule's `adr` cites (`cited`, as written), and the record it resolves to."""

    cited: str
    adr: Adr | None

    @property
    def label(self) -> str:
        return self.adr.label if self.adr is not None else self.cited


class ConfirmingRule(NamedTuple):
    """A rule that confirms a decision: one whose `adr` cites it, or that its Confirmation names.

    `status` is `kept`, `baselined` or `broken` (what policy decided of its findings now),
    `missing` (no rule has that id) or `disabled` (switched off, or dormant for a supported
    Python); `findings` counts its findings now (None: it does not run); `named_at`, the
    Confirmation line that names it (None: only its `adr` cites the decision).
    """

    id: str
    status: str
    findings: int | None
    cites: bool
    named_at: int | None


class Enforcement(NamedTuple):
    """A decision and the rules that cite it, each with how many findings it has now.

    `confirmation` is `confirmed`, `broken` or `unconfirmed` for an accepted decision
    (None for the others); `confirming`, the rules that cite it or that its record names.
    """

    adr: Adr
    rules: tuple[tuple[str, int], ...]
    confirmation: str | None = None
    confirming: tuple[ConfirmingRule, ...] = ()


class DecisionsOverview(NamedTuple):
    """Every decision record, in file order, with what enforces it, for `fitness adr`.

    `dir` is the ADR directory (None: the project has none; `how` says what was
    looked for); `unenforced` are the accepted decisions no rule confirms (`unconfirmed`:
    no rule's `adr` cites them and their Confirmation section names none).
    """

    dir: str | None
    how: str
    records: tuple[Enforcement, ...]
    unenforced: tuple[Adr, ...]
    exemptions: tuple[Exemption, ...] = ()  # the exceptions with an owner or an expiry
