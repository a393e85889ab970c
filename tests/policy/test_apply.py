"""`policy.apply` on hand-built findings: what is kept, suppressed, baselined, stale."""

from __future__ import annotations

from fitness.model import (
    BaselineEntry,
    Finding,
    Location,
    Past,
    Severity,
    Suppressed,
    Suppression,
)
from fitness.policy import Rules, Verdict, apply, fails, in_scope, judged
from fitness.policy.suppressions import BadSuppression

RULES = Rules(
    known=frozenset({"layers", "ban", "other", "unused-suppression", "invalid-suppression"}),
    checked=frozenset({"layers", "ban", "unused-suppression", "invalid-suppression"}),
)


def finding(
    rule: str,
    path: str,
    line: int,
    *names: str,
    end_line: int | None = None,
    severity: Severity = Severity.ERROR,
) -> Finding:
    return Finding(
        rule_id=rule,
        severity=severity,
        template="{what}",
        args=(("what", f"{rule} {' '.join(names)}"),),
        location=Location(path, line, 1, end_line or line, 10),
        chains=(),
        modules=names,
        adr=None,
        guidance=None,
        identity=(rule, *names),
    )


def suppression(
    path: str, line: int, *ids: str, own_line: bool = False, adr: str | None = None
) -> Suppression:
    lines = (line + 1,) if own_line else (line,)
    return Suppression(Location(path, line, 20, line, 50), ids, lines, adr, "why")


def about(kind: str, where: Suppression | BadSuppression, message: str, *names: str) -> Finding:
    severity = Severity.WARNING if kind == "unused-suppression" else Severity.ERROR
    return Finding(
        kind,
        severity,
        "{message}",
        (("message", message),),
        where.location,
        (),
        (),
        None,
        None,
        (kind, where.location.path, *names),
    )


def entry(found: Finding, count: int = 1) -> BaselineEntry:
    return BaselineEntry(found.fingerprint, found.rule_id, "s", found.location.path, count)


def unused(where: Suppression, rule: str) -> Finding:
    return about(
        "unused-suppression",
        where,
        f"the suppression of {rule} suppresses nothing here: remove it",
        rule,
    )


FAIL = ("error", "warning", "note", "never")
A = finding("layers", "src/a.py", 3, "app.a", "app.b")
B = finding("layers", "src/b.py", 1, "app.b", "app.c")
C = finding("ban", "src/c.py", 9, "app.c", "pickle.loads", "f", "1")


def test_no_directive_and_no_baseline_keeps_every_finding_sorted() -> None:
    verdict = apply([C, A, B], [], RULES)

    assert verdict == Verdict((A, B, C), (), (), (), (), True)


def test_a_suppression_on_the_line_silences_its_rule_only() -> None:
    on_a = suppression("src/a.py", 3, "layers")
    on_c = suppression("src/c.py", 9, "layers")

    verdict = apply([A, B, C], [on_a, on_c], RULES)

    assert verdict.suppressed == (Suppressed(A, on_a),)
    assert verdict.kept == (B, C, unused(on_c, "layers"))
    assert verdict.failed


def test_a_suppression_above_speaks_to_the_next_line() -> None:
    above = suppression("src/a.py", 2, "layers", own_line=True)

    verdict = apply([A], [above], RULES)

    assert (verdict.kept, verdict.suppressed, verdict.failed) == (
        (),
        (Suppressed(A, above),),
        False,
    )


def test_a_suppression_on_another_line_or_file_silences_nothing() -> None:
    below = suppression("src/a.py", 4, "layers")
    elsewhere = suppression("src/b.py", 3, "layers")

    verdict = apply([A], [below, elsewhere], RULES)

    assert verdict.kept == (A, unused(below, "layers"), unused(elsewhere, "layers"))
    assert verdict.suppressed == ()


def test_a_suppression_on_any_line_of_a_multi_line_finding_silences_it() -> None:
    spread = finding("layers", "src/a.py", 3, "app.a", "app.b", end_line=6)
    middle = suppression("src/a.py", 5, "layers")

    assert apply([spread], [middle], RULES).suppressed == (Suppressed(spread, middle),)


