"""What a rule's own picture draws: the modules it names, ranked as its layers are.

A layers rule draws each layer's modules (each sibling of `a | b` its own node,
side by side) in ranks top to bottom, once per container; a forbidden rule its
`from` and `to` modules. The modules are the view's roots at depth 0, so every
module below one is drawn as that one.
"""

from __future__ import annotations

from typing import NamedTuple

from fitness.config.schema import Rule

DRAWN_KINDS = ("forbidden", "layers")


class RuleDrawing(NamedTuple):
    roots: tuple[str, ...]
    ranks: tuple[tuple[str, ...], ...]  # top to bottom; empty: no ranks


def rule_drawing(rule: Rule) -> RuleDrawing | None:
    """The roots and ranks of `rule`'s picture; None for a kind not drawn this way."""
    from fitness.checks.forbidden import ForbiddenParams
    from fitness.checks.layers import LayersParams

    params = rule.params
    if isinstance(params, LayersParams):
        prefixes = [ref.expr.text + "." for ref in params.containers] or [""]
        ranks = tuple(
            tuple(prefix + name for name in level.names)
            for prefix in prefixes
            for level in params.levels
        )
        return RuleDrawing(tuple(name for rank in ranks for name in rank), ranks)
    if isinstance(params, ForbiddenParams):
        named = [ref.expr.text for ref in params.module_refs() if "*" not in ref.expr.text]
        return RuleDrawing(tuple(dict.fromkeys(named)), ())
    return None
