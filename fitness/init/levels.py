"""An order of names cut into as few layers as its imports need: `a | b` siblings.

Names that do not reach each other need not be one above the other: they share
a layer as independent siblings (`"a | b"`), so the draft has as many layers as
the graph's longest chain of reaching names, not one per package.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

SIBLINGS = " | "  # how a layers entry joins independent siblings


def sibling_layers(
    order: Sequence[str], reach: Mapping[str, Collection[str]]
) -> tuple[tuple[str, ...], ...]:
    """`order` (top to bottom) grouped into layers, top to bottom, each sorted by name.

    A name sits one layer above the highest of the names below it that it reaches
    or that reach it (the longest path down): a pair the order breaks keeps its
    importer below, so each violation of the order stays a violation between two
    layers, and no two siblings reach each other either way.
    """
    level: dict[str, int] = {}
    for name in reversed(order):  # the bottom first: every name below is placed
        reaches = reach.get(name, ())
        under = [
            height
            for other, height in level.items()
            if other in reaches or name in reach.get(other, ())
        ]
        level[name] = 1 + max(under, default=-1)
    top = max(level.values(), default=-1)
    return tuple(
        tuple(sorted(name for name in order if level[name] == at)) for at in range(top, -1, -1)
    )


def entry(layer: Sequence[str]) -> str:
    """A layers entry: one name, or siblings joined by `|`."""
    return SIBLINGS.join(layer)
