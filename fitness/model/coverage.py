"""What each rule actually checked: the modules it matched, the imports it examined, and the
files it would have matched that were not analysed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # a warm run reads no rule's subjects
    from fitness.model.expressions import ModuleExpr


class Skip(NamedTuple):
    """A file (or a directory, with a trailing `/`) not analysed, and why: `excluded`,
    `gitignored`, `unreadable` or `not under a root`."""

    path: str
    why: str


class Subjects(NamedTuple):
    """The modules a rule examines (None: every module), and whether it examines the
    imports they make (`incoming` False) or the imports made of them (True).

    `only_imports`: the rule can find something only in imports, so one that examined
    none is vacuous; False for rules that read more (`banned-api` reads calls and
    attributes, `dependencies` the manifests, `metrics` the sizes of packages).
    """

    modules: tuple[ModuleExpr, ...] | None
    incoming: bool = False
    only_imports: bool = True


class RuleCoverage(NamedTuple):
    """One rule's reach this run: `modules` it matched (sorted), how many import
    statements of theirs it examined, and the files it would have matched that were skipped."""

    rule_id: str
    modules: tuple[str, ...]
    imports: int
    skipped: tuple[Skip, ...] = ()


def topmost(modules: Sequence[str]) -> list[str]:
    """The sorted `modules` none of whose ancestors is among them."""
    tops: list[str] = []
    for module in modules:  # sorted: an ancestor comes before what it holds
        if not tops or not module.startswith(tops[-1] + "."):
            tops.append(module)
    return tops


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
