"""What each rule actually checked (`Coverage`, worked out when asked for: see
`fitness.model.reach`), and the files that were not analysed (`Skip`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # a warm run that shows no coverage never defines these records
    from fitness.model.reach import RuleCoverage


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