def test_one_suppression_silences_every_finding_of_its_rules_on_its_line() -> None:
    first = finding("layers", "src/a.py", 3, "app.a", "app.b")
    second = finding("layers", "src/a.py", 3, "app.a", "app.c")
    both = suppression("src/a.py", 3, "layers", "ban")
    used_ban = finding("ban", "src/a.py", 3, "app.a", "eval", "", "1")

    verdict = apply([first, second, used_ban], [both], RULES)

    assert verdict.kept == ()
    assert [s.finding for s in verdict.suppressed] == [first, second, used_ban]


def test_each_id_that_suppresses_nothing_is_an_unused_suppression_warning() -> None:
    both = suppression("src/a.py", 3, "layers", "ban")

    verdict = apply([A], [both], RULES)

    assert verdict.kept == (unused(both, "ban"),)
    assert verdict.kept[0].severity is Severity.WARNING
    assert not verdict.failed
    assert apply([A], [both], RULES, fail_on="warning").failed


def test_an_id_of_a_rule_not_checked_in_this_run_is_never_unused() -> None:
    other = suppression("src/a.py", 3, "other")

    assert apply([], [other], RULES) == Verdict((), (), (), (), (), False)


def test_an_id_that_names_no_rule_is_an_invalid_suppression_error() -> None:
    typo = suppression("src/a.py", 3, "layres", "layers")

    verdict = apply([A], [typo], RULES)

    assert verdict.kept == (
        about(
            "invalid-suppression",
            typo,
            "the suppression names 'layres', which is no configured rule nor built-in check "
            "(did you mean 'layers'?)",
            "layres",
        ),
    )
    assert verdict.suppressed == (Suppressed(A, typo),)
    assert verdict.failed


def test_an_id_close_to_no_known_one_has_no_suggestion() -> None:
    stranger = suppression("src/a.py", 3, "performance")

    verdict = apply([], [stranger], RULES)

    assert verdict.kept == (
        about(
            "invalid-suppression",
            stranger,
            "the suppression names 'performance', which is no configured rule nor built-in check",
            "performance",
        ),
    )


def test_a_misspelt_built_in_check_is_suggested_too() -> None:
    typo = suppression("src/a.py", 3, "unused-supression")

    verdict = apply([], [typo], RULES)

    assert verdict.kept == (
        about(
            "invalid-suppression",
            typo,
            "the suppression names 'unused-supression', which is no configured rule nor "
            "built-in check (did you mean 'unused-suppression'?)",
            "unused-supression",
        ),
    )


def test_a_refused_directive_is_an_invalid_suppression_with_its_reason() -> None:
    bad = BadSuppression(Location("src/a.py", 2, 1, 2, 18), "the reason")

    verdict = apply([], [bad], RULES)

    assert verdict.kept == (about("invalid-suppression", bad, "the reason"),)
    assert verdict.failed


def test_require_adr_makes_a_suppression_without_an_adr_an_error() -> None:
    bare = suppression("src/a.py", 3, "layers")
    cited = suppression("src/b.py", 1, "layers", adr="ADR-0001")

    verdict = apply([A, B], [bare, cited], RULES, require_adr=True)

    assert verdict.kept == (
        about(
            "adr-required",
            bare,
            "the suppression cites no ADR, and [tool.fitness.adr] require_for_suppressions "
            "is on: write '# fitness: ignore[rule-id] ADR-NNNN why'",
            "layers",
        ),
    )
    assert len(verdict.suppressed) == 2
    assert apply([A, B], [bare, cited], RULES).kept == ()


def test_problems_with_suppressions_outside_the_scope_are_not_reported() -> None:
    stray = suppression("src/other/x.py", 3, "layers")

    assert apply([A], [stray], RULES, scope=["src/a.py"]).kept == (A,)
    assert apply([A], [stray], RULES, scope=["src/other"]).kept == (A, unused(stray, "layers"))


def test_existing_fingerprints_are_counted_so_one_more_is_new() -> None:
    twin = A._replace(location=A.location._replace(line=30, end_line=30))

    verdict = apply([A, twin, B], [], RULES, past=Past((A,), frozenset()))

    assert verdict.existing == (A,)
    assert verdict.kept == (twin, B)
    assert verdict.failed


