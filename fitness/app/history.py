"""`fitness history`: the findings of sampled commits, read from git's objects, and how
the debt they make came and went.

Each commit is read through its git tree (`fitness.tree.git`), never checked
out, and judged by the configuration of the work tree (laid over the commit's
own file) or, with `config_at_commit`, by the one it held. Facts come from the
project's facts cache by content, so a file unchanged since a commit already
read is not parsed again; each point's result is kept in the cache under its
tree id (`fitness.app.history_store`), so a second run computes only new commits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from fitness.app.configure import Configured, configure, root_in_repository
from fitness.app.history_commits import Commit, sample
from fitness.app.history_store import load_point, point_key, save_point
from fitness.app.history_track import track
from fitness.app.options import CheckOptions
from fitness.app.run import run_check
from fitness.app.trees import Revisions
from fitness.config.load import has_configuration
from fitness.errors import ConfigError, UsageError
from fitness.graph.components import strongly_connected
from fitness.model import Finding, RuleSummary
from fitness.model.history import (
    CONFIG_ERROR,
    NO_CONFIGURATION,
    OK,
    History,
    HistoryPoint,
    PointFinding,
)
from fitness.policy import BASELINE_NAME
from fitness.policy.known import ARROW
from fitness.tree import Tree
from fitness.tree.work import WORK


class HistoryOptions(NamedTuple):
    """What `fitness history` was asked to do (see `fitness.app.history_commits` for
    `since`, `every` and `step`)."""

    cwd: Path
    config: Path | None = None
    since: str | None = None
    until: str = "HEAD"
    every: int | None = None
    step: str | None = None
    max_points: int = 100
    config_at_commit: bool = False
    jobs: int = 1
    cache_dir: Path | None = None


def history(options: HistoryOptions) -> tuple[History, int]:
    """The history, and how many commits `max_points` left out (the oldest)."""
    check = CheckOptions(options.cwd, options.config, cache_dir=options.cache_dir)
    now = configure(check, WORK, Revisions())
    config = now.config
    located = config.path.resolve()
    commits, left_out = sample(
        config.project_root,
        options.since,
        options.until,
        options.every,
        options.step,
        options.max_points,
    )
    text = None if options.config_at_commit else WORK.read_bytes(str(located))
    place = f"{root_in_repository(located.parent)}/{located.name}"
    points: list[HistoryPoint] = []
    computed = 0
    for commit in commits:
        key = point_key(commit.tree, text, place)
        point = load_point(now.cache_dir, key, commit.sha, commit.timestamp)
        if point is None:
            point = _point(commit, now, located, text, options.jobs)
            save_point(now.cache_dir, key, point)
            computed += 1
        points.append(point)
    findings, summary = track(points)
    rules = sorted({rule for point in points for rule, _ in point.by_rule})
    done = History(tuple(points), findings, tuple(rules), summary, computed, len(points) - computed)
    return done, left_out


def _point(
    commit: Commit, now: Configured, located: Path, text: bytes | None, jobs: int
) -> HistoryPoint:
    """Check one commit; a commit its configuration does not apply to is marked, not fatal."""
    from fitness.tree.git import open_revision

    tree: Tree = open_revision(now.config.project_root, commit.sha, "history")
    if text is not None:
        from fitness.tree.overlay import OverlayTree

        tree = OverlayTree(tree, {str(located): text})
    elif not has_configuration(located, tree):
        return _unchecked(commit, NO_CONFIGURATION, None)
    then = CheckOptions(
        cwd=located.parent,
        config=located,
        fail_on="never",
        cache=now.cache_dir is not None,
        jobs=jobs,
        use_baseline=False,
        facts_from=now.cache_dir,
        measured=True,
    )
    revisions = Revisions()
    try:
        configured = configure(then, tree, revisions)
        ran = run_check(then, lambda: 0.0, now=configured, revisions=revisions)
    except (ConfigError, UsageError) as exc:
        return _unchecked(commit, CONFIG_ERROR, str(exc))
    from fitness.app.metrics import metrics_of, point_metrics

    metrics = point_metrics(metrics_of(ran, configured, now.cache_dir, jobs, own=False))
    findings = ran.report.findings
    imports = ran.imports or frozenset()
    return HistoryPoint(
        commit=commit.sha,
        tree=commit.tree,
        timestamp=commit.timestamp,
        status=OK,
        error=None,
        by_rule=_by_rule(ran.report.rules, findings),
        by_severity=tuple(sorted(Counter(f.severity.value for f in findings).items())),
        modules=len(ran.modules),
        imports=len(imports),
        cycles=_cycles(imports, ran.modules),
        baseline=_baseline_size(ran.config.project_root, ran.config.baseline, tree),
        findings=_identified(findings),
        metrics=metrics,
    )


def _by_rule(
    rules: Sequence[RuleSummary], findings: Sequence[Finding]
) -> tuple[tuple[str, int], ...]:
    """The findings of each rule checked (0 for a kept one), and of the built-in checks found."""
    counts = Counter({rule.id: 0 for rule in rules})
    counts.update(finding.rule_id for finding in findings)
    return tuple(sorted(counts.items()))


def _unchecked(commit: Commit, status: str, error: str | None) -> HistoryPoint:
    return HistoryPoint(
        commit.sha, commit.tree, commit.timestamp, status, error, (), (), 0, 0, 0, None, ()
    )


def _identified(findings: Sequence[Finding]) -> tuple[PointFinding, ...]:
    """The findings with their identities: the fingerprint, `#n` for the n-th twin."""
    seen: Counter[str] = Counter()
    found = []
    for finding in sorted(findings, key=Finding.sort_key):
        fingerprint = finding.fingerprint
        seen[fingerprint] += 1
        key = fingerprint if seen[fingerprint] == 1 else f"{fingerprint}#{seen[fingerprint]}"
        location = finding.location
        found.append(
            PointFinding(
                key,
                finding.rule_id,
                finding.severity.value,
                finding.message,
                location.path,
                location.line,
                _imports(finding),
            )
        )
    return tuple(found)


def _imports(finding: Finding) -> tuple[str, ...]:
    routes = finding.routes
    if routes is None:
        return ()
    return tuple(sorted(f"{importer}{ARROW}{imported}" for importer, imported in routes.pairs))


def _cycles(imports: frozenset[tuple[str, str]], modules: frozenset[str]) -> int:
    """The import cycles among the project's modules: strongly connected groups of two or more."""
    successors: dict[str, set[str]] = {module: set() for module in modules}
    for importer, imported in imports:
        if importer in successors and imported in successors and importer != imported:
            successors[importer].add(imported)
    return sum(1 for group in strongly_connected(successors) if len(group) > 1)


def _baseline_size(root: Path, named: str | None, tree: Tree) -> int | None:
    """The entries of the baseline file the commit held (the one its configuration names,
    else the default); None without one (or unreadable)."""
    path = root / (named or BASELINE_NAME)
    if not tree.is_file(str(path)):
        return None
    from fitness.policy.baseline import read

    try:
        return len(read(path, tree))
    except UsageError:
        return None
