"""A progress bar for long parses, on a terminal only."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

# Fewer files than this parse too quickly for a bar to help.
_WORTH_A_BAR = 200


class _Bar:
    """click's progress bar on stderr, started only when enough files need parsing."""

    def __init__(self) -> None:
        self._bar: Any = None

    def start(self, total: int) -> None:
        if total >= _WORTH_A_BAR:
            self._bar = click.progressbar(length=total, label="Parsing", file=sys.stderr)
            self._bar.__enter__()

    def advance(self) -> None:
        if self._bar is not None:
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
