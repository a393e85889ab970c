"""Module expressions: which wildcard runs mean something, and what they match."""

from __future__ import annotations

import pytest

from fitness.model.expressions import ModuleExpr, expression_problem, within


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


@pytest.mark.parametrize(
    ("text", "module", "covered"),
    [
        ("shop.ops", "shop.ops", True),
        ("shop.ops", "shop.ops.shell", True),
        ("shop.ops", "shop.opsx", False),
        ("shop.ops", "shop", False),
        ("shop.*", "shop.ops.shell", True),  # inside shop.ops, which `shop.*` matches
        ("shop.*", "shop", False),
        ("shop.*.legacy", "shop.a.legacy.x", True),
        ("shop.*.legacy", "shop.a.b.legacy", False),
    ],
)
def test_covers_a_match_and_what_lies_inside_it(text: str, module: str, covered: bool) -> None:
    assert ModuleExpr(text).covers(module) is covered


def test_within_is_the_package_or_below_it() -> None:
    assert [within(m, "shop.ops") for m in ("shop.ops", "shop.ops.x", "shop.opsx", "shop")] == [
        True,
        True,
        False,
        False,
    ]