def test_baseline_entries_cover_as_many_findings_as_they_count() -> None:
    first = finding("ban", "src/c.py", 9, "app.c", "pickle.loads", "f", "1")
    again = first._replace(location=first.location._replace(line=10, end_line=10))
    third = first._replace(location=first.location._replace(line=11, end_line=11))

    verdict = apply([first, again, third], [], RULES, baseline=[entry(first, 2)])

    assert verdict == Verdict((third,), (), (first, again), (), (), True)


def test_a_fully_baselined_run_passes() -> None:
    verdict = apply([A, B], [], RULES, baseline=[entry(A), entry(B)])

    assert verdict == Verdict((), (), (A, B), (), (), False)


def test_entries_no_finding_matches_are_stale_with_what_is_left_of_their_count() -> None:
    gone = entry(B, 2)
    half = entry(C, 3)

    verdict = apply([A, C], [], RULES, baseline=[entry(A), gone, half])

    assert verdict.stale == (gone, half._replace(occurrences=2))
    assert verdict.kept == ()
    assert not verdict.failed
    assert apply([A, C], [], RULES, baseline=[entry(A), gone, half], strict_baseline=True).failed


def test_entries_of_rules_not_checked_or_outside_the_scope_are_never_stale() -> None:
    other = BaselineEntry("0" * 20, "other", "x", "src/a.py", 1)
    outside = entry(B)

    verdict = apply([A], [], RULES, baseline=[other, outside], scope=["src/a.py"])

    assert verdict.stale == ()
    assert verdict.kept == (A,)
    assert apply([A], [], RULES, baseline=[other, outside]).stale == (outside,)


def test_a_suppressed_finding_is_not_consumed_from_the_baseline() -> None:
    on_a = suppression("src/a.py", 3, "layers")

    verdict = apply([A], [on_a], RULES, baseline=[entry(A)])

    assert verdict.suppressed == (Suppressed(A, on_a),)
    assert (verdict.baselined, verdict.stale) == ((), (entry(A),))


def test_findings_there_at_since_and_in_the_baseline_leave_no_entry_stale() -> None:
    # `check --since REV` with a baseline: a finding that was there at REV still
    # occurs, so its baseline entry is not fixed and must not be listed as stale.
    verdict = apply(
        [A, B], [], RULES, baseline=[entry(A), entry(B)], past=Past((A, B), frozenset())
    )

    assert verdict.kept == ()
    assert verdict.stale == ()
    assert not apply(
        [A, B],
        [],
        RULES,
        baseline=[entry(A), entry(B)],
        past=Past((A, B), frozenset()),
        strict_baseline=True,
    ).failed


def test_fail_on_chooses_the_severity_that_fails() -> None:
    note = finding("layers", "src/a.py", 1, "x", severity=Severity.NOTE)

    assert [apply([note], [], RULES, fail_on=level).failed for level in FAIL] == [
        False,
        False,
        True,
        False,
    ]
    assert [fails([A], level) for level in FAIL] == [True, True, True, False]


def test_in_scope_keeps_files_and_directories_and_everything_for_the_root() -> None:
    deep = finding("layers", "src/app/deep/m.py", 1, "x")
    near = finding("layers", "src/application.py", 1, "y")

    assert in_scope([deep, near], ["src/app"]) == [deep]
    assert in_scope([deep, near], ["src/application.py"]) == [near]
    assert in_scope([deep, near], ["src/app/"]) == [deep]
    assert in_scope([deep, near], ["."]) == [deep, near]
    assert in_scope([deep, near], []) == [deep, near]


def test_judged_needs_a_checked_rule_and_a_path_in_scope() -> None:
    known = BaselineEntry("f" * 20, "layers", "x", "src/a.py", 1)

    assert judged(known, RULES, [])
    assert judged(known, RULES, ["src"])
    assert not judged(known, RULES, ["src/b.py"])
    assert not judged(known._replace(rule="other"), RULES, [])
