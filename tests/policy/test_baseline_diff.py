"""The baseline's changes against a base: entries matched by fingerprint, growth told apart."""

from __future__ import annotations

from fitness.model import BaselineEntry
from fitness.policy.baseline_diff import ADDED, GROWN, REMOVED, SHRUNK, EntryChange, diff
from fitness.reporters.baseline_diff import render_baseline_diff


def entry(fingerprint: str, count: int, *imports: str) -> BaselineEntry:
    return BaselineEntry(fingerprint, "pure", f"about {fingerprint}", "src/a.py", count, imports)


BASE = [
    entry("a", 1, "x -> y"),
    entry("b", 2),
    entry("c", 3, "x -> y", "x -> z"),
    entry("d", 1, "p -> q"),
    entry("e", 1),
]
HEAD = [
    entry("a", 1, "x -> y"),  # unchanged
    entry("b", 3),  # one more finding
    entry("c", 2, "x -> y"),  # fewer findings, an import fewer
    entry("d", 1, "p -> q", "p -> r"),  # an import more
    entry("f", 1, "m -> n"),  # new
]


def test_entries_are_added_removed_grown_and_shrunk() -> None:
    found = diff(".fitness-baseline.json", "base", BASE, HEAD)

    assert found.changes == (
        EntryChange(GROWN, "pure", "about b", 2, 3),
        EntryChange(SHRUNK, "pure", "about c", 3, 2, (), ("x -> z",)),
        EntryChange(GROWN, "pure", "about d", 1, 1, ("p -> r",)),
        EntryChange(REMOVED, "pure", "about e", 1, 0),
        EntryChange(ADDED, "pure", "about f", 0, 1, ("m -> n",)),
    )
    assert (found.before, found.after, found.grows) == (8, 8, True)


def test_a_baseline_that_only_shrinks_does_not_grow() -> None:
    found = diff(".fitness-baseline.json", "base", BASE, BASE[:2])

    assert [change.change for change in found.changes] == [REMOVED, REMOVED, REMOVED]
    assert not found.grows


def test_the_markdown_lists_every_change_and_calls_growth_out() -> None:
    found = diff(".fitness-baseline.json", "abc123", BASE, HEAD)

    assert render_baseline_diff(found, "base") == (
        "### Changes to the baseline\n"
        "\n"
        "`.fitness-baseline.json` against the base commit `abc123`: 5 entries changed "
        "(1 added, 1 removed, 2 grown, 1 shrunk); 8 findings before, 8 findings now.\n"
        "\n"
        "**This change grows the baseline:** the findings of the entries added or grown would "
        "be known, not reported. Review them as a decision.\n"
        "\n"
        "| change | rule | about | findings | imports |\n"
        "|---|---|---|---|---|\n"
        "| grown | pure | about b | 2 → 3 |  |\n"
        "| shrunk | pure | about c | 3 → 2 | removed x -\\> z |\n"
        "| grown | pure | about d | 1 → 1 | added p -\\> r |\n"
        "| removed | pure | about e | 1 → 0 |  |\n"
        "| added | pure | about f | 0 → 1 | added m -\\> n |\n"
        "\n"
        "This change was judged by the base commit's baseline (`config-from: base`): its own "
        "edits to the baseline hide none of its findings here; they take effect once it is "
        "merged.\n"
    )


def test_a_new_baseline_has_no_file_before_and_no_baseline_renders_nothing() -> None:
    created = render_baseline_diff(diff("b.json", "abc", None, [entry("a", 1)]))
    assert created.splitlines()[2] == (
        "`b.json` against the base commit `abc`: 1 entry changed (1 added); "
        "no file before, 1 finding now."
    )
    assert render_baseline_diff(diff("b.json", "abc", None, None)) == ""
    assert render_baseline_diff(diff("b.json", "abc", BASE, BASE), "head") == (
        "### Changes to the baseline\n\n`b.json` against the base commit `abc`: no changes.\n"
    )
