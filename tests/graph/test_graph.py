from __future__ import annotations

from collections.abc import Iterable

import pytest

from fitness.graph import GraphView, ImportGraph, build_graph, shortest_chain, sibling_cycles
from fitness.model import FileFacts, ImportEdge, Location, ParseFailure, RawImport


def edge(
    importer: str,
    imported: str,
    line: int = 1,
    *,
    type_checking: bool = False,
    local: bool = False,
    external: bool = False,
) -> ImportEdge:
    path = importer.replace(".", "/") + ".py"
    return ImportEdge(
        importer=importer,
        imported=imported,
        location=Location(path, line, 1, line, 9),
        local=local,
        type_checking=type_checking,
        dynamic=False,
        external=external,
        module=imported,
    )


def graph_of(*pairs: str, extra_modules: Iterable[str] = ()) -> ImportGraph:
    """A graph from "a -> b" pairs; every named module is internal, edge k sits on line k."""
    edges = []
    modules = set(extra_modules)
    for line, pair in enumerate(pairs, start=1):
        importer, imported = pair.split(" -> ")
        edges.append(edge(importer, imported, line))
        modules |= {importer, imported}
    return ImportGraph(modules, edges)


def everything(graph: ImportGraph) -> GraphView:
    return graph.view("everything", lambda e: True)


def chain_of(
    graph: ImportGraph, sources: Iterable[str], targets: Iterable[str], avoid: Iterable[str] = ()
) -> list[str] | None:
    """The chain as "a -> b" hops, checking it is made of the view's edges."""
    view = everything(graph)
    found = shortest_chain(view, list(sources), list(targets), frozenset(avoid))
    if found is None:
        return None
    assert all(hop == view.edge(hop.importer, hop.imported) for hop in found)
    return [f"{hop.importer} -> {hop.imported}" for hop in found]


# --- build_graph ------------------------------------------------------------------------------


def raw(module: str, level: int, names: tuple[str, ...], line: int, **flags: bool) -> RawImport:
    return RawImport(
        module,
        level,
        names,
        line,
        5,
        line,
        20,
        flags.get("local", False),
        flags.get("type_checking", False),
        flags.get("dynamic", False),
    )


def test_build_graph() -> None:
    modules = [
        ("shop", "shop/__init__.py", True),
        ("shop.api", "shop/api.py", False),
        ("shop.domain", "shop/domain/__init__.py", True),
        ("shop.domain.order", "shop/domain/order.py", False),
        ("ns.tool", "ns/tool.py", False),
    ]
    facts = {
        "shop/api.py": FileFacts(
            (
                raw("shop.domain", 0, ("order",), 1),
                raw("sqlalchemy.orm", 0, ("Session",), 2),
                raw("shop.api", 0, (), 3),  # itself: no edge
                raw("", 1, ("domain",), 4, local=True),
                raw("ns", 0, ("tool",), 5, dynamic=True),
                raw("", 3, ("x",), 6),  # beyond the top: no edge
            ),
            None,
        ),
        "shop/domain/order.py": FileFacts(
            (
                raw("typing", 0, ("TYPE_CHECKING",), 1),
                raw("shop.api", 0, (), 2, type_checking=True),
            ),
            None,
        ),
        "shop/domain/__init__.py": FileFacts((), ParseFailure("syntax error: x", 1, 1)),
        "elsewhere.py": FileFacts((raw("shop", 0, (), 1),), None),
    }
    graph = build_graph(modules, ["ns"], facts)

    def at(path: str, line: int) -> Location:
        return Location(path, line, 5, line, 20)

    assert graph.modules == frozenset(
        {"shop", "shop.api", "shop.domain", "shop.domain.order", "ns", "ns.tool"}
    )
    assert graph.externals == frozenset({"sqlalchemy.orm.Session", "typing.TYPE_CHECKING"})
    assert sorted(graph.edges) == sorted(
        [
            ImportEdge(
                "shop.api",
                "shop.domain.order",
                at("shop/api.py", 1),
                False,
                False,
                False,
                False,
                "shop.domain.order",
            ),
            ImportEdge(
                "shop.api",
                "sqlalchemy.orm.Session",
                at("shop/api.py", 2),
                False,
                False,
                False,
                True,
                "sqlalchemy.orm",
            ),
            ImportEdge(
                "shop.api",
                "shop.domain",
                at("shop/api.py", 4),
                True,
                False,
                False,
                False,
                "shop.domain",
            ),
            ImportEdge(
                "shop.api", "ns.tool", at("shop/api.py", 5), False, False, True, False, "ns.tool"
            ),
            ImportEdge(
                "shop.domain.order",
                "typing.TYPE_CHECKING",
                at("shop/domain/order.py", 1),
                False,
                False,
                False,
                True,
                "typing",
            ),
            ImportEdge(
                "shop.domain.order",
                "shop.api",
                at("shop/domain/order.py", 2),
                False,
                True,
                False,
                False,
                "shop.api",
            ),
        ]
    )


