"""A rule whose every finding is in the baseline is `baselined` in every format, not kept."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from fitness.model import Report
from fitness.reporters import RenderOptions
from fitness.reporters.json_report import render_json
from fitness.reporters.junit import render_junit
from fitness.reporters.markdown import render_markdown
from fitness.reporters.text import render_text
from reporters.hand_built import finding, report


def baselined_only() -> Report:
    return report()._replace(baselined=(finding(), finding(line=9)), failed=False)


def test_the_model_says_broken_baselined_and_kept() -> None:
    assert report(finding()).status_of("pure") == "broken"
    assert baselined_only().status_of("pure") == "baselined"
    assert report().status_of("pure") == "kept"
    assert baselined_only().rule_counts() == {"kept": 0, "baselined": 1, "broken": 0}


def test_text_counts_the_rule_apart_and_lists_it_as_baselined_with_show_rules() -> None:
    totals = (
        "Not counted: 2 in the baseline.\n"
        "Rules: 0 kept, 1 baselined, 0 broken. No findings in 3 files (1.50s).\n"
    )

    assert render_text(baselined_only(), RenderOptions()) == totals
    assert render_text(baselined_only(), RenderOptions(show_rules=True)) == (
        "pure  forbidden  baselined\n" + totals
    )


def test_text_colours_baselined_yellow() -> None:
    lines = render_text(baselined_only(), RenderOptions(color=True, show_rules=True)).splitlines()

    assert lines[0] == "pure  forbidden  \x1b[33mbaselined\x1b[0m"


def test_json_status_and_summary_count() -> None:
    document = json.loads(render_json(baselined_only(), RenderOptions()))

    assert document["rules"][0]["status"] == "baselined"
    summary = document["summary"]
    assert (summary["rules_kept"], summary["rules_baselined"], summary["rules_broken"]) == (0, 1, 0)


def test_markdown_counts_it_and_marks_it_in_the_table_of_rules_not_broken() -> None:
    out = render_markdown(baselined_only(), RenderOptions())

    assert out == (
        "## fitness: no findings\n\n"
        "The check passed. Rules: 0 kept, 1 baselined, 0 broken; 3 files, 3 modules in 1.50s.\n"
        "\n"
        "<details><summary>0 kept rules, 1 baselined</summary>\n\n"
        "| Rule | Kind | Decision |\n"
        "| --- | --- | --- |\n"
        '| <code>pure</code> (baselined) | forbidden | <a href="services/app/docs/adr/'
        '0004-pure-domain.md">ADR-0004: Keep the domain pure</a> |\n'
        "\n"
        "</details>\n"
    )


def test_junit_passes_the_rule_and_says_its_findings_are_baselined() -> None:
    root = ET.fromstring(render_junit(baselined_only(), RenderOptions()))

    [case] = root.iter("testcase")
    assert (case.get("name"), case.find("failure"), case.findtext("system-out")) == (
        "pure",
        None,
        "baselined: 2 findings in the baseline",
    )
