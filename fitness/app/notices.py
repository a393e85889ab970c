"""The run-level notices the app layer decides on, worded once for every reporter."""

from __future__ import annotations

from collections.abc import Sequence

from fitness.model import BaselineEntry, Notice, Severity


def no_configuration_since(revision: str, name: str) -> Notice:
    """`--since REV` where REV has no fitness configuration: nothing was there before."""
    return Notice(
        "since-without-configuration",
        Severity.NOTE,
        f"--since {revision}: {name} has no fitness configuration at {revision}, "
        "so nothing was checked there and every finding is new",
    )


def no_configuration_from(revision: str, name: str) -> Notice:
    """`--config-from REV` where REV has no fitness configuration: the change's own judges."""
    return Notice(
        "config-from-without-configuration",
        Severity.WARNING,
        f"--config-from {revision}: {name} has no fitness configuration at {revision}, "
        f"so this change is judged by its own {name}",
    )


def followed_rename(revision: str, old: str, new: str) -> Notice:
    """A module REV's configuration names, renamed by the change: checked as its new name."""
    return Notice(
        "rename-followed",
        Severity.NOTE,
        f"--config-from {revision}: the configuration names {old}, which this change "
        f"renames to {new}; its rules check {new}",
    )


def baseline_not_read(path: str) -> Notice:
    """`--no-baseline`: the baseline file exists but this run does not read it."""
    return Notice(
        "baseline-not-read",
        Severity.NOTE,
        f"--no-baseline: {path} is not read, so every finding counts",
        path,
    )


def fixed_entries(stale: Sequence[BaselineEntry], strict: bool, path: str) -> Notice | None:
    """The baseline entries no finding matched; an error under `--strict-baseline`."""
    if not stale:
        return None
    count = sum(entry.occurrences for entry in stale)
    entries = "baseline entry is" if count == 1 else "baseline entries are"
    return Notice(
        "baseline-entries-fixed",
        Severity.ERROR if strict else Severity.NOTE,
        f"{count} {entries} fixed: run `fitness baseline --prune`",
        path,
        None,
        tuple(f"{entry.rule}: {entry.summary} ({entry.path})" for entry in stale),
    )


def version_1_baseline(entries: Sequence[BaselineEntry] | None, path: str) -> Notice | None:
    """A baseline of the first version: it knows pairs of modules, not their imports."""
    if not entries or all(entry.imports is not None for entry in entries):
        return None
    return Notice(
        "baseline-version-1",
        Severity.WARNING,
        f"{path} is a version 1 baseline: it knows pairs of modules, not the imports between "
        "them, so a new import between a pair it lists is not caught. Rewrite it with "
        "`fitness baseline --prune` (keeps its entries, adds the imports they use now)",
        path,
    )


def skipped_directory(path: str, why: str) -> Notice:
    """A directory of Python files left out: untracked by a heuristic, or a link outside."""
    return Notice(
        "directory-skipped",
        Severity.NOTE,
        f"{path} is not checked: {why}; its Python files are not modules of the project",
        path,
    )


def unread_python(problem: str) -> Notice:
    """A requires-python fitness cannot read: the rules with `python` assume 3.9 or later."""
    return Notice("requires-python-unread", Severity.WARNING, problem, "pyproject.toml")
