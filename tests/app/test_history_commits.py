"""`fitness history --since`: dates and spans, counted back from the newest commit's date."""

from __future__ import annotations

import calendar

import pytest

from fitness.app.history_commits import since_timestamp
from fitness.errors import UsageError

NEWEST = calendar.timegm((2026, 3, 31, 18, 30, 0))  # a Tuesday evening, UTC


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        ("2026-01-31", (2026, 1, 31, 0, 0, 0)),
        ("90.days", (2025, 12, 31, 18, 30, 0)),
        ("1.day", (2026, 3, 30, 18, 30, 0)),
        ("12.weeks", (2026, 1, 6, 18, 30, 0)),
        ("1.month", (2026, 2, 28, 18, 30, 0)),  # no February 31st: its last day
        ("6.months", (2025, 9, 30, 18, 30, 0)),
        ("1.year", (2025, 3, 31, 18, 30, 0)),
        ("2.years", (2024, 3, 31, 18, 30, 0)),
    ],
)
def test_dates_and_spans(since: str, expected: tuple[int, ...]) -> None:
    assert since_timestamp(since, NEWEST) == calendar.timegm(expected)


@pytest.mark.parametrize("since", ["HEAD~3", "v1.0", "90days", "1.fortnight", "2026-1-5"])
def test_anything_else_is_a_revision(since: str) -> None:
    assert since_timestamp(since, NEWEST) is None


@pytest.mark.parametrize("since", ["2026-02-29", "2026-13-01", "2026-00-10"])
def test_no_such_date(since: str) -> None:
    with pytest.raises(UsageError, match=f"^--since {since}: no such date$"):
        since_timestamp(since, NEWEST)
