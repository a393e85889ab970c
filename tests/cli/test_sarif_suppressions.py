"""SARIF with --include-suppressed: what policy left out, each with a suppression saying why."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from shop import FILES
from support import Result, config

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
        (
            "layered",
            [
                {
                    "kind": "inSource",
                    "justification": "ADR-0002 until Q3",
                    "location": {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": "src/shop/domain/pricing.py",
                                "uriBaseId": "%SRCROOT%",
                            },
                            "region": {
                                "startLine": 1,
                                "startColumn": 38,
                                "endLine": 1,
                                "endColumn": 82,
                            },
                        }
                    },
                }
            ],
        ),
        ("domain-is-pure", [{"kind": "external", "justification": "in the baseline"}]),
        ("domain-is-pure", [{"kind": "external", "justification": "in the baseline"}]),
    ]


# The reviewer's setup (issue 21): app.domain must not import app.infra nor sqlite3.
PURE = config(
    """
    [tool.fitness.rules.domain-is-pure]
    kind = "forbidden"
    from = ["app.domain"]
    to = ["app.infra", "sqlite3"]
    """
)
LEGACY = {
    "pyproject.toml": PURE,
    "src/app/__init__.py": "",
    "src/app/infra/__init__.py": "",
    "src/app/infra/db.py": "",
    "src/app/domain/__init__.py": "",
    "src/app/domain/a_legacy.py": "import app.infra.db  # fitness: ignore[domain-is-pure] old\n",
    "src/app/domain/model.py": "import app.infra.db\n",
}


def test_the_suppressed_part_is_listed_with_its_own_location(project: Project, run: Run) -> None:
    """The suppression on a_legacy.py:1 silences that import only: model.py's is reported,
    and the JSON report lists the suppressed one where it is, with its suppression."""
    root = project(LEGACY)

    text = run("check", cwd=root)
    document = json.loads(run("check", "--format", "json", cwd=root).out)

    assert text.out.splitlines()[0] == (
        "src/app/domain/model.py:1:1: domain-is-pure: app.domain must not import app.infra"
    )
    assert [(f["path"], f["line"]) for f in document["findings"]] == [
        ("src/app/domain/model.py", 1)
    ]
    assert document["summary"]["suppressed"] == 1
    [suppressed] = document["suppressed"]
    assert (suppressed["rule"], suppressed["path"], suppressed["line"]) == (
        "domain-is-pure",
        "src/app/domain/a_legacy.py",
        1,
    )
    assert [[hop["importer"] for hop in chain] for chain in suppressed["chains"]] == [
        ["app.domain.a_legacy"]
    ]
    assert suppressed["suppression"] == {
        "path": "src/app/domain/a_legacy.py",
        "line": 1,
        "column": 22,
        "end_line": 1,
        "end_column": 59,
        "rules": ["domain-is-pure"],
        "adr": None,
        "reason": "old",
    }
    assert document["baselined"] == []


def test_every_sarif_line_hash_is_unique_in_a_run(project: Project, run: Run) -> None:
    """The reported and the suppressed parts share a fingerprint: `:n` counts both."""
    root = project(LEGACY)

    sarif = json.loads(run("check", "--format", "sarif", "--include-suppressed", cwd=root).out)

    results = sarif["runs"][0]["results"]
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    prefix = results[0]["fingerprints"]["fitness/v1"][:16]
    assert [("suppressions" in r, h) for r, h in zip(results, hashes)] == [
        (False, f"{prefix}:1"),
        (True, f"{prefix}:2"),
    ]
    uri = results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "src/app/domain/a_legacy.py"


def test_each_suppression_of_one_finding_is_listed_where_it_is(project: Project, run: Run) -> None:
    """Two suppressed imports between the same packages: silenced, and listed twice."""
    files = {key: text for key, text in LEGACY.items() if key != "src/app/domain/model.py"}
    files["src/app/domain/b_legacy.py"] = (
        "import sqlite3\nimport app.infra.db  # fitness: ignore[domain-is-pure] ADR-0002 later\n"
    )
    root = project(files)

    text = run("check", cwd=root)
    document = json.loads(run("check", "--format", "json", cwd=root).out)

    assert text.out.splitlines()[0] == (
        "src/app/domain/b_legacy.py:1:1: domain-is-pure: app.domain must not import sqlite3"
    )
    assert "Not counted: 2 suppressed inline." in text.out
    assert [
        (s["path"], s["line"], s["suppression"]["line"], s["suppression"]["adr"])
        for s in document["suppressed"]
    ] == [
        ("src/app/domain/a_legacy.py", 1, 1, None),
        ("src/app/domain/b_legacy.py", 2, 2, "ADR-0002"),
    ]
