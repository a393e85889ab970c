"""A rule's reach: the modules it examines, and what it matched and examined in a run.

Apart from `fitness.model.report` (which holds `Coverage` and `Skip`) so that a warm
run, which shows no coverage, never defines these records (a named tuple costs start-up).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from fitness.model.report import Skip

if TYPE_CHECKING:
    from fitness.model.expressions import ModuleExpr


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
