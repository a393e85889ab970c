"""Following findings across the points of a history: when each came, when it went.

A finding is known by its fingerprint (the rule and the modules it is about, as
the baseline knows it), so it survives edits that only move it; twins with one
fingerprint are told apart by their order (`#2`, `#3`). A finding about imports
is followed at the level of its imports, as the gate judges it
(`fitness.policy.known`): when a finding whose fingerprint is open needs an
import that no open finding of that fingerprint needed, the imports it adds are
a violation of their own, introduced at that point (`grew_by`); each one stays
open while the finding still needs one of its imports. So a new import between
two packages already broken is counted as added, and removing it as fixed. A
point that could not be checked (`HistoryPoint.status` not `ok`) says nothing:
findings open before it stay open across it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from fitness.model.history import OK, DebtSummary, HistoryPoint, PointFinding, Tracked

DAY = 86400


class _Open(NamedTuple):
    key: str  # the tracked item's own key: the finding's, or `key+commit` when it grew
    finding: str  # the key of the finding it follows
    seen: PointFinding  # as last seen
    since: HistoryPoint
    before: bool  # there at the first point already
    owned: frozenset[str]  # the imports it stands for (empty: the finding as a whole)
    grew: bool


def track(points: Sequence[HistoryPoint]) -> tuple[tuple[Tracked, ...], DebtSummary]:
    """Every finding seen at some point (introduced, fixed, age), and the summary.

    Ages count whole days up to the newest point's commit date, not the clock,
    so that a history reads the same whenever it is made.
    """
    checked = [point for point in points if point.status == OK]
    if not checked:
        return (), DebtSummary(0, 0, 0, None)
    newest = checked[-1].timestamp
    first = checked[0]
    open_now: list[_Open] = []
    done: list[Tracked] = []
    for point in checked:
        here = {found.key: found for found in point.findings}
        still: list[_Open] = []
        for item in open_now:
            found = here.get(item.finding)
            if found is None or (item.owned and not item.owned & set(found.imports)):
                done.append(_tracked(item, point, None))
            else:
                still.append(item._replace(seen=found))
        open_now = still
        for key, found in here.items():
            mine = [item for item in open_now if item.finding == key]
            if not mine:
                owned = frozenset(found.imports)
                open_now.append(_Open(key, key, found, point, point is first, owned, False))
                continue
            known = frozenset().union(*(item.owned for item in mine))
            grown = frozenset(found.imports) - known if known else frozenset()
            if grown:
                own_key = f"{key}+{point.short}"
                open_now.append(_Open(own_key, key, found, point, False, grown, True))
    remaining = [_tracked(item, None, (newest - item.since.timestamp) // DAY) for item in open_now]
    findings = sorted((*done, *remaining), key=_order)
    added = sum(1 for item in findings if not item.before)
    fixed = sum(1 for item in findings if item.fixed is not None)
    oldest = min(remaining, key=_order, default=None)
    return tuple(findings), DebtSummary(added, fixed, len(remaining), oldest)


def _order(item: Tracked) -> tuple[int, str, str, str]:
    return (item.introduced_at, item.rule_id, item.path, item.key)


def _tracked(item: _Open, gone: HistoryPoint | None, age: int | None) -> Tracked:
    found = item.seen
    return Tracked(
        key=item.key,
        rule_id=found.rule_id,
        severity=found.severity,
        message=found.message,
        path=found.path,
        line=found.line,
        introduced=item.since.commit,
        introduced_at=item.since.timestamp,
        before=item.before,
        fixed=gone.commit if gone is not None else None,
        fixed_at=gone.timestamp if gone is not None else None,
        age_days=age,
        grew_by=tuple(sorted(item.owned)) if item.grew else (),
    )
