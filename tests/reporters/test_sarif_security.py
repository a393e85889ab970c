"""SARIF for code scanning: security rules ranked as security alerts, uncertain findings marked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fitness import __url__
from fitness.model import RuleSummary, Severity
from fitness.reporters import RenderOptions
from fitness.reporters.sarif import render_sarif
from reporters.hand_built import PURE, finding, report

PICKLE = RuleSummary(
    "security-pickle",
    "banned-api",
    Severity.ERROR,
    None,
    "pickle.loads is banned",
    None,
    0.1,
    ("security",),
)
README = Path(__file__).resolve().parents[2] / "README.md"


def _run(*rules: RuleSummary, **findings: Any) -> dict[str, Any]:
    given = report(*findings.values(), rules=rules)
    run: dict[str, Any] = json.loads(render_sarif(given, RenderOptions()))["runs"][0]
    return run


def test_a_rule_tagged_security_carries_security_severity_and_the_tag() -> None:
    warning = PICKLE._replace(id="security-tempfile", severity=Severity.WARNING)
    note = PICKLE._replace(id="security-note", severity=Severity.NOTE)

    rules = _run(PICKLE, warning, note, PURE)["tool"]["driver"]["rules"]

    assert [rule["properties"] for rule in rules] == [
        {"tags": ["security", "banned-api"], "precision": "very-high", "security-severity": "8.0"},
        {"tags": ["security", "banned-api"], "precision": "very-high", "security-severity": "5.0"},
        {"tags": ["security", "banned-api"], "precision": "very-high", "security-severity": "2.0"},
        {"tags": ["architecture", "maintainability", "forbidden", "adr"], "precision": "very-high"},
    ]


def test_a_finding_that_cannot_tell_has_medium_precision() -> None:
    sure = finding("pickle.loads is banned", rule="security-pickle", chain=False, name="m")
    unsure = sure._replace(
        template="{api} is banned, and fitness cannot tell whether this call passes {undecided}",
        args=(("api", "subprocess.run"), ("undecided", "shell=True")),
        location=sure.location._replace(line=9),
    )

    results = _run(PICKLE, sure=sure, unsure=unsure)["results"]

    assert [result.get("properties") for result in results] == [None, {"precision": "medium"}]


def test_help_and_information_point_to_the_one_address_the_readme_names() -> None:
    driver = _run(PICKLE, PURE)["tool"]["driver"]

    assert driver["informationUri"] == __url__
    # Without GitHub's environment the ADR has no URL: the rule's help is fitness's page too.
    assert [rule["helpUri"] for rule in driver["rules"]] == [__url__, __url__]
    assert __url__ in README.read_text(encoding="utf-8")
