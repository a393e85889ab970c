"""Check that the modules a rule names exist, once the source roots have been read."""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterable

from fitness.config.schema import Config
from fitness.config.source import Problems
from fitness.config.suggest import did_you_mean
from fitness.config.table import ModuleRef

_STDLIB: frozenset[str] = frozenset(getattr(sys, "stdlib_module_names", ()))


def check_modules(config: Config, internal: Collection[str], problems: Problems) -> None:
    """Report each module expression that matches nothing under the source roots.

    A name whose first segment is not one of the project's top-level packages is
    taken as third-party (it need not be installed), unless it looks like a typo
    of one of them.
    """
    tops = {name.split(".")[0] for name in internal}
    for rule in config.rules:
        for ref in _refs(rule.include, rule.exclude, rule.params.module_refs()):
            message = _problem(ref, internal, tops)
            if message is not None:
                problems.add(ref.where, message)


def _refs(*groups: Iterable[ModuleRef]) -> Iterable[ModuleRef]:
    for group in groups:
        yield from group


def _problem(ref: ModuleRef, internal: Collection[str], tops: set[str]) -> str | None:
    text = ref.expr.text
    top = text.split(".")[0]
    if top in tops:
        if ref.expr.has_wildcard:
            if any(ref.expr.matches(name) for name in internal):
                return None
            return f"'{text}' matches no module under the source roots"
        if text in internal:
            return None
        return f"no module '{text}' under the source roots{did_you_mean(text, internal)}"
    if "*" in top or top in _STDLIB:
        return None
    if did_you_mean(top, tops, cutoff=0.8):
        hint = did_you_mean(text, internal) or did_you_mean(top, tops)
        return f"no module '{text}' under the source roots{hint}"
    return None
