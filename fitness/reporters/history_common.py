"""What every history format says alike: dates, ages, the summary sentence, the table's cells."""

from __future__ import annotations

import time

from fitness.model.history import OK, History, HistoryPoint, Tracked

SEVERITIES = ("error", "warning", "note")


def day(timestamp: int) -> str:
    """The UTC date of `timestamp`, as YYYY-MM-DD."""
    return time.strftime("%Y-%m-%d", time.gmtime(timestamp))


def instant(timestamp: int) -> str:
    """`timestamp` in ISO 8601, UTC."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))


def age(days: int) -> str:
    """`3 days` under two weeks, else whole weeks: `41 weeks`."""
    if days < 14:
        return f"{days} day{'' if days == 1 else 's'}"
    return f"{days // 7} weeks"


def summary_sentence(history: History) -> str:
    """`Since 2026-01-05: 12 findings added, 30 fixed; 4 open, the oldest 41 weeks old
    (added in abc1234).`"""
    checked = [point for point in history.points if point.status == OK]
    if not checked:
        return "No sampled commit could be checked."
    debt = history.summary
    said = (
        f"Since {day(checked[0].timestamp)}: {_count(debt.added, 'finding')} added, "
        f"{debt.fixed} fixed; {debt.open} open"
    )
    oldest = debt.oldest
    if oldest is None or oldest.age_days is None:
        return said + "."
    if oldest.before:
        return (
            f"{said}, the oldest at least {age(oldest.age_days)} old "
            f"(there at the first point, {oldest.introduced[:7]})."
        )
    return f"{said}, the oldest {age(oldest.age_days)} old (added in {oldest.introduced[:7]})."


def columns(history: History) -> list[str]:
    """The table's header: one column per rule between the total and the graph's sizes."""
    return [
        "date",
        "commit",
        "status",
        "total",
        *history.rules,
        *SEVERITIES,
        "modules",
        "imports",
        "cycles",
        "baseline",
    ]


def cells(history: History, point: HistoryPoint) -> list[str]:
    """One point's row, as `columns` names it; a point not checked shows `-` for its counts."""
    checked = point.status == OK
    by_rule = dict(point.by_rule)
    by_severity = dict(point.by_severity)

    def count(value: int) -> str:
        return str(value) if checked else "-"

    return [
        day(point.timestamp),
        point.short,
        point.status,
        count(point.total),
        *(count(by_rule.get(rule, 0)) for rule in history.rules),
        *(count(by_severity.get(level, 0)) for level in SEVERITIES),
        count(point.modules),
        count(point.imports),
        count(point.cycles),
        "-" if point.baseline is None else str(point.baseline),
    ]


def open_rows(history: History) -> list[list[str]]:
    """The open findings, oldest first: age, the commit that added it, rule, place, message."""
    return [
        [
            _age_of(item),
            item.introduced[:7],
            item.rule_id,
            f"{item.path}:{item.line}",
            item.message + (f" (new imports: {', '.join(item.grew_by)})" if item.grew_by else ""),
        ]
        for item in history.open_findings
    ]


def _age_of(item: Tracked) -> str:
    shown = age(item.age_days or 0)
    return f">= {shown}" if item.before else shown


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
