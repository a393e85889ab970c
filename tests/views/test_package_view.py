"""The package view, on hand-built imports and findings: collapse, counts, violations."""

from __future__ import annotations

from fitness.model import Finding, Hop, Location, PairImports, Severity, Site
from fitness.views.package_view import (
    Cluster,
    Edge,
    ModuleImport,
    Node,
    package_clusters,
    package_view,
)

MODULES = [
    "app",
    "app.api",
    "app.api.views",
    "app.api.forms",
    "app.domain",
    "app.domain.model",
    "app.domain.rules.core",
    "app.infra.db",
    "tools.lint",
]
PLAIN = PairImports(1, 0, 0)
PAIRS = {
    ("app.api.views", "app.domain.model"): PairImports(2, 0, 0),
    ("app.api.forms", "app.domain.model"): PLAIN,
    ("app.api.views", "app.api.forms"): PLAIN,  # inside one node: no edge
    ("app.domain.model", "app.infra.db"): PairImports(1, 1, 0),  # under TYPE_CHECKING
    ("app.domain.rules.core", "app.api.views"): PairImports(1, 0, 1),  # dynamic
    ("app.domain.model", "app.api"): PLAIN,
    ("tools.lint", "app.api"): PLAIN,
}


def finding(rule: str, *hops: tuple[str, str]) -> Finding:
    site = Site(Location("src/x.py", 1, 1, 1, 2), False, False, False)
    chain = tuple(Hop(importer, imported, (site,)) for importer, imported in hops)
    return Finding(
        rule, Severity.ERROR, "{m}", (("m", "x"),), site.location, (chain,), (), None, None, ()
    )


def test_modules_collapse_to_the_packages_below_each_root() -> None:
    view = package_view(MODULES, PAIRS, [], roots=["app"], depth=1)

    assert view.nodes == (
        Node("app", 1),
        Node("app.api", 3),
        Node("app.domain", 3),
        Node("app.infra", 1),
    )
    assert view.edges == (
        Edge("app.api", "app.domain", 3, 0, 0, ()),
        Edge("app.domain", "app.api", 2, 0, 1, ()),
        Edge("app.domain", "app.infra", 1, 1, 0, ()),
    )
    assert [edge.style for edge in view.edges] == ["plain", "plain", "type_checking"]


def test_depth_goes_further_and_no_roots_means_the_top_level_packages() -> None:
    view = package_view(MODULES, PAIRS, [], depth=2)

    assert view.roots == ("app", "tools")
    assert [node.name for node in view.nodes] == [
        "app",
        "app.api",
        "app.api.forms",
        "app.api.views",
        "app.domain",
        "app.domain.model",
        "app.domain.rules",
        "app.infra.db",
        "tools.lint",
    ]
    assert ("app.domain.rules", "app.api.views", "dynamic") in [
        (edge.source, edge.target, edge.style) for edge in view.edges
    ]
    assert ("tools.lint", "app.api") in [(edge.source, edge.target) for edge in view.edges]


def test_an_edge_whose_imports_lie_on_a_findings_chain_carries_the_rule() -> None:
    findings = [
        finding("layers", ("app.domain.model", "app.api")),
        finding("pure", ("app.domain.rules.core", "app.api.views"), ("app.api.views", "x")),
        finding("pure", ("app.domain.model", "app.api")),
    ]

    view = package_view(MODULES, PAIRS, findings, roots=["app"], depth=1)

    assert view.edges[1] == Edge("app.domain", "app.api", 2, 0, 1, (("layers", 1), ("pure", 2)))
    assert view.edges[0].violations == ()


def test_the_view_is_the_same_whatever_the_order_it_is_given() -> None:
    forward = package_view(MODULES, PAIRS, [], roots=["app"])
    backward = package_view(list(reversed(MODULES)), dict(reversed(PAIRS.items())), [], ["app"])

    assert forward == backward
    assert forward.modules == tuple(sorted(m for m in MODULES if m.startswith("app")))


def test_the_module_imports_behind_the_view_name_the_findings_on_them() -> None:
    findings = [
        finding("layers", ("app.domain.model", "app.api")),
        finding("pure", ("app.domain.model", "app.api"), ("app.api", "tools.lint")),
    ]

    view = package_view(MODULES, PAIRS, findings, roots=["app"], rules={"pure"})

    assert view.imports == (
        ModuleImport("app.api.forms", "app.domain.model", 1, 0, 0, ()),
        ModuleImport("app.api.views", "app.api.forms", 1, 0, 0, ()),
        ModuleImport("app.api.views", "app.domain.model", 2, 0, 0, ()),
        ModuleImport("app.domain.model", "app.api", 1, 0, 0, (1,)),
        ModuleImport("app.domain.model", "app.infra.db", 1, 1, 0, ()),
        ModuleImport("app.domain.rules.core", "app.api.views", 1, 0, 1, ()),
    )
    assert [edge.violations for edge in view.edges if edge.violations] == [(("pure", 1),)]


def test_a_module_belongs_to_the_deepest_root_it_is_under() -> None:
    view = package_view(MODULES, PAIRS, [], roots=["app", "app.domain"], depth=0)

    assert [node.name for node in view.nodes] == ["app", "app.domain"]
    assert view.nodes[1] == Node("app.domain", 3)


def test_packages_holding_several_nodes_are_boxes_nested_as_the_packages_are() -> None:
    nodes = ["a.b.c.x", "a.b.c.y", "a.b.d", "a.e", "f.g"]

    assert package_clusters(nodes, ["a"]) == (
        Cluster("a.b", ("a.b.d",), (Cluster("a.b.c", ("a.b.c.x", "a.b.c.y")),)),
    )
    assert package_clusters(nodes, ["a", "f"]) == (
        Cluster(
            "a",
            ("a.e",),
            (Cluster("a.b", ("a.b.d",), (Cluster("a.b.c", ("a.b.c.x", "a.b.c.y")),)),),
        ),
    )
    # a box that holds just what the box inside it holds is left out
    assert package_clusters(["a.b.c.x", "a.b.c.y"], ["a"]) == (
        Cluster("a.b.c", ("a.b.c.x", "a.b.c.y")),
    )
