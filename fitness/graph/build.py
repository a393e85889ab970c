"""Build the import graph from the discovered modules and their extracted imports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from fitness.graph.graph import ImportGraph
from fitness.graph.resolve import Targets, resolve
from fitness.model import FileFacts, ImportEdge, Location


def build_graph(
    modules: Iterable[tuple[str, str, bool]],
    namespaces: Iterable[str],
    facts: Mapping[str, FileFacts],
) -> ImportGraph:
    """`modules` are (name, path, is_package) triples; `facts` maps each path to its imports."""
    modules = list(modules)
    internal = frozenset(name for name, _, _ in modules) | frozenset(namespaces)
    return ImportGraph(internal, _edges(modules, internal, facts))


def _edges(
    modules: list[tuple[str, str, bool]], internal: frozenset[str], facts: Mapping[str, FileFacts]
) -> Iterable[ImportEdge]:
    targets = Targets(internal)
    for importer, path, is_package in modules:
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
