"""Exceptions with a lifecycle: `until` and `owner` on suppressions and baseline entries,
and rules that cannot be silenced at all.

An exception covers its findings up to and including its `until` day. From
`warn_days` before that day it still covers them but gives a warning
(`expiring-suppression`, `expiring-baseline-entry`); after it, it covers nothing
and says so as an error that names its owner (`expired-suppression`,
`expired-baseline-entry`), so its findings count again. `[tool.fitness.exceptions]`
can make `until` (no more than `max_days` ahead) and `owner` mandatory on
suppressions, and a rule (or every rule of a pack) with `suppressible = false`
takes no inline suppression and no baseline entry. `today` is an ISO date the
caller passes in, so tests fix it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import NamedTuple

from fitness.model import (
    BadSuppression,
    BaselineEntry,
    ExceptionRules,
    Exemption,
    Finding,
    Location,
    Suppression,
)
from fitness.policy import exception_finding  # loaded: expiry is imported by it

ACTIVE, EXPIRING, EXPIRED = "active", "expiring", "expired"


class Suppressions(NamedTuple):
    """The suppressions that still apply (stripped of what they may not silence), and the
    findings about the others."""

    live: tuple[Suppression | BadSuppression, ...]
    problems: tuple[Finding, ...]


class Entries(NamedTuple):
    """The baseline entries that still cover findings; the expired ones no finding matches
    (fixed: stale like any other); and the findings about the others."""

    live: tuple[BaselineEntry, ...]
    fixed: tuple[BaselineEntry, ...]
    problems: tuple[tuple[BaselineEntry, Finding], ...]


def state(until: str | None, today: str, warn_days: int) -> str:
    """`active`, `expiring` (within `warn_days` of `until`, that day included) or `expired`."""
    if until is None:
        return ACTIVE
    left = days_between(today, until)
    if left < 0:
        return EXPIRED
    return EXPIRING if left <= warn_days else ACTIVE


def days_between(start: str, end: str) -> int:
    """Days from the ISO date `start` to `end` (negative when `end` comes first)."""
    import datetime

    return (datetime.date.fromisoformat(end) - datetime.date.fromisoformat(start)).days


def judge_suppressions(
    directives: Iterable[Suppression | BadSuppression],
    today: str,
    rules: ExceptionRules,
    unsuppressible: Collection[str],
) -> Suppressions:
    """Each suppression as it may still apply, and the findings about the rest.

    A suppression naming a rule that cannot be silenced loses that rule (and
    gives `invalid-suppression`); an expired one is dropped (`expired-suppression`);
    one that lacks what `rules` requires still applies, with `invalid-suppression`.
    ruff's `# noqa` comments carry no fields and are judged by the finding they
    would silence (`silences`).
    """
    live: list[Suppression | BadSuppression] = []
    problems: list[Finding] = []
    for directive in directives:
        if isinstance(directive, BadSuppression) or directive.noqa:
            live.append(directive)
            continue
        problems.extend(_requirements(directive, today, rules))
        ids = tuple(rule for rule in directive.ids if rule not in unsuppressible)
        for rule in directive.ids:
            if rule in unsuppressible:
                problems.append(
                    exception_finding(
                        "invalid-suppression",
                        directive.location,
                        f"{rule} cannot be suppressed (suppressible = false): fix the finding "
                        "instead",
                        rule,
                    )
                )
        now = state(directive.until, today, rules.warn_days)
        if now == EXPIRED:
            problems.append(_expired(directive))
            continue
        if now == EXPIRING:
            problems.append(_expiring(directive, today))
        if ids:
            live.append(directive._replace(ids=ids))
    return Suppressions(tuple(live), tuple(problems))


def judge_entries(
    entries: Sequence[BaselineEntry],
    today: str,
    rules: ExceptionRules,
    findings: Iterable[Finding],
    baseline_file: str,
) -> Entries:
    """Which baseline entries still cover findings, and the findings about the others.

    An expired entry gives `expired-baseline-entry` (at its line in `baseline_file`)
    when one of `findings` (those no suppression silenced) still has its
    fingerprint; one that no finding has is just fixed. An entry that lacks what
    `rules` requires still covers its findings, with `invalid-baseline-entry`.
    """
    demanding = rules.require_owner or rules.max_days is not None
    if not demanding and all(entry.until is None for entry in entries):
        return Entries(tuple(entries), (), ())
    found = {finding.fingerprint for finding in findings}
    live: list[BaselineEntry] = []
    fixed: list[BaselineEntry] = []
    problems: list[tuple[BaselineEntry, Finding]] = []
    for entry in entries:
        now = state(entry.until, today, rules.warn_days)
        if now == EXPIRED:
            if entry.fingerprint in found:
                problems.append((entry, _expired_entry(entry, baseline_file)))
            else:
                fixed.append(entry)
            continue
        if now == EXPIRING:
            problems.append((entry, _expiring_entry(entry, baseline_file, today)))
        if demanding:
            problems.extend(
                (entry, f) for f in _entry_requirements(entry, today, rules, baseline_file)
            )
        live.append(entry)
    return Entries(tuple(live), tuple(fixed), tuple(problems))


def exemptions(
    directives: Iterable[Suppression | BadSuppression],
    entries: Iterable[BaselineEntry],
    today: str,
    warn_days: int,
    baseline_file: str,
) -> tuple[Exemption, ...]:
    """The exceptions that name an owner or an expiry, by owner (none last), then expiry."""
    found = [
        Exemption(
            "suppression",
            directive.ids,
            directive.location.path,
            directive.location.line,
            directive.owner,
            directive.until,
            state(directive.until, today, warn_days),
        )
        for directive in directives
        if isinstance(directive, Suppression) and (directive.owner or directive.until)
    ]
    found.extend(
        Exemption(
            "baseline-entry",
            (entry.rule,),
            baseline_file,
            entry.line,
            entry.owner,
            entry.until,
            state(entry.until, today, warn_days),
        )
        for entry in entries
        if entry.owner or entry.until
    )
    return tuple(sorted(found, key=_by_owner))


def _requirements(suppression: Suppression, today: str, rules: ExceptionRules) -> Iterator[Finding]:
    where = suppression.location
    if rules.require_owner and suppression.owner is None:
        yield exception_finding(
            "invalid-suppression",
            where,
            "the suppression names no owner, and [tool.fitness.exceptions] require_owner is "
            "on: add owner=@team",
            *suppression.ids,
        )
    if rules.max_days is None:
        return
    if suppression.until is None:
        yield exception_finding(
            "invalid-suppression",
            where,
            "the suppression has no until= date, and [tool.fitness.exceptions] max_days is "
            f"{rules.max_days}: add until=YYYY-MM-DD, at most {rules.max_days} days ahead",
            *suppression.ids,
        )
    elif days_between(today, suppression.until) > rules.max_days:
        yield exception_finding(
            "invalid-suppression",
            where,
            f"until={suppression.until} is {days_between(today, suppression.until)} days "
            f"ahead, more than [tool.fitness.exceptions] max_days ({rules.max_days}) allows",
            *suppression.ids,
        )


def _entry_requirements(
    entry: BaselineEntry, today: str, rules: ExceptionRules, baseline_file: str
) -> Iterator[Finding]:
    where = _line(baseline_file, entry)
    named = f"the baseline entry of {entry.rule} for {entry.summary}"
    if rules.require_owner and entry.owner is None:
        yield exception_finding(
            "invalid-baseline-entry",
            where,
            f"{named} names no owner, and [tool.fitness.exceptions] require_owner is on: "
            'add "owner": "@team" to it',
            entry.fingerprint,
        )
    if rules.max_days is None:
        return
    if entry.until is None:
        yield exception_finding(
            "invalid-baseline-entry",
            where,
            f"{named} has no until date, and [tool.fitness.exceptions] max_days is "
            f'{rules.max_days}: add "until": "YYYY-MM-DD" to it, at most {rules.max_days} '
            "days ahead",
            entry.fingerprint,
        )
    elif days_between(today, entry.until) > rules.max_days:
        yield exception_finding(
            "invalid-baseline-entry",
            where,
            f"{named} runs until {entry.until}, {days_between(today, entry.until)} days ahead, "
            f"more than [tool.fitness.exceptions] max_days ({rules.max_days}) allows",
            entry.fingerprint,
        )


def _expired(suppression: Suppression) -> Finding:
    return exception_finding(
        "expired-suppression",
        suppression.location,
        f"the suppression of {', '.join(suppression.ids)} expired on {suppression.until} "
        f"({_owned(suppression.owner)}): what it silenced counts again; fix it, or renew the "
        "exception with a later until=",
        *suppression.ids,
    )


def _expiring(suppression: Suppression, today: str) -> Finding:
    return exception_finding(
        "expiring-suppression",
        suppression.location,
        f"the suppression of {', '.join(suppression.ids)} expires after "
        f"{suppression.until}, {_left(today, suppression.until)} "
        f"({_owned(suppression.owner)}): fix what it silences, or renew it",
        *suppression.ids,
    )


def _expired_entry(entry: BaselineEntry, baseline_file: str) -> Finding:
    return exception_finding(
        "expired-baseline-entry",
        _line(baseline_file, entry),
        f"the baseline entry of {entry.rule} for {entry.summary} expired on {entry.until} "
        f"({_owned(entry.owner)}): its findings count again; fix them, or renew the "
        "exception with a later until",
        entry.fingerprint,
    )


def _expiring_entry(entry: BaselineEntry, baseline_file: str, today: str) -> Finding:
    return exception_finding(
        "expiring-baseline-entry",
        _line(baseline_file, entry),
        f"the baseline entry of {entry.rule} for {entry.summary} expires after {entry.until}, "
        f"{_left(today, entry.until)} ({_owned(entry.owner)}): fix its findings, or renew it",
        entry.fingerprint,
    )


def _left(today: str, until: str | None) -> str:
    days = days_between(today, until or today)
    if days == 0:
        return "today"
    return f"in {days} day{'' if days == 1 else 's'}"


def _owned(owner: str | None) -> str:
    return f"owner {owner}" if owner else "no owner"


def _line(baseline_file: str, entry: BaselineEntry) -> Location:
    line = max(entry.line, 1)
    return Location(baseline_file, line, 1, line, 1)


def _by_owner(exemption: Exemption) -> tuple[bool, str, str, str, int]:
    owner = exemption.owner or ""
    return not owner, owner, exemption.until or "9999-12-31", exemption.path, exemption.line
