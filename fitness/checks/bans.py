"""What the configured rules ask extraction to look for beyond imports."""

from __future__ import annotations

from collections.abc import Iterable

from fitness.config.schema import Rule
from fitness.model import NO_BANS, Bans


def configured_bans(rules: Iterable[Rule], project: frozenset[str] = frozenset()) -> Bans:
    """The module roots and builtins that the `banned-api` rules among `rules` name.

    A builtin ban adds the root `builtins` too, so `import builtins` and
    `builtins.eval(x)` are followed as well as `eval(x)`. A ban under one of
    the `project`'s own top-level packages adds the root `.`: relative imports
    (`from ..infra import db`) are followed too, and resolved when checked.
    """
    banning = [rule for rule in rules if rule.kind == "banned-api"]
    if not banning:
        return NO_BANS
    from fitness.checks.banned_api import BannedApiParams  # only when a rule bans something

    roots: set[str] = set()
    names: set[str] = set()
    for rule in banning:
        if not isinstance(rule.params, BannedApiParams):
            continue
        for entry in rule.params.apis:
            roots.add(entry.name.root)
            if entry.name.builtin is not None:
                names.add(entry.name.builtin)
    if not roots:
        return NO_BANS
    if roots & project:
        roots.add(".")
    return Bans(frozenset(roots), frozenset(names))
