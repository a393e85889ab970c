"""The use cases: configuration -> discovery -> parsing -> graph -> checks -> report."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from fitness import file_findings
from fitness.adr.directory import Decisions, read_decisions
from fitness.checks import KINDS, PARSERS, CheckContext
from fitness.checks.bans import configured_bans
from fitness.config.cache_place import cache_place_problem
from fitness.config.layout import Layout
from fitness.config.load import find_config, load_config
from fitness.config.modules import check_externals, check_modules
from fitness.config.paths import check_exclude
from fitness.config.schema import Config, Rule
from fitness.config.source import Problems
from fitness.errors import ConfigError, UsageError
from fitness.file_findings import BUILT_IN
from fitness.graph import ImportGraph
from fitness.logs import Logger
from fitness.model import (
    BUILT_IN_KINDS,
    AdrLink,
    AdrStatus,
    BadSuppression,
    BaselineEntry,
    Comment,
    DecisionsOverview,
    Enforcement,
    FileFacts,
    Finding,
    Report,
    RuleSummary,
    Suppression,
)
from fitness.parsing.cache import FactsCache
from fitness.parsing.collect import Progress, collect_facts
from fitness.parsing.discovery import Discovery, default_source_roots, python_homes
from fitness.parsing.listing import discover_cached
from fitness.parsing.tracked import tracked_by_git
from fitness.policy import BASELINE_NAME, Rules, apply, in_scope, judged
from fitness.reuse import Analysis, analyse

log = Logger("fitness.cache")

# The ids of the findings no rule makes: about files, ADRs and suppressions.
BUILT_IN_IDS = tuple(kind.id for kind in BUILT_IN_KINDS)


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
    baseline: Path | None = None  # default: .fitness-baseline.json in the project root, if any
    use_baseline: bool = True
    strict_baseline: bool = False  # fail when baseline entries are fixed
    since: str | None = None  # report only findings that were not there at this git revision
    facts_from: Path | None = None  # read this cache directory, write none (`--since`'s tree)
    cache_dir: Path | None = None  # the cache's directory, instead of the configured cache_dir
    config_from: str | None = None  # judge by the configuration at this git revision


def check(options: CheckOptions, clock: Callable[[], float]) -> Report:
    """Run the configured rules on the whole project and return the report.

    `clock` tells the seconds the user has waited so far. `options.select` /
    `ignore` choose the rules; `options.paths` only narrow what is reported.
    """
    existing = _fingerprints_at(options) if options.since is not None else None
    return _check(options, clock, existing)[0]


def decisions_overview(options: CheckOptions) -> DecisionsOverview:
    """Every ADR with the rules that cite it and their findings now, for `fitness adr`."""
    report, found, _ = _check(options, lambda: 0.0)
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


def write_baseline(options: CheckOptions, prune: bool) -> tuple[Path, int, int]:
    """Write the baseline of the current findings (`prune`: only drop fixed entries).

    Entries of rules this run does not check, or outside its PATHs, are kept as
    they are. Returns the file, its entries and the findings they count.
    """
    from fitness.policy import baseline as baseline_file

    report, _, config = _check(options._replace(use_baseline=False), lambda: 0.0)
    path = _baseline_path(config, options)
    old = baseline_file.read(path) if path.exists() else []
    rules = _rules(config, report)
    scope = _scope(config, options.paths)
    others = [entry for entry in old if not judged(entry, rules, scope)]
    current = baseline_file.entries_of(report.findings)
    if prune:
        counts = {entry.fingerprint: entry.occurrences for entry in current}
        current = [
            entry._replace(occurrences=min(entry.occurrences, counts[entry.fingerprint]))
            for entry in old
            if judged(entry, rules, scope) and entry.fingerprint in counts
        ]
    entries = others + current
    baseline_file.write(path, entries)
    return path, len(entries), sum(entry.occurrences for entry in entries)


def _check(
    options: CheckOptions, clock: Callable[[], float], existing: Collection[str] | None = None
) -> tuple[Report, Decisions, Config]:
    config, discovery, cache_dir = _configure(options)
    known = frozenset((*(rule.id for rule in config.rules), *BUILT_IN_IDS))
    config = select_rules(config, options.select, options.ignore)
    scope = _scope(config, options.paths)
    seconds: dict[str, float] = {}
    analysis = _analyse(config, discovery, options, cache_dir, clock, seconds)
    check_externals(config, analysis.modules, analysis.externals)
    decisions = read_decisions(config.project_root, config.adr.dir)
    comments = analysis.comments
    findings = list(analysis.findings)
    findings += _adr_findings(config, decisions, comments)
    findings = in_scope(findings, scope)
    findings.sort(key=Finding.sort_key)
    checked = frozenset((*(rule.id for rule in config.rules), *BUILT_IN_IDS))
    verdict = apply(
        findings,
        _suppressions(comments),
        Rules(known, checked),
        baseline=_baseline(config, options),
        existing=existing,
        scope=scope,
        require_adr=config.adr.require_for_suppressions,
        fail_on=options.fail_on,
        strict_baseline=options.strict_baseline,
    )
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
    )
    return report, decisions, config


def _adr_findings(
    config: Config, decisions: Decisions, comments: Mapping[str, tuple[Comment, ...]]
) -> list[Finding]:
    """The ADR findings; a project without ADRs and citations imports none of that code."""
    cites = any(rule.adr is not None for rule in config.rules) or config.adr.require_for_rules
    if decisions.dir is None and not decisions.problems and not cites:
        return []
    from fitness.adr.findings import adr_findings

    return adr_findings(decisions, config.adr, config.rules, comments)


def _suppressions(
    comments: Mapping[str, tuple[Comment, ...]],
) -> list[Suppression | BadSuppression]:
    """The `# fitness:` directives of the comments kept (most projects' files keep none)."""
    if not comments:
        return []
    from fitness.policy.suppressions import suppressions

    return list(suppressions(comments))


def _rules(config: Config, report: Report) -> Rules:
    ids = frozenset((*(rule.id for rule in report.rules), *BUILT_IN_IDS))
    return Rules(ids, ids)


def _baseline_path(config: Config, options: CheckOptions) -> Path:
    return options.baseline or config.project_root / BASELINE_NAME


def _baseline(config: Config, options: CheckOptions) -> list[BaselineEntry] | None:
    """The baseline's entries: `--baseline PATH` (which must exist), or the default file if any.

    With `--config-from REV` the default file is REV's too: a pull request judged
    by its base's rules must not add its own findings to the baseline.
    """
    if not options.use_baseline:
        return None
    if options.config_from is not None and options.baseline is None:
        return _baseline_at(config, options.config_from)
    path = _baseline_path(config, options)
    if options.baseline is None and not path.is_file():
        return None
    from fitness.policy.baseline import read

    return read(path)


def _baseline_at(config: Config, revision: str) -> list[BaselineEntry] | None:
    import tempfile

    from fitness.policy.baseline import read
    from fitness.revision import export

    with tempfile.TemporaryDirectory(prefix="fitness-baseline-") as directory:
        root = export(
            config.project_root, revision, Path(directory), (), (BASELINE_NAME,), "--config-from"
        )
        path = root / BASELINE_NAME
        return read(path) if path.is_file() else None


def _fingerprints_at(options: CheckOptions) -> list[str]:
    """The fingerprints of the findings at `options.since`, from that revision's own tree.

    The tree is exported to a temporary directory and checked with the
    configuration it had, reading (never writing) this project's facts cache,
    so only the files that differ from what the cache knows are parsed.
    """
    import tempfile

    from fitness.revision import export

    config, _, cache_dir = _configure(options._replace(since=None))
    revision = options.since or ""
    relative = config.path.relative_to(config.project_root)
    with tempfile.TemporaryDirectory(prefix="fitness-since-") as directory:
        root = export(config.project_root, revision, Path(directory))
        if not (root / relative).is_file():
            return []  # no configuration then: every finding is new
        then = CheckOptions(
            cwd=root,
            config=root / relative,
            fail_on="never",
            cache=options.cache,
            jobs=options.jobs,
            use_baseline=False,
            facts_from=cache_dir,
        )
        try:
            report, _, _ = _check(then, lambda: 0.0)
        except (ConfigError, UsageError) as exc:
            raise UsageError(f"--since {revision}: at that revision, {exc}") from None
        return [finding.fingerprint for finding in report.findings]


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
    config, _, _ = _configure(options)
    return describe_rules(config, read_decisions(config.project_root, config.adr.dir))


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
            adr=_link(rule, decisions),
            description=KINDS[rule.kind].summary(rule.params),
            guidance=rule.message,
            seconds=(seconds or {}).get(rule.id, 0.0),
        )
        for rule in config.rules
    )


