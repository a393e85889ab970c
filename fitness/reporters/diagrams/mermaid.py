"""Mermaid flowcharts, as GitHub renders them in Markdown."""

from __future__ import annotations

from fitness.reporters.diagrams.names import edge_label, identifiers, label
from fitness.views.package_view import PackageView

VIOLATION = "stroke:#d1242f,stroke-width:3px,color:#d1242f"
LEGAL = "stroke:#8c959f,stroke-width:1px"
# A dashed arrow for imports only under TYPE_CHECKING or only dynamic; a thick one breaks a rule.
_ARROWS = {"plain": "-->", "type_checking": "-.->", "dynamic": "-.->"}


def render_mermaid(view: PackageView) -> str:
    """A `flowchart TB`: a node per package, an edge per imported package, broken rules red."""
    ids = identifiers(node.name for node in view.nodes)
    lines = [
        f"%% fitness graph: {', '.join(_text(root) for root in view.roots)}, depth {view.depth}",
        "flowchart TB",
    ]
    if view.left_out:
        lines.insert(
            1, f"%% left out to stay within GitHub's limits: {_text('; '.join(view.left_out))}"
        )
    ranked = {name for rank in view.ranks for name in rank}
    for number, rank in enumerate(view.ranks, start=1):  # a layer's modules side by side
        lines += [f'  subgraph rank_{number}["layer {number}"]', "    direction LR"]
        lines += [f'    {ids[name]}["{_text(name)}"]' for name in rank if name in ids]
        lines.append("  end")
    lines += [
        f'  {ids[node.name]}["{_text(node.name)}"]'
        for node in view.nodes
        if node.name not in ranked
    ]
    legal: list[str] = []
    broken: list[str] = []
    for index, edge in enumerate(view.edges):
        arrow = "==>" if edge.violations else _ARROWS[edge.style]
        text = _text(edge_label(edge.imports, edge.violations))
        lines.append(f'  {ids[edge.source]} {arrow}|"{text}"| {ids[edge.target]}')
        (broken if edge.violations else legal).append(str(index))
    if legal:
        lines.append(f"  linkStyle {','.join(legal)} {LEGAL}")
    if broken:
        lines.append(f"  linkStyle {','.join(broken)} {VIOLATION}")
    return "\n".join(lines) + "\n"


def _text(value: str) -> str:
    """Inside a quoted Mermaid label: its own entity codes for what would end or mark it up."""
    shown = label(value)
    for character, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        shown = shown.replace(character, code)
    return shown
