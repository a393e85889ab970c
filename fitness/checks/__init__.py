"""The built-in rule kinds, one module each, registered here by name."""

from __future__ import annotations

from typing import Any

from fitness.checks.acyclic import Acyclic
from fitness.checks.allowed import Allowed
from fitness.checks.banned_api import BannedApi
from fitness.checks.base import CheckContext, RuleKind
from fitness.checks.forbidden import Forbidden
from fitness.checks.independence import Independence
from fitness.checks.layers import Layers
from fitness.checks.protected import Protected

KINDS: dict[str, RuleKind[Any]] = {
    "acyclic": Acyclic(),
    "allowed": Allowed(),
    "banned-api": BannedApi(),
    "forbidden": Forbidden(),
    "independence": Independence(),
    "layers": Layers(),
    "protected": Protected(),
}

__all__ = ["KINDS", "CheckContext", "RuleKind"]
