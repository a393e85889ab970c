"""Exceptions that expire, with an owner, on a fixed clock: a suppression and a baseline entry
of the same finding, before the warning window, within it, on the last day and after it."""

from __future__ import annotations

import pytest

from fitness.model import (
    BaselineEntry,
    ExceptionRules,
    Exemption,
    Finding,
    Location,
    Severity,
    Suppressed,
    Suppression,
)
from fitness.policy import Exceptions, Rules, Verdict, apply
from fitness.policy.suppressions import BadSuppression
from tests.policy.test_apply import RULES, finding

LAYERS = finding("layers", "src/app/a.py", 3, "app.a", "app.b")
UNTIL = "2027-03-31"
DEFAULTS = ExceptionRules()  # warn_days = 14
BEFORE, WITHIN, LAST_DAY, AFTER = "2027-03-01", "2027-03-21", "2027-03-31", "2027-04-01"


def stamped(until: str | None = UNTIL, owner: str | None = "@payments") -> Suppression:
    return Suppression(
        Location("src/app/a.py", 3, 20, 3, 70), ("layers",), (3,), None, "why", False, until, owner
    )


def entry(until: str | None = UNTIL, owner: str | None = "@platform") -> BaselineEntry:
    fingerprint = LAYERS.fingerprint
    return BaselineEntry(
        fingerprint, "layers", "app.a -> app.b", "src/app/a.py", 1, (), until, owner, 7
    )


def judge(
    today: str,
    directives: tuple[Suppression | BadSuppression, ...] = (),
    baseline: tuple[BaselineEntry, ...] = (),
    settings: ExceptionRules = DEFAULTS,
    rules: Rules = RULES,
    findings: tuple[Finding, ...] = (LAYERS,),
) -> Verdict:
    return apply(
        findings, directives, rules, baseline=baseline, exceptions=Exceptions(today, settings)
    )


def about(kind: str, location: Location, message: str, *names: str) -> Finding:
    severity = Severity.WARNING if kind.startswith("expiring") else Severity.ERROR
    return Finding(
        kind,
        severity,
        "{message}",
        (("message", message),),
        location,
        (),
        (),
        None,
        None,
        (kind, location.path, *names),
    )


def suppression_finding(kind: str, message: str) -> Finding:
    return about(kind, stamped().location, message, "layers")


def entry_finding(kind: str, message: str) -> Finding:
    at = Location(".fitness-baseline.json", 7, 1, 7, 1)
    return about(kind, at, message, LAYERS.fingerprint)


EXPIRED_SUPPRESSION = suppression_finding(
    "expired-suppression",
    "the suppression of layers expired on 2027-03-31 (owner @payments): what it silenced "
    "counts again; fix it, or renew the exception with a later until=",
)
EXPIRED_ENTRY = entry_finding(
    "expired-baseline-entry",
    "the baseline entry of layers for app.a -> app.b expired on 2027-03-31 (owner @platform): "
    "its findings count again; fix them, or renew the exception with a later until",
)


def test_before_the_warning_window_a_suppression_silences_and_says_nothing() -> None:
    verdict = judge(BEFORE, (stamped(),))

    assert verdict.kept == ()
    assert verdict.suppressed == (Suppressed(LAYERS, stamped()),)
    assert not verdict.failed


def test_within_warn_days_a_suppression_still_silences_and_warns_with_its_owner() -> None:
    verdict = judge(WITHIN, (stamped(),))

    assert verdict.kept == (
        suppression_finding(
            "expiring-suppression",
            "the suppression of layers expires after 2027-03-31, in 10 days (owner @payments): "
            "fix what it silences, or renew it",
        ),
    )
    assert verdict.suppressed == (Suppressed(LAYERS, stamped()),)
    assert not verdict.failed  # a warning


def test_on_its_last_day_a_suppression_still_silences() -> None:
    verdict = judge(LAST_DAY, (stamped(owner=None),))

    assert [f.message for f in verdict.kept] == [
        "the suppression of layers expires after 2027-03-31, today (no owner): "
        "fix what it silences, or renew it"
    ]
    assert len(verdict.suppressed) == 1