# --- ImportGraph queries ----------------------------------------------------------------------

MODULES = {
    "shop",
    "shop.api",
    "shop.domain",
    "shop.domain.order",
    "shop.domain.rules",
    "shop.domain.rules.limits",
    "shop.util",
}


@pytest.fixture
def shop() -> ImportGraph:
    return ImportGraph(
        MODULES,
        [
            edge("shop.api", "shop.domain.order", 5),
            edge("shop.api", "shop.domain.order", 2, type_checking=True),
            edge("shop.api", "shop.util", 3),
            edge("shop.api", "sqlalchemy.orm.Session", 1, external=True),
            edge("shop.domain.order", "shop.domain.rules.limits", 1),
            edge("shop.domain.rules.limits", "shop.util", 1),
        ],
    )


def test_children(shop: ImportGraph) -> None:
    assert shop.children("shop") == frozenset({"shop.api", "shop.domain", "shop.util"})
    assert shop.children("shop.domain") == frozenset({"shop.domain.order", "shop.domain.rules"})
    assert shop.children("shop.util") == frozenset()
    assert shop.children("nowhere") == frozenset()


def test_children_of_external_names_include_the_names_between(shop: ImportGraph) -> None:
    assert shop.children("sqlalchemy") == frozenset({"sqlalchemy.orm"})
    assert shop.children("sqlalchemy.orm") == frozenset({"sqlalchemy.orm.Session"})


def test_descendants(shop: ImportGraph) -> None:
    assert shop.descendants("shop") == frozenset(MODULES - {"shop"})
    assert shop.descendants("shop.domain") == frozenset(
        {"shop.domain.order", "shop.domain.rules", "shop.domain.rules.limits"}
    )
    assert shop.descendants("shop.domain.order") == frozenset()
    assert shop.descendants("sqlalchemy") == frozenset({"sqlalchemy.orm", "sqlalchemy.orm.Session"})


def test_package(shop: ImportGraph) -> None:
    assert shop.package("shop.domain") == frozenset(
        {"shop.domain", "shop.domain.order", "shop.domain.rules", "shop.domain.rules.limits"}
    )
    assert shop.package("shop.util") == frozenset({"shop.util"})
    assert shop.package("sqlalchemy.orm.Session") == frozenset({"sqlalchemy.orm.Session"})
    assert shop.package("shop.missing") == frozenset()


def test_imports_of_and_importers_of(shop: ImportGraph) -> None:
    assert shop.imports_of("shop.api") == frozenset(
        {"shop.domain.order", "shop.util", "sqlalchemy.orm.Session"}
    )
    assert shop.imports_of("shop.util") == frozenset()
    assert shop.importers_of("shop.util") == frozenset({"shop.api", "shop.domain.rules.limits"})
    assert shop.importers_of("sqlalchemy.orm.Session") == frozenset({"shop.api"})
    assert shop.importers_of("shop.api") == frozenset()


def test_edges_of_a_pair_are_kept_in_file_order(shop: ImportGraph) -> None:
    assert [e for e in shop.edges if e.imported == "shop.domain.order"] == [
        edge("shop.api", "shop.domain.order", 2, type_checking=True),
        edge("shop.api", "shop.domain.order", 5),
    ]


def test_view_keeps_the_first_accepted_edge_of_each_pair(shop: ImportGraph) -> None:
    view = shop.view("everything", lambda e: True)
    runtime = shop.view("runtime", lambda e: not e.type_checking and not e.external)
    assert view.edge("shop.api", "shop.domain.order") == edge(
        "shop.api", "shop.domain.order", 2, type_checking=True
    )
    assert runtime.edge("shop.api", "shop.domain.order") == edge("shop.api", "shop.domain.order", 5)
    assert runtime.successors == {
        "shop.api": ("shop.domain.order", "shop.util"),
        "shop.domain.order": ("shop.domain.rules.limits",),
        "shop.domain.rules.limits": ("shop.util",),
    }
    assert view.successors["shop.api"] == (
        "shop.domain.order",
        "shop.util",
        "sqlalchemy.orm.Session",
    )
    assert view.has_edge("shop.api", "sqlalchemy.orm.Session")
    assert not runtime.has_edge("shop.api", "sqlalchemy.orm.Session")
    assert not view.has_edge("shop.util", "shop.api")
    assert sorted(runtime.pairs) == [
        ("shop.api", "shop.domain.order"),
        ("shop.api", "shop.util"),
        ("shop.domain.order", "shop.domain.rules.limits"),
        ("shop.domain.rules.limits", "shop.util"),
    ]


