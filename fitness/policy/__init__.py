"""Which findings are reported, and which of them fail a run: the one place that decides."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from fitness.model import (
    BUILT_IN_KINDS,
    BadSuppression,
    BaselineEntry,
    ExceptionRules,
    Exemption,
    Finding,
    Location,
    Past,
    Severity,
    Suppressed,
    Suppression,
)
from fitness.suggest import did_you_mean

FAIL_ON = ("error", "warning", "note", "never")
BASELINE_NAME = ".fitness-baseline.json"  # in the project root, picked up by `fitness check`


def in_scope(findings: Iterable[Finding], paths: Sequence[str]) -> list[Finding]:
    """The findings located in one of `paths` (project-relative files or directories).

    No paths, or the project root itself (`.`), keep every finding. The whole
    project is analysed either way: only what is reported narrows.
    """
    if not paths or "." in paths:
        return list(findings)
    prefixes = tuple(path.rstrip("/") + "/" for path in paths)
    return [
        finding
        for finding in findings
        if finding.location.path in paths or finding.location.path.startswith(prefixes)
    ]


def threshold(fail_on: str) -> Severity | None:
    """The least severe finding that fails a run, as `--fail-on` names it; `never`: None."""
    return None if fail_on == "never" else Severity(fail_on)


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """True when a finding is at least as severe as `fail_on` (`never` never fails)."""
    least = threshold(fail_on)
    return least is not None and any(f.severity.rank >= least.rank for f in findings)


class Verdict(NamedTuple):
    """What counts: the findings reported, and those that do not count, with why.

    `kept` are reported and decide `failed`: the findings no suppression or
    baseline entry covers, plus the findings about suppressions themselves.
    `existing` are the findings that were there at `--since`'s revision.
    `stale` are the baseline entries (with the counts) no finding matched.
    """

    kept: tuple[Finding, ...]
    suppressed: tuple[Suppressed, ...]
    baselined: tuple[Finding, ...]
    existing: tuple[Finding, ...]
    stale: tuple[BaselineEntry, ...]
    failed: bool
    exemptions: tuple[Exemption, ...] = ()  # the exceptions with an owner or an expiry
    # The findings about exceptions themselves (expiry, owners, rules that cannot be
    # silenced), among `kept`: no exception covers them, so no baseline records them.
    unexcepted: tuple[Finding, ...] = ()


class Rules(NamedTuple):
    """The ids a suppression may name (`known`), those this run checked (`checked`), and
    those no suppression nor baseline entry may silence (`suppressible = false`)."""

    known: frozenset[str]
    checked: frozenset[str]
    unsuppressible: frozenset[str] = frozenset()


class Exceptions(NamedTuple):
    """How a run judges exceptions: the day it is (ISO), `[tool.fitness.exceptions]`, and
    the baseline file's path as findings about its entries show it."""

    today: str
    rules: ExceptionRules = ExceptionRules()
    baseline_file: str = BASELINE_NAME


