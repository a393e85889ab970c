"""`protected`'s `public` entries: relative to each protected module, or in full under it."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING

from fitness.config.source import Where
from fitness.model.expressions import within
from fitness.suggest import close_match

if TYPE_CHECKING:
    from fitness.checks.protected import ProtectedParams


def relative_to(root: str, entries: Iterable[str]) -> tuple[str, ...]:
    """Each entry relative to the protected module `root`: `shop.billing.api` is `api`."""
    return tuple(
        entry[len(root) + 1 :] if entry.startswith(root + ".") else entry for entry in entries
    )


def public_problems(
    params: ProtectedParams, modules: Collection[str]
) -> Iterator[tuple[Where, str]]:
    """Each entry that names nothing under any protected module the rule names in full.

    An entry is a submodule (`api`, `shop.billing.api`) or a name the module's
    `__init__` defines (`charge`): one segment after the protected module is
    taken as such a name, unchecked; more segments must be a module (or a
    package's module) under it. Wildcard protected modules are not judged.
    """
    roots = [
        ref.expr.text
        for ref in params.modules
        if not ref.expr.has_wildcard and ref.expr.text in modules
    ]
    if not roots:
        return
    for entry, where in zip(params.public, params.public_at):
        if any(_names_something(root, entry, modules) for root in roots):
            continue
        yield where, _nothing(entry, roots, modules)


def _names_something(root: str, entry: str, modules: Collection[str]) -> bool:
    (relative,) = relative_to(root, [entry])
    target = f"{root}.{relative}"
    return "." not in relative or any(within(name, target) for name in modules)


def _nothing(entry: str, roots: list[str], modules: Collection[str]) -> str:
    under = " or ".join(roots)
    full = entry.split(".")[0] == roots[0].split(".")[0]
    candidates = [
        name if full else name[len(root) + 1 :]
        for root in roots
        for name in modules
        if name.startswith(root + ".")
    ]
    # `billing.api` for `g.billing`: written from an ancestor, not from the module.
    tail = [name for name in sorted(candidates) if entry.endswith("." + name)]
    close = tail[0] if tail else close_match(entry, candidates)
    hint = f" (did you mean '{close}'?)" if close is not None else ""
    return (
        f"'{entry}' names nothing under {under}: a public entry is a submodule or a name of "
        f"the protected module, relative to it ('api') or in full ('{roots[0]}.api'){hint}"
    )