def test_views_are_cached_by_key(shop: ImportGraph) -> None:
    first = shop.view("k", lambda e: True)
    assert shop.view("k", lambda e: False) is first
    assert shop.view("other", lambda e: True) is not first


# --- shortest_chain ---------------------------------------------------------------------------


def test_the_shortest_chain_wins() -> None:
    graph = graph_of("a -> b", "b -> c", "c -> d", "a -> x", "x -> d")
    assert chain_of(graph, ["a"], ["d"]) == ["a -> x", "x -> d"]


def test_a_direct_import_is_a_chain_of_one() -> None:
    graph = graph_of("a -> b", "b -> t", "a -> t")
    assert chain_of(graph, ["a"], ["t"]) == ["a -> t"]


def test_chain_edges_are_the_first_import_of_each_pair() -> None:
    graph = ImportGraph({"a", "b"}, [edge("a", "b", 9), edge("a", "b", 4)])
    assert shortest_chain(everything(graph), ["a"], ["b"]) == (edge("a", "b", 4),)


def test_ties_are_broken_by_name_whatever_the_insertion_order() -> None:
    graph = graph_of("s -> b", "b -> t", "s -> a", "a -> t")
    assert chain_of(graph, ["s"], ["t"]) == ["s -> a", "a -> t"]


def test_ties_between_sources_and_between_targets() -> None:
    graph = graph_of("s2 -> t", "s1 -> t", "s1 -> u", "s0 -> x")
    assert chain_of(graph, ["s2", "s1", "s0"], ["u", "t"]) == ["s1 -> t"]


def test_ties_are_decided_by_the_first_hop_first() -> None:
    graph = graph_of("s -> b", "b -> y", "y -> t", "s -> a", "a -> z", "z -> t")
    assert chain_of(graph, ["s"], ["t"]) == ["s -> a", "a -> z", "z -> t"]


def test_avoid_is_respected() -> None:
    graph = graph_of("s -> a", "a -> t", "s -> b", "b -> c", "c -> t")
    assert chain_of(graph, ["s"], ["t"], avoid=["a"]) == ["s -> b", "b -> c", "c -> t"]
    assert chain_of(graph, ["s"], ["t"], avoid=["a", "c"]) is None


def test_a_target_in_avoid_is_still_a_target() -> None:
    graph = graph_of("s -> t")
    assert chain_of(graph, ["s"], ["t"], avoid=["t"]) == ["s -> t"]


def test_no_chain() -> None:
    graph = graph_of("s -> a", "t -> s", "a -> b")
    assert chain_of(graph, ["s"], ["t"]) is None
    assert chain_of(graph, ["s"], ["missing"]) is None
    assert chain_of(graph, ["missing"], ["t"]) is None


def test_a_view_that_drops_an_edge_breaks_the_chain() -> None:
    graph = ImportGraph({"a", "b"}, [edge("a", "b", 1, type_checking=True)])
    runtime = graph.view("runtime", lambda e: not e.type_checking)
    assert shortest_chain(runtime, ["a"], ["b"]) is None
    assert shortest_chain(everything(graph), ["a"], ["b"]) == (
        edge("a", "b", 1, type_checking=True),
    )


def test_sources_are_never_intermediates() -> None:
    graph = graph_of("a -> b", "b -> t", "a -> c", "c -> b")
    assert chain_of(graph, ["a", "b"], ["t"]) == ["b -> t"]
    assert chain_of(graph, ["a", "b"], ["c"]) == ["a -> c"]


def test_chain_to_an_external_name() -> None:
    graph = ImportGraph(
        {"a", "b"},
        [edge("a", "b", 1), edge("b", "sqlalchemy.orm.Session", 1, external=True)],
    )
    assert shortest_chain(everything(graph), ["a"], ["sqlalchemy.orm.Session"]) == (
        edge("a", "b", 1),
        edge("b", "sqlalchemy.orm.Session", 1, external=True),
    )


# --- sibling_cycles ---------------------------------------------------------------------------