def apply(
    findings: Sequence[Finding],
    directives: Iterable[Suppression | BadSuppression],
    rules: Rules,
    *,
    baseline: Sequence[BaselineEntry] | None = None,
    past: Past | None = None,
    scope: Sequence[str] = (),
    require_adr: bool = False,
    fail_on: str = "error",
    strict_baseline: bool = False,
    exceptions: Exceptions | None = None,
) -> Verdict:
    """Decide, once per run, which findings count.

    In order: inline suppressions silence what they name (for a finding about
    imports, the routes through the imports they sit on: `route_suppressions`);
    findings known at `--since`'s revision (`past`) are left out; the
    baseline's entries cover as many findings as they count. Known means the
    same fingerprint and, for a finding about imports, no import on its routes
    that was not known then (`known`). A new finding whose routes use some known
    imports is shown through its first new import and located there (`witness`).
    Baseline entries of rules not checked, or outside `scope`, are never stale.
    With `exceptions`, expired suppressions and baseline entries cover nothing,
    and rules that cannot be silenced take neither (`fitness.policy.expiry`).
    """
    directives = list(directives)
    late: list[Finding] = []
    exemptions: tuple[Exemption, ...] = ()
    if exceptions is not None:
        from fitness.policy.expiry import exemptions as listed
        from fitness.policy.expiry import judge_suppressions

        today, settings, file = exceptions
        own = [entry for entry in baseline or () if entry.rule not in rules.unsuppressible]
        exemptions = listed(directives, own, today, settings.warn_days, file)
        judged_directives = judge_suppressions(directives, today, settings, rules.unsuppressible)
        directives = list(judged_directives.live)
        late.extend(in_scope(judged_directives.problems, scope))
    by_line: dict[tuple[str, int], list[Suppression]] = defaultdict(list)
    problems: list[Finding] = []
    for directive in directives:
        if isinstance(directive, BadSuppression):
            problems.append(
                exception_finding("invalid-suppression", directive.location, directive.why)
            )
            continue
        for line in directive.lines:
            by_line[(directive.location.path, line)].append(directive)
    used: set[tuple[Suppression, str]] = set()
    suppressed, remaining = _suppressed(findings, by_line, used, rules.unsuppressible)
    problems.extend(_suppression_findings(by_line, used, rules, require_adr))
    remaining.extend(in_scope(problems, scope))
    remaining.sort(key=Finding.sort_key)
    # A rule that cannot be silenced has no baseline: its entries cover nothing.
    entries = [entry for entry in baseline or () if entry.rule not in rules.unsuppressible]
    fixed: tuple[BaselineEntry, ...] = ()
    if exceptions is not None and entries:
        from fitness.policy.expiry import judge_entries

        today, settings, file = exceptions
        judged_entries = judge_entries(entries, today, settings, remaining, file)
        entries, fixed = list(judged_entries.live), judged_entries.fixed
        late.extend(f for entry, f in judged_entries.problems if judged(entry, rules, scope))
    before, baselined, kept, counts = _known(remaining, past, entries)
    stale = tuple(
        entry._replace(occurrences=min(entry.occurrences, counts[entry.fingerprint]))
        for entry in entries
        if counts[entry.fingerprint] > 0 and judged(entry, rules, scope)
    )
    stale += tuple(entry for entry in fixed if judged(entry, rules, scope))
    if late:  # what an exception's lifecycle says is never itself excepted
        kept = sorted([*kept, *late], key=Finding.sort_key)
    failed = fails(kept, fail_on) or (strict_baseline and bool(stale))
    return Verdict(
        tuple(kept),
        tuple(suppressed),
        tuple(baselined),
        tuple(before),
        stale,
        failed,
        exemptions,
        tuple(late),
    )


def _suppressed(
    findings: Sequence[Finding],
    by_line: Mapping[tuple[str, int], list[Suppression]],
    used: set[tuple[Suppression, str]],
    sealed: frozenset[str] = frozenset(),
) -> tuple[list[Suppressed], list[Finding]]:
    """The findings suppressions silence, and what is left; `used` receives those that served.

    A finding of a `sealed` rule (`suppressible = false`) is never silenced, not even by
    ruff's `# noqa` for its code.
    """
    from fitness.policy.loop_suppressions import judge_loop
    from fitness.policy.route_suppressions import judge_routes

    suppressed: list[Suppressed] = []
    remaining: list[Finding] = []
    # A rule no suppression names leaves its findings' routes unread (they can be many).
    named = {rule for found in by_line.values() for each in found for rule in each.ids}
    for finding in findings:
        if finding.rule_id in sealed:
            remaining.append(finding)
            continue
        routes = finding.routes
        if routes is not None and finding.rule_id in named:
            judge = judge_loop if routes.loop else judge_routes
            judged_routes = judge(finding, routes, by_line)
            used.update((suppression, finding.rule_id) for suppression in judged_routes.used)
            if judged_routes.left is not None:
                remaining.append(judged_routes.left)
            suppressed.extend(judged_routes.parts)
            continue
        suppression = _suppression_of(finding, by_line)
        if suppression is None:
            remaining.append(finding)
        else:
            used.add((suppression, finding.rule_id))
            suppressed.append(Suppressed(finding, suppression))
    return suppressed, remaining


