"""SARIF, JUnit, GitHub and Markdown on hand-built reports: a resolved ADR, escaping, paths."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from fitness.model import Severity
from fitness.reporters import RenderOptions
from fitness.reporters.github import render_github
from fitness.reporters.junit import render_junit
from fitness.reporters.markdown import render_markdown
from fitness.reporters.sarif import render_sarif
from reporters.hand_built import finding, report

SOURCE = "https://github.example/o/r/blob/abc123"


def test_sarif_rule_names_the_resolved_adr_and_links_its_file() -> None:
    document = json.loads(render_sarif(report(finding()), RenderOptions(source_url=SOURCE)))

    rule = document["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["help"]["markdown"] == (
        "a must not import c.\n\n"
        f"**Decision:** [ADR-0004: Keep the domain pure]({SOURCE}/services/app/docs/adr/0004-pure-domain.md)"
        "\n\nLet services wire c."
    )
    assert rule["help"]["text"] == (
        "a must not import c.\n\nDecision: ADR-0004: Keep the domain pure "
        f"({SOURCE}/services/app/docs/adr/0004-pure-domain.md).\n\nLet services wire c."
    )
    assert rule["helpUri"] == f"{SOURCE}/services/app/docs/adr/0004-pure-domain.md"
    assert rule["name"] == "PureRule"


def test_sarif_without_source_url_links_the_adr_relative_to_the_repository() -> None:
    document = json.loads(render_sarif(report(finding()), RenderOptions()))

    rule = document["runs"][0]["tool"]["driver"]["rules"][0]
    assert "(services/app/docs/adr/0004-pure-domain.md)" in rule["help"]["markdown"]
    assert rule["helpUri"].startswith("https://")


def test_sarif_result_paths_links_and_fingerprint() -> None:
    one = finding("a [x] must not import c")
    run = json.loads(render_sarif(report(one), RenderOptions()))["runs"][0]

    result = run["results"][0]
    assert result["message"]["text"] == (
        "a \\[x\\] must not import c (ADR-0004: Keep the domain pure). "
        "Chain: [a.x -> b.y](1), [b.y -> c](2)."
    )
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "services/app/src/a/x.py",
        "uriBaseId": "%SRCROOT%",
    }
    assert [r["id"] for r in result["relatedLocations"]] == [1, 2]
    assert result["partialFingerprints"] == {"primaryLocationLineHash": f"{one.fingerprint[:16]}:1"}
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_fingerprint_does_not_depend_on_the_line() -> None:
    def line_hash(line: int) -> str:
        document = json.loads(render_sarif(report(finding(line=line)), RenderOptions()))
        return str(document["runs"][0]["results"][0]["partialFingerprints"])

    assert line_hash(3) == line_hash(300)


def test_sarif_without_findings_still_has_results() -> None:
    run = json.loads(render_sarif(report(), RenderOptions()))["runs"][0]

    assert run["results"] == []
    # Nothing truncated; what the rules reached is there even when they found nothing.
    assert run["properties"] == {
        "coverage": {"pure": {"modules": [], "imports": 0, "skipped": []}},
        "unanalysed": [],
    }


def test_junit_failure_carries_location_chain_adr_and_guidance() -> None:
    root = ET.fromstring(render_junit(report(finding("a\nmust not import c")), RenderOptions()))

    suite = root.find("testsuite")
    assert suite is not None and suite.get("time") == "0.250"
    case = suite.find("testcase")
    assert case is not None and case.get("name") == "services/app/src/a/x.py:3:1"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "pure"
    assert failure.get("message") == "a must not import c"
    assert failure.text == (
        "services/app/src/a/x.py:3:1: error: a\nmust not import c\n"
        "chain 1 of 1:\n"
        "  a.x -> b.y (l.3)\n"
        "  b.y -> c (l.7)\n"
        "ADR: ADR-0004: Keep the domain pure (services/app/docs/adr/0004-pure-domain.md)\n"
        "guidance: Let services wire c."
    )
    assert root.get("time") == "1.500"


def test_github_paths_are_relative_to_the_workspace() -> None:
    out = render_github(report(finding()), RenderOptions(workspace="/repo/services"))

    assert out.splitlines()[0].startswith(
        "::error file=app/src/a/x.py,line=3,col=1,endLine=3,endColumn=20,"
        "title=pure (ADR-0004%3A Keep the domain pure)::"
    )


def test_markdown_links_the_adr_and_folds_the_chain() -> None:
    out = render_markdown(report(finding()), RenderOptions(source_url=SOURCE))

    link = f'<a href="{SOURCE}/services/app/docs/adr/0004-pure-domain.md">ADR-0004: Keep the domain pure</a>'
    assert f"a must not import c. Decision: {link}." in out
    assert (
        f'| <a href="{SOURCE}/services/app/src/a/x.py#L3"><code>services/app/src/a/x.py:3:1</code>'
        "</a> | error | a must not import c | "
        "<details><summary>2 hops</summary>a.x -\\> b.y (l.3)<br>b.y -\\> c (l.7)</details> |"
    ) in out


def test_github_most_severe_of_a_rule_first_then_plain_lines_past_ten_per_severity() -> None:
    warnings = [
        finding(f"w{i}", line=i, severity=Severity.WARNING, name=f"w{i}") for i in range(1, 13)
    ]
    errors = [finding(f"e{i}", line=100 + i, name=f"e{i}", chain=False) for i in range(1, 3)]

    lines = render_github(report(*warnings, *errors), RenderOptions()).splitlines()

    assert [line.split(" ")[0] for line in lines[:12]] == ["::error"] * 2 + ["::warning"] * 10
    assert lines[12:14] == [
        "services/app/src/a/x.py:11:1: warning: pure: w11",
        "services/app/src/a/x.py:12:1: warning: pure: w12",
    ]
    assert lines[14] == (
        "fitness: 14 findings; 2 not annotated (GitHub shows 10 annotations of each severity "
        "per step): they are the plain lines above, and the step summary (the markdown format) "
        "lists every finding by rule."
    )
