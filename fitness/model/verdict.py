"""What policy decided of the findings: kept, suppressed inline, known from a baseline."""

from __future__ import annotations

from typing import NamedTuple

from fitness.model.finding import Finding, Location


class Suppression(NamedTuple):
    """`# fitness: ignore[rule-a, rule-b] ADR-0011 reason`, as read from a comment; or
    ruff's `# noqa: S301, S403` (`noqa`), which silences the findings whose
    `ruff` codes it names, on its own line.

    `lines` are the lines it speaks to: its own, or the next one when it stands
    alone on its line. `adr` is the first ADR reference of its text, as written;
    `reason` the rest of the text (both may be empty). `until` (an ISO date,
    `until=2027-03-31`) is the last day it covers its findings; `owner`
    (`owner=@payments`) who answers for it (`fitness.policy.expiry`).
    """

    location: Location
    ids: tuple[str, ...]
    lines: tuple[int, ...]
    adr: str | None
    reason: str
    noqa: bool = False  # a ruff noqa comment: `ids` are ruff codes, not rule ids
    until: str | None = None
    owner: str | None = None


class Suppressed(NamedTuple):
    """A finding an inline suppression silenced, with that suppression."""

    finding: Finding
    suppression: Suppression


class BaselineEntry(NamedTuple):
    """A known finding: its fingerprint, rule, a summary a reviewer can read, and how many.

    `occurrences` findings with this fingerprint are known; one more is new. `path` is
    where the first of them was when the baseline was written. `imports` are the
    module-level imports (`importer -> imported`) the finding's routes used then: a
    finding that needs another one is new. None for an entry of a version 1
    baseline, which recorded only the pair of modules. `until` and `owner` are as a
    suppression's (`fitness baseline --until DATE --owner @team` stamps them);
    `line` is where the entry starts in its file (0 when it was not read from one).
    """

    fingerprint: str
    rule: str
    summary: str
    path: str
    occurrences: int
    imports: tuple[str, ...] | None = ()
    until: str | None = None
    owner: str | None = None
    line: int = 0


class BadSuppression(NamedTuple):
    """A `# fitness:` comment that is not a suppression fitness can apply, and why."""

    location: Location
    why: str


class Past(NamedTuple):
    """What `--since REV` found at REV: its findings, and every import of its graph.

    `imports` are (importer, imported) module pairs, without lines. `configured`
    is False when REV had no fitness configuration: nothing was known then.
    """

    findings: tuple[Finding, ...]
    imports: frozenset[tuple[str, str]]
    configured: bool = True


class Exemption(NamedTuple):
    """An exception that carries an owner or an expiry, as the reports list them.

    `kind` is `suppression` or `baseline-entry`; `rules` what it exempts;
    `path`/`line` where it is written (the source file, or the baseline file);
    `state` is `active`, `expiring` (within `warn_days` of `until`) or `expired`.
    """

    kind: str
    rules: tuple[str, ...]
    path: str
    line: int
    owner: str | None
    until: str | None
    state: str


class ExceptionRules(NamedTuple):
    """`[tool.fitness.exceptions]`: what every suppression and baseline entry must carry.

    `max_days`: each must have an `until` at most this many days ahead (None: no limit,
    and `until` is optional); `require_owner`: each must name an `owner`; `warn_days`:
    an exception this close to its `until` gives a warning finding.
    """

    max_days: int | None = None
    require_owner: bool = False
    warn_days: int = 14
