"""Rule kinds of other distributions, found through the `fitness.kinds` entry-point group.

Only a name that no built-in kind has is looked up here, so a run whose rules
use built-in kinds alone never scans the installed distributions (the scan
reads every distribution's metadata: milliseconds that a warm run cannot
spare). A plugin that cannot be used raises `PluginError` naming its
distribution and version (flake8's plugin finder does the same).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, NamedTuple

from fitness.errors import PluginError

GROUP = "fitness.kinds"

# What an object must offer to be a rule kind (fitness.checks.base.RuleKind).
_MEMBERS = ("description", "keys", "examples", "parse", "summary", "check")


class Declared(NamedTuple):
    """One entry point of the group: the kind's name, `module:attribute`, its distribution."""

    name: str
    value: str
    distribution: str
    version: str

    @property
    def origin(self) -> str:
        """`fitness-tested-handlers 0.1.0 (tested-handlers = pkg.kind:TestedHandlers)`."""
        return f"{self.distribution} {self.version} ({self.name} = {self.value})"


def declared() -> list[Declared]:
    """Every kind the installed distributions declare, each distribution once (the first
    on the path, as imports would find it), sorted by name then distribution."""
    from importlib.metadata import distributions

    found: list[Declared] = []
    seen: set[str] = set()
    for dist in distributions():
        name = dist.metadata["Name"] or "?"
        normal = name.lower().replace("_", "-").replace(".", "-")
        if normal in seen:
            continue
        seen.add(normal)
        for point in dist.entry_points:
            if point.group == GROUP:
                found.append(Declared(point.name, point.value, name, dist.version))
    return sorted(found)


def load(name: str, built_in: Collection[str]) -> tuple[Any, Declared] | None:
    """The kind `name` that a plugin declares, with where it comes from; None if none does.

    Raises `PluginError` when the plugins cannot be trusted to mean one thing by
    `name`: a plugin declares a built-in kind's name, two declare `name`, or
    the one that declares it fails to import or gives no rule kind.
    """
    points = declared()
    for point in points:
        if point.name in built_in:
            raise PluginError(
                f"plugin {point.origin} declares the rule kind '{point.name}', "
                "which is a built-in kind's name: rename it in the plugin's entry points"
            )
    mine = [point for point in points if point.name == name]
    if not mine:
        return None
    if len(mine) > 1:
        listed = " and ".join(point.origin for point in mine)
        raise PluginError(
            f"the rule kind '{name}' is declared by more than one plugin: {listed}; "
            "uninstall one of them"
        )
    (point,) = mine
    return _instance(point), point


def _instance(point: Declared) -> Any:
    module, _, attribute = point.value.partition(":")
    try:
        import importlib

        found: Any = importlib.import_module(module.strip())
        for part in attribute.strip().split(".") if attribute.strip() else ():
            found = getattr(found, part)
        kind = found() if isinstance(found, type) else found
    except Exception as error:  # a plugin's own failure, whatever it is, names the plugin
        raise PluginError(
            f"plugin {point.origin} failed to load: {type(error).__name__}: {error}"
        ) from error
    missing = [member for member in _MEMBERS if not hasattr(kind, member)]
    if missing:
        raise PluginError(
            f"plugin {point.origin} gives {type(kind).__name__!r}, which is no rule kind: "
            f"it lacks {', '.join(missing)} (see fitness.api.RuleKind)"
        )
    return kind
