"""Find the configuration file, read its TOML, and validate it into a `Config`."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from fitness.config.schema import (
    IMPORT_MODES,
    RULE_DEFAULTS,
    AdrSettings,
    Config,
    ParamsParser,
    Rule,
)
from fitness.config.source import ConfigSource, KeyPath, Problems
from fitness.config.suggest import did_you_mean
from fitness.config.table import Table
from fitness.errors import ConfigError
from fitness.model import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

_RULE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_COMMON_KEYS = ("kind", "severity", "adr", "message", "include", "exclude")
# The keys `_config` reads: a file that has one of them at its top, and no
# `[tool.fitness]` table, is in the fitness.toml layout.
_TOP_LEVEL_KEYS = (
    "source_roots",
    "exclude",
    "respect_gitignore",
    "cache_dir",
    "adr",
    "rules",
    *RULE_DEFAULTS,
)


def find_config(start: Path) -> Path:
    """The nearest `fitness.toml`, or `pyproject.toml` with `[tool.fitness]`, from `start` up."""
    for directory in (start, *start.parents):
        candidate = directory / "fitness.toml"
        if candidate.is_file():
            return candidate
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and _has_fitness_table(candidate):
            return candidate
    raise ConfigError(
        [
            f"no configuration found in {start} or its parents: "
            "add a [tool.fitness] table to pyproject.toml, or create fitness.toml"
        ]
    )


def load_config(path: Path, parsers: Mapping[str, ParamsParser]) -> tuple[Config, Problems]:
    """Validate the configuration at `path`; rule parameters are parsed by `parsers[kind]`.

    Returns the config with every valid rule, and the problems found so far,
    so that later checks (module names) can add theirs before anything fails.
    """
    display = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{display}: cannot read: {exc}"]) from exc
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([_toml_error(display, text, exc)]) from exc
    prefix = _layout(path, document)
    if prefix is None:
        raise ConfigError(
            [
                f"{display}: no fitness configuration in this file: add a [tool.fitness] table "
                "(the pyproject.toml layout), or put the keys at the top of the file, such as "
                "source_roots and [rules.<id>] tables (the fitness.toml layout)"
            ]
        )
    data: object = document
    for key in prefix:
        data = data.get(key, {}) if isinstance(data, dict) else {}
    source = ConfigSource.from_text(display, text, prefix)
    problems = Problems(source)
    if not isinstance(data, dict):
        problems.add((), "expected a table")
        data = {}
    config = _config(Table(data, (), problems), source, path, parsers)
    return config, problems


def _config(
    top: Table, source: ConfigSource, path: Path, parsers: Mapping[str, ParamsParser]
) -> Config:
    roots = top.strings("source_roots")
    if top.empty_list("source_roots"):
        top.problem("source_roots", "must list at least one directory")
    exclude = tuple(text for text, _ in top.strings("exclude"))
    respect_gitignore = top.boolean("respect_gitignore", True)
    cache_dir = top.string("cache_dir") or ".fitness_cache"
    adr_table = top.table("adr")
    adr = _adr(adr_table) if adr_table else AdrSettings(None, False, False)
    defaults = {key: top.choice(key, IMPORT_MODES, "check") for key in RULE_DEFAULTS}
    rules_table = top.table("rules", defaults)
    rules = tuple(_rules(rules_table, parsers)) if rules_table else ()
    if rules_table is None and not top.has("rules"):
        top.problem(None, _no_rules(source.prefix, parsers))
    elif rules_table is not None and rules_table.is_empty():
        top.problem("rules", _no_rules(source.prefix, parsers))
    top.finish()
    project_root = path.parent
    for root, where in roots:
        if not (project_root / root).is_dir():
            top.problems.add(where, f"source root '{root}' is not a directory")
    return Config(
        source=source,
        path=path,
        project_root=project_root,
        source_roots=tuple(root for root, _ in roots) or None,
        exclude=exclude,
        respect_gitignore=respect_gitignore,
        cache_dir=cache_dir,
        adr=adr,
        rules=rules,
    )


def _adr(table: Table) -> AdrSettings:
    settings = AdrSettings(
        dir=table.string("dir"),
        require_for_rules=table.boolean("require_for_rules", False),
        require_for_suppressions=table.boolean("require_for_suppressions", False),
    )
    table.finish()
    return settings


def _rules(rules: Table, parsers: Mapping[str, ParamsParser]) -> list[Rule]:
    found = []
    for rule_id, table in rules.tables():
        if table is None:
            continue
        if not _RULE_ID.fullmatch(rule_id):
            rules.problem(
                rule_id,
                f"'{rule_id}' is not a valid rule id: use letters, digits, '-' and '_', "
                "starting with a letter",
            )
        rule = _rule(rule_id, table, parsers)
        table.finish()
        if rule is not None and _RULE_ID.fullmatch(rule_id):
            found.append(rule)
    return found


def _rule(rule_id: str, table: Table, parsers: Mapping[str, ParamsParser]) -> Rule | None:
    kind = table.string("kind", required=True)
    severity = Severity(table.choice("severity", [s.value for s in Severity], "error"))
    adr = table.string("adr")
    message = table.string("message")
    include = table.modules("include", internal=True)
    exclude = table.modules("exclude", internal=True)
    parser = None if kind is None else parsers.get(kind)
    if kind is None or parser is None:
        if kind is not None:
            known = ", ".join(sorted(parsers))
            hint = did_you_mean(kind, parsers)
            table.problem("kind", f"unknown rule kind '{kind}'{hint}; known kinds: {known}")
        table.skip_rest()  # without a kind, the other keys cannot be judged
        return None
    params = parser(table)
    return Rule(rule_id, kind, severity, adr, message, include, exclude, params, table.path)


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


def _has_fitness_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    # A cheap look before a full parse; a false positive only costs the parse.
    return re.search(r"^\s*\[\s*tool\s*\.\s*fitness\s*[\].]", text, re.MULTILINE) is not None


def _toml_error(display: str, text: str, exc: tomllib.TOMLDecodeError) -> str:
    message = str(exc)
    place = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    if place is not None:
        line, column = int(place[1]), int(place[2])
    elif message.endswith(" (at end of document)"):
        place = re.search(r" \(at end of document\)$", message)
        lines = text.split("\n")
        line, column = len(lines), len(lines[-1]) + 1
    if place is None:
        return f"{display}: invalid TOML: {message}"
    return f"{display}:{line}:{column}: invalid TOML: {message[: place.start()]}"


def _display(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("..") else str(path)
