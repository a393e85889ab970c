"""`--config-from REV`: REV's configuration file, read for this tree, across the change's renames.

Two decisions are returned as values, for `configure` to act on: REV has no
fitness configuration (None: the change's own configuration judges it), and
what the change renamed and deleted since REV (`ModuleChanges`), with the
renames REV's configuration needed followed.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from fitness.app.renames import ModuleChanges, module_changes
from fitness.app.scrub import without_directory
from fitness.checks import PARSERS
from fitness.config.load import has_configuration, load_config
from fitness.config.renaming import rename_modules
from fitness.config.schema import Config
from fitness.config.source import Problems
from fitness.errors import ConfigError
from fitness.parsing.discovery import default_source_roots


class AtRevision(NamedTuple):
    """REV's configuration for this tree; `followed` are the renames (old, new) applied to it.

    `directory` is where REV's files were read (gone by now): messages must not name it.
    """

    revision: str
    directory: Path
    config: Config
    problems: Problems
    changes: ModuleChanges
    followed: tuple[tuple[str, str], ...]


def config_at(then: Path, root: Path, revision: str) -> AtRevision | None:
    """The configuration file `then` (REV's, exported) applied to `root`; None if it has none.

    The file is rewritten in place when the change renamed modules it names, so
    `then` must be a copy.
    """
    if not has_configuration(then):
        return None
    config, problems = _load(then, root, revision)
    roots = config.source_roots or default_source_roots(root)
    changes = module_changes(root, revision, roots)
    text, followed = rename_modules(then.read_text(encoding="utf-8"), changes.moved)
    if followed:
        then.write_text(text, encoding="utf-8")
        config, problems = _load(then, root, revision)
    return AtRevision(revision, then.parent, config, problems, changes, followed)


def _load(then: Path, root: Path, revision: str) -> tuple[Config, Problems]:
    """REV's configuration; its errors name its files as the project does (`packs/x.toml`)."""
    try:
        return load_config(then, PARSERS, root, revision)
    except ConfigError as exc:
        raise ConfigError([without_directory(p, then.parent) for p in exc.problems]) from None
