"""Turn an import as written into the module it refers to."""

from __future__ import annotations

from collections.abc import Collection

from fitness.model import RawImport


def resolve(
    raw: RawImport, importer: str, is_package: bool, internal: Collection[str]
) -> list[tuple[str, bool]]:
    """The targets of one import as (name, external) pairs; empty if it cannot be resolved.

    Internal targets are trimmed to the deepest module that exists, so
    `from shop.domain.order import Order` targets `shop.domain.order`;
    external ones keep the whole dotted name, `sqlalchemy.orm.Session`.
    """
    base = _absolute(raw, importer, is_package)
    if base is None:
        return []
    if not raw.names or raw.names == ("*",):
        return [_target(base, internal)]
    targets: list[tuple[str, bool]] = []
    for name in raw.names:
        candidate = f"{base}.{name}" if base else name
        target = _target(candidate, internal)
        if target not in targets:
            targets.append(target)
    return targets


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
