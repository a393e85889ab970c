"""What a run of `fitness check` is asked to do."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from fitness.model import (
    BUILT_IN_KINDS,
)
from fitness.parsing.collect import Progress

BUILT_IN_IDS = tuple(kind.id for kind in BUILT_IN_KINDS)


class CheckOptions(NamedTuple):
    """What `fitness check` was asked to do."""

    cwd: Path
    config: Path | None = None
    fail_on: str = "error"
    cache: bool = True
    jobs: int = 1
    progress: Progress | None = None
    paths: tuple[Path, ...] = ()  # report only findings in these files or directories
    select: tuple[str, ...] = ()  # run only these rules
    ignore: tuple[str, ...] = ()  # skip these rules
    baseline: Path | None = None  # default: .fitness-baseline.json in the project root, if any
    use_baseline: bool = True
    strict_baseline: bool = False  # fail when baseline entries are fixed
    since: str | None = None  # report only findings that were not there at this git revision
    facts_from: Path | None = None  # read this cache directory, write none (`--since`'s tree)
    cache_dir: Path | None = None  # the cache's directory, instead of the configured cache_dir
    config_from: str | None = None  # judge by the configuration at this git revision
    fresh_cache: bool = False  # --no-cache: read no cache; rewrite it with what this run finds
    ci: bool = False  # in CI (`--ci`, `CI=true`): a baseline the configuration names must exist
    today: str | None = None  # the day exceptions expire against (ISO); None: `clock.today()`
    # Gather lines of code, classes and functions whatever the rules read (`fitness metrics`
    # and `fitness history` read them after the run, from the facts it cached).
    measured: bool = False
