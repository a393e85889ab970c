"""`fitness baseline-diff REV`: the project's baseline now against the same file at REV."""

from __future__ import annotations

import os

from fitness.app.baselines import baseline_path
from fitness.app.options import CheckOptions
from fitness.app.trees import Revisions
from fitness.policy.baseline_diff import BaselineDiff, diff
from fitness.tree.work import WORK


def baseline_diff(options: CheckOptions, revision: str) -> BaselineDiff:
    """The changes to the baseline file since `revision` (the file the configuration names).

    Only the configuration's `baseline` key matters here: its rules are not checked, so a
    change that breaks them (a module they name renamed) still shows its baseline's diff.
    """
    from fitness.checks import PARSERS
    from fitness.config.load import find_config, load_config
    from fitness.policy.baseline import read

    found = options.config or find_config(options.cwd.resolve(), WORK)
    config, _ = load_config(found, PARSERS)
    path = baseline_path(config, options).resolve()
    then = Revisions().at(revision, config.project_root, "baseline-diff")
    base = read(path, then) if then.is_file(str(path)) else None
    head = read(path) if path.is_file() else None
    shown = os.path.relpath(path, config.project_root.resolve()).replace(os.sep, "/")
    return diff(shown, revision, base, head)
