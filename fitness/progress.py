"""A progress bar for long parses, on a terminal only."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any

import click

# A parse that ends sooner than this needs no bar; one that goes on gets one.
_WORTH_A_BAR = 1.0


class _Bar:
    """click's progress bar on stderr, shown once parsing has taken about a second."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self._clock = clock
        self._bar: Any = None
        self._started = 0.0
        self._total = 0
        self._done = 0

    def start(self, total: int) -> None:
        self._started = self._clock()
        self._total = total
        self._done = 0

    def advance(self) -> None:
        self._done += 1
        if self._bar is None and self._clock() - self._started >= _WORTH_A_BAR:
            self._bar = click.progressbar(length=self._total, label="Parsing", file=sys.stderr)
            self._bar.__enter__()
            self._bar.update(self._done)
        elif self._bar is not None:
            self._bar.update(1)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def progress_bar() -> _Bar | None:
    """A bar when stderr is a terminal outside CI; None when piped, redirected or in CI."""
    if os.environ.get("CI") or not sys.stderr.isatty():
        return None
    return _Bar()
