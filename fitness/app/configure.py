"""The configuration of a run: loaded, checked against the project, and where its cache is."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from fitness.app.cache_choice import choose_cache
from fitness.app.notices import (
    followed_rename,
    no_configuration_from,
    skipped_directory,
    unread_python,
)
from fitness.app.options import CheckOptions
from fitness.app.trees import Revisions
from fitness.checks import PARSERS
from fitness.config.layout import Layout
from fitness.config.load import find_config, load_config
from fitness.config.modules import check_modules
from fitness.config.paths import check_exclude
from fitness.config.schema import Config
from fitness.errors import UsageError
from fitness.file_findings import BUILT_IN
from fitness.model import Finding, Notice
from fitness.parsing.discovery import Discovery, default_source_roots
from fitness.parsing.homes import python_homes
from fitness.parsing.listing import discover_cached
from fitness.tree import Tree

if TYPE_CHECKING:
    from fitness.app.config_from import AtRevision


class Configured(NamedTuple):
    """A tree and the configuration that judges it: what every later step of a run reads.

    `cache_dir` is the cache this run may use (None without one). `notices`
    and `findings` come from `--config-from REV`: which configuration judged
    the change and which renames it followed; the `rule-target-removed` findings.
    `judged_by` is the revision whose configuration judges the tree (None: its own).
    """

    config: Config
    discovery: Discovery
    cache_dir: Path | None
    tree: Tree
    notices: tuple[Notice, ...] = ()
    findings: tuple[Finding, ...] = ()
    judged_by: str | None = None


def configure(options: CheckOptions, tree: Tree, revisions: Revisions) -> Configured:
    """Load and validate the configuration of `tree`, including that the modules it names exist.

    With `--config-from REV`, the configuration (and its packs) is REV's, read
    from `revisions`, and it applies to `tree`. Also gives the cache directory
    this run may use (`fitness.app.cache_choice`): None without one, or when
    git tracks it or it leads outside the project (a cache put there by a
    change could hide findings).
    """
    path = (
        options.config if options.config is not None else find_config(options.cwd.resolve(), tree)
    )
    at = None
    if options.config_from is not None:
        at = _config_at(path, options.config_from, tree, revisions)
    notices: list[Notice] = []
    if at is not None:
        config, problems = at.config, at.problems
        notices += [followed_rename(at.revision, old, new) for old, new in at.followed]
    else:
        config, problems = load_config(path, PARSERS, tree=tree)
        if options.config_from is not None:
            notices.append(no_configuration_from(options.config_from, path.name))
    if config.python.problem:
        notices.append(unread_python(config.python.problem))
    roots = config.source_roots or default_source_roots(config.project_root, tree)
    existing = [root for root in roots if tree.is_dir(str(config.project_root / root))]
    cache = choose_cache(config, options, existing, problems)
    cache_dir = cache.directory
    discovery = discover_cached(
        config.project_root,
        existing,
        config.exclude,
        config.respect_gitignore,
        # --since's tree keeps its listing beside the work tree's, under its tree id.
        options.facts_from if options.facts_from is not None else cache_dir,
        tree,
        read=cache.read,
    )
    notices += [skipped_directory(path, why) for path, why in discovery.skipped]
    layout = Layout(
        roots=tuple(existing),
        defaulted=config.source_roots is None,
        modules=discovery.modules,
        files=discovery.files,
        homes=lambda: python_homes(
            config.project_root, config.exclude, config.respect_gitignore, tree=tree
        ),
        unreadable=tuple(path for path, _ in discovery.unreadable),
    )
    removed: tuple[frozenset[str], list[Finding]] = (frozenset(), [])
    if at is not None:
        from fitness.app.removed import removed_targets

        removed = removed_targets(config, discovery.modules, at.changes.removed, at.revision)
    check_modules(config, layout, problems, skip=removed[0])
    check_exclude(config, existing, problems, tree)
    if problems.found:
        raise problems.error()
    judged_by = at.revision if at is not None else None
    return Configured(
        config, discovery, cache_dir, tree, tuple(notices), tuple(removed[1]), judged_by
    )


def _config_at(path: Path, revision: str, tree: Tree, revisions: Revisions) -> AtRevision | None:
    """The configuration `path` had at `revision` (with the rule packs it had), for `tree`.

    `--config-from`: a pull request is judged by its base's rules, so it cannot
    switch off the rule it breaks. ADRs and sources are `tree`'s. None when
    `revision` has no fitness configuration.
    """
    from fitness.app.config_from import config_at

    then = revisions.at(revision, path.parent, "--config-from")
    return config_at(path, then, revision, tree)


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


def _unknown_rule(flag: str, rule_id: str, known: Sequence[str], config: Config) -> str:
    from fitness.suggest import did_you_mean

    if rule_id in BUILT_IN:
        return (
            f"{flag} {rule_id}: '{rule_id}' is a built-in check, not a rule: it always runs, "
            "since a file it reports went unchecked"
        )
    if any(rule.id == rule_id for rule in config.dormant):
        return (
            f"{flag} {rule_id}: rule '{rule_id}' does not run for this project, whose "
            f"Pythons ({config.python.describe()}) do not all meet its python key; "
            f"`fitness explain {rule_id}` says which"
        )
    return (
        f"{flag} {rule_id}: no rule '{rule_id}' in {config.source.display}"
        f"{did_you_mean(rule_id, known)}; the configured rules are: {', '.join(known)}"
    )


def scope_of(config: Config, paths: Sequence[Path]) -> list[str]:
    """`paths` relative to the project root, as POSIX paths; each must be inside it."""
    root = config.project_root.resolve()
    scope = []
    for path in paths:
        try:
            scope.append(path.resolve().relative_to(root).as_posix())
        except ValueError:
            raise UsageError(f"{path} is outside the project at {root}") from None
    return scope


def root_in_repository(root: Path) -> str:
    """`root` relative to the nearest directory at or above it with a `.git` (POSIX).

    `""` when `root` is that directory or none is found. A `.git` file (a
    worktree or submodule) counts like a directory; git itself is never run.
    """
    for directory in (root, *root.parents):
        if (directory / ".git").exists():
            return "" if directory == root else root.relative_to(directory).as_posix()
    return ""
