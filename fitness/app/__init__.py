"""The use cases: configuration -> discovery -> parsing -> graph -> checks -> report.

`check` runs the rules; `write_baseline`, `decisions_overview` and
`configured_rules` serve `fitness baseline`, `fitness adr` and `fitness rules`.
The steps live in the modules beside this one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from fitness.adr.directory import read_decisions
from fitness.app.baselines import baseline_path
from fitness.app.configure import (
    Configured,
    configure,
    root_in_repository,
    scope_of,
    select_rules,
)
from fitness.app.options import BUILT_IN_IDS, CheckOptions
from fitness.app.ratchet import Written, never_created, refused
from fitness.app.run import Run, describe_rules, run_check
from fitness.app.since import state_at
from fitness.app.trees import Revisions
from fitness.config.schema import Config
from fitness.model import (
    BaselineEntry,
    DecisionsOverview,
    DisabledRule,
    Enforcement,
    Past,
    Report,
    RuleListing,
)
from fitness.policy import Rules, judged
from fitness.tree.work import WORK

if TYPE_CHECKING:  # `fitness graph`, `fitness metrics`, the Markdown summary, `fitness baseline`
    from fitness.app.graph import Pictures, Views
    from fitness.app.stamps import Stamp
    from fitness.views.metrics import Metrics


def check(options: CheckOptions, clock: Callable[[], float]) -> Report:
    """Run the configured rules on the whole project and return the report.

    `clock` tells the seconds the user has waited so far. `options.select` /
    `ignore` choose the rules; `options.paths` only narrow what is reported.
    """
    return _run(options, clock).report


def check_drawn(options: CheckOptions, clock: Callable[[], float]) -> tuple[Report, Pictures]:
    """`check`, and a picture of each broken rule that has one (`fitness.app.graph`), for
    the Markdown summary: the rule's own view, within what GitHub's Mermaid renders."""
    from fitness.app.graph import broken_rule_pictures

    ran = _run(options, clock)
    return ran.report, broken_rule_pictures(ran)


def graph_views(
    options: CheckOptions, roots: Sequence[str], rule_id: str | None = None
) -> tuple[Run, Views]:
    """The run and the package views of `fitness graph` (`fitness.app.graph.graph_views`)."""
    from fitness.app.graph import graph_views as views

    return views(options, roots, rule_id)


def _run(options: CheckOptions, clock: Callable[[], float]) -> Run:
    revisions = Revisions()  # --since and --config-from of one revision read it once
    now = configure(options, WORK, revisions)
    past = state_at(options, now, revisions) if options.since is not None else None
    return run_check(options, clock, past, now=now, revisions=revisions)


def decisions_overview(options: CheckOptions) -> DecisionsOverview:
    """Every ADR with the rules that confirm it and their findings now, for `fitness adr`:
    those whose `adr` cites it and those its Confirmation section names."""
    from fitness.adr.confirming import RuleIds, confirmation_of

    report, found, config, *_ = run_check(options, lambda: 0.0)
    ids = RuleIds.of(config)
    records = []
    for adr in found.records:
        citing = tuple(rule for rule in report.rules if any(link.adr == adr for link in rule.adrs))
        confirmation, confirming = confirmation_of(adr, [rule.id for rule in citing], report, ids)
        counts = tuple((rule.id, len(report.findings_for(rule.id))) for rule in citing)
        records.append(Enforcement(adr, counts, confirmation, confirming))
    unenforced = tuple(row.adr for row in records if row.confirmation == "unconfirmed")
    return DecisionsOverview(found.dir, found.how, tuple(records), unenforced, report.exemptions)


def rules_coverage(options: CheckOptions) -> Report:
    """The report of a whole check, for `fitness rules --coverage` to show what each rule
    reached: the modules it matched, the imports it examined, the files it skipped."""
    return run_check(options, lambda: 0.0).report


def write_baseline(
    options: CheckOptions, prune: bool, allow_growth: bool = False, stamp: Stamp | None = None
) -> Written:
    """Write the baseline of the current findings: a ratchet (`fitness.app.ratchet`).

    It drops fixed entries and lowers counts; a finding the file does not cover
    is recorded only with `allow_growth` (else a usage error lists them, and
    nothing is written), or left out with `prune`. A new file records every
    finding, except in CI (`options.ci`), where none is created. Entries of
    rules this run does not check, or outside its PATHs, are kept as they are.
    The entries it adds carry `stamp`'s until and owner; the findings of rules
    that cannot be silenced are never recorded (`Written.sealed` names them).
    """
    from fitness.app.stamps import Stamp, check_stamp, sealed_out, stamped
    from fitness.app.today import today
    from fitness.policy import baseline as baseline_file
    from fitness.policy.growth import growth

    report, _, config, *_ = run_check(options._replace(use_baseline=False), lambda: 0.0)
    path = baseline_path(config, options)
    created = not path.exists()
    if created and options.ci:
        raise never_created(config, path)
    old = [] if created else baseline_file.read(path)
    rules = rules_of(config, report)
    scope = scope_of(config, options.paths)
    others = [entry for entry in old if not judged(entry, rules, scope)]
    mine = [entry for entry in old if judged(entry, rules, scope)]
    allowed, sealed = sealed_out(config, report)
    stamp = stamp or Stamp()
    current = stamped(old, baseline_file.entries_of(allowed), stamp)
    grown = [] if created else growth(allowed, mine)
    if grown and not (allow_growth or prune):
        raise refused(path, grown)
    recording = created or allow_growth
    known = {entry.fingerprint for entry in old}
    new = sum(1 for entry in current if entry.fingerprint not in known) if recording else 0
    check_stamp(config, stamp, options.today or today(), new)
    if not recording:
        now = {entry.fingerprint: entry for entry in current}
        current = [
            _pruned(entry, now[entry.fingerprint]) for entry in mine if entry.fingerprint in now
        ]
    entries = others + current
    baseline_file.write(path, entries)
    kept = {entry.fingerprint for entry in current}
    return Written(
        path,
        len(entries),
        sum(entry.occurrences for entry in entries),
        created=created,
        dropped=sum(1 for entry in mine if entry.fingerprint not in kept),
        grown=len(grown) if allow_growth else 0,
        left_out=0 if allow_growth else len(grown),
        sealed=tuple(sealed),
    )


def _pruned(entry: BaselineEntry, now: BaselineEntry) -> BaselineEntry:
    """`entry` shrunk to what `now` still finds: never more findings nor more imports.

    A version 1 entry, which recorded no imports, takes those of today's routes.
    """
    if entry.imports is None:
        imports = now.imports
    else:
        still = set(now.imports or ())
        imports = tuple(text for text in entry.imports if text in still)
    return entry._replace(occurrences=min(entry.occurrences, now.occurrences), imports=imports)


def rules_of(config: Config, report: Report) -> Rules:
    ids = frozenset((*(rule.id for rule in report.rules), *BUILT_IN_IDS))
    return Rules(ids, ids)


def project_metrics(options: CheckOptions, roots: Sequence[str], depth: int) -> Metrics:
    """`fitness metrics` (`fitness.app.metrics`), imported only by a run that measures."""
    from fitness.app.metrics import project_metrics as measure

    return measure(options, roots, depth)


def configured_rules(options: CheckOptions) -> RuleListing:
    """The rules of the configuration, and those switched off, for `fitness rules`."""
    configured = configure(options, WORK, Revisions())
    config, tree = configured.config, configured.tree
    adr = config.adr
    decisions = read_decisions(config.project_root, adr.dir, tree, adr.status_words())
    disabled = tuple(DisabledRule(*rule) for rule in config.disabled)
    return RuleListing(describe_rules(config, decisions), disabled)


__all__ = [
    "BUILT_IN_IDS",
    "CheckOptions",
    "Configured",
    "Past",
    "check",
    "check_drawn",
    "configured_rules",
    "decisions_overview",
    "describe_rules",
    "graph_views",
    "project_metrics",
    "root_in_repository",
    "rules_coverage",
    "select_rules",
    "state_at",
    "write_baseline",
]
