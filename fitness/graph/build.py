"""Build the import graph from the discovered modules and their extracted imports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from fitness.graph.graph import ImportGraph
from fitness.graph.resolve import Targets, resolve
from fitness.model import FileFacts, ImportEdge, Location


def build_graph(
    modules: Iterable[tuple[str, str, bool]],
    namespaces: Iterable[str],
    facts: Mapping[str, FileFacts],
    resolved: Mapping[str, Sequence[ImportEdge]] | None = None,
) -> ImportGraph:
    """`modules` are (name, path, is_package) triples; `facts` maps each path to its imports.

    `resolved` holds the edges of modules whose imports are known resolved (by
    an earlier run, among the same modules): only the others are resolved.
    """
    modules = list(modules)
    internal = frozenset(name for name, _, _ in modules) | frozenset(namespaces)
    return ImportGraph(internal, _edges(modules, internal, facts, resolved or {}))


def edges_by_importer(graph: ImportGraph) -> dict[str, list[ImportEdge]]:
    """Every edge of `graph`, by importing module (in the order the graph keeps them)."""
    found: dict[str, list[ImportEdge]] = {}
    for edge in graph.edges:
        found.setdefault(edge.importer, []).append(edge)
    return found


def _edges(
    modules: list[tuple[str, str, bool]],
    internal: frozenset[str],
    facts: Mapping[str, FileFacts],
    resolved: Mapping[str, Sequence[ImportEdge]],
) -> Iterable[ImportEdge]:
    targets = Targets(internal)
    for importer, path, is_package in modules:
        known = resolved.get(importer)
        if known is not None:
            yield from known
            continue
        found = facts.get(path)
        if found is None:
            continue
        for raw in found.imports:
            location = Location(path, raw.line, raw.column, raw.end_line, raw.end_column)
            names_a_member = bool(raw.names) and raw.names != ("*",)
            for imported, external in resolve(raw, importer, is_package, internal, targets):
                if imported == importer:
                    continue
                # `from x.y import f`: a reader is shown `x.y`, the module the statement names.
                module = imported.rpartition(".")[0] if external and names_a_member else imported
                yield ImportEdge(
                    importer,
                    imported,
                    location,
                    raw.local,
                    raw.type_checking,
                    raw.dynamic,
                    external,
                    module or imported,
                )
