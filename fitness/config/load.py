"""Find the configuration file, read its TOML and the rule packs it extends, into a `Config`."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from fitness.config.adr_settings import adr_settings
from fitness.config.packs import PackRules
from fitness.config.python_versions import Supported, holds, supported
from fitness.config.rules import build_rules
from fitness.config.schema import (
    IMPORT_MODES,
    RULE_DEFAULTS,
    AdrSettings,
    Config,
    ParamsParser,
)
from fitness.config.source import ConfigSource, InvalidConfig, KeyPath, Problem, Problems
from fitness.config.table import Table
from fitness.config.toml_file import display, read_toml
from fitness.errors import ConfigError
from fitness.model import ExceptionRules
from fitness.tree import Tree, read_text
from fitness.tree.work import WORK

# The keys `_config` reads: a file that has one of them at its top, and no
# `[tool.fitness]` table, is in the fitness.toml layout.
_TOP_LEVEL_KEYS = (
    "root",
    "source_roots",
    "exclude",
    "respect_gitignore",
    "cache_dir",
    "baseline",
    "adr",
    "exceptions",
    "extends",
    "rules",
    *RULE_DEFAULTS,
)


def find_config(start: Path, tree: Tree = WORK) -> Path:
    """The nearest `fitness.toml`, or `pyproject.toml` with `[tool.fitness]`, from `start` up."""
    for directory in (start, *start.parents):
        candidate = directory / "fitness.toml"
        if tree.is_file(str(candidate)):
            return candidate
        candidate = directory / "pyproject.toml"
        if tree.is_file(str(candidate)) and _has_fitness_table(candidate, tree):
            return candidate
    raise ConfigError(
        [
            f"no configuration found in {start} or its parents: "
            "add a [tool.fitness] table to pyproject.toml, or create fitness.toml"
        ]
    )


def load_config(
    path: Path,
    parsers: Mapping[str, ParamsParser],
    revision: str | None = None,
    tree: Tree = WORK,
    applies_to: Tree | None = None,
) -> tuple[Config, Problems]:
    """Validate the configuration at `path`; rule parameters are parsed by `parsers[kind]`.

    Returns the config with every valid rule, its own and those of the packs it
    extends, and the problems found so far (in any of those files), so that
    later checks (module names) can add theirs before anything fails.

    The configuration and its packs are read from `tree`; the directories it
    names must exist in `applies_to` (default: `tree`). `revision` names the
    revision `tree` is when it is not the work tree, as problems show it.
    """
    shown = display(path) if revision is None else f"{path.name} at {revision}"
    read = read_toml(path, shown, tree)
    if isinstance(read, Problem):
        raise InvalidConfig([read])
    text, document = read
    prefix = _layout(path, document)
    if prefix is None:
        message = (
            f"{shown}: no fitness configuration in this file: add a [tool.fitness] table "
            "(the pyproject.toml layout), or put the keys at the top of the file, such as "
            "source_roots and [rules.<id>] tables (the fitness.toml layout)"
        )
        raise InvalidConfig([Problem(shown, 1, (), message)])
    data: object = document
    for key in prefix:
        data = data.get(key, {}) if isinstance(data, dict) else {}
    source = ConfigSource.from_text(shown, text, prefix, path.name)
    problems = Problems(source)
    if not isinstance(data, dict):
        problems.add((), "expected a table")
        data = {}
    config = _config(Table(data, (), problems), source, path, parsers, (tree, applies_to or tree))
    pythons = project_pythons(path, document, tree)
    active = tuple(r for r in config.rules if r.python is None or holds(r.python, pythons))
    dormant = tuple(r for r in config.rules if r not in active)
    return config._replace(rules=active, python=pythons, dormant=dormant), problems


def _config(
    top: Table,
    source: ConfigSource,
    path: Path,
    parsers: Mapping[str, ParamsParser],
    trees: tuple[Tree, Tree],
) -> Config:
    roots = top.strings("source_roots")
    if top.empty_list("source_roots"):
        top.problem("source_roots", "must list at least one directory")
    exclude = tuple(text for text, _ in top.strings("exclude"))
    respect_gitignore = top.boolean("respect_gitignore", True)
    cache_dir = top.string("cache_dir") or ".fitness_cache"
    baseline = top.string("baseline")
    if baseline is not None and not baseline.strip():
        top.problem("baseline", "must name a file, relative to the project root")
    adr_table = top.table("adr")
    adr = adr_settings(adr_table) if adr_table else AdrSettings(None, False, False)
    exceptions_table = top.table("exceptions")
    exceptions = ExceptionRules()
    if exceptions_table is not None:
        from fitness.config.exceptions import exception_rules

        exceptions = exception_rules(exceptions_table)
    defaults = {key: top.choice(key, IMPORT_MODES, "check") for key in RULE_DEFAULTS}
    tree, applies_to = trees  # where the configuration is read, and the one it judges
    packs = PackRules(path.parent, defaults, tree)
    project_root = _project_root(path, top.string("root"), applies_to)
    packs.follow(top, path)
    rules_table = top.table("rules", defaults)
    rules = build_rules(rules_table, packs.rules, parsers)
    if rules.defined == 0 and not packs.named:
        # A pack that failed to load, or holds no rules, is a problem of its own.
        if rules_table is None and not top.has("rules"):
            top.problem(None, _no_rules(source.prefix, parsers))
        elif rules_table is not None and rules_table.is_empty():
            top.problem("rules", _no_rules(source.prefix, parsers))
    elif rules.defined and len(rules.off) == rules.defined:
        top.problem(
            None,
            "every rule is switched off (enabled = false), so nothing would be checked",
        )
    top.finish()
    if top.has("root") and not applies_to.is_dir(str(project_root)):
        top.problem("root", f"'{top.string('root')}' is not a directory")
    for root, where in roots:
        if not applies_to.is_dir(str(project_root / root)):
            top.problems.add(where, f"source root '{root}' is not a directory")
    if adr.dir is not None and not applies_to.is_dir(str(project_root / adr.dir)):
        top.problems.add(("adr", "dir"), f"ADR directory '{adr.dir}' is not a directory")
    return Config(
        source=source,
        path=path,
        project_root=project_root,
        source_roots=tuple(root for root, _ in roots) or None,
        exclude=exclude,
        respect_gitignore=respect_gitignore,
        cache_dir=cache_dir,
        adr=adr,
        rules=rules.rules,
        disabled=rules.off,
        baseline=baseline or None,
        exceptions=exceptions,
    )


def _project_root(path: Path, root: str | None, tree: Tree) -> Path:
    """The directory the configuration's paths are relative to, and the cache's home.

    `root`, relative to the configuration file, when the file says; else the file's
    directory when it holds `pyproject.toml` or `.git`, else the nearest directory
    above that does (`--config ci/fitness.toml` checks the repository, not `ci/`),
    else the file's directory.
    """
    if root is not None:
        return Path(os.path.normpath(path.parent / root))
    here = path.parent.absolute()
    for directory in (here, *here.parents):
        marks = (str(directory / "pyproject.toml"), str(directory / ".git"))
        if tree.is_file(marks[0]) or tree.is_file(marks[1]) or tree.is_dir(marks[1]):
            if directory == here:
                return path.parent
            return directory if path.is_absolute() else Path(os.path.relpath(directory))
    return path.parent


def project_pythons(path: Path, document: Mapping[str, object], tree: Tree) -> Supported:
    """The Pythons the project supports, from its pyproject.toml (`path`'s, or beside it)."""
    if path.name != "pyproject.toml":
        beside = path.parent / "pyproject.toml"
        if not tree.is_file(str(beside)):
            return Supported()
        read = read_toml(beside, display(beside), tree)
        if isinstance(read, Problem):
            return Supported()  # a pyproject.toml fitness does not read is not its to judge
        document = read[1]
    project = document.get("project")
    if isinstance(project, dict) and "requires-python" in project:
        return supported(project["requires-python"], "project.requires-python")
    poetry: object = document.get("tool")
    for key in ("poetry", "dependencies"):
        poetry = poetry.get(key) if isinstance(poetry, dict) else None
    if isinstance(poetry, dict) and "python" in poetry:
        return supported(poetry["python"], "tool.poetry.dependencies.python")
    return Supported()


def _layout(path: Path, document: Mapping[str, object]) -> KeyPath | None:
    """Where the fitness keys are: `[tool.fitness]` if the file has it, else the top level.

    Whatever the file's name, so `--config` takes any file. A file with neither
    (a pyproject.toml without `[tool.fitness]`) is None: its `[project]` and
    other tables must not be read as fitness keys.
    """
    tool = document.get("tool")
    if isinstance(tool, dict) and "fitness" in tool:
        return ("tool", "fitness")
    if path.name == "fitness.toml" or any(key in document for key in _TOP_LEVEL_KEYS):
        return ()
    return None


def _no_rules(prefix: KeyPath, parsers: Mapping[str, ParamsParser]) -> str:
    header = ".".join([*(str(part) for part in prefix), "rules", "<id>"])
    return (
        f"no rules configured, so nothing would be checked: add a [{header}] table with a "
        f"kind (one of: {', '.join(sorted(parsers))}); the README describes each kind"
    )


def has_configuration(path: Path, tree: Tree = WORK) -> bool:
    """Whether `path` in `tree` is a configuration: a file, and if a pyproject.toml, one with
    fitness.

    What `--since REV` and `--config-from REV` ask of REV's file: a project that
    adopts fitness has a pyproject.toml before it has a `[tool.fitness]` table.
    """
    if not tree.is_file(str(path)):
        return False
    return path.name != "pyproject.toml" or _has_fitness_table(path, tree)


def _has_fitness_table(path: Path, tree: Tree) -> bool:
    try:
        text = read_text(tree, str(path))
    except (OSError, UnicodeDecodeError):
        return False
    # A cheap look before a full parse; a false positive only costs the parse.
    return re.search(r"^\s*\[\s*tool\s*\.\s*fitness\s*[\].]", text, re.MULTILINE) is not None
