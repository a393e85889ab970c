"""GitHub's limits on a Mermaid diagram, kept by leaving out what matters least.

GitHub refuses to render a diagram of more than 50,000 characters or 500 edges,
and a diagram cannot raise either. So a view that is too large has its busiest
packages drawn as one node each (the package whose nodes have the most edges
first; never a root, nor a package with a violating edge inside it unless the
violating edges alone are too many to draw), then loses its legal edges, those
with the fewest imports first, and only then violating edges; the diagram says
what it left out.
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
        busiest = _busiest_package(view, collapsed, inside_violations=False)
        if busiest is None and not _fits(_violating_only(view), render):
            # Too many violating edges to draw: some are drawn inside a whole package.
            busiest = _busiest_package(view, collapsed, inside_violations=True)
        if busiest is None:
            break
        collapsed |= {busiest}
        view = views(depth, collapsed)
    if collapsed:
        named = sorted(collapsed)
        whole = ", ".join(named[:_NAMED]) + (
            f" and {len(named) - _NAMED} more" if len(named) > _NAMED else ""
        )
        said = [f"the packages inside {whole} (each drawn as one)"]
        hidden = _violating_imports(views(depth, frozenset())) - _violating_imports(view)
        if hidden:
            said.append(f"{hidden} violating import{'' if hidden == 1 else 's'} inside them")
        view = view._replace(left_out=tuple(said))
    if _fits(view, render):
        return view
    return _without_edges(view, render)


def _violating_only(view: PackageView) -> PackageView:
    return view._replace(edges=tuple(edge for edge in view.edges if edge.violations))


def _violating_imports(view: PackageView) -> int:
    return sum(count for edge in view.edges for _, count in edge.violations)


def _fits(view: PackageView, render: Callable[[PackageView], str]) -> bool:
    return len(view.edges) <= MAX_EDGES and len(render(view)) <= MAX_CHARACTERS


def _busiest_package(
    view: PackageView, collapsed: frozenset[str], inside_violations: bool
) -> str | None:
    """The package (below a root, holding nodes) whose nodes have the most edges; unless
    `inside_violations`, of those with no violating edge inside them (drawn whole, it
    would vanish)."""
    holders = {package for node in view.nodes for package in _holding(node.name, view.roots)[:-1]}
    edges: Counter[str] = Counter()
    holding_violations: set[str] = set()
    for edge in view.edges:
        source, target = (_holding(node, view.roots) for node in (edge.source, edge.target))
        edges.update(source)
        edges.update(target)
        if edge.violations and not inside_violations:
            holding_violations.update(set(source) & set(target))
    candidates = [
        (-count, name)
        for name, count in edges.items()
        if name in holders and name not in collapsed and name not in holding_violations
    ]
    return min(candidates)[1] if candidates else None


def _holding(node: str, roots: tuple[str, ...]) -> list[str]:
    """The packages below `node`'s root that hold `node`, outermost first, and `node`."""
    for root in roots:
        if node.startswith(root + "."):
            parts = node.split(".")
            return [".".join(parts[:end]) for end in range(root.count(".") + 2, len(parts) + 1)]
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
