"""GitHub's Mermaid limits: the busiest package drawn whole, then legal edges left out."""

from __future__ import annotations

from fitness.model import Finding, Hop, Location, PairImports, Severity, Site
from fitness.reporters.diagrams.github_limits import MAX_EDGES, within_github
from fitness.reporters.diagrams.mermaid import render_mermaid
from fitness.views.package_view import PackageView, package_view

# app.big holds 600 modules importing each other in a row; app.small two; app.big's
# first module breaks a rule by importing app.small.
MODULES = [f"app.big.m{i:03d}" for i in range(600)] + ["app.small.a", "app.small.b"]
PAIRS = {(f"app.big.m{i:03d}", f"app.big.m{i + 1:03d}"): PairImports(1, 0, 0) for i in range(599)}
PAIRS[("app.big.m000", "app.small.a")] = PairImports(2, 0, 0)
PAIRS[("app.small.a", "app.small.b")] = PairImports(1, 0, 0)
SITE = Site(Location("src/app/big/m000.py", 1, 1, 1, 2), False, False, False)
BROKEN = Finding(
    "pure", Severity.ERROR, "{m}", (("m", "x"),), SITE.location,
    ((Hop("app.big.m000", "app.small.a", (SITE,)),),), (), None, None, (),
)  # fmt: skip


def views(depth: int, collapsed: frozenset[str]) -> PackageView:
    return package_view(MODULES, PAIRS, [BROKEN], ["app"], depth, collapsed)


def test_a_view_within_the_limits_is_drawn_as_it_is() -> None:
    assert within_github(views, 1, render_mermaid) == views(1, frozenset())


def test_the_busiest_package_is_drawn_whole_and_the_diagram_says_so() -> None:
    assert len(views(2, frozenset()).edges) == 601

    fitted = within_github(views, 2, render_mermaid)

    assert [(e.source, e.target, e.violations) for e in fitted.edges] == [
        ("app.big", "app.small.a", (("pure", 2),)),
        ("app.small.a", "app.small.b", ()),
    ]
    assert fitted.left_out == ("the packages inside app.big (each drawn as one)",)
    assert render_mermaid(fitted).splitlines()[1] == (
        "%% left out to stay within GitHub's limits: the packages inside app.big (each drawn as one)"
    )


def test_with_no_package_to_draw_whole_legal_edges_go_first_and_violating_ones_stay() -> None:
    flat_modules = [f"app.m{i:03d}" for i in range(700)]
    flat_pairs = {
        (f"app.m{i:03d}", f"app.m{i + 1:03d}"): PairImports(i % 5 + 1, 0, 0) for i in range(699)
    }
    site = SITE._replace(location=SITE.location._replace(path="src/app/m000.py"))
    broken = BROKEN._replace(chains=((Hop("app.m000", "app.m001", (site,)),),))

    def flat(depth: int, whole: frozenset[str]) -> PackageView:
        return package_view(flat_modules, flat_pairs, [broken], ["app"], depth, whole)

    fitted = within_github(flat, 1, render_mermaid)

    assert (len(flat(1, frozenset()).edges), len(fitted.edges)) == (699, MAX_EDGES)
    assert [(e.source, e.target) for e in fitted.edges if e.violations] == [
        ("app.m000", "app.m001")
    ]
    assert fitted.left_out == ("199 legal edges with the fewest imports",)
    kept = min(e.imports for e in fitted.edges if not e.violations)
    assert all(e.imports <= kept for e in set(flat(1, frozenset()).edges) - set(fitted.edges))


def test_a_package_with_a_violating_edge_inside_it_is_not_drawn_whole() -> None:
    inside = BROKEN._replace(
        chains=((Hop("app.big.m001", "app.big.m002", (SITE,)),),),
    )

    def views_inside(depth: int, whole: frozenset[str]) -> PackageView:
        return package_view(MODULES, PAIRS, [inside], ["app"], depth, whole)

    fitted = within_github(views_inside, 2, render_mermaid)

    assert [(e.source, e.target) for e in fitted.edges if e.violations] == [
        ("app.big.m001", "app.big.m002")
    ]
    assert fitted.left_out == (
        "the packages inside app.small (each drawn as one)",
        "100 legal edges with the fewest imports",
    )


def test_what_a_diagram_says_it_left_out_is_one_inert_line() -> None:
    view = views(1, frozenset())._replace(left_out=("the packages inside a\nb-->c",))

    assert render_mermaid(view).splitlines()[1] == (
        "%% left out to stay within GitHub's limits: the packages inside a\\x0ab--#gt;c"
    )
