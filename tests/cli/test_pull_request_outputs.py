"""The outputs a pull request's author reads, through the command line."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from support import Result, config

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

RULES = """
[tool.fitness.rules.pure]
kind = "forbidden"
from = ["app.domain"]
to = ["app.web"]

[tool.fitness.rules.soft]
kind = "forbidden"
severity = "warning"
from = ["app.web"]
to = ["app.jobs"]

[tool.fitness.rules.layered]
kind = "layers"
layers = ["app.web", "app.domain"]
"""
FILES = {
    "src/app/__init__.py": "",
    "src/app/domain.py": "import dataclasses\n",  # a rule of modules that import nothing is vacuous
    "src/app/jobs.py": "",
    "src/app/web.py": "from app import jobs\n",
    "pyproject.toml": config(RULES),
}


def test_text_lists_the_broken_rules_and_counts_the_kept(project: Project, run: Run) -> None:
    root = project(FILES)

    result = run("check", cwd=root)

    assert (result.code, result.out) == (
        0,
        "src/app/web.py:1:1: soft: app.web must not import app.jobs [warning]\n"
        "\n"
        "soft  forbidden  broken  1 finding\n"
        "Rules: 2 kept, 1 broken. Found 1 finding (1 warning) in 4 files (0.00s).\n",
    )


@pytest.mark.parametrize("flag", ["--show-rules", "-v", "--verbose"])
def test_show_rules_lists_every_rule(project: Project, run: Run, flag: str) -> None:
    root = project(FILES)

    result = run("check", flag, cwd=root)

    assert result.out.splitlines()[2:] == [
        "pure     forbidden  kept",
        "soft     forbidden  broken  1 finding",
        "layered  layers     kept",
        "Rules: 2 kept, 1 broken. Found 1 finding (1 warning) in 4 files (0.00s).",
    ]


def test_a_clean_run_is_one_line(project: Project, run: Run) -> None:
    root = project({**FILES, "src/app/web.py": "import json\n"})

    result = run("check", cwd=root)

    assert (result.code, result.out) == (
        0,
        "Rules: 3 kept, 0 broken. No findings in 4 files (0.00s).\n",
    )


def test_junit_warnings_below_fail_on_are_passed_test_cases(project: Project, run: Run) -> None:
    root = project(FILES)

    green = run("check", "--format", "junit", cwd=root)
    red = run("check", "--format", "junit", "--fail-on", "warning", cwd=root)

    assert green.code == 0
    case = ET.fromstring(green.out).find("testsuite[@name='soft']/testcase")
    assert case is not None
    assert [(child.tag, child.text) for child in case] == [
        (
            "system-out",
            "src/app/web.py:1:1: warning: app.web must not import app.jobs\n"
            "chain 1 of 1:\n  app.web -> app.jobs (l.1)",
        ),
    ]
    assert ET.fromstring(green.out).get("failures") == "0"
    assert red.code == 1
    failing = ET.fromstring(red.out)
    assert failing.get("failures") == "1"
    assert [failure.get("type") for failure in failing.iter("failure")] == ["soft"]


def test_markdown_links_each_location_at_the_commit(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(FILES)
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.example")
    monkeypatch.setenv("GITHUB_REPOSITORY", "o/r")
    monkeypatch.setenv("GITHUB_SHA", "abc123")

    result = run("check", "--format", "markdown", cwd=root)

    row = next(line for line in result.out.splitlines() if line.startswith("| <a"))
    assert row == (
        '| <a href="https://github.example/o/r/blob/abc123/src/app/web.py#L1">'
        "<code>src/app/web.py:1:1</code></a> | warning | app.web must not import app.jobs | "
        "<details><summary>1 hop</summary>app.web -\\> app.jobs (l.1)</details> |"
    )
    assert "<details><summary>2 kept rules</summary>" in result.out


def test_sarif_security_pack_rules_are_security_alerts(project: Project, run: Run) -> None:
    root = project(
        {
            "src/app/__init__.py": "",
            "src/app/store.py": "import pickle\n\ndata = pickle.loads(b'')\n",
            "pyproject.toml": config("", 'extends = ["fitness:security"]'),
        }
    )

    result = run("check", "--format", "sarif", cwd=root)

    rules = json.loads(result.out)["runs"][0]["tool"]["driver"]["rules"]
    pickle = next(rule for rule in rules if rule["id"] == "security-pickle")
    assert pickle["properties"] == {
        "tags": ["security", "banned-api"],
        "precision": "very-high",
        "security-severity": "8.0",
    }
    assert {rule["properties"].get("security-severity") for rule in rules} <= {"8.0", "5.0"}
    assert all("security" in rule["properties"]["tags"] for rule in rules)


def test_a_tag_must_be_a_lowercase_word(project: Project, run: Run) -> None:
    rules = '[tool.fitness.rules.pure]\nkind = "forbidden"\nfrom = ["app.domain"]\n'
    rules += 'to = ["app.web"]\ntags = ["security", "Team A"]\n'
    root = project({**FILES, "pyproject.toml": config(rules)})

    result = run("check", cwd=root)

    assert (result.code, result.err) == (
        2,
        "pyproject.toml:7: tool.fitness.rules.pure.tags[1]: 'Team A' is not a "
        "tag: use lowercase letters, digits and '-'\n",
    )


def test_sarif_a_call_fitness_cannot_judge_has_medium_precision(project: Project, run: Run) -> None:
    code = (
        "import subprocess\n\n"
        "subprocess.run(['ls'], shell=True)\n"
        "def run(command, **options):\n"
        "    return subprocess.run(command, **options)\n"
    )
    root = project(
        {
            "src/app/__init__.py": "",
            "src/app/shell.py": code,
            "pyproject.toml": config("", 'extends = ["fitness:security"]'),
        }
    )

    result = run("check", "--format", "sarif", cwd=root)

    results = json.loads(result.out)["runs"][0]["results"]
    assert [
        (
            r["message"]["text"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r.get("properties"),
        )
        for r in results
    ] == [
        ("subprocess.run with shell=True is banned.", 3, None),
        (
            "subprocess.run with shell=True is banned, and fitness cannot tell whether this call "
            "passes shell=True through **kwargs (so a warning, not an error).",
            5,
            {"precision": "medium"},
        ),
    ]
