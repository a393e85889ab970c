"""The CI formats ordered for a pull request's author: what fails first, the rest counted."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fitness.model import Finding, RuleSummary, Severity
from fitness.reporters import RenderOptions
from fitness.reporters.github import render_github
from fitness.reporters.junit import render_junit
from fitness.reporters.markdown import render_markdown
from fitness.reporters.text import render_text
from reporters.hand_built import PURE, finding, report

SOURCE = "https://github.example/o/r/blob/abc123"
CYCLES = RuleSummary("no-cycles", "acyclic", Severity.ERROR, None, "no import cycles", None, 0.5)
SOFT = RuleSummary("soft", "forbidden", Severity.WARNING, None, "b should not import d", None, 0.1)
KEPT = RuleSummary("kept-one", "layers", Severity.ERROR, None, "ui above domain", None, 0.1)


def _cycles(count: int) -> list[Finding]:
    return [
        finding(f"cycle {i}", path=f"src/a/m{i:02}.py", rule="no-cycles", chain=False, name=f"m{i}")
        for i in range(1, count + 1)
    ]


LAYER = finding("a must not import c", path="src/z/late.py", line=9, chain=False)
WARNING = finding(
    "b should not import d", path="src/b/w.py", rule="soft", severity=Severity.WARNING, chain=False
)


def test_github_budget_annotates_every_broken_rule_before_the_rest_of_one() -> None:
    # 12 cycles come first in path order; the layer finding is last, and is annotated first.
    findings = sorted([*_cycles(12), LAYER], key=lambda f: f.sort_key())

    out = render_github(report(*findings, rules=(PURE, CYCLES)), RenderOptions())

    lines = out.splitlines()
    assert [line.split(",col=")[0] for line in lines[:10]] == [
        "::error file=services/app/src/z/late.py,line=9",
        *(f"::error file=services/app/src/a/m{i:02}.py,line=3" for i in range(1, 10)),
    ]
    assert lines[10:] == [
        "services/app/src/a/m10.py:3:1: error: no-cycles: cycle 10",
        "services/app/src/a/m11.py:3:1: error: no-cycles: cycle 11",
        "services/app/src/a/m12.py:3:1: error: no-cycles: cycle 12",
        "fitness: 13 findings; 3 not annotated (GitHub shows 10 annotations of each severity "
        "per step): they are the plain lines above, and the step summary (the markdown format) "
        "lists every finding by rule.",
    ]


def test_github_each_severity_has_its_own_budget_led_by_each_rule() -> None:
    warnings = [
        finding(f"w{i}", path="src/b/w.py", line=i, rule="soft", severity=Severity.WARNING)
        for i in range(1, 12)
    ]
    findings = sorted([*warnings, *_cycles(2), LAYER], key=lambda f: f.sort_key())

    out = render_github(report(*findings, rules=(SOFT, PURE, CYCLES)), RenderOptions())

    heads = [line.split(",col=")[0] for line in out.splitlines()]
    assert heads[:14] == [
        "::error file=services/app/src/z/late.py,line=9",
        "::error file=services/app/src/a/m01.py,line=3",
        "::warning file=services/app/src/b/w.py,line=1",
        "::error file=services/app/src/a/m02.py,line=3",
        *(f"::warning file=services/app/src/b/w.py,line={line}" for line in range(2, 11)),
        "services/app/src/b/w.py:11:1: warning: soft: w11",
    ]


def test_markdown_failures_first_kept_rules_folded_locations_linked() -> None:
    given = report(WARNING, LAYER, rules=(SOFT, KEPT, PURE))

    out = render_markdown(given, RenderOptions(source_url=SOURCE))

    adr = f"{SOURCE}/services/app/docs/adr/0004-pure-domain.md"
    assert out == (
        "## fitness: 2 findings (1 error, 1 warning)\n"
        "\n"
        "The check failed. Rules: 1 kept, 2 broken; 3 files, 3 modules in 1.50s.\n"
        "\n"
        "### <code>pure</code>: 1 finding\n"
        "\n"
        f'a must not import c. Decision: <a href="{adr}">ADR-0004: Keep the domain pure</a>.\n'
        "\n"
        "_Let services wire c._\n"
        "\n"
        "| Location | Severity | Message | Chain |\n"
        "| --- | --- | --- | --- |\n"
        f'| <a href="{SOURCE}/services/app/src/z/late.py#L9">'
        "<code>services/app/src/z/late.py:9:1</code></a> | error | a must not import c |  |\n"
        "\n"
        "### <code>soft</code>: 1 finding\n"
        "\n"
        "b should not import d.\n"
        "\n"
        "| Location | Severity | Message | Chain |\n"
        "| --- | --- | --- | --- |\n"
        f'| <a href="{SOURCE}/services/app/src/b/w.py#L3">'
        "<code>services/app/src/b/w.py:3:1</code></a> | warning | b should not import d |  |\n"
        "\n"
        "<details><summary>1 kept rule</summary>\n"
        "\n"
        "| Rule | Kind | Decision |\n"
        "| --- | --- | --- |\n"
        "| <code>kept-one</code> | layers |  |\n"
        "\n"
        "</details>\n"
    )


def test_markdown_without_github_environment_shows_locations_as_code() -> None:
    out = render_markdown(report(LAYER), RenderOptions())

    assert (
        "| <code>services/app/src/z/late.py:9:1</code> | error | a must not import c |  |\n" in out
    )
    assert "<a href" not in out.split("| --- | --- | --- | --- |")[1]


def test_markdown_links_a_multi_line_finding_to_its_lines() -> None:
    spanning = LAYER._replace(location=LAYER.location._replace(end_line=12))

    out = render_markdown(report(spanning), RenderOptions(source_url=SOURCE))

    assert f'<a href="{SOURCE}/services/app/src/z/late.py#L9-L12">' in out


def test_text_lists_broken_rules_and_counts_the_kept_ones() -> None:
    given = report(WARNING, LAYER, rules=(SOFT, KEPT, PURE))

    out = render_text(given, RenderOptions())

    assert out.splitlines()[-3:] == [
        "soft  forbidden  broken  1 finding",
        "pure  forbidden  broken  1 finding",
        "Rules: 1 kept, 2 broken. Found 2 findings (1 error, 1 warning) in 3 files (1.50s).",
    ]


def test_text_show_rules_lists_the_kept_ones_too() -> None:
    given = report(WARNING, LAYER, rules=(SOFT, KEPT, PURE))

    out = render_text(given, RenderOptions(show_rules=True))

    assert out.splitlines()[-4:] == [
        "soft      forbidden  broken  1 finding",
        "kept-one  layers     kept",
        "pure      forbidden  broken  1 finding",
        "Rules: 1 kept, 2 broken. Found 2 findings (1 error, 1 warning) in 3 files (1.50s).",
    ]


def test_junit_with_only_warnings_below_fail_on_has_no_failure() -> None:
    second = WARNING._replace(location=WARNING.location._replace(line=8))

    out = render_junit(report(WARNING, second, rules=(SOFT, KEPT)), RenderOptions())

    assert out == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="fitness" tests="3" failures="0" errors="0" time="1.500">\n'
        '  <testsuite name="soft" tests="2" failures="0" errors="0" skipped="0" time="0.100">\n'
        "    <properties>\n"
        '      <property name="kind" value="forbidden"/>\n'
        '      <property name="severity" value="warning"/>\n'
        '      <property name="description" value="b should not import d"/>\n'
        "    </properties>\n"
        '    <testcase name="services/app/src/b/w.py:3:1" classname="services/app/src/b/w.py" '
        'time="0.000">\n'
        "      <system-out>services/app/src/b/w.py:3:1: warning: b should not import d\n"
        "ADR: ADR-0004\n"
        "guidance: Let services wire c.</system-out>\n"
        "    </testcase>\n"
        '    <testcase name="services/app/src/b/w.py:8:1" classname="services/app/src/b/w.py" '
        'time="0.000">\n'
        "      <system-out>services/app/src/b/w.py:8:1: warning: b should not import d\n"
        "ADR: ADR-0004\n"
        "guidance: Let services wire c.</system-out>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        '  <testsuite name="kept-one" tests="1" failures="0" errors="0" skipped="0" '
        'time="0.100">\n'
        "    <properties>\n"
        '      <property name="kind" value="layers"/>\n'
        '      <property name="severity" value="error"/>\n'
        '      <property name="description" value="ui above domain"/>\n'
        "    </properties>\n"
        '    <testcase name="kept-one" classname="kept-one" time="0.100"/>\n'
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def test_junit_a_warning_at_or_above_fail_on_is_a_failure() -> None:
    given = report(WARNING, LAYER, rules=(SOFT, PURE), fail_on=Severity.WARNING)

    root = ET.fromstring(render_junit(given, RenderOptions()))

    assert root.get("failures") == "2"
    assert [case.find("failure") is not None for case in root.iter("testcase")] == [True, True]


def test_junit_fail_on_never_fails_no_testcase() -> None:
    root = ET.fromstring(render_junit(report(LAYER, fail_on=None), RenderOptions()))

    assert root.get("failures") == "0"
    assert [child.tag for case in root.iter("testcase") for child in case] == ["system-out"]
