"""What the configured rules ask extraction to look for beyond imports."""

from __future__ import annotations

from collections.abc import Iterable

from fitness.config.schema import Rule
from fitness.model import NO_BANS, Bans


def configured_bans(rules: Iterable[Rule]) -> Bans:
    """The module roots and builtins that the `banned-api` rules among `rules` name."""
    del rules  # no rule kind bans anything yet
    return NO_BANS
