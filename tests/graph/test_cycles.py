"""`package_cycles`: distinct loops of children and the fewest imports that break them."""

from __future__ import annotations

from fitness.graph import GraphView, ImportGraph, package_cycles
from fitness.graph.cycles import EXACT_LIMIT
from fitness.model import ImportEdge, Location


def graph_of(*pairs: str, extra_modules: list[str]) -> ImportGraph:
    """A graph from "a -> b" pairs, all internal; edge k sits on line k of its importer."""
    edges = []
    modules = set(extra_modules)
    names = [name for pair in pairs for name in pair.split(" -> ")]
    # Every package above a module is a module too (each has its __init__.py).
    modules |= {".".join(n.split(".")[:k]) for n in names for k in range(1, n.count(".") + 1)}
    for line, pair in enumerate(pairs, start=1):
        importer, imported = pair.split(" -> ")
        where = Location(importer.replace(".", "/") + ".py", line, 1, line, 9)
        edges.append(ImportEdge(importer, imported, where, False, False, False, False, imported))
        modules |= {importer, imported}
    return ImportGraph(modules, edges)


def everything(graph: ImportGraph) -> GraphView:
    return graph.view("everything", lambda e: True)


def loops(*pairs: str, package: str = "pkg") -> tuple[list[list[str]], list[str]]:
    graph = graph_of(*pairs, extra_modules=[package])
    found = package_cycles(graph, everything(graph), package)
    cycles = [[f"{e.importer} -> {e.imported}:{e.location.line}" for e in c] for c in found.cycles]
    return cycles, [f"{e.importer} -> {e.imported}:{e.location.line}" for e in found.breakers]


def test_each_loop_once_and_the_lightest_breakers() -> None:
    # b -> a stands for two importing modules, a -> b for one: cutting a -> b is cheaper,
    # and it breaks the loop through c as well.
    cycles, breakers = loops(
        "pkg.a.x -> pkg.b.y",
        "pkg.b.y -> pkg.a.x",
        "pkg.b.z -> pkg.a",
        "pkg.b.y -> pkg.c",
        "pkg.c -> pkg.a.x",
    )
    assert cycles == [
        ["pkg.a.x -> pkg.b.y:1", "pkg.b.y -> pkg.a.x:2"],
        ["pkg.a.x -> pkg.b.y:1", "pkg.b.y -> pkg.c:4", "pkg.c -> pkg.a.x:5"],
    ]
    assert breakers == ["pkg.a.x -> pkg.b.y:1"]


def test_all_the_imports_behind_a_dependency_are_named() -> None:
    # b -> a is two importing pairs, a -> b three: both of b's imports go.
    _, breakers = loops(
        "pkg.a.x -> pkg.b",
        "pkg.a.y -> pkg.b",
        "pkg.a.z -> pkg.b",
        "pkg.b -> pkg.a.x",
        "pkg.b -> pkg.a.y",
    )
    assert breakers == ["pkg.b -> pkg.a.x:4", "pkg.b -> pkg.a.y:5"]


def test_no_loop_no_breakers() -> None:
    assert loops("pkg.a -> pkg.b", "pkg.b.x -> pkg.c", "pkg.a.y -> pkg.a.z") == ([], [])


def test_a_large_group_gets_a_breaking_set_that_breaks_everything() -> None:
    # A ring of EXACT_LIMIT + 3 children, each also importing the one two steps back:
    # the heuristic must find a set that leaves no loop at all, and no
    # more imports than the back edges and one of the ring.
    count = EXACT_LIMIT + 3
    names = [f"pkg.m{i:02}" for i in range(count)]
    ring = [f"{names[i]} -> {names[(i + 1) % count]}" for i in range(count)]
    back = [f"{names[i]} -> {names[i - 2]}" for i in range(2, count)]
    graph = graph_of(*ring, *back, extra_modules=["pkg"])
    found = package_cycles(graph, everything(graph), "pkg")
    removed = {(e.importer, e.imported) for e in found.breakers}
    kept = graph_of(
        *(p for p in ring + back if tuple(p.split(" -> ")) not in removed), extra_modules=["pkg"]
    )
    assert package_cycles(kept, everything(kept), "pkg").cycles == []
    assert 0 < len(removed) <= len(back) + 1
