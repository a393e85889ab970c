"""Which baseline a run reads: `--baseline`, the project's file, or (`--config-from`) REV's."""

from __future__ import annotations

from pathlib import Path

from fitness.app.options import CheckOptions
from fitness.app.trees import Revisions
from fitness.config.schema import Config
from fitness.errors import UsageError
from fitness.model import (
    BaselineEntry,
)
from fitness.policy import BASELINE_NAME
from fitness.tree import Tree
from fitness.tree.work import WORK


def baseline_path(config: Config, options: CheckOptions) -> Path:
    """`--baseline`, else the file the configuration names, else `.fitness-baseline.json`."""
    return options.baseline or config.project_root / (config.baseline or BASELINE_NAME)


def missing_in_ci(config: Config) -> str:
    """Why a run in CI stops when the baseline the configuration names is not there."""
    said = (
        f"no such file '{config.baseline}'; in CI a missing "
        "baseline is an error, never created: write it with `fitness baseline` outside CI "
        "and commit it"
    )
    return config.source.problem(("baseline",), said).text


def baseline_entries(
    config: Config, options: CheckOptions, tree: Tree, revisions: Revisions
) -> list[BaselineEntry] | None:
    """The baseline's entries: `--baseline PATH` (which must exist), or `tree`'s file if any.

    With `--config-from REV` the default file is REV's too (from `revisions`): a
    pull request judged by its base's rules must not add its own findings to
    the baseline. None when there is no baseline, or `--no-baseline` leaves it unread.
    """
    if not options.use_baseline:
        return None
    found = _baseline_file(config, options, tree, revisions)
    if found is None:
        return None
    from fitness.policy.baseline import read

    return read(*found)


def unread_baseline(
    config: Config, options: CheckOptions, tree: Tree, revisions: Revisions
) -> Path | None:
    """The baseline file `--no-baseline` leaves unread; None when it reads one, or there is none."""
    if options.use_baseline:
        return None
    found = _baseline_file(config, options, tree, revisions)
    return found[0] if found is not None else None


def _baseline_file(
    config: Config, options: CheckOptions, tree: Tree, revisions: Revisions
) -> tuple[Path, Tree] | None:
    """The baseline a run would read, and the tree to read it from; None when there is none."""
    if options.config_from is not None and options.baseline is None:
        then = revisions.at(options.config_from, config.project_root, "--config-from")
        located = baseline_path(config, options).resolve()
        if then.is_file(str(located)):
            return located, then
        if _required(config, options):
            raise UsageError(missing_in_ci(config))
        return None
    path = baseline_path(config, options)
    if options.baseline is None and not tree.is_file(str(path)):
        if _required(config, options):
            raise UsageError(missing_in_ci(config))
        return None
    return path, tree if options.baseline is None else WORK


def _required(config: Config, options: CheckOptions) -> bool:
    """In CI, a baseline the configuration names must exist, unless the run reads none."""
    return options.ci and options.use_baseline and config.baseline is not None
