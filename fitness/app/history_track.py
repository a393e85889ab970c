"""Following findings across the points of a history: when each came, when it went.

A finding is known by its fingerprint (the rule and the modules it is about, as
the baseline knows it), so it survives edits that only move it; twins with one
fingerprint are told apart by their order (`#2`, `#3`). A point that could not be
checked (`HistoryPoint.status` not `ok`) says nothing: findings open before it
stay open across it.
"""

from __future__ import annotations

from collections.abc import Sequence

from fitness.model.history import OK, DebtSummary, HistoryPoint, PointFinding, Tracked

DAY = 86400


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
    open_now: dict[str, tuple[PointFinding, HistoryPoint, bool]] = {}
    done: list[Tracked] = []
    for point in checked:
        here = {found.key: found for found in point.findings}
        for key in sorted(open_now.keys() - here.keys()):
            seen, since, before = open_now.pop(key)
            done.append(_tracked(seen, since, before, point, None))
        for key, found in here.items():
            if key in open_now:
                _, since, before = open_now[key]
                open_now[key] = (found, since, before)
            else:
                open_now[key] = (found, point, point is first)
    still = [
        _tracked(found, since, before, None, (newest - since.timestamp) // DAY)
        for found, since, before in open_now.values()
    ]
    findings = sorted((*done, *still), key=lambda t: (t.introduced_at, t.rule_id, t.path, t.key))
    added = sum(1 for item in findings if not item.before)
    fixed = sum(1 for item in findings if item.fixed is not None)
    oldest = min(still, key=lambda t: (t.introduced_at, t.rule_id, t.path, t.key), default=None)
    return tuple(findings), DebtSummary(added, fixed, len(still), oldest)


def _tracked(
    found: PointFinding,
    since: HistoryPoint,
    before: bool,
    gone: HistoryPoint | None,
    age: int | None,
) -> Tracked:
    return Tracked(
        key=found.key,
        rule_id=found.rule_id,
        severity=found.severity,
        message=found.message,
        path=found.path,
        line=found.line,
        introduced=since.commit,
        introduced_at=since.timestamp,
        before=before,
        fixed=gone.commit if gone is not None else None,
        fixed_at=gone.timestamp if gone is not None else None,
        age_days=age,
    )
