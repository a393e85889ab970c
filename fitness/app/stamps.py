"""What `fitness baseline` adds to its entries and leaves out of them: `--until` and
`--owner` on the entries it adds, and no entry for a rule that cannot be silenced."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from fitness.config.schema import Config
from fitness.errors import UsageError
from fitness.model import BaselineEntry, Finding, Report


class Stamp(NamedTuple):
    """`--until DATE` (ISO) and `--owner @team`, for the entries a baseline run adds."""

    until: str | None = None
    owner: str | None = None


def sealed_out(config: Config, report: Report) -> tuple[list[Finding], list[str]]:
    """The findings a baseline may hold, and the rules (`suppressible = false`) of those it
    may not, each once, sorted. Findings about exceptions themselves (an expired one,
    an owner missing: `report.unexcepted`) are never recorded, and need no mention."""
    sealed = {rule.id for rule in (*config.rules, *config.dormant) if not rule.suppressible}
    findings = [f for f in report.findings if f not in report.unexcepted]
    if not sealed:
        return findings, []
    kept = [finding for finding in findings if finding.rule_id not in sealed]
    return kept, sorted({finding.rule_id for finding in findings if finding.rule_id in sealed})


def stamped(
    old: Sequence[BaselineEntry], current: Sequence[BaselineEntry], stamp: Stamp
) -> list[BaselineEntry]:
    """`current` with each entry's `until`/`owner`: an entry the file had keeps its own, a
    new one takes `stamp`'s."""
    before = {entry.fingerprint: entry for entry in old}
    result = []
    for entry in current:
        known = before.get(entry.fingerprint)
        if known is not None:
            result.append(entry._replace(until=known.until, owner=known.owner))
        else:
            result.append(entry._replace(until=stamp.until, owner=stamp.owner))
    return result


def check_stamp(config: Config, stamp: Stamp, today: str, new: int) -> None:
    """UsageError when `stamp` gives a date past, or `[tool.fitness.exceptions]` wants what
    the `new` entries would lack."""
    from fitness.policy.expiry import days_between

    rules = config.exceptions
    if stamp.until is not None and days_between(today, stamp.until) < 0:
        raise UsageError(f"--until {stamp.until} is in the past (today is {today})")
    if not new:
        return
    lacking = []
    if rules.require_owner and stamp.owner is None:
        lacking.append("--owner (require_owner is on)")
    if rules.max_days is not None and stamp.until is None:
        lacking.append(f"--until (max_days is {rules.max_days})")
    if lacking:
        raise UsageError(
            f"{new} new entr{'y' if new == 1 else 'ies'} would lack what "
            f"[tool.fitness.exceptions] requires: give {' and '.join(lacking)}"
        )
    if stamp.until is not None and rules.max_days is not None:
        ahead = days_between(today, stamp.until)
        if ahead > rules.max_days:
            raise UsageError(
                f"--until {stamp.until} is {ahead} days ahead, more than "
                f"[tool.fitness.exceptions] max_days ({rules.max_days}) allows"
            )
