"""Stable identifiers and labels for a diagram's nodes, derived from the names alone.

An identifier depends on its node's name only, never on the position of the node
in the view, so adding a package leaves every other line of a committed diagram
as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fitness.reporters import neutral
from fitness.views.package_view import PackageView

_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def identifiers(names: Iterable[str], prefix: str = "n_") -> dict[str, str]:
    """`prefix` (`n_` for nodes) and the name with every character other than a letter, digit
    or `_` made `_`; names that collide that way (`a-b`, `a_b`) are told apart by a counter,
    in name order."""
    found: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(names):
        base = prefix + _UNSAFE.sub("_", name)
        chosen, count = base, 1
        while chosen in taken:
            count += 1
            chosen = f"{base}_{count}"
        taken.add(chosen)
        found[name] = chosen
    return found


def label(name: str) -> str:
    """A name as shown: what the repository wrote, made inert (`neutral`)."""
    return neutral.text(name)


def edge_label(imports: int, violations: Iterable[tuple[str, int]]) -> str:
    """`3 imports`, or the rules broken and how many imports break each."""
    broken = [f"{label(rule)}: {count}" for rule, count in violations]
    if broken:
        return ", ".join(broken)
    return f"{imports} import{'' if imports == 1 else 's'}"


def title(view: PackageView) -> str:
    """What the picture shows: the rule, or the roots and the depth (names made inert)."""
    if view.rule is not None:
        return f"fitness graph --rule {label(view.rule)}"
    return f"fitness graph: {', '.join(label(root) for root in view.roots)}, depth {view.depth}"
