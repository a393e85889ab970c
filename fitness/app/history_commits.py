"""Which commits a history samples: the first-parent line of `--until`, cut at `--since`,
thinned to one commit every N or the last one of each day, week or month.

`--since` takes a date (`2026-01-31`, midnight UTC), a span back from the newest
commit's date (`90.days`, `12.weeks`, `6.months`, `1.year`: a number, a dot,
and day, week, month or year, singular or plural), or a revision on that line,
which is then the oldest point. Spans count from `--until`'s commit date, not
the clock, so that a history of a fixed range reads the same on any day.
"""

from __future__ import annotations

import calendar
import re
import time
from pathlib import Path
from typing import NamedTuple

from fitness.errors import UsageError
from fitness.tree.git_objects import git

FLAG = "history"
STEPS = ("day", "week", "month")
DEFAULT_SINCE = "1.year"
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SPAN = re.compile(r"^(\d+)\.(day|week|month|year)s?$")


class Commit(NamedTuple):
    """A first-parent commit: its id, its tree's id and its committer date (epoch seconds)."""

    sha: str
    tree: str
    timestamp: int


def sample(
    where: Path,
    since: str | None,
    until: str,
    every: int | None,
    step: str | None,
    max_points: int,
) -> tuple[list[Commit], int]:
    """The commits to check, oldest first, and how many the `max_points` limit left out.

    The default is the last commit of each week over the year before `until`.
    The newest commit is always a point; beyond `max_points`, the oldest go.
    """
    line = _first_parents(where, until)
    if not line:
        return [], 0
    commits = _after(where, line, since if since is not None else DEFAULT_SINCE, until)
    if every is not None:
        chosen = commits[::-1][::every][::-1]
    else:
        chosen = _last_of_each(commits, step or "week")
    left_out = max(len(chosen) - max_points, 0)
    return chosen[left_out:], left_out


def _first_parents(where: Path, until: str) -> list[Commit]:
    """The first-parent line ending at `until`, oldest first."""
    out = git(
        where,
        ["rev-list", "--first-parent", "--format=%H %T %ct", f"{until}^{{commit}}", "--"],
        FLAG,
        lambda cwd: f"--until {until}: no such revision in the git repository at {cwd}",
    )
    commits = []
    for row in out.splitlines():
        fields = row.split()
        if len(fields) == 3 and not row.startswith("commit "):
            commits.append(Commit(fields[0], fields[1], int(fields[2])))
    commits.reverse()
    return commits


def _after(where: Path, line: list[Commit], since: str, until: str) -> list[Commit]:
    """The commits of `line` from `since` on (a date, a span or a revision)."""
    newest = line[-1].timestamp
    start = since_timestamp(since, newest)
    if start is not None:
        return [commit for commit in line if commit.timestamp >= start]
    sha = git(
        where,
        ["rev-parse", "--verify", "--quiet", f"{since}^{{commit}}"],
        FLAG,
        lambda cwd: (
            f"--since {since}: not a date (YYYY-MM-DD), a span (90.days, 12.weeks, "
            "6.months, 1.year) nor a revision of the repository"
        ),
    ).strip()
    for index, commit in enumerate(line):
        if commit.sha == sha:
            return line[index:]
    raise UsageError(f"--since {since}: not on the first-parent history of {until}")


def since_timestamp(since: str, newest: int) -> int | None:
    """The epoch second `since` names when a date or a span back from `newest`; None else."""
    date = _DATE.match(since)
    if date:
        year, month, day = map(int, date.groups())
        try:
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise ValueError(since)
            return calendar.timegm((year, month, day, 0, 0, 0))
        except (ValueError, calendar.IllegalMonthError):
            raise UsageError(f"--since {since}: no such date") from None
    span = _SPAN.match(since)
    if span is None:
        return None
    count, unit = int(span.group(1)), span.group(2)
    if unit in ("day", "week"):
        return newest - count * 86400 * (7 if unit == "week" else 1)
    months = count * (12 if unit == "year" else 1)
    then = time.gmtime(newest)
    total = then.tm_year * 12 + then.tm_mon - 1 - months
    year, month = divmod(total, 12)
    day = min(then.tm_mday, calendar.monthrange(year, month + 1)[1])
    return calendar.timegm((year, month + 1, day, then.tm_hour, then.tm_min, then.tm_sec))


def _last_of_each(commits: list[Commit], step: str) -> list[Commit]:
    """The last commit (along the line) of each UTC day, ISO week (Monday first) or month."""
    chosen: dict[tuple[int, int, int], int] = {}
    for index, commit in enumerate(commits):
        chosen[_period(commit.timestamp, step)] = index  # later commits replace earlier ones
    return [commits[index] for index in sorted(chosen.values())]


def _period(timestamp: int, step: str) -> tuple[int, int, int]:
    import datetime

    day = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc)
    if step == "day":
        return day.year, day.month, day.day
    if step == "month":
        return day.year, day.month, 0
    year, week, _ = day.isocalendar()
    return year, week, 0
