"""GitHub's Mermaid limits: shallower first, then legal edges, and the diagram says so."""

from __future__ import annotations

from fitness.reporters.diagrams.github_limits import MAX_EDGES, within_github
from fitness.reporters.diagrams.mermaid import render_mermaid
from fitness.views.package_view import Edge, Node, PackageView


def wide(depth: int, edges: int, violating: int = 0) -> PackageView:
    """`edges` legal edges between `edges + 1` nodes, the first `violating` of them broken."""
    names = [f"app.p{i:04d}" for i in range(edges + 1)]
    drawn = tuple(
        Edge(names[i], names[i + 1], i % 7 + 1, 0, 0, (("rule", 1),) if i < violating else ())
        for i in range(edges)
    )
    return PackageView(("app",), depth, tuple(Node(n, 1) for n in names), drawn)


def test_a_view_within_the_limits_is_drawn_as_it_is() -> None:
    view = wide(2, 20)

    assert within_github(lambda depth: view, 2, render_mermaid) == view


def test_a_view_too_large_is_drawn_one_level_shallower_and_says_so() -> None:
    views = {2: wide(2, 600), 1: wide(1, 40)}

    fitted = within_github(views.__getitem__, 2, render_mermaid)

    assert fitted.edges == views[1].edges
    assert fitted.left_out == ("packages below depth 1 (asked: 2)",)
    assert render_mermaid(fitted).splitlines()[1] == (
        "%% left out to stay within GitHub's limits: packages below depth 1 (asked: 2)"
    )


def test_at_the_shallowest_legal_edges_go_first_and_every_violating_edge_stays() -> None:
    view = wide(1, 700, violating=30)

    fitted = within_github(lambda depth: view, 1, render_mermaid)

    assert len(fitted.edges) == MAX_EDGES
    assert [e for e in view.edges if e.violations] == [e for e in fitted.edges if e.violations]
    dropped = set(view.edges) - set(fitted.edges)
    assert max(e.imports for e in dropped) <= min(
        e.imports for e in fitted.edges if not e.violations
    )
    assert fitted.left_out == ("200 legal edges with the fewest imports",)
    assert len(render_mermaid(fitted)) <= 50_000
