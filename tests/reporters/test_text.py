"""The text report on hand-built reports: chains, hop labels, limits, the rule summary."""

from __future__ import annotations

from fitness.model import Finding, Hop, Location, Report, RuleSummary, Severity, Site
from fitness.reporters import RenderOptions
from fitness.reporters.text import render_text


def site(path: str, line: int, *, local: bool = False, tc: bool = False, dyn: bool = False) -> Site:
    return Site(Location(path, line, 1, line, 10), local, tc, dyn)


def hop(importer: str, imported: str, *sites: Site) -> Hop:
    return Hop(importer, imported, sites)


def finding(rule: str, chains: tuple[tuple[Hop, ...], ...], modules: tuple[str, str]) -> Finding:
    return Finding(
        rule_id=rule,
        severity=Severity.ERROR,
        template="{importer} must not import {imported}",
        args=(("imported", modules[1]), ("importer", modules[0])),
        location=chains[0][0].location,
        chains=chains,
        modules=modules,
        adr=None,
        guidance=None,
        identity=(rule, *modules),
    )


def report(*findings: Finding, rules: tuple[str, ...] = ("rule",)) -> Report:
    return Report(
        findings=findings,
        rules=tuple(
            RuleSummary(r, "forbidden", Severity.ERROR, None, "a must not import b", None)
            for r in rules
        ),
        files=3,
        modules=3,
        elapsed=0.0,
        failed=bool(findings),
        root="/project",
    )


def test_every_line_of_a_hop_and_its_kind() -> None:
    chain = (
        hop(
            "a.x",
            "b.y",
            site("a/x.py", 3, local=True),
            site("a/x.py", 36, tc=True),
            site("a/x.py", 40, dyn=True),
            site("a/x.py", 41),
        ),
    )
    labelled = (hop("a.z", "b.y", site("a/z.py", 28, dyn=True), site("a/z.py", 939, dyn=True)),)

    out = render_text(report(finding("rule", (chain, labelled), ("a", "b"))), RenderOptions())

    assert out == (
        "a/x.py:3:1: rule: a must not import b\n"
        "  - a.x -> b.y (l.3 local, l.36 TYPE_CHECKING, l.40 dynamic, l.41)\n"
        "  - a.z -> b.y (l.28, l.939, dynamic)\n"
        "\n"
        "rule  forbidden  broken  1 finding\n"
        "Rules: 0 kept, 1 broken. Found 1 finding (1 error) in 3 files (0.00s).\n"
    )


def test_a_direct_import_with_a_kind_shows_its_hop() -> None:
    chain = (hop("a", "b", site("a.py", 36, tc=True)),)

    out = render_text(report(finding("rule", (chain,), ("a", "b"))), RenderOptions())

    assert out.splitlines()[:2] == [
        "a.py:36:1: rule: a must not import b",
        "  a -> b (l.36, TYPE_CHECKING)",
    ]


def test_routes_beyond_the_limit_are_counted_not_shown() -> None:
    chains = tuple((hop(f"a.m{i}", f"b.n{i}", site(f"a/m{i}.py", 1)),) for i in range(7)) + tuple(
        (hop(f"a.h{i}", "c", site(f"a/h{i}.py", 2)), hop("c", "b.t", site("c.py", 5)))
        for i in range(5)
    )

    lines = render_text(report(finding("rule", chains, ("a", "b"))), RenderOptions()).splitlines()

    assert lines[:7] == [
        "a/m0.py:1:1: rule: a must not import b",
        "  - a.m0 -> b.n0 (l.1)",
        "  - a.m1 -> b.n1 (l.1)",
        "  - a.m2 -> b.n2 (l.1)",
        "  - a.m3 -> b.n3 (l.1)",
        "  - a.m4 -> b.n4 (l.1)",
        "  ... and 7 more chains (--format json lists every one)",
    ]


def test_heads_beyond_the_limit_are_counted() -> None:
    chains = tuple(
        (hop(f"a.h{i}", "c", site(f"a/h{i}.py", 2)), hop("c", "b.t", site("c.py", 5)))
        for i in range(5)
    )

    lines = render_text(report(finding("rule", chains, ("a", "b"))), RenderOptions()).splitlines()

    assert lines[:7] == [
        "a/h0.py:2:1: rule: a must not import b",
        "  a.h0 -> c (l.2)",
        "    & a.h1 -> c (l.2)",
        "    & a.h2 -> c (l.2)",
        "  c -> b.t (l.5)",
        "  ... and 2 more chains (--format json lists every one)",
        "",
    ]


def test_paths_from_the_current_directory_and_the_rule_summary() -> None:
    chain = (hop("a", "b", site("src/a.py", 1)),)
    found = finding("broken-rule", (chain,), ("a", "b"))

    out = render_text(
        report(found, rules=("broken-rule", "kept")), RenderOptions(cwd="/project/lib/deep")
    )

    assert out == (
        "../../src/a.py:1:1: broken-rule: a must not import b\n"
        "\n"
        "broken-rule  forbidden  broken  1 finding\n"
        "Rules: 1 kept, 1 broken. Found 1 finding (1 error) in 3 files (0.00s).\n"
    )


def test_colour_marks_kept_and_broken() -> None:
    out = render_text(report(rules=("r",)), RenderOptions(color=True, show_rules=True))

    assert out == (
        "r  forbidden  \x1b[32mkept  \x1b[0m\n"
        "\x1b[32mRules: 1 kept, 0 broken. No findings in 3 files (0.00s).\x1b[0m\n"
    )
