"""The search for the layer order with the fewest broken pairs (fitness.init.ordering)."""

from __future__ import annotations

import itertools
import random

from fitness.init.ordering import EXACT_LIMIT, best_order, broken_pairs


def brute_force(names: list[str], imports: dict[str, set[str]]) -> int:
    return min(len(broken_pairs(order, imports)) for order in itertools.permutations(names))


def test_an_acyclic_graph_gets_a_topological_order_with_nothing_broken() -> None:
    imports = {"api": {"services", "domain"}, "services": {"domain"}, "jobs": {"services"}}

    ordering = best_order(["domain", "services", "api", "jobs"], imports)

    assert ordering == (("api", "jobs", "services", "domain"), (), True, ())


def test_a_loop_breaks_one_pair_and_is_named() -> None:
    imports = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

    ordering = best_order(["a", "b", "c", "d"], imports)

    assert ordering.order[0] == "d"
    assert len(ordering.broken) == 1
    assert ordering.exact
    assert ordering.groups == (("a", "b", "c"),)


def test_the_exact_search_finds_the_brute_force_minimum() -> None:
    generator = random.Random(15)
    for _ in range(60):
        names = [f"p{i}" for i in range(generator.randint(2, 7))]
        imports = {
            name: {other for other in names if other != name and generator.random() < 0.4}
            for name in names
        }
        ordering = best_order(names, imports)
        assert sorted(ordering.order) == names
        assert ordering.broken == broken_pairs(ordering.order, imports)
        assert len(ordering.broken) == brute_force(names, imports), imports


def test_the_answer_does_not_depend_on_the_order_names_come_in() -> None:
    imports = {"a": {"b", "c"}, "b": {"a"}, "c": {"d"}, "d": {"c", "a"}}

    answers = {best_order(list(names), imports) for names in itertools.permutations("abcd")}

    assert len(answers) == 1


def test_a_loop_larger_than_the_exact_limit_is_ordered_by_the_heuristic() -> None:
    size = EXACT_LIMIT + 4
    names = [f"m{i:02d}" for i in range(size)]
    # A chain downwards, and one import back from the bottom to the top.
    imports = {names[i]: {names[i + 1]} for i in range(size - 1)}
    imports[names[-1]] = {names[0]}

    ordering = best_order(names, imports)

    assert not ordering.exact
    assert ordering.groups == (tuple(names),)
    assert len(ordering.broken) == 1  # the fewest possible for one loop


def test_the_heuristic_improves_on_the_greedy_order_it_starts_from() -> None:
    from fitness.init.ordering import _greedy

    generator = random.Random(7)
    names = [f"n{i:02d}" for i in range(EXACT_LIMIT + 10)]
    imports = {
        name: {other for other in names if other != name and generator.random() < 0.3}
        for name in names
    }
    reach = {name: frozenset(imports[name]) for name in names}

    ordering = best_order(names, imports)

    greedy = len(broken_pairs(_greedy(sorted(names), reach), imports))
    mutual = sum(1 for a in names for b in imports[a] if a < b and a in imports[b])
    assert not ordering.exact
    assert mutual <= len(ordering.broken) < greedy
    assert best_order(list(reversed(names)), imports) == ordering
