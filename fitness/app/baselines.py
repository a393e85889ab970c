"""Which baseline a run reads: `--baseline`, the project's file, or (`--config-from`) REV's."""

from __future__ import annotations

from pathlib import Path

from fitness.app.options import CheckOptions
from fitness.app.trees import Revisions
from fitness.config.schema import Config
from fitness.model import (
    BaselineEntry,
)
from fitness.policy import BASELINE_NAME
from fitness.tree import Tree
from fitness.tree.work import WORK


def baseline_path(config: Config, options: CheckOptions) -> Path:
    return options.baseline or config.project_root / BASELINE_NAME


def baseline_entries(
    config: Config, options: CheckOptions, tree: Tree, revisions: Revisions
) -> list[BaselineEntry] | None:
    """The baseline's entries: `--baseline PATH` (which must exist), or `tree`'s file if any.

    With `--config-from REV` the default file is REV's too (from `revisions`): a
    pull request judged by its base's rules must not add its own findings to
    the baseline.
    """
    if not options.use_baseline:
        return None
    from fitness.policy.baseline import read

    if options.config_from is not None and options.baseline is None:
        then = revisions.at(options.config_from, config.project_root, "--config-from")
        located = (config.project_root / BASELINE_NAME).resolve()
        return read(located, then) if then.is_file(str(located)) else None
    path = baseline_path(config, options)
    if options.baseline is None and not tree.is_file(str(path)):
        return None
    return read(path, tree if options.baseline is None else WORK)
