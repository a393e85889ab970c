"""GitHub's limits on a Mermaid diagram, kept by leaving out what matters least.

GitHub refuses to render a diagram of more than 50,000 characters or 500 edges,
and a diagram cannot raise either. So a view that is too large is drawn one
level shallower (down to the depth asked for, or 1), then without its legal
edges, those with the fewest imports first, and only then without violating
edges; the diagram says what it left out.
"""

from __future__ import annotations

from collections.abc import Callable

from fitness.views.package_view import PackageView

MAX_CHARACTERS = 50_000
MAX_EDGES = 500


def within_github(
    view_at: Callable[[int], PackageView],
    depth: int,
    render: Callable[[PackageView], str],
    shallowest: int = 1,
) -> PackageView:
    """The view at `depth`, or the least reduced one GitHub renders (`render` draws it)."""
    view = view_at(depth)
    while not _fits(view, render) and view.depth > shallowest:
        view = view_at(view.depth - 1)
    if view.depth < depth:
        view = view._replace(left_out=(f"packages below depth {view.depth} (asked: {depth})",))
    if _fits(view, render):
        return view
    return _without_edges(view, render)


def _fits(view: PackageView, render: Callable[[PackageView], str]) -> bool:
    return len(view.edges) <= MAX_EDGES and len(render(view)) <= MAX_CHARACTERS


def _without_edges(view: PackageView, render: Callable[[PackageView], str]) -> PackageView:
    """`view` without its least telling edges, as few as it takes: legal before violating,
    fewest imports first (ties by name), found by halving."""
    order = sorted(
        range(len(view.edges)),
        key=lambda i: (bool(view.edges[i].violations), view.edges[i].imports, view.edges[i][:2]),
    )
    low, high = 0, len(order)  # drop the first `high` of `order`: that fits
    while low < high:
        middle = (low + high) // 2
        if _fits(_dropping(view, order[:middle]), render):
            high = middle
        else:
            low = middle + 1
    dropped = order[:high]
    legal = sum(1 for i in dropped if not view.edges[i].violations)
    said = [f"{legal} legal edge{'' if legal == 1 else 's'} with the fewest imports"]
    if len(dropped) > legal:
        violating = len(dropped) - legal
        said.append(f"{violating} violating edge{'' if violating == 1 else 's'}")
    return _dropping(view, dropped)._replace(left_out=(*view.left_out, *said))


def _dropping(view: PackageView, dropped: list[int]) -> PackageView:
    gone = set(dropped)
    kept = tuple(edge for i, edge in enumerate(view.edges) if i not in gone)
    return view._replace(edges=kept)
