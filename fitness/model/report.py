"""The result of a run, as handed to reporters."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from fitness.model.adr import AdrLink
from fitness.model.finding import Finding, Severity
from fitness.model.kinds import BUILT_IN_KINDS, FindingKind
from fitness.model.notice import Notice
from fitness.model.verdict import BaselineEntry, Exemption, Suppressed

if TYPE_CHECKING:  # a warm run that shows no coverage never defines these records
    from fitness.model.reach import RuleCoverage

RULE_STATUSES = ("kept", "baselined", "broken")


class Skip(NamedTuple):
    """A file (or a directory, with a trailing `/`) not analysed, and why: `excluded`,
    `gitignored`, `unreadable` or `not under a root`."""

    path: str
    why: str


class Coverage:
    """Every rule's coverage, worked out (or decoded from the store) the first time it is asked
    for: a run whose outputs do not show it never pays for it."""

    __slots__ = ("_load", "_rules")

    def __init__(self, load: Callable[[], tuple[RuleCoverage, ...]]) -> None:
        self._load = load
        self._rules: tuple[RuleCoverage, ...] | None = None

    @property
    def rules(self) -> tuple[RuleCoverage, ...]:
        """Each configured rule's coverage, in the order of the configuration."""
        if self._rules is None:
            self._rules = self._load()
        return self._rules

    def of(self, rule_id: str) -> RuleCoverage | None:
        return next((rule for rule in self.rules if rule.rule_id == rule_id), None)


NO_COVERAGE = Coverage(tuple)  # a report made without a run (tests, `fitness rules` alone)


class RuleSummary(NamedTuple):
    """A configured rule, as reporters describe it; `adr` is the (first) decision it enforces."""

    id: str
    kind: str
    severity: Severity
    adr: AdrLink | None
    description: str
    guidance: str | None
    seconds: float = 0.0  # how long the rule's check took
    tags: tuple[str, ...] = ()  # what the rule is about, as configured (`security`, ...)
    include: tuple[str, ...] = ()  # module expressions narrowing where it applies
    exclude: tuple[str, ...] = ()
    more_adrs: tuple[AdrLink, ...] = ()  # the decisions it cites after `adr`

    @property
    def adrs(self) -> tuple[AdrLink, ...]:
        """Every decision the rule enforces, in the order it cites them."""
        return (self.adr, *self.more_adrs) if self.adr is not None else ()


class DisabledRule(NamedTuple):
    """A rule switched off (`enabled = false`): its kind (None if unknown), and where."""

    id: str
    kind: str | None
    where: str


class RuleListing(NamedTuple):
    """What `fitness rules` lists: the rules that run, and those switched off."""

    rules: tuple[RuleSummary, ...]
    disabled: tuple[DisabledRule, ...]


class Report(NamedTuple):
    """Findings sorted by (path, line, column, rule), the rules checked, and run statistics.

    Finding paths are relative to `root`, the project root (the directory of the
    configuration file), an absolute POSIX path. `findings` are those that count
    (see `fitness.policy.apply`); `suppressed` were silenced inline, `baselined`
    are known from the baseline, `existing` were there at `since` (the revision
    of `--since`), and `stale` are the baseline entries no finding matched.
    `root_in_repo` is that root relative to the repository root (the nearest
    directory above it with a `.git`), `""` when they are the same or no
    repository was found: SARIF and code scanning want repository-relative
    paths (`repo_path`). `kinds` describes the built-in finding ids.
    `notices` are about the run as a whole (see `Notice`), in the order to show
    them; `outside` counts the findings that would count but lie outside the
    PATHs a run was given. `fail_on` is the least severe finding that fails the
    run (`None`: none does), as `fitness.policy.threshold` read `--fail-on`.
    `config_path` is the configuration file that judged
    the run (in the project root), `config_revision` the git revision it was read
    at (`--config-from REV`), None for the file as it is. `coverage` says what each
    rule reached (worked out when first asked for); `unanalysed` lists the files
    that could not be analysed (unreadable, unparsable), which every summary shows.
    """

    findings: tuple[Finding, ...]
    rules: tuple[RuleSummary, ...]
    files: int
    modules: int
    elapsed: float
    failed: bool
    root: str
    root_in_repo: str = ""
    kinds: tuple[FindingKind, ...] = BUILT_IN_KINDS
    suppressed: tuple[Suppressed, ...] = ()
    baselined: tuple[Finding, ...] = ()
    existing: tuple[Finding, ...] = ()
    stale: tuple[BaselineEntry, ...] = ()
    since: str | None = None
    notices: tuple[Notice, ...] = ()
    outside: int = 0
    fail_on: Severity | None = Severity.ERROR
    config_path: str = ""
    config_revision: str | None = None
    exemptions: tuple[Exemption, ...] = ()  # by owner, then expiry (`fitness.policy.expiry`)
    unexcepted: tuple[Finding, ...] = ()  # those of `findings` no baseline may record
    coverage: Coverage = NO_COVERAGE
    unanalysed: tuple[Skip, ...] = ()

    def fails_run(self, finding: Finding) -> bool:
        """Whether `finding` is at least as severe as `fail_on`: it fails the run."""
        return self.fail_on is not None and finding.severity.rank >= self.fail_on.rank

    def count_of(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    def findings_for(self, rule_id: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule_id == rule_id)

    def status_of(self, rule_id: str) -> str:
        """`broken` (a finding counts), `baselined` (every finding it has is in the
        baseline) or `kept` (none): what policy decided, said of one rule."""
        if any(f.rule_id == rule_id for f in self.findings):
            return "broken"
        if any(f.rule_id == rule_id for f in self.baselined):
            return "baselined"
        return "kept"

    def rule_counts(self) -> dict[str, int]:
        """How many configured rules are `kept`, `baselined` and `broken`."""
        counts = dict.fromkeys(RULE_STATUSES, 0)
        for rule in self.rules:
            counts[self.status_of(rule.id)] += 1
        return counts

    def rule(self, rule_id: str) -> RuleSummary | None:
        """The configured rule `rule_id`, or None for a built-in finding kind."""
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def adr_of(self, finding: Finding) -> AdrLink | None:
        """The decision `finding` enforces: its rule's ADR."""
        rule = self.rule(finding.rule_id)
        return rule.adr if rule is not None else None

    def adrs_of(self, finding: Finding) -> tuple[AdrLink, ...]:
        """Every decision `finding` breaks: its rule's ADRs."""
        rule = self.rule(finding.rule_id)
        return rule.adrs if rule is not None else ()

    def kind(self, rule_id: str) -> FindingKind | None:
        """The built-in finding kind `rule_id`, or None for a configured rule."""
        return next((kind for kind in self.kinds if kind.id == rule_id), None)

    def repo_path(self, path: str) -> str:
        """A project-relative POSIX path made relative to the repository root."""
        return f"{self.root_in_repo}/{path}" if self.root_in_repo else path
