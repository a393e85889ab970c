"""Mermaid flowcharts, as GitHub renders them in Markdown."""

from __future__ import annotations

from fitness.reporters.diagrams.names import edge_label, identifiers, label, title
from fitness.views.package_view import Cluster, PackageView, Rank

VIOLATION = "stroke:#d1242f,stroke-width:3px,color:#d1242f"
LEGAL = "stroke:#8c959f,stroke-width:1px"
# A dashed arrow for imports only under TYPE_CHECKING or only dynamic (red when it breaks a
# rule: `linkStyle` makes it thick); any other edge that breaks a rule is a thick arrow.
_ARROWS = {"plain": "-->", "type_checking": "-.->", "dynamic": "-.->"}


def render_mermaid(view: PackageView) -> str:
    """A `flowchart TB`: a node per package, an edge per imported package, broken rules red;
    a subgraph per cluster, and per layer (its modules side by side)."""
    ids = identifiers(node.name for node in view.nodes)
    lines = [f"%% {_text(title(view))}", "flowchart TB"]
    if view.left_out:
        lines.insert(
            1, f"%% left out to stay within GitHub's limits: {_text('; '.join(view.left_out))}"
        )
    boxes = identifiers(_cluster_names(view.clusters), prefix="c_")
    ranks = [(f"rank_{n}", rank) for n, rank in enumerate(view.ranks, start=1)]
    boxed = {node for cluster in view.clusters for node in _inside(cluster)}
    loose = [name for name in ids if name not in boxed]
    lines += _level(view.clusters, loose, ranks, ids, boxes, "  ")
    legal: list[str] = []
    broken: list[str] = []
    for index, edge in enumerate(view.edges):
        arrow = _ARROWS[edge.style] if edge.style != "plain" or not edge.violations else "==>"
        text = _text(edge_label(edge.imports, edge.violations))
        lines.append(f'  {ids[edge.source]} {arrow}|"{text}"| {ids[edge.target]}')
        (broken if edge.violations else legal).append(str(index))
    if legal:
        lines.append(f"  linkStyle {','.join(legal)} {LEGAL}")
    if broken:
        lines.append(f"  linkStyle {','.join(broken)} {VIOLATION}")
    return "\n".join(lines) + "\n"


def _level(
    clusters: tuple[Cluster, ...],
    nodes: list[str],
    ranks: list[tuple[str, Rank]],
    ids: dict[str, str],
    boxes: dict[str, str],
    indent: str,
) -> list[str]:
    """One level of nesting: the layers whose nodes all lie at it, its clusters, its other
    nodes (`nodes` are those directly at this level)."""
    lines: list[str] = []
    ranked: set[str] = set()
    for key, rank in ranks:
        drawn = [name for name in rank.nodes if name in ids]
        if drawn and set(drawn) <= set(nodes):
            lines += [f'{indent}subgraph {key}["{_text(rank.label)}"]', f"{indent}  direction LR"]
            lines += [f'{indent}  {ids[name]}["{_text(name)}"]' for name in drawn]
            lines.append(f"{indent}end")
            ranked.update(drawn)
    for cluster in clusters:
        if any(name in ids for name in _inside(cluster)):
            lines.append(f'{indent}subgraph {boxes[cluster.name]}["{_text(cluster.name)}"]')
            lines += _level(cluster.clusters, list(cluster.nodes), ranks, ids, boxes, indent + "  ")
            lines.append(f"{indent}end")
    lines += [
        f'{indent}{ids[name]}["{_text(name)}"]'
        for name in nodes
        if name in ids and name not in ranked
    ]
    return lines


def _inside(cluster: Cluster) -> list[str]:
    return [*cluster.nodes, *(node for inner in cluster.clusters for node in _inside(inner))]


def _cluster_names(clusters: tuple[Cluster, ...]) -> list[str]:
    return [name for c in clusters for name in (c.name, *_cluster_names(c.clusters))]


def _text(value: str) -> str:
    """Inside a quoted Mermaid label: its own entity codes for what would end or mark it up."""
    shown = label(value)
    for character, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        shown = shown.replace(character, code)
    return shown
