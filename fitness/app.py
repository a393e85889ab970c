"""The use cases: configuration -> discovery -> parsing -> graph -> checks -> report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fitness import file_findings
from fitness.checks import KINDS, CheckContext
from fitness.config.load import find_config, load_config
from fitness.config.modules import check_modules
from fitness.config.schema import Config
from fitness.errors import ConfigError
from fitness.graph import ImportGraph, build_graph
from fitness.model import FileFacts, Finding, Report, RuleSummary
from fitness.parsing.cache import FactsCache
from fitness.parsing.collect import Progress, collect_facts
from fitness.parsing.discovery import Discovery, default_source_roots
from fitness.parsing.listing import discover_cached
from fitness.policy import fails


@dataclass(frozen=True)
class CheckOptions:
    """What `fitness check` was asked to do."""

    cwd: Path
    config: Path | None = None
    fail_on: str = "error"
    cache: bool = True
    jobs: int = 1
    progress: Progress | None = None


def check(options: CheckOptions, clock: Callable[[], float]) -> Report:
    """Run every configured rule on the project and return the report."""
    started = clock()
    config, discovery = _configure(options)
    cache_dir = _cache_dir(config, options)
    facts = collect_facts(
        config.project_root,
        [source.path for source in discovery.files],
        FactsCache.in_directory(cache_dir),
        options.jobs,
        options.progress,
    )
    graph = build_graph(
        ((f.module, f.path, f.is_package) for f in discovery.files), discovery.namespaces, facts
    )
    findings = _rule_findings(config, graph) + _file_findings(discovery, facts)
    findings.sort(key=Finding.sort_key)
    return Report(
        findings=tuple(findings),
        rules=describe_rules(config),
        files=len(discovery.files),
        modules=len(graph.modules),
        elapsed=clock() - started,
        failed=fails(findings, options.fail_on),
    )


def configured_rules(options: CheckOptions) -> tuple[RuleSummary, ...]:
    """The rules of the configuration, for `fitness rules`."""
    config, _ = _configure(options)
    return describe_rules(config)


def describe_rules(config: Config) -> tuple[RuleSummary, ...]:
    return tuple(
        RuleSummary(
            id=rule.id,
            kind=rule.kind,
            severity=rule.severity,
            adr=rule.adr,
            description=KINDS[rule.kind].summary(rule.params),
            guidance=rule.message,
        )
        for rule in config.rules
    )


def _configure(options: CheckOptions) -> tuple[Config, Discovery]:
    """Load and validate the configuration, including that the modules it names exist."""
    path = options.config if options.config is not None else find_config(options.cwd.resolve())
    parsers = {name: kind.parse for name, kind in KINDS.items()}
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
    check_modules(config, discovery.modules, problems)
    if problems.found:
        raise ConfigError(problems.messages())
    return config, discovery


def _cache_dir(config: Config, options: CheckOptions) -> Path | None:
    return config.project_root / config.cache_dir if options.cache else None


def _rule_findings(config: Config, graph: ImportGraph) -> list[Finding]:
    config_path = config.path.relative_to(config.project_root).as_posix()
    findings: list[Finding] = []
    for rule in config.rules:
        context = CheckContext(graph, rule, config.source, config_path)
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
