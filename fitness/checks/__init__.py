"""The built-in rule kinds, one module each, registered here by name.

A kind's module is imported the first time the kind is looked up, so a run
imports only the kinds its configuration uses (each costs start-up time). A
name no built-in kind has is looked up among the plugins' kinds (the
`fitness.kinds` entry-point group, `fitness.checks.plugins`): only then are the
installed distributions scanned.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from fitness.checks.base import CheckContext, RuleKind

# name -> (module under fitness.checks, class)
_REGISTRY = {
    "acyclic": ("acyclic", "Acyclic"),
    "allowed": ("allowed", "Allowed"),
    "banned-api": ("banned_api", "BannedApi"),
    "classes": ("classes", "Classes"),
    "dependencies": ("dependencies", "Dependencies"),
    "forbidden": ("forbidden", "Forbidden"),
    "independence": ("independence", "Independence"),
    "layers": ("layers", "Layers"),
    "metrics": ("metrics", "MetricsKind"),
    "protected": ("protected", "Protected"),
}


class _Kinds(Mapping[str, RuleKind[Any]]):
    """Every built-in kind by name; iterating lists the names without importing any kind."""

    def __init__(self) -> None:
        self._loaded: dict[str, RuleKind[Any]] = {}
        # name -> (distribution, version) of each plugin kind looked up so far
        self.plugins: dict[str, tuple[str, str]] = {}

    def __getitem__(self, name: str) -> RuleKind[Any]:
        kind = self._loaded.get(name)
        if kind is None:
            if name in _REGISTRY:
                module, cls = _REGISTRY[name]
                kind = getattr(importlib.import_module(f"fitness.checks.{module}"), cls)()
            else:
                kind = self._plugin(name)
            self._loaded[name] = kind
        return kind

    def __iter__(self) -> Iterator[str]:
        """The built-in kinds, then the plugin kinds looked up so far."""
        return iter([*_REGISTRY, *self.plugins])

    def __len__(self) -> int:
        return len(_REGISTRY) + len(self.plugins)

    def _plugin(self, name: str) -> RuleKind[Any]:
        from fitness.checks.plugins import load

        found = load(name, _REGISTRY)
        if found is None:
            raise KeyError(name)
        kind: RuleKind[Any] = found[0]
        self.plugins[name] = (found[1].distribution, found[1].version)
        return kind


class _Parsers(Mapping[str, Any]):
    """Each kind's `parse`, looked up (and its module imported) only for kinds in use."""

    def __getitem__(self, name: str) -> Any:
        return KINDS[name].parse

    def __iter__(self) -> Iterator[str]:
        return iter(KINDS)

    def __len__(self) -> int:
        return len(KINDS)


def plugin_versions(kinds: Iterable[str]) -> tuple[tuple[str, str, str], ...]:
    """(kind, distribution, version) of each plugin kind among `kinds`, sorted: what the
    findings of rules of those kinds depend on besides fitness itself (the reuse key)."""
    return tuple(sorted({(k, *_KINDS.plugins[k]) for k in kinds if k in _KINDS.plugins}))


_KINDS = _Kinds()
KINDS: Mapping[str, RuleKind[Any]] = _KINDS
PARSERS: Mapping[str, Any] = _Parsers()

__all__ = ["KINDS", "PARSERS", "CheckContext", "RuleKind", "plugin_versions"]
