"""One run of the rules: discovery, facts, graph (reused where nothing changed), checks, policy."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from fitness import file_findings
from fitness.adr.directory import Decisions, read_decisions
from fitness.app.baselines import baseline_entries, baseline_path, unread_baseline
from fitness.app.configure import Configured, configure, root_in_repository, scope_of, select_rules
from fitness.app.notices import (
    baseline_not_read,
    fixed_entries,
    no_configuration_since,
    version_1_baseline,
)
from fitness.app.options import BUILT_IN_IDS, CheckOptions
from fitness.app.trees import Revisions
from fitness.checks import KINDS, CheckContext, plugin_versions
from fitness.checks.bans import configured_bans
from fitness.checks.unknown_names import unknown_names
from fitness.config.schema import Config, Rule
from fitness.graph import ImportGraph
from fitness.model import (
    AdrLink,
    BadSuppression,
    BaselineEntry,
    Between,
    Comment,
    ExceptionRules,
    FileFacts,
    Finding,
    Notice,
    Past,
    Report,
    RuleSummary,
    Suppression,
)
from fitness.model.report import Coverage, Skip
from fitness.parsing.cache import FactsCache
from fitness.parsing.collect import collect_facts
from fitness.parsing.discovery import Discovery
from fitness.policy import Exceptions, Rules, Verdict, apply, in_scope, threshold
from fitness.reuse import Analysis, analyse
from fitness.tree import Tree
from fitness.tree.work import WORK

if TYPE_CHECKING:  # a run without a `dependencies` rule never imports it
    from fitness.config.distributions import DependencyInputs
    from fitness.model.reach import RuleCoverage


class Run(NamedTuple):
    """A run's report, with what it read on the way: the decisions, the configuration,
    the graph's (importer, imported) pairs when it built one, the project's modules and
    the statements between them (stored with the findings, so known on a warm run too)."""

    report: Report
    decisions: Decisions
    config: Config
    imports: frozenset[tuple[str, str]] | None
    modules: frozenset[str] = frozenset()
    between: Callable[[], Between] | None = None  # worked out or decoded when called


def run_check(
    options: CheckOptions,
    clock: Callable[[], float],
    past: Past | None = None,
    notices: Sequence[Notice] = (),
    now: Configured | None = None,
    revisions: Revisions | None = None,
) -> Run:
    """Check the rules; `past` is what `--since` found, `notices` the caller's to show.

    `now` is the tree to check as configured (default: the work tree, configured
    here); `revisions`, the git trees this run has opened (`--config-from`).
    """
    revisions = revisions if revisions is not None else Revisions()
    if now is None:
        now = configure(options, WORK, revisions)
    config, discovery, cache_dir, tree, configured_notices, removed, _ = now
    rule_ids = (rule.id for rule in (*config.rules, *config.dormant))
    known = frozenset((*rule_ids, *BUILT_IN_IDS))
    configured = config  # before --select / --ignore: an ADR names a rule that exists
    config = select_rules(config, options.select, options.ignore)
    scope = scope_of(config, options.paths)
    seconds: dict[str, float] = {}
    inputs = None
    if any(rule.kind == "dependencies" for rule in config.rules):
        from fitness.app.dependency_inputs import dependency_inputs, dependency_notices

        inputs = dependency_inputs(config, discovery, tree)
        notices = (*notices, *dependency_notices(inputs))
    analysis = _analyse(config, discovery, options, cache_dir, tree, clock, seconds, inputs)
    decisions = read_decisions(config.project_root, config.adr.dir, tree, config.adr.status_words())
    comments = analysis.comments
    findings = list(analysis.findings)
    unanalysed = file_findings.unanalysed(findings)
    findings += unknown_names(config, analysis.modules, analysis.externals)
    findings += _adr_findings(config, decisions, comments)
    findings += _confirmation_findings(configured, decisions)
    findings += removed
    findings.sort(key=Finding.sort_key)
    checked = frozenset((*(rule.id for rule in config.rules), *BUILT_IN_IDS))
    directives = _suppressions(comments)
    baseline = baseline_entries(config, options, tree, revisions)
    sealed = frozenset(
        rule.id for rule in (*config.rules, *config.dormant) if not rule.suppressible
    )
    exceptions = None  # nothing to govern: a plain run imports nothing of it
    fixed_day = os.environ.get("FITNESS_TODAY")  # checked whenever it is set
    if fixed_day is not None or _governed(config, sealed, directives, baseline):
        from fitness.app.today import today

        exceptions = Exceptions(
            options.today or today(), config.exceptions, _shown(config, options)
        )

    def judge(some: Sequence[Finding], scope: Sequence[str]) -> Verdict:
        return apply(
            some,
            directives,
            Rules(known, checked, sealed),
            baseline=baseline,
            past=past,
            scope=scope,
            require_adr=config.adr.require_for_suppressions,
            fail_on=options.fail_on,
            strict_baseline=options.strict_baseline,
            exceptions=exceptions,
        )

    verdict = judge(in_scope(findings, scope), scope)
    fixed = fixed_entries(verdict.stale, options.strict_baseline, _shown(config, options))
    old = version_1_baseline(baseline, _shown(config, options))
    if past is not None and not past.configured and options.since is not None:
        notices = (no_configuration_since(options.since, config.path.name), *notices)
    unread = unread_baseline(config, options, tree, revisions)
    if unread is not None:
        notices = (*notices, baseline_not_read(_relative(config, unread)))
    report = Report(
        findings=verdict.kept,
        rules=describe_rules(config, decisions, seconds),
        files=len(discovery.files),
        modules=len(analysis.modules),
        elapsed=clock(),
        failed=verdict.failed,
        root=config.project_root.resolve().as_posix(),
        root_in_repo=root_in_repository(config.project_root.resolve()),
        suppressed=verdict.suppressed,
        baselined=verdict.baselined,
        existing=verdict.existing,
        stale=verdict.stale,
        since=options.since,
        notices=(*notices, *configured_notices, *(n for n in (old, fixed) if n is not None)),
        outside=_outside(judge, findings, scope) if scope else 0,
        fail_on=threshold(options.fail_on),
        config_path=config.path.name,
        config_revision=now.judged_by,
        exemptions=verdict.exemptions,
        unexcepted=verdict.unexcepted,
        coverage=Coverage(partial(_coverage, config, discovery, analysis.beside, unanalysed)),
        unanalysed=unanalysed,
    )
    return Run(report, decisions, config, analysis.imports, analysis.modules, analysis.between)


def _governed(
    config: Config,
    sealed: frozenset[str],
    directives: Sequence[Suppression | BadSuppression],
    baseline: Sequence[BaselineEntry] | None,
) -> bool:
    """Whether any exception has an owner or an end date, the configuration asks for them,
    or a rule cannot be silenced: then `policy.expiry` judges the exceptions."""
    return bool(
        sealed
        or config.exceptions != ExceptionRules()
        or any(
            isinstance(d, Suppression) and (d.until is not None or d.owner is not None)
            for d in directives
        )
        or any(e.until is not None or e.owner is not None for e in baseline or ())
    )


def _outside(
    judge: Callable[[Sequence[Finding], Sequence[str]], Verdict],
    findings: list[Finding],
    scope: list[str],
) -> int:
    """How many findings would count in a run without PATHs that lie outside `scope`."""
    everywhere = judge(findings, []).kept
    return len(everywhere) - len(in_scope(everywhere, scope))


def _shown(config: Config, options: CheckOptions) -> str:
    """The baseline file, relative to the project root when it is inside (as findings are)."""
    return _relative(config, baseline_path(config, options))


def _relative(config: Config, file: Path) -> str:
    """`file` relative to the project root when it is inside (as findings are), else absolute."""
    path = file.resolve()
    root = config.project_root.resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def _analyse(
    config: Config,
    discovery: Discovery,
    options: CheckOptions,
    cache_dir: Path | None,
    tree: Tree,
    clock: Callable[[], float],
    seconds: dict[str, float],
    inputs: DependencyInputs | None = None,
) -> Analysis:
    """The rules' and the files' findings, reused from the cache where nothing changed.

    `--since`'s tree (`options.facts_from`) adds to the facts cache only the facts
    of the contents it parsed (its paths and stamps are the work tree's): its
    findings are neither reused nor stored. `--no-cache` (`fresh_cache`) reads
    no cache and rewrites the one it bypassed.
    """
    bans = configured_bans(
        config.rules, frozenset(module.partition(".")[0] for module in discovery.modules)
    )
    if options.measured:
        bans = bans._replace(measures=True)
    paths = [source.path for source in discovery.files]
    caches: list[FactsCache] = []  # loaded on the first call only

    def collect(some: Sequence[str] | None) -> tuple[dict[str, FileFacts], FactsCache]:
        if not caches:
            directory = options.facts_from or cache_dir
            own = not options.facts_from
            caches.append(
                FactsCache.in_directory(directory, paths=own, read=not options.fresh_cache)
            )
        cache = caches[0]
        cache.expect(paths)  # so that collecting some files does not forget the others
        root = config.project_root
        wanted = paths if some is None else some
        found = collect_facts(root, wanted, cache, options.jobs, options.progress, bans, tree=tree)
        return found, cache

    def findings_of(graph: ImportGraph, facts: dict[str, FileFacts]) -> tuple[list[Finding], bytes]:
        files = {f.module: (f.path, facts[f.path]) for f in discovery.files if f.path in facts}
        found, reached = _rule_findings(config, graph, files, clock, seconds, inputs)
        return found + _file_findings(discovery, facts), reached

    store = None if options.facts_from is not None else cache_dir
    fresh = options.fresh_cache
    extra: object = inputs.key() if inputs is not None else None
    plugins = plugin_versions(rule.kind for rule in config.rules)
    if plugins:  # a plugin's findings depend on its version too: another reuses nothing
        extra = (extra, plugins)
    return analyse(
        config,
        discovery,
        collect,
        findings_of,
        bans,
        store,
        tree,
        options.facts_from,
        not fresh,
        extra_key=extra,
    )


def _rule_findings(
    config: Config,
    graph: ImportGraph,
    files: Mapping[str, tuple[str, FileFacts]],
    clock: Callable[[], float],
    seconds: dict[str, float],
    inputs: DependencyInputs | None = None,
) -> tuple[list[Finding], bytes]:
    """Every rule's findings, with a `vacuous-rule` warning for each that examined no
    import, and what each reached (encoded); `seconds` receives how long each check took."""
    from fitness.checks.coverage import reached, vacuous

    # A `root` key can put the configuration beside the project rather than inside it.
    config_path = Path(os.path.relpath(config.path, config.project_root)).as_posix()
    findings: list[Finding] = []
    reach = []
    for rule in config.rules:
        context = CheckContext(graph, rule, config.source, config_path, files, inputs)
        start = clock()
        findings.extend(KINDS[rule.kind].check(rule.params, context))
        seconds[rule.id] = max(clock() - start, 0.0)
        reach.append(reached(context))
        empty = vacuous(rule, reach[-1])
        if empty is not None:
            findings.append(empty)
    from fitness.app.coverage import encode

    return findings, encode(reach)


def _coverage(
    config: Config, discovery: Discovery, stored: bytes, unanalysed: Sequence[Skip]
) -> tuple[RuleCoverage, ...]:
    """The rules' coverage, when a report asks for it (a warm text run never does)."""
    from fitness.app.coverage import rules

    return rules(config, discovery, stored, unanalysed)


def _file_findings(discovery: Discovery, facts: dict[str, FileFacts]) -> list[Finding]:
    findings = [
        file_findings.parse_error(path, found.failure)
        for path, found in facts.items()
        if found.failure is not None
    ]
    findings.extend(file_findings.shadowed(s) for s in discovery.shadowed)
    findings.extend(file_findings.unreadable(path, reason) for path, reason in discovery.unreadable)
    return findings


def _adr_findings(
    config: Config, decisions: Decisions, comments: Mapping[str, tuple[Comment, ...]]
) -> list[Finding]:
    """The ADR findings; a project without ADRs and citations imports none of that code."""
    cites = any(rule.adr is not None for rule in config.rules) or config.adr.require_for_rules
    if decisions.dir is None and not decisions.problems and not cites:
        return []
    from fitness.adr.findings import adr_findings

    return adr_findings(decisions, config.adr, config.rules, comments)


def _confirmation_findings(config: Config, decisions: Decisions) -> list[Finding]:
    """Findings on the rules accepted records' Confirmation sections name (most name none)."""
    if not any(adr.named for adr in decisions.records):
        return []
    from fitness.adr.confirming import confirmation_findings

    return confirmation_findings(decisions, config)


def _suppressions(
    comments: Mapping[str, tuple[Comment, ...]],
) -> list[Suppression | BadSuppression]:
    """The `# fitness:` directives of the comments kept (most projects' files keep none)."""
    if not comments:
        return []
    from fitness.policy.suppressions import suppressions

    return list(suppressions(comments))


def describe_rules(
    config: Config, decisions: Decisions, seconds: Mapping[str, float] | None = None
) -> tuple[RuleSummary, ...]:
    """The rules as reporters show them, each with the decision it cites, resolved.

    `seconds`: how long each rule's check took.
    """
    return tuple(
        RuleSummary(
            id=rule.id,
            kind=rule.kind,
            severity=rule.severity,
            adr=_link(rule, rule.adr, decisions),
            description=KINDS[rule.kind].summary(rule.params),
            guidance=rule.message,
            seconds=(seconds or {}).get(rule.id, 0.0),
            tags=rule.tags,
            include=tuple(ref.expr.text for ref in rule.include),
            exclude=tuple(ref.expr.text for ref in rule.exclude),
            more_adrs=tuple(
                link for cited in rule.more_adrs if (link := _link(rule, cited, decisions))
            ),
        )
        for rule in config.rules
    )


def _link(rule: Rule, cited: str | None, decisions: Decisions) -> AdrLink | None:
    if cited is None:
        return None
    from fitness.adr.findings import cited_by

    return AdrLink(cited, cited_by(rule, decisions, cited))
