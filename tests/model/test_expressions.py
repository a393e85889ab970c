"""Module expressions: which wildcard runs mean something, and what they match."""

from __future__ import annotations

import pytest

from fitness.model.expressions import ModuleExpr, expression_problem


@pytest.mark.parametrize(
    ("text", "matching", "not_matching"),
    [
        # Two single wildcards are exactly two segments (import-linter's `shop.plugins.*.*`).
        ("shop.plugins.*.*", ["shop.plugins.a.b"], ["shop.plugins.a", "shop.plugins.a.b.c"]),
        # `*.**` and `**.*` are two or more segments; import-linter refuses both spellings.
        ("shop.*.**", ["shop.a.b", "shop.a.b.c"], ["shop.a", "shop"]),
        ("shop.**.*", ["shop.a.b", "shop.a.b.c"], ["shop.a"]),
        ("shop.*.*.x", ["shop.a.b.x"], ["shop.a.x", "shop.a.b.c.x"]),
    ],
)
def test_consecutive_wildcards_are_expressions(
    text: str, matching: list[str], not_matching: list[str]
) -> None:
    assert expression_problem(text) is None
    expr = ModuleExpr(text)
    assert [m for m in matching if expr.matches(m)] == matching
    assert [m for m in not_matching if expr.matches(m)] == []


@pytest.mark.parametrize("text", ["shop.**.**", "**.**", "shop.*.**.**.x"])
def test_two_recursive_wildcards_in_a_row_are_refused_word_for_word(text: str) -> None:
    # `**.**` means what `*.**` means, with many ways to split a name between its halves.
    assert expression_problem(text) == (
        f"'{text}' has '**' twice in a row: write '*.**' for two or more segments"
    )