def test_after_its_date_a_suppression_silences_nothing_and_is_an_error_naming_its_owner() -> None:
    verdict = judge(AFTER, (stamped(),))

    assert verdict.kept == (LAYERS, EXPIRED_SUPPRESSION)
    assert verdict.suppressed == ()
    assert verdict.failed


def test_warn_days_sets_when_the_warning_starts() -> None:
    assert judge(WITHIN, (stamped(),), settings=ExceptionRules(warn_days=9)).kept == ()
    assert len(judge(WITHIN, (stamped(),), settings=ExceptionRules(warn_days=10)).kept) == 1


def test_a_baseline_entry_before_within_on_and_after_its_date() -> None:
    before = judge(BEFORE, baseline=(entry(),))
    within = judge(WITHIN, baseline=(entry(),))
    last_day = judge(LAST_DAY, baseline=(entry(),))
    after = judge(AFTER, baseline=(entry(),))

    assert (before.kept, before.baselined) == ((), (LAYERS,))
    assert within.kept == (
        entry_finding(
            "expiring-baseline-entry",
            "the baseline entry of layers for app.a -> app.b expires after 2027-03-31, in 10 "
            "days (owner @platform): fix its findings, or renew it",
        ),
    )
    assert within.baselined == (LAYERS,)
    assert [f.rule_id for f in last_day.kept] == ["expiring-baseline-entry"]
    assert (after.kept, after.baselined, after.stale) == ((EXPIRED_ENTRY, LAYERS), (), ())
    assert after.failed


def test_an_expired_entry_no_finding_has_is_fixed_not_an_error() -> None:
    verdict = judge(AFTER, baseline=(entry(),), findings=())

    assert verdict.kept == ()
    assert verdict.stale == (entry(),)


def test_an_expired_suppression_falls_back_to_a_live_baseline_entry_of_the_same_finding() -> None:
    verdict = judge(AFTER, (stamped(),), (entry(until="2027-12-31"),))

    assert verdict.kept == (EXPIRED_SUPPRESSION,)
    assert verdict.baselined == (LAYERS,)


def test_a_live_suppression_covers_a_finding_whose_baseline_entry_expired() -> None:
    """The suppression silences the finding first, so the expired entry matches nothing: fixed."""
    verdict = judge(AFTER, (stamped(until="2027-12-31"),), (entry(),))

    assert verdict.kept == ()
    assert verdict.suppressed == (Suppressed(LAYERS, stamped(until="2027-12-31")),)
    assert verdict.stale == (entry(),)


def test_when_both_have_expired_the_finding_counts_and_both_are_named() -> None:
    verdict = judge(AFTER, (stamped(),), (entry(),))

    assert verdict.kept == (EXPIRED_ENTRY, LAYERS, EXPIRED_SUPPRESSION)
    assert verdict.failed


def test_within_the_window_both_warn_and_the_suppression_covers_the_finding() -> None:
    verdict = judge(WITHIN, (stamped(),), (entry(),))

    assert [f.rule_id for f in verdict.kept] == [
        "expiring-baseline-entry",
        "expiring-suppression",
    ]
    assert len(verdict.suppressed) == 1
    assert verdict.baselined == ()


def test_the_exceptions_are_listed_by_owner_then_expiry() -> None:
    other = stamped(until="2027-02-01", owner="@payments")._replace(
        location=Location("src/app/z.py", 9, 1, 9, 9)
    )
    verdict = judge(WITHIN, (stamped(), other, stamped(until=None, owner=None)), (entry(),))

    assert verdict.exemptions == (
        Exemption("suppression", ("layers",), "src/app/z.py", 9, "@payments", "2027-02-01", "expired"),
        Exemption("suppression", ("layers",), "src/app/a.py", 3, "@payments", UNTIL, "expiring"),
        Exemption("baseline-entry", ("layers",), ".fitness-baseline.json", 7, "@platform", UNTIL, "expiring"),
    )  # fmt: skip


