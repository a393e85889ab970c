"""What the configured rules ask extraction to look for beyond imports."""

from __future__ import annotations

from collections.abc import Iterable

from fitness.config.schema import Rule
from fitness.model import NO_BANS, UNMEASURED, Bans

# The built-in kinds that read only imports, uses and comments: a run whose rules are all
# of these gathers no lines of code, classes or functions (`Bans.measures`). A plugin's
# kind may read anything.
_UNMEASURING = frozenset(
    ("acyclic", "allowed", "banned-api", "dependencies", "forbidden", "independence")
).union(("layers", "protected"))


def configured_bans(rules: Iterable[Rule], project: frozenset[str] = frozenset()) -> Bans:
    """The module roots and builtins that the `banned-api` rules among `rules` name, and
    whether any rule reads the sections the metrics read.

    A builtin ban adds the root `builtins` too, so `import builtins` and
    `builtins.eval(x)` are followed as well as `eval(x)`. A ban under one of
    the `project`'s own top-level packages adds the root `.`: relative imports
    (`from ..infra import db`) are followed too, and resolved when checked.
    """
    rules = list(rules)
    measures = any(rule.kind not in _UNMEASURING for rule in rules)
    banning = [rule for rule in rules if rule.kind == "banned-api"]
    if not banning:
        return NO_BANS if measures else UNMEASURED
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
        return NO_BANS if measures else UNMEASURED
    if roots & project:
        roots.add(".")
    return Bans(frozenset(roots), frozenset(names), measures)
