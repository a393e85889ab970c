"""Graphviz DOT: `dot -Tsvg` draws it; ranks run top to bottom, clusters are boxes."""

from __future__ import annotations

from fitness.reporters.diagrams.names import edge_label, label, title
from fitness.views.package_view import Cluster, PackageView, Rank

VIOLATION = 'color="#d1242f", fontcolor="#d1242f", penwidth=2.5'
LEGAL = 'color="#8c959f", fontcolor="#57606a"'
_STYLES = {"plain": "", "type_checking": ", style=dashed", "dynamic": ", style=dashed"}
_CLUSTER = 'style=rounded; color="#afb8c1"; fontcolor="#57606a";'
_LAYER = 'shape=plaintext, fontcolor="#57606a"'


def render_dot(view: PackageView) -> str:
    """A `digraph`: a box per package, an edge per imported package, broken rules red; a
    cluster per package or container holding several, a row per layer labelled as written."""
    lines = [
        *(f"// left out: {label(said)}" for said in view.left_out),
        "digraph fitness {",
        f"  label={_quoted(title(view))};",
        "  labelloc=t;",
        "  rankdir=TB;",
        "  newrank=true;",  # ranks across clusters: without it, boxes and layers can fail to rank
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    drawn = {node.name for node in view.nodes}
    ranks = [
        (f"layer {n}", rank._replace(nodes=tuple(name for name in rank.nodes if name in drawn)))
        for n, rank in enumerate(view.ranks, start=1)
    ]
    ranks = [(key, rank) for key, rank in ranks if rank.nodes]
    boxed = {node for cluster in view.clusters for node in _inside(cluster)}
    loose = [node.name for node in view.nodes if node.name not in boxed]
    lines += _level(view.clusters, loose, ranks, drawn, "  ")
    for (upper_key, upper), (lower_key, lower) in zip(ranks, ranks[1:]):
        if _box_of(upper, view.clusters) == _box_of(lower, view.clusters):
            lines.append(f"  {_quoted(upper_key)} -> {_quoted(lower_key)} [style=invis];")
    for edge in view.edges:
        look = (VIOLATION if edge.violations else LEGAL) + _STYLES[edge.style]
        text = _quoted(edge_label(edge.imports, edge.violations))
        lines.append(f"  {_quoted(edge.source)} -> {_quoted(edge.target)} [label={text}, {look}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _level(
    clusters: tuple[Cluster, ...],
    nodes: list[str],
    ranks: list[tuple[str, Rank]],
    drawn: set[str],
    indent: str,
) -> list[str]:
    """One level of nesting: its nodes, its layers (a label and their nodes on one row),
    then its clusters."""
    lines = [f"{indent}{_quoted(name)};" for name in nodes if name in drawn]
    for key, rank in ranks:
        if set(rank.nodes) <= set(nodes):
            members = " ".join(_quoted(name) + ";" for name in (key, *rank.nodes))
            lines.append(f"{indent}{_quoted(key)} [label={_quoted(rank.label)}, {_LAYER}];")
            lines.append(f"{indent}{{ rank=same; {members} }}")
    for cluster in clusters:
        if drawn & set(_inside(cluster)):
            lines.append(f"{indent}subgraph {_quoted('cluster_' + cluster.name)} {{")
            lines.append(f"{indent}  label={_quoted(cluster.name)}; {_CLUSTER}")
            lines += _level(cluster.clusters, list(cluster.nodes), ranks, drawn, indent + "  ")
            lines.append(f"{indent}}}")
    return lines


def _inside(cluster: Cluster) -> list[str]:
    return [*cluster.nodes, *(node for inner in cluster.clusters for node in _inside(inner))]


def _box_of(rank: Rank, clusters: tuple[Cluster, ...]) -> str:
    """The innermost cluster holding `rank`'s nodes ('' for none)."""
    for cluster in clusters:
        if set(rank.nodes) <= set(_inside(cluster)):
            return _box_of(rank, cluster.clusters) or cluster.name
    return ""


def _quoted(value: str) -> str:
    """A DOT string: the name made inert, its backslashes and quotes escaped."""
    return '"' + label(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
