"""What the command line's flags mean together, before a run starts."""

from __future__ import annotations

import os
from pathlib import Path

from fitness.errors import UsageError


def check_baseline_flags(baseline: Path | None, no_baseline: bool, strict: bool) -> None:
    """UsageError for baseline flags that contradict each other, or a baseline not there."""
    if no_baseline and (baseline is not None or strict):
        given = "--baseline" if baseline is not None else "--strict-baseline"
        raise UsageError(f"--no-baseline reads no baseline: it cannot be given with {given}")
    if baseline is not None and not baseline.is_file():
        raise UsageError(f"--baseline {baseline}: no such file (write one with `fitness baseline`)")


def usable_cpus() -> int:
    """The CPUs this process may run on (a container or `taskset` may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1
