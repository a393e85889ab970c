"""The use cases: configuration -> discovery -> parsing -> graph -> checks -> report."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from fitness import file_findings
from fitness.adr.directory import Decisions, read_decisions
from fitness.adr.findings import adr_findings
from fitness.adr.references import resolve
from fitness.checks import KINDS, PARSERS, CheckContext
from fitness.checks.bans import configured_bans
from fitness.config.layout import Layout
from fitness.config.load import find_config, load_config
from fitness.config.modules import check_externals, check_modules
from fitness.config.paths import check_exclude
from fitness.config.schema import Config
from fitness.errors import ConfigError, UsageError
from fitness.file_findings import BUILT_IN
from fitness.graph import ImportGraph, build_graph
from fitness.model import (
    AdrLink,
    AdrStatus,
    DecisionsOverview,
    Enforcement,
    FileFacts,
    Finding,
    Report,
    RuleSummary,
)
from fitness.parsing.cache import FactsCache
from fitness.parsing.collect import Progress, collect_facts
from fitness.parsing.discovery import Discovery, default_source_roots, python_homes
from fitness.parsing.listing import discover_cached
from fitness.policy import fails, in_scope


class CheckOptions(NamedTuple):
    """What `fitness check` was asked to do."""

    cwd: Path
    config: Path | None = None
    fail_on: str = "error"
    cache: bool = True
    jobs: int = 1
    progress: Progress | None = None
    paths: tuple[Path, ...] = ()  # report only findings in these files or directories
    select: tuple[str, ...] = ()  # run only these rules
    ignore: tuple[str, ...] = ()  # skip these rules


def check(options: CheckOptions, clock: Callable[[], float]) -> Report:
    """Run the configured rules on the whole project and return the report.

    `clock` tells the seconds the user has waited so far. `options.select` /
    `ignore` choose the rules; `options.paths` only narrow what is reported.
    """
    return _check(options, clock)[0]


def decisions_overview(options: CheckOptions) -> DecisionsOverview:
    """Every ADR with the rules that cite it and their findings now, for `fitness adr`."""
    report, found = _check(options, lambda: 0.0)
    records = tuple(
        Enforcement(
            adr,
            tuple(
                (rule.id, len(report.findings_for(rule.id)))
                for rule in report.rules
                if rule.adr is not None and rule.adr.adr == adr
            ),
        )
        for adr in found.records
    )
    unenforced = tuple(
        row.adr for row in records if not row.rules and row.adr.status is AdrStatus.ACCEPTED
    )
    return DecisionsOverview(found.dir, found.how, records, unenforced)


def _check(options: CheckOptions, clock: Callable[[], float]) -> tuple[Report, Decisions]:
    config, discovery = _configure(options)
    config = select_rules(config, options.select, options.ignore)
    scope = _scope(config, options.paths)
    cache_dir = _cache_dir(config, options)
    facts = collect_facts(
        config.project_root,
        [source.path for source in discovery.files],
        FactsCache.in_directory(cache_dir),
        options.jobs,
        options.progress,
        configured_bans(config.rules),
    )
    graph = build_graph(
        ((f.module, f.path, f.is_package) for f in discovery.files), discovery.namespaces, facts
    )
    check_externals(config, graph.modules, graph.externals)
    files = {f.module: (f.path, facts[f.path]) for f in discovery.files if f.path in facts}
    decisions = read_decisions(config.project_root, config.adr.dir)
    comments = {path: found.comments for path, found in facts.items() if found.comments}
    findings = _rule_findings(config, graph, files) + _file_findings(discovery, facts)
    findings += adr_findings(decisions, config.adr, config.rules, comments)
    findings = in_scope(findings, scope)
    findings.sort(key=Finding.sort_key)
    report = Report(
        findings=tuple(findings),
        rules=describe_rules(config, decisions),
        files=len(discovery.files),
        modules=len(graph.modules),
        elapsed=clock(),
        failed=fails(findings, options.fail_on),
        root=config.project_root.resolve().as_posix(),
    )
    return report, decisions


def select_rules(config: Config, select: Sequence[str], ignore: Sequence[str]) -> Config:
    """The configuration with only the rules `select` names (all when empty), minus `ignore`."""
    if not select and not ignore:
        return config
    known = [rule.id for rule in config.rules]
    for flag, ids in (("--select", select), ("--ignore", ignore)):
        for rule_id in ids:
            if rule_id not in known:
                raise UsageError(_unknown_rule(flag, rule_id, known, config))
    rules = tuple(
        rule for rule in config.rules if (not select or rule.id in select) and rule.id not in ignore
    )
    if not rules:
        raise UsageError(
            "--select/--ignore leave no rule to check; "
            f"the configured rules are: {', '.join(known)}"
        )
    return config._replace(rules=rules)


def configured_rules(options: CheckOptions) -> tuple[RuleSummary, ...]:
    """The rules of the configuration, for `fitness rules`."""
    config, _ = _configure(options)
    return describe_rules(config, read_decisions(config.project_root, config.adr.dir))


def describe_rules(config: Config, decisions: Decisions) -> tuple[RuleSummary, ...]:
    """The rules as reporters show them, each with the decision it cites, resolved."""
    return tuple(
        RuleSummary(
            id=rule.id,
            kind=rule.kind,
            severity=rule.severity,
            adr=AdrLink(rule.adr, resolve(rule.adr, decisions)) if rule.adr is not None else None,
            description=KINDS[rule.kind].summary(rule.params),
            guidance=rule.message,
        )
        for rule in config.rules
    )


def _configure(options: CheckOptions) -> tuple[Config, Discovery]:
    """Load and validate the configuration, including that the modules it names exist."""
    path = options.config if options.config is not None else find_config(options.cwd.resolve())
    parsers = PARSERS
    config, problems = load_config(path, parsers)
    roots = config.source_roots or default_source_roots(config.project_root)
    existing = [root for root in roots if (config.project_root / root).is_dir()]
    discovery = discover_cached(
        config.project_root,
        existing,
        config.exclude,
        config.respect_gitignore,
        _cache_dir(config, options),
    )
    layout = Layout(
        roots=tuple(existing),
        defaulted=config.source_roots is None,
        modules=discovery.modules,
        files=discovery.files,
        homes=lambda: python_homes(config.project_root, config.exclude, config.respect_gitignore),
        unreadable=tuple(path for path, _ in discovery.unreadable),
    )
    check_modules(config, layout, problems)
    check_exclude(config, existing, problems)
    if problems.found:
        raise ConfigError(problems.messages())
    return config, discovery


def _unknown_rule(flag: str, rule_id: str, known: Sequence[str], config: Config) -> str:
    from fitness.config.suggest import did_you_mean

    if rule_id in BUILT_IN:
        return (
            f"{flag} {rule_id}: '{rule_id}' is a built-in check, not a rule: it always runs, "
            "since a file it reports went unchecked"
        )
    return (
        f"{flag} {rule_id}: no rule '{rule_id}' in {config.source.display}"
        f"{did_you_mean(rule_id, known)}; the configured rules are: {', '.join(known)}"
    )


def _scope(config: Config, paths: Sequence[Path]) -> list[str]:
    """`paths` relative to the project root, as POSIX paths; each must be inside it."""
    root = config.project_root.resolve()
    scope = []
    for path in paths:
        try:
            scope.append(path.resolve().relative_to(root).as_posix())
        except ValueError:
            raise UsageError(f"{path} is outside the project at {root}") from None
    return scope


def _cache_dir(config: Config, options: CheckOptions) -> Path | None:
    return config.project_root / config.cache_dir if options.cache else None


def _rule_findings(
    config: Config, graph: ImportGraph, files: Mapping[str, tuple[str, FileFacts]]
) -> list[Finding]:
    config_path = config.path.relative_to(config.project_root).as_posix()
    findings: list[Finding] = []
    for rule in config.rules:
        context = CheckContext(graph, rule, config.source, config_path, files)
        findings.extend(KINDS[rule.kind].check(rule.params, context))
    return findings


def _file_findings(discovery: Discovery, facts: dict[str, FileFacts]) -> list[Finding]:
    findings = [
        file_findings.parse_error(path, found.failure)
        for path, found in facts.items()
        if found.failure is not None
    ]
    findings.extend(file_findings.shadowed(s) for s in discovery.shadowed)
    findings.extend(file_findings.unreadable(path, reason) for path, reason in discovery.unreadable)
    return findings
