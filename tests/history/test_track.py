"""Findings about imports are followed at the level of their imports, as the gate judges them."""

from __future__ import annotations

from fitness.app.history_track import track
from fitness.model.history import OK, DebtSummary, HistoryPoint, PointFinding, Tracked

WEEK = 7 * 86400


def point(number: int, *imports: tuple[str, ...]) -> HistoryPoint:
    """Commit `c<number>`, a week after the one before, holding one finding per `imports`
    entry (all with one fingerprint, as a rule broken between the same two packages)."""
    findings = tuple(
        PointFinding("f" if n == 0 else f"f#{n + 1}", "layers", "error", "m", "a.py", 1, needs)
        for n, needs in enumerate(imports)
    )
    counts = (("layers", len(findings)),)
    return HistoryPoint(
        f"c{number}", f"t{number}", number * WEEK, OK, None, counts, (), 1, 1, 0, None, findings
    )


def test_a_new_import_between_packages_already_broken_is_a_violation_added_and_fixed() -> None:
    points = [
        point(1, ("app.db -> app.api",)),
        point(2, ("app.db -> app.api", "app.db.x -> app.api")),  # a second import: added
        point(3, ("app.db.x -> app.api",)),  # the first one removed: fixed
        point(4, ("app.db.x -> app.api",)),
        point(5),  # the second one removed: fixed
    ]

    findings, summary = track(points)

    assert findings == (
        Tracked("f", "layers", "error", "m", "a.py", 1, "c1", WEEK, True, "c3", 3 * WEEK, None),
        Tracked(
            "f+c2",
            "layers",
            "error",
            "m",
            "a.py",
            1,
            "c2",
            2 * WEEK,
            False,
            "c5",
            5 * WEEK,
            None,
            ("app.db.x -> app.api",),
        ),
    )
    assert summary == DebtSummary(added=1, fixed=2, open=0, oldest=None)


def test_a_finding_whose_imports_did_not_change_stays_one_violation() -> None:
    same = ("app.db -> app.api", "app.db.x -> app.api")
    findings, summary = track([point(1, same), point(2, same), point(3, same[:1])])

    assert [(t.key, t.introduced, t.fixed, t.age_days) for t in findings] == [("f", "c1", None, 14)]
    assert summary.open == 1 and summary.added == 0


def test_a_finding_that_is_not_about_imports_is_followed_as_a_whole() -> None:
    findings, _ = track([point(1, ()), point(2, ()), point(3)])

    assert [(t.key, t.introduced, t.fixed) for t in findings] == [("f", "c1", "c3")]
