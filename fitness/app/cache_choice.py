"""Which cache directory a run may read and write, and whether it may read it.

A cache is trusted only where a pull request cannot have put it: not a
directory git tracks (or a tracked symbolic link to one), and not a directory
the configured `cache_dir` leads to outside the project (through `..` or a
link) unless `--cache-dir` names it. `--no-cache` (`fresh_cache`) reads no
cache but writes the one it bypassed, so the next cached run starts from what
it found; `cache=False` (the API's) has no cache at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from fitness.app.options import CheckOptions
from fitness.config.cache_place import cache_place_problem
from fitness.config.schema import Config
from fitness.config.source import Problems
from fitness.errors import UsageError
from fitness.logs import Logger
from fitness.parsing.tracked import tracked_by_git

log = Logger("fitness.cache")


class CacheChoice(NamedTuple):
    """The cache directory (None: none), and whether its contents may be read."""

    directory: Path | None
    read: bool


def choose_cache(
    config: Config, options: CheckOptions, roots: list[str], problems: Problems
) -> CacheChoice:
    """The cache this run may use; a misplaced configured `cache_dir` is added to `problems`."""
    directory = _asked(config, options)
    if directory is None or options.facts_from is not None:
        return CacheChoice(directory, not options.fresh_cache)
    place = cache_place_problem(config.project_root, roots, directory)
    if place is not None and options.cache_dir is not None:
        raise UsageError(f"--cache-dir {options.cache_dir}: {place}")
    if place is not None:
        if not options.fresh_cache:  # --no-cache reads none: it writes one only where it may
            problems.add(("cache_dir",), place)
        return CacheChoice(None, False)
    place_now = directory.resolve()
    # As named (a committed link is tracked), and where it leads (a committed cache
    # reached through a link higher up).
    if tracked_by_git(directory) or (place_now != directory and tracked_by_git(place_now)):
        log.warning(
            "not using the cache in %s: git tracks files in it, and a committed cache "
            "could hide findings (remove it from git: git rm -r --cached %s)",
            directory,
            directory,
        )
        return CacheChoice(None, False)
    if options.cache_dir is None and not place_now.is_relative_to(config.project_root.resolve()):
        log.warning(
            "not using the cache in %s: it leads to %s, outside the project, where a cache "
            "could hide findings (name that directory with --cache-dir to use it)",
            directory,
            place_now,
        )
        return CacheChoice(None, False)
    return CacheChoice(directory, not options.fresh_cache)


def _asked(config: Config, options: CheckOptions) -> Path | None:
    """The cache directory asked for: `--cache-dir`, else `cache_dir` of the configuration."""
    if not options.cache:
        return None
    if options.cache_dir is not None:
        return options.cache_dir.resolve()
    return config.project_root / config.cache_dir
