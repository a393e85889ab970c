"""SARIF with --include-suppressed: what policy left out, each with a suppression saying why."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from shop import FILES
from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]


def test_suppressed_and_baselined_findings_carry_sarif_suppressions(
    project: Project, run: Run
) -> None:
    files = dict(FILES)
    files["src/shop/domain/pricing.py"] = (
        "from shop.api.views import checkout  # fitness: ignore[layered] ADR-0002 until Q3\n"
    )
    root = project(files)
    assert run("baseline", "--select", "domain-is-pure", cwd=root).code == 0

    plain = json.loads(run("check", "--format", "sarif", cwd=root).out)
    full = json.loads(run("check", "--format", "sarif", "--include-suppressed", cwd=root).out)

    assert [r["ruleId"] for r in plain["runs"][0]["results"]] == ["layered"]
    results = full["runs"][0]["results"]
    assert [(r["ruleId"], r.get("suppressions")) for r in results] == [
        ("layered", None),
        ("layered", [{"kind": "inSource", "justification": "ADR-0002 until Q3"}]),
        ("domain-is-pure", [{"kind": "external", "justification": "in the baseline"}]),
        ("domain-is-pure", [{"kind": "external", "justification": "in the baseline"}]),
    ]