def _known(
    findings: list[Finding], past: Past | None, baseline: Sequence[BaselineEntry]
) -> tuple[list[Finding], list[Finding], list[Finding], Mapping[str, int]]:
    """The findings there at `--since`, those the baseline holds, and the new ones; and
    how many findings of each baseline fingerprint are left unmatched.

    A grown finding (its fingerprint known, an import on its routes not) is listed
    as known, and what it needs beyond that is a new finding of its own.
    """
    if past is None and not baseline:  # nothing known: every finding is new, as it is
        return [], [], findings, {}
    from fitness.policy.known import GROWN, KNOWN, NEW, from_baseline, from_findings
    from fitness.policy.witness import through_new

    listed = from_baseline(baseline)
    then = from_findings(past.findings, past.imports) if past is not None else None
    shown = then or listed  # a pull request is shown what it adds; else what the baseline lacks
    before: list[Finding] = []
    baselined: list[Finding] = []
    kept: list[Finding] = []
    for finding in findings:
        at_since = then.judge(finding) if then is not None else NEW
        in_baseline = listed.judge(finding)  # a finding there at --since keeps its entry alive
        if at_since == KNOWN or in_baseline == KNOWN:
            (before if at_since == KNOWN else baselined).append(finding)
            continue
        if at_since == GROWN:
            before.append(finding)
        elif in_baseline == GROWN:
            baselined.append(finding)
        grown = GROWN in (at_since, in_baseline)
        kept.append(through_new(finding, shown.about(finding), grown))
    kept.sort(key=Finding.sort_key)
    return before, baselined, kept, listed.counts


def judged(entry: BaselineEntry, rules: Rules, scope: Sequence[str]) -> bool:
    """Whether this run speaks for `entry`: its rule was checked, its path is in scope.

    An `unused-suppression` entry speaks of the rule it names (the last of its
    summary's names): a run that does not check that rule cannot judge it.
    """
    if entry.rule == "unused-suppression" and entry.summary.rsplit(" ", 1)[-1] not in rules.checked:
        return False
    return entry.rule in rules.checked and (not scope or bool(in_scope([_at(entry.path)], scope)))


def _suppression_of(
    finding: Finding, by_line: Mapping[tuple[str, int], list[Suppression]]
) -> Suppression | None:
    location = finding.location
    for line in range(location.line, max(location.line, location.end_line) + 1):
        for suppression in by_line.get((location.path, line), ()):
            if suppression.noqa:
                if any(code in suppression.ids for code in finding.ruff):
                    return suppression
            elif finding.rule_id in suppression.ids:
                return suppression
    return None


def _suppression_findings(
    by_line: Mapping[tuple[str, int], list[Suppression]],
    used: set[tuple[Suppression, str]],
    rules: Rules,
    require_adr: bool,
) -> Iterator[Finding]:
    seen: set[Suppression] = set()
    for suppressions in by_line.values():
        for suppression in suppressions:
            if suppression in seen:
                continue
            seen.add(suppression)
            yield from _judged(suppression, used, rules, require_adr)


def _judged(
    suppression: Suppression, used: set[tuple[Suppression, str]], rules: Rules, require_adr: bool
) -> Iterator[Finding]:
    if suppression.noqa:
        return  # ruff's comment: ruff judges whether it is needed
    location = suppression.location
    for rule_id in suppression.ids:
        if rule_id not in rules.known:
            yield exception_finding(
                "invalid-suppression",
                location,
                f"the suppression names '{rule_id}', which is no configured rule "
                f"nor built-in check{did_you_mean(rule_id, rules.known)}",
                rule_id,
            )
        elif rule_id in rules.checked and (suppression, rule_id) not in used:
            yield exception_finding(
                "unused-suppression",
                location,
                f"the suppression of {rule_id} suppresses nothing here: remove it",
                rule_id,
            )
    if require_adr and suppression.adr is None:
        yield exception_finding(
            "adr-required",
            location,
            "the suppression cites no ADR, and [tool.fitness.adr] require_for_suppressions "
            "is on: write '# fitness: ignore[rule-id] ADR-NNNN why'",
            *suppression.ids,
        )


_SEVERITIES = {kind.id: kind.severity for kind in BUILT_IN_KINDS}


def exception_finding(kind: str, location: Location, message: str, *names: str) -> Finding:
    """A built-in finding about an exception: a suppression or a baseline entry."""
    return Finding(
        rule_id=kind,
        severity=_SEVERITIES[kind],
        template="{message}",
        args=(("message", message),),
        location=location,
        chains=(),
        modules=(),
        adr=None,
        guidance=None,
        identity=(kind, location.path, *names),
    )


def _at(path: str) -> Finding:
    """A stand-in finding at `path`, to ask `in_scope` about a baseline entry."""
    return exception_finding("unused-suppression", Location(path, 1, 1, 1, 1), "")