def cycles_of(graph: ImportGraph, package: str, view: GraphView | None = None) -> list[list[str]]:
    found = sibling_cycles(graph, view or everything(graph), package)
    return [[f"{hop.importer} -> {hop.imported}" for hop in cycle] for cycle in found]


def test_a_three_cycle_is_reported_once_whole() -> None:
    graph = graph_of(
        "pkg.b -> pkg.c",
        "pkg.c -> pkg.a",
        "pkg.a -> pkg.b",
        "pkg.d -> pkg.a",
        extra_modules=["pkg"],
    )
    assert cycles_of(graph, "pkg") == [["pkg.a -> pkg.b", "pkg.b -> pkg.c", "pkg.c -> pkg.a"]]


def test_cycle_edges_are_the_graph_edges() -> None:
    graph = graph_of("pkg.a -> pkg.b", "pkg.b -> pkg.a", extra_modules=["pkg"])
    assert sibling_cycles(graph, everything(graph), "pkg") == [
        (edge("pkg.a", "pkg.b", 1), edge("pkg.b", "pkg.a", 2))
    ]


def test_no_cycle() -> None:
    graph = graph_of(
        "pkg.a -> pkg.b", "pkg.b -> pkg.c", "pkg.a -> pkg.c", "pkg -> pkg.a", "pkg.c -> pkg"
    )
    assert cycles_of(graph, "pkg") == []


def test_a_cycle_inside_one_child_does_not_count() -> None:
    graph = graph_of("pkg.a.x -> pkg.a.y", "pkg.a.y -> pkg.a.x", extra_modules=["pkg", "pkg.a"])
    assert cycles_of(graph, "pkg") == []
    assert cycles_of(graph, "pkg.a") == [["pkg.a.x -> pkg.a.y", "pkg.a.y -> pkg.a.x"]]


def test_children_count_with_their_descendants() -> None:
    graph = graph_of(
        "pkg.a.x -> pkg.b.y",
        "pkg.b.y -> pkg.a",
        extra_modules=["pkg", "pkg.b"],
    )
    assert cycles_of(graph, "pkg") == [["pkg.a.x -> pkg.b.y", "pkg.b.y -> pkg.a"]]


def test_the_way_back_may_start_anywhere_in_the_child() -> None:
    graph = graph_of(
        "pkg.a -> pkg.b.x",
        "pkg.b.y -> pkg.a",
        extra_modules=["pkg", "pkg.b"],
    )
    assert cycles_of(graph, "pkg") == [["pkg.a -> pkg.b.x", "pkg.b.y -> pkg.a"]]


def test_two_separate_cycles() -> None:
    graph = graph_of(
        "pkg.c -> pkg.d",
        "pkg.d -> pkg.c",
        "pkg.a -> pkg.b",
        "pkg.b -> pkg.a",
        extra_modules=["pkg"],
    )
    assert cycles_of(graph, "pkg") == [
        ["pkg.a -> pkg.b", "pkg.b -> pkg.a"],
        ["pkg.c -> pkg.d", "pkg.d -> pkg.c"],
    ]


def test_two_cycles_linked_one_way_stay_two() -> None:
    graph = graph_of(
        "pkg.a -> pkg.b",
        "pkg.b -> pkg.a",
        "pkg.b -> pkg.c",
        "pkg.c -> pkg.d",
        "pkg.d -> pkg.c",
        extra_modules=["pkg"],
    )
    assert sorted(cycles_of(graph, "pkg")) == [
        ["pkg.a -> pkg.b", "pkg.b -> pkg.a"],
        ["pkg.c -> pkg.d", "pkg.d -> pkg.c"],
    ]


def test_the_view_decides_which_edges_make_cycles() -> None:
    graph = ImportGraph(
        {"pkg", "pkg.a", "pkg.b"},
        [edge("pkg.a", "pkg.b", 1), edge("pkg.b", "pkg.a", 1, type_checking=True)],
    )
    runtime = graph.view("runtime", lambda e: not e.type_checking)
    assert cycles_of(graph, "pkg", runtime) == []
    assert cycles_of(graph, "pkg") == [["pkg.a -> pkg.b", "pkg.b -> pkg.a"]]


def test_only_children_of_the_package_count() -> None:
    graph = graph_of(
        "pkg.a.x -> pkg.a.y",
        "pkg.a.y -> pkg.a.x",
        "other.a -> other.b",
        "other.b -> other.a",
        extra_modules=["pkg", "pkg.a", "other"],
    )
    assert cycles_of(graph, "pkg") == []
    assert cycles_of(graph, "missing") == []
