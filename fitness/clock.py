"""How long the user has been waiting: seconds since this process started."""

from __future__ import annotations

import os
import time

_IMPORTED = time.perf_counter()


def since_start() -> float:
    """Seconds since the interpreter started, as the kernel counts it where it can tell.

    The interpreter's own start-up and imports come before any code of ours runs,
    and the user waited for them too. Elsewhere: since this module was imported.
    """
    started = _process_age()
    if started is not None:
        return started
    return time.perf_counter() - _IMPORTED


def _process_age() -> float | None:
    if not hasattr(time, "CLOCK_BOOTTIME"):
        return None
    try:
        with open("/proc/self/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        # Field 22 of stat(5), the 20th after the command name: start time in ticks since boot.
        started = int(fields[19]) / ticks
    except (OSError, ValueError, IndexError):
        return None
    age = time.clock_gettime(time.CLOCK_BOOTTIME) - started
    return age if age >= 0 else None
