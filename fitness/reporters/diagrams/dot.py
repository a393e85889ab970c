"""Graphviz DOT: `dot -Tsvg` draws it; ranks run top to bottom."""

from __future__ import annotations

from fitness.reporters.diagrams.names import edge_label, label
from fitness.views.package_view import PackageView

VIOLATION = 'color="#d1242f", fontcolor="#d1242f", penwidth=2.5'
LEGAL = 'color="#8c959f", fontcolor="#57606a"'
_STYLES = {"plain": "", "type_checking": ", style=dashed", "dynamic": ", style=dashed"}


def render_dot(view: PackageView) -> str:
    """A `digraph`: a box per package, an edge per imported package, broken rules red."""
    roots = ", ".join(label(root) for root in view.roots)
    lines = [
        *(f"// left out: {label(said)}" for said in view.left_out),
        "digraph fitness {",
        f"  label={_quoted(f'fitness graph: {roots}, depth {view.depth}')};",
        "  labelloc=t;",
        "  rankdir=TB;",
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    lines += [f"  {_quoted(node.name)};" for node in view.nodes]
    drawn = {node.name for node in view.nodes}
    ranks = [[name for name in rank if name in drawn] for rank in view.ranks]
    ranks = [rank for rank in ranks if rank]
    for rank in ranks:  # a layer's modules side by side, the layers top to bottom
        lines.append(f"  {{ rank=same; {' '.join(_quoted(name) + ';' for name in rank)} }}")
    for upper, lower in zip(ranks, ranks[1:]):
        lines.append(f"  {_quoted(upper[0])} -> {_quoted(lower[0])} [style=invis];")
    for edge in view.edges:
        look = VIOLATION if edge.violations else LEGAL + _STYLES[edge.style]
        text = _quoted(edge_label(edge.imports, edge.violations))
        lines.append(f"  {_quoted(edge.source)} -> {_quoted(edge.target)} [label={text}, {look}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _quoted(value: str) -> str:
    """A DOT string: the name made inert, its backslashes and quotes escaped."""
    return '"' + label(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
