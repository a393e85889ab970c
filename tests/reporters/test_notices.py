"""The run's notices, as each format renders them: reporters show, never decide."""

from __future__ import annotations

import json

from fitness.model import Notice, Severity
from fitness.reporters import RenderOptions
from fitness.reporters.github import render_github
from fitness.reporters.json_report import render_json
from fitness.reporters.junit import render_junit
from fitness.reporters.markdown import render_markdown
from fitness.reporters.text import render_text
from reporters.hand_built import report

RENAMED = Notice("rename-followed", Severity.NOTE, "a, renamed to b: 50% done")
ON_A_LINE = Notice("x", Severity.WARNING, "look, here: <it>", "pyproject.toml", 7, ("one", "two"))


def test_github_a_command_per_notice_on_its_file_and_line_escaped() -> None:
    rendered = render_github(report()._replace(notices=(RENAMED, ON_A_LINE)), RenderOptions())
    assert rendered == (
        "::notice title=fitness::a, renamed to b: 50%25 done\n"
        "::warning file=services/app/pyproject.toml,line=7,title=fitness::"
        "look, here: <it>%0Aone%0Atwo\n"
        "fitness: 0 findings.\n"
    )


def test_text_and_markdown_a_line_per_notice_with_its_details() -> None:
    built = report()._replace(notices=(RENAMED, ON_A_LINE), outside=1)
    text = render_text(built, RenderOptions()).splitlines()
    markdown = render_markdown(built, RenderOptions()).split("\n<details>")[0]

    assert text[0:5] == [
        "a, renamed to b: 50% done",
        "look, here: <it>",
        "  one",
        "  two",
        "1 more finding in other files; run without PATH to see them",
    ]
    assert markdown.split("\n\n", 2)[2] == (
        "**Note:** a, renamed to b: 50% done\n"
        "\n"
        "**Warning:** look, here: \\<it\\> (<code>services/app/pyproject.toml</code>)\n"
        "- one\n"
        "- two\n"
        "\n"
        "1 more finding in other files; run without PATH to see them.\n"
    )


def test_junit_notices_that_are_not_errors_pass_with_their_text() -> None:
    rendered = render_junit(report()._replace(notices=(ON_A_LINE,)), RenderOptions())
    assert '<testsuites name="fitness" tests="2" failures="0" ' in rendered
    assert rendered.endswith(
        '  <testsuite name="fitness" tests="1" failures="0" errors="0" skipped="0" '
        'time="0.000">\n'
        '    <testcase name="services/app/pyproject.toml:7" '
        'classname="services/app/pyproject.toml" time="0.000">\n'
        "      <system-out>look, here: &lt;it&gt;\none\ntwo</system-out>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def test_json_lists_the_notices_and_counts_the_findings_outside() -> None:
    document = json.loads(
        render_json(report()._replace(notices=(ON_A_LINE,), outside=3), RenderOptions())
    )
    assert document["summary"]["outside_paths"] == 3
    assert document["notices"] == [
        {
            "id": "x",
            "severity": "warning",
            "message": "look, here: <it>",
            "path": "pyproject.toml",
            "line": 7,
            "details": ["one", "two"],
        }
    ]
