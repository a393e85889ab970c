"""`--config-from REV`: REV's configuration file, read for this tree, across the change's renames.

Two decisions are returned as values, for `configure` to act on: REV has no
fitness configuration (None: the change's own configuration judges it), and
what the change renamed and deleted since REV (`ModuleChanges`), with the
renames REV's configuration needed followed. REV's files are read from its git
tree, never written anywhere: a configuration rewritten for the renames is an
overlay of that one file over REV's tree.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from fitness.app.renames import ModuleChanges, module_changes
from fitness.checks import PARSERS
from fitness.config.load import has_configuration, load_config
from fitness.config.renaming import rename_modules
from fitness.config.schema import Config
from fitness.config.source import Problems
from fitness.parsing.discovery import default_source_roots
from fitness.tree import Tree, read_text
from fitness.tree.overlay import OverlayTree


class AtRevision(NamedTuple):
    """REV's configuration for this tree; `followed` are the renames (old, new) applied to it."""

    revision: str
    config: Config
    problems: Problems
    changes: ModuleChanges
    followed: tuple[tuple[str, str], ...]


def config_at(path: Path, then: Tree, revision: str, now: Tree) -> AtRevision | None:
    """The configuration file `path` in `then` (REV's tree) applied to `now`; None if none.

    The configuration names this tree's files as `path` does, whatever the
    revision's tree calls them.
    """
    located = path.resolve()
    if not has_configuration(located, then):
        return None
    config, problems = _load(path, located, then, revision, now)
    roots = config.source_roots or default_source_roots(config.project_root, now)
    changes = module_changes(config.project_root, revision, roots)
    text, followed = rename_modules(read_text(then, str(located)), changes.moved)
    if followed:
        renamed = OverlayTree(then, {str(located): text.encode("utf-8")})
        config, problems = _load(path, located, renamed, revision, now)
    return AtRevision(revision, config, problems, changes, followed)


def _load(
    path: Path, located: Path, then: Tree, revision: str, now: Tree
) -> tuple[Config, Problems]:
    """REV's configuration at `located` in `then`, naming the project's files as `path` does."""
    config, problems = load_config(located, PARSERS, revision, then, applies_to=now)
    if located != path:  # the same root, reached from `path` as from `located`
        root = path.parent / os.path.relpath(config.project_root, located.parent)
        config = config._replace(path=path, project_root=Path(os.path.normpath(root)))
    return config, problems
