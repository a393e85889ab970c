"""The use cases: configuration -> discovery -> parsing -> graph -> checks -> report."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from fitness import file_findings
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
from fitness.model import AdrLink, FileFacts, Finding, Report, RuleSummary
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
    seconds: dict[str, float] = {}
    findings = _rule_findings(config, graph, files, clock, seconds)
    findings += _file_findings(discovery, facts)
    findings = in_scope(findings, scope)
    findings.sort(key=Finding.sort_key)
    return Report(
        findings=tuple(findings),
        rules=describe_rules(config, seconds),
        files=len(discovery.files),
        modules=len(graph.modules),
        elapsed=clock(),
        failed=fails(findings, options.fail_on),
        root=config.project_root.resolve().as_posix(),
        root_in_repo=root_in_repository(config.project_root.resolve()),
    )


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
    return describe_rules(config)


def describe_rules(
    config: Config, seconds: Mapping[str, float] | None = None
) -> tuple[RuleSummary, ...]:
    """The rules as reporters describe them; `seconds`: how long each rule's check took."""
    return tuple(
        RuleSummary(
            id=rule.id,
            kind=rule.kind,
            severity=rule.severity,
            adr=AdrLink(rule.adr, None) if rule.adr is not None else None,
            description=KINDS[rule.kind].summary(rule.params),
            guidance=rule.message,
            seconds=(seconds or {}).get(rule.id, 0.0),
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


def root_in_repository(root: Path) -> str:
    """`root` relative to the nearest directory at or above it with a `.git` (POSIX).

    `""` when `root` is that directory or none is found. A `.git` file (a
    worktree or submodule) counts like a directory; git itself is never run.
    """
    for directory in (root, *root.parents):
        if (directory / ".git").exists():
            return "" if directory == root else root.relative_to(directory).as_posix()
    return ""


def _rule_findings(
    config: Config,
    graph: ImportGraph,
    files: Mapping[str, tuple[str, FileFacts]],
    clock: Callable[[], float],
    seconds: dict[str, float],
) -> list[Finding]:
    """Every rule's findings; `seconds` receives how long each rule's check took."""
    config_path = config.path.relative_to(config.project_root).as_posix()
    findings: list[Finding] = []
    for rule in config.rules:
        context = CheckContext(graph, rule, config.source, config_path, files)
        start = clock()
        findings.extend(KINDS[rule.kind].check(rule.params, context))
        seconds[rule.id] = max(clock() - start, 0.0)
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
