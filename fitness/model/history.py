"""Architecture debt over time (`fitness history`): one record per sampled commit, and
the findings followed across them."""

from __future__ import annotations

from typing import NamedTuple

OK, NO_CONFIGURATION, CONFIG_ERROR = "ok", "no-configuration", "config-error"


class PointFinding(NamedTuple):
    """One finding at one commit: its identity (`key`) and where it was."""

    key: str  # the finding's fingerprint, then `#n` for its n-th twin (n > 1)
    rule_id: str
    severity: str
    message: str
    path: str
    line: int
    # A finding about imports: every module-level import its routes need, as
    # `importer -> imported`, sorted (what tells a new import from an old finding).
    imports: tuple[str, ...] = ()


class HistoryPoint(NamedTuple):
    """What one sampled commit held, judged by the rules (the configuration of now, or its own).

    `status` is `ok`, `no-configuration` (no configuration to judge it by) or
    `config-error` (the configuration does not apply: `error` says why); the counts
    of a point that is not `ok` are zero. `baseline` is the number of entries of
    the baseline file the commit held (None: none). `metrics` is left for
    `fitness metrics` (name -> value), empty until it fills it.
    """

    commit: str
    tree: str
    timestamp: int  # the committer date, seconds since the epoch
    status: str
    error: str | None
    by_rule: tuple[tuple[str, int], ...]
    by_severity: tuple[tuple[str, int], ...]
    modules: int
    imports: int
    cycles: int
    baseline: int | None
    findings: tuple[PointFinding, ...]
    metrics: tuple[tuple[str, float], ...] = ()

    @property
    def total(self) -> int:
        return len(self.findings)

    @property
    def short(self) -> str:
        return self.commit[:7]


class Tracked(NamedTuple):
    """A finding followed across the points, in commit order.

    `introduced` is the first point where it appeared after one without it, or
    the first point of the history (`before` True: it was there already).
    `fixed` is the first point where it was gone (None: still open at the
    newest point). `age_days`: from `introduced` to the newest point's commit
    date, for an open finding (None for a fixed one).
    """

    key: str
    rule_id: str
    severity: str
    message: str
    path: str
    line: int
    introduced: str
    introduced_at: int
    before: bool
    fixed: str | None
    fixed_at: int | None
    age_days: int | None
    # A finding about imports that grew (a finding with this fingerprint was open
    # already): the imports it needed that none before it did.
    grew_by: tuple[str, ...] = ()


class DebtSummary(NamedTuple):
    """How the debt moved over the history: added and fixed since its first point, and
    the oldest finding still open (None when none is)."""

    added: int
    fixed: int
    open: int
    oldest: Tracked | None


class History(NamedTuple):
    """The sampled points, oldest first; every finding followed; and the summary.

    `rules` are the rule ids seen at any point, sorted (the columns of a table).
    `computed` counts the points worked out by this run, `reused` those read from
    the cache.
    """

    points: tuple[HistoryPoint, ...]
    findings: tuple[Tracked, ...]
    rules: tuple[str, ...]
    summary: DebtSummary
    computed: int = 0
    reused: int = 0

    @property
    def open_findings(self) -> tuple[Tracked, ...]:
        """The findings open at the newest point, oldest first."""
        found = [item for item in self.findings if item.fixed is None]
        return tuple(sorted(found, key=lambda t: (t.introduced_at, t.rule_id, t.path, t.key)))
