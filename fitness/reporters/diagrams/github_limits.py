"""GitHub's limits on a Mermaid diagram, kept by leaving out what matters least.

GitHub refuses to render a diagram of more than 50,000 characters or 500 edges,
and a diagram cannot raise either. So a view that is too large has its busiest
packages drawn as one node each (the package whose nodes have the most edges
first; never a root, nor a package with a violating edge inside it), then loses
its legal edges, those with the fewest imports first, and only then violating
edges; the diagram says what it left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from fitness.views.package_view import PackageView

MAX_CHARACTERS = 50_000
MAX_EDGES = 500
_NAMED = 5  # packages drawn whole that the diagram names

Views = Callable[[int, frozenset[str]], PackageView]  # (depth, packages drawn whole) -> view


def within_github(views: Views, depth: int, render: Callable[[PackageView], str]) -> PackageView:
    """The view at `depth`, or the least reduced one GitHub renders (`render` draws it)."""
    collapsed: frozenset[str] = frozenset()
    view = views(depth, collapsed)
    while not _fits(view, render):
        busiest = _busiest_package(view, collapsed)
        if busiest is None:
            break
        collapsed |= {busiest}
        view = views(depth, collapsed)
    if collapsed:
        named = sorted(collapsed)
        whole = ", ".join(named[:_NAMED]) + (
            f" and {len(named) - _NAMED} more" if len(named) > _NAMED else ""
        )
        view = view._replace(left_out=(f"the packages inside {whole} (each drawn as one)",))
    if _fits(view, render):
        return view
    return _without_edges(view, render)


def _fits(view: PackageView, render: Callable[[PackageView], str]) -> bool:
    return len(view.edges) <= MAX_EDGES and len(render(view)) <= MAX_CHARACTERS


def _busiest_package(view: PackageView, collapsed: frozenset[str]) -> str | None:
    """The package (below a root, above the nodes) whose nodes have the most edges, of
    those with no violating edge inside them (drawn whole, that edge would vanish)."""
    edges: Counter[str] = Counter()
    holding_violations: set[str] = set()
    for edge in view.edges:
        above = [_packages_above(node, view.roots) for node in (edge.source, edge.target)]
        for packages in above:
            edges.update(packages)
        if edge.violations:
            holding_violations.update(set(above[0]) & set(above[1]))
    candidates = [
        (-count, name)
        for name, count in edges.items()
        if name not in collapsed and name not in holding_violations
    ]
    return min(candidates)[1] if candidates else None


def _packages_above(node: str, roots: tuple[str, ...]) -> list[str]:
    """The packages strictly between `node`'s root and `node`."""
    for root in roots:
        if node.startswith(root + "."):
            parts = node.split(".")
            first = root.count(".") + 2
            return [".".join(parts[:end]) for end in range(first, len(parts))]
    return []


def _without_edges(view: PackageView, render: Callable[[PackageView], str]) -> PackageView:
    """`view` without its least telling edges, as few as it takes: legal before violating,
    fewest imports first (ties by name), found by halving."""
    order = sorted(
        range(len(view.edges)),
        key=lambda i: (bool(view.edges[i].violations), view.edges[i].imports, view.edges[i][:2]),
    )
    low, high = 0, len(order)  # dropping the first `high` of `order` fits
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