def _link(rule: Rule, decisions: Decisions) -> AdrLink | None:
    if rule.adr is None:
        return None
    from fitness.adr.findings import cited_by

    return AdrLink(rule.adr, cited_by(rule, decisions))


def _configure(options: CheckOptions) -> tuple[Config, Discovery, Path | None]:
    """Load and validate the configuration, including that the modules it names exist.

    Also returns the cache directory this run may use: None without a cache, or
    when git tracks the directory (a committed cache could hide findings).
    """
    path = options.config if options.config is not None else find_config(options.cwd.resolve())
    parsers = PARSERS
    if options.config_from is not None:
        config, problems = _config_at(path, options.config_from)
    else:
        config, problems = load_config(path, parsers)
    roots = config.source_roots or default_source_roots(config.project_root)
    existing = [root for root in roots if (config.project_root / root).is_dir()]
    cache_dir = _cache_dir(config, options)
    if cache_dir is not None and options.facts_from is None:
        place = cache_place_problem(config.project_root, existing, cache_dir)
        if place is not None and options.cache_dir is not None:
            raise UsageError(f"--cache-dir {options.cache_dir}: {place}")
        if place is not None:
            problems.add(("cache_dir",), place)
            cache_dir = None
        elif tracked_by_git(cache_dir):
            log.warning(
                "not using the cache in %s: git tracks files in it, and a committed cache "
                "could hide findings (remove it from git: git rm -r --cached %s)",
                cache_dir,
                cache_dir,
            )
            cache_dir = None
    discovery = discover_cached(
        config.project_root,
        existing,
        config.exclude,
        config.respect_gitignore,
        None if options.facts_from is not None else cache_dir,
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
    return config, discovery, cache_dir


def _config_at(path: Path, revision: str) -> tuple[Config, Problems]:
    """The configuration `path` had at `revision` (with the rule packs it had), for this tree.

    `--config-from`: a pull request is judged by its base's rules, so it cannot
    switch off the rule it breaks. ADRs and sources are this tree's.
    """
    import tempfile

    from fitness.revision import export

    root = path.parent
    flag = "--config-from"
    with tempfile.TemporaryDirectory(prefix="fitness-config-") as directory:
        then = export(root, revision, Path(directory), (".toml",), (), flag) / path.name
        if not then.is_file():
            raise UsageError(f"{flag} {revision}: {path.name} does not exist at that revision")
        return load_config(then, PARSERS, root, revision)


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
    """The cache directory asked for: `--cache-dir`, else `cache_dir` of the configuration."""
    if not options.cache:
        return None
    if options.cache_dir is not None:
        return options.cache_dir.resolve()
    return config.project_root / config.cache_dir


def root_in_repository(root: Path) -> str:
    """`root` relative to the nearest directory at or above it with a `.git` (POSIX).

    `""` when `root` is that directory or none is found. A `.git` file (a
    worktree or submodule) counts like a directory; git itself is never run.
    """
    for directory in (root, *root.parents):
        if (directory / ".git").exists():
            return "" if directory == root else root.relative_to(directory).as_posix()
    return ""


def _analyse(
    config: Config,
    discovery: Discovery,
    options: CheckOptions,
    cache_dir: Path | None,
    clock: Callable[[], float],
    seconds: dict[str, float],
) -> Analysis:
    """The rules' and the files' findings, reused from the cache where nothing changed.

    `--since`'s tree (`options.facts_from`) reads the facts cache only: its
    findings are neither reused nor stored.
    """
    bans = configured_bans(config.rules)
    paths = [source.path for source in discovery.files]
    caches: list[FactsCache] = []  # loaded on the first call only

    def collect(some: Sequence[str] | None) -> tuple[dict[str, FileFacts], FactsCache]:
        if not caches:
            directory = options.facts_from or cache_dir
            caches.append(FactsCache.in_directory(directory, writable=not options.facts_from))
        cache = caches[0]
        cache.expect(paths)  # so that collecting some files does not forget the others
        root = config.project_root
        wanted = paths if some is None else some
        return collect_facts(root, wanted, cache, options.jobs, options.progress, bans), cache

    def findings_of(graph: ImportGraph, facts: dict[str, FileFacts]) -> list[Finding]:
        files = {f.module: (f.path, facts[f.path]) for f in discovery.files if f.path in facts}
        found = _rule_findings(config, graph, files, clock, seconds)
        return found + _file_findings(discovery, facts)

    store = None if options.facts_from is not None else cache_dir
    return analyse(config, discovery, collect, findings_of, bans, store)


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
