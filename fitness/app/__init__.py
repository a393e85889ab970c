"""The use cases: configuration -> discovery -> parsing -> graph -> checks -> report.

`check` runs the rules; `write_baseline`, `decisions_overview` and
`configured_rules` serve `fitness baseline`, `fitness adr` and `fitness rules`.
The steps live in the modules beside this one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
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
from fitness.app.run import Run, describe_rules, run_check
from fitness.app.since import state_at
from fitness.app.trees import Revisions
from fitness.config.schema import Config
from fitness.model import (
    AdrStatus,
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

if TYPE_CHECKING:  # `fitness graph`, `fitness metrics` and the Markdown summary only
    from fitness.app.graph import Pictures, Views
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
    """Every ADR with the rules that cite it and their findings now, for `fitness adr`."""
    report, found, *_ = run_check(options, lambda: 0.0)
    records = tuple(
        Enforcement(
            adr,
            tuple(
                (rule.id, len(report.findings_for(rule.id)))
                for rule in report.rules
                if any(link.adr == adr for link in rule.adrs)
            ),
        )
        for adr in found.records
    )
    unenforced = tuple(
        row.adr for row in records if not row.rules and row.adr.status is AdrStatus.ACCEPTED
    )
    return DecisionsOverview(found.dir, found.how, records, unenforced)


def rules_coverage(options: CheckOptions) -> Report:
    """The report of a whole check, for `fitness rules --coverage` to show what each rule
    reached: the modules it matched, the imports it examined, the files it skipped."""
    return run_check(options, lambda: 0.0).report


def write_baseline(options: CheckOptions, prune: bool) -> tuple[Path, int, int]:
    """Write the baseline of the current findings (`prune`: only drop fixed entries).

    Entries of rules this run does not check, or outside its PATHs, are kept as
    they are. Returns the file, its entries and the findings they count.
    """
    from fitness.policy import baseline as baseline_file

    report, _, config, *_ = run_check(options._replace(use_baseline=False), lambda: 0.0)
    path = baseline_path(config, options)
    old = baseline_file.read(path) if path.exists() else []
    rules = rules_of(config, report)
    scope = scope_of(config, options.paths)
    others = [entry for entry in old if not judged(entry, rules, scope)]
    current = baseline_file.entries_of(report.findings)
    if prune:
        now = {entry.fingerprint: entry for entry in current}
        current = [
            _pruned(entry, now[entry.fingerprint])
            for entry in old
            if judged(entry, rules, scope) and entry.fingerprint in now
        ]
    entries = others + current
    baseline_file.write(path, entries)
    return path, len(entries), sum(entry.occurrences for entry in entries)


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
