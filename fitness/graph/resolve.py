"""Turn an import as written into the module it refers to."""

from __future__ import annotations

from collections.abc import Collection

from fitness.model import RawImport


def resolve(
    raw: RawImport,
    importer: str,
    is_package: bool,
    internal: Collection[str],
    targets: Targets | None = None,
) -> list[tuple[str, bool]]:
    """The targets of one import as (name, external) pairs; empty if it cannot be resolved.

    Internal targets are trimmed to the deepest module that exists, so
    `from shop.domain.order import Order` targets `shop.domain.order`;
    external ones keep the whole dotted name, `sqlalchemy.orm.Session`.
    `targets`, made from the same `internal`, remembers names across calls.
    """
    base = _absolute(raw, importer, is_package)
    if base is None:
        return []
    if targets is None:
        targets = Targets(internal)
    if not raw.names or raw.names == ("*",):
        return [targets.of(base)]
    found: list[tuple[str, bool]] = []
    for name in raw.names:
        target = targets.of(f"{base}.{name}" if base else name)
        if target not in found:
            found.append(target)
    return found


class Targets:
    """The target of each dotted name, as (name, external), among one set of internal modules.

    Each name is worked out once: files import the same names over and over
    (Django's imports name 6,159 candidates, 2,273 of them distinct).
    """

    def __init__(self, internal: Collection[str]) -> None:
        self._internal = internal
        self._known: dict[str, tuple[str, bool]] = {}

    def of(self, name: str) -> tuple[str, bool]:
        known = self._known.get(name)
        if known is None:
            known = self._known[name] = _target(name, self._internal)
        return known


def _absolute(raw: RawImport, importer: str, is_package: bool) -> str | None:
    if raw.level == 0:
        return raw.module
    package = importer.split(".") if is_package else importer.split(".")[:-1]
    keep = len(package) - (raw.level - 1)
    if keep <= 0:
        return None  # beyond the top-level package
    return ".".join([*package[:keep], *([raw.module] if raw.module else [])])


def _target(name: str, internal: Collection[str]) -> tuple[str, bool]:
    parts = name.split(".")
    if parts[0] not in internal:
        return name, True
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in internal:
            return prefix, False
    return parts[0], False
