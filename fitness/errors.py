"""The one exception root, and the errors a user can cause."""

from __future__ import annotations

from collections.abc import Sequence


class FitnessError(Exception):
    """Root of every error fitness raises on purpose."""

    exit_code = 3


class UsageError(FitnessError):
    """The command line asked for something that cannot be done."""

    exit_code = 2


class ConfigError(FitnessError):
    """The configuration is invalid; holds every problem found, not just the first."""

    exit_code = 2

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


class PluginError(UsageError):
    """A rule kind from the `fitness.kinds` entry-point group cannot be used: it failed to
    load, is no rule kind, or takes a name another kind has. The message names the
    distribution and its version; a configuration reports it at the rule's `kind`."""
