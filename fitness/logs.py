"""Loggers that leave `logging` unimported until it can matter.

Importing `logging` (with the `traceback` it pulls in and the regular
expressions it compiles) costs about 2.5 ms, a few per cent of a warm run,
which logs nothing unless `--debug` set logging up. A debug record can only be shown by a handler
someone configured, and configuring one imports `logging`; so until then a
debug call here does nothing. Warnings always go through `logging`, whose
last-resort handler prints them on stderr.
"""

from __future__ import annotations

import sys


class Logger:
    """The `debug` and `warning` of `logging.getLogger(name)`, imported on first real use."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def debug(self, message: str, *args: object) -> None:
        if "logging" in sys.modules:
            import logging

            logging.getLogger(self.name).debug(message, *args)

    def warning(self, message: str, *args: object) -> None:
        import logging

        logging.getLogger(self.name).warning(message, *args)
