"""The built-in rule kinds, one module each, registered here by name.

A kind's module is imported the first time the kind is looked up, so a run
imports only the kinds its configuration uses (each costs start-up time).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
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

    def __getitem__(self, name: str) -> RuleKind[Any]:
        kind = self._loaded.get(name)
        if kind is None:
            module, cls = _REGISTRY[name]
            kind = getattr(importlib.import_module(f"fitness.checks.{module}"), cls)()
            self._loaded[name] = kind
        return kind

    def __iter__(self) -> Iterator[str]:
        return iter(_REGISTRY)

    def __len__(self) -> int:
        return len(_REGISTRY)


class _Parsers(Mapping[str, Any]):
    """Each kind's `parse`, looked up (and its module imported) only for kinds in use."""

    def __getitem__(self, name: str) -> Any:
        return KINDS[name].parse

    def __iter__(self) -> Iterator[str]:
        return iter(_REGISTRY)

    def __len__(self) -> int:
        return len(_REGISTRY)


KINDS: Mapping[str, RuleKind[Any]] = _Kinds()
PARSERS: Mapping[str, Any] = _Parsers()

__all__ = ["KINDS", "PARSERS", "CheckContext", "RuleKind"]