def test_require_owner_and_max_days_make_the_fields_mandatory() -> None:
    settings = ExceptionRules(max_days=180, require_owner=True)
    bare = stamped(until=None, owner=None)
    far = stamped(until="2028-01-01")

    assert [f.message for f in judge(BEFORE, (bare,), settings=settings).kept] == [
        "the suppression has no until= date, and [tool.fitness.exceptions] max_days is 180: "
        "add until=YYYY-MM-DD, at most 180 days ahead",
        "the suppression names no owner, and [tool.fitness.exceptions] require_owner is on: "
        "add owner=@team",
    ]
    assert [f.message for f in judge(BEFORE, (far,), settings=settings).kept] == [
        "until=2028-01-01 is 306 days ahead, more than [tool.fitness.exceptions] max_days "
        "(180) allows"
    ]
    assert judge(BEFORE, (stamped(),), settings=settings).kept == ()


SEALED = RULES._replace(unsuppressible=frozenset({"layers"}))


def test_a_suppression_of_a_rule_that_cannot_be_silenced_is_invalid_and_silences_nothing() -> None:
    both = stamped(until=None, owner=None)._replace(ids=("layers", "ban"))
    ban = finding("ban", "src/app/a.py", 3, "pickle.loads")

    verdict = judge(BEFORE, (both,), rules=SEALED, findings=(LAYERS, ban))

    assert verdict.kept == (
        LAYERS,
        about(
            "invalid-suppression",
            both.location,
            "layers cannot be suppressed (suppressible = false): fix the finding instead",
            "layers",
        ),
    )
    assert verdict.suppressed == (Suppressed(ban, both._replace(ids=("ban",))),)


def test_a_rule_that_cannot_be_silenced_ignores_its_baseline_entries_and_noqa() -> None:
    noqa = Suppression(Location("src/app/a.py", 3, 20, 3, 30), ("S301",), (3,), None, "", True)
    coded = LAYERS._replace(ruff=("S301",))

    verdict = judge(BEFORE, (noqa,), (entry(until=None),), rules=SEALED, findings=(coded,))

    assert verdict.kept == (coded,)
    assert (verdict.suppressed, verdict.baselined, verdict.stale) == ((), (), ())


@pytest.mark.parametrize(
    ("today", "state"),
    [(BEFORE, "active"), (WITHIN, "expiring"), (LAST_DAY, "expiring"), (AFTER, "expired")],
)
def test_the_state_of_an_exception_on_each_day(today: str, state: str) -> None:
    from fitness.policy.expiry import state as state_of

    assert state_of(UNTIL, today, 14) == state
    assert state_of(None, today, 14) == "active"


def test_require_owner_and_max_days_hold_baseline_entries_too() -> None:
    settings = ExceptionRules(max_days=180, require_owner=True)
    at = Location(".fitness-baseline.json", 7, 1, 7, 1)

    bare = judge(BEFORE, baseline=(entry(until=None, owner=None),), settings=settings)
    far = judge(BEFORE, baseline=(entry(until="2028-01-01"),), settings=settings)

    assert bare.kept == (
        about(
            "invalid-baseline-entry",
            at,
            "the baseline entry of layers for app.a -> app.b has no until date, and "
            '[tool.fitness.exceptions] max_days is 180: add "until": "YYYY-MM-DD" to it, at '
            "most 180 days ahead",
            LAYERS.fingerprint,
        ),
        about(
            "invalid-baseline-entry",
            at,
            "the baseline entry of layers for app.a -> app.b names no owner, and "
            '[tool.fitness.exceptions] require_owner is on: add "owner": "@team" to it',
            LAYERS.fingerprint,
        ),
    )
    assert bare.baselined == (LAYERS,)  # it still covers its finding; the error fails the run
    assert [f.message for f in far.kept] == [
        "the baseline entry of layers for app.a -> app.b runs until 2028-01-01, 306 days "
        "ahead, more than [tool.fitness.exceptions] max_days (180) allows"
    ]
    assert judge(BEFORE, baseline=(entry(),), settings=settings).kept == ()
