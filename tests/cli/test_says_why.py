"""A failed run says why in every format: fixed baseline entries under `--strict-baseline`,
and the findings a run given PATHs leaves out."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from support import Result

Run = Callable[..., Result]
RULES = """\
[tool.fitness]
source_roots = ["src"]

[tool.fitness.rules.no-sockets]
kind = "forbidden"
from = ["app.x", "app.y", "app.z"]
to = ["socket"]
"""
FILES = {
    "pyproject.toml": RULES,
    "src/app/__init__.py": "",
    **{f"src/app/{x}.py": "import socket\n" for x in "xyz"},
}
FIXED = "X = 1\n"
PRUNE = "run `fitness baseline --prune`"


def test_strict_baseline_says_which_entries_are_fixed_in_every_format(
    project: Callable[[dict[str, str]], Path], run: Run
) -> None:
    root = project(FILES)
    assert run("baseline", "--no-cache", cwd=root).code == 0
    (root / "src/app/x.py").write_text(FIXED, encoding="utf-8")

    outputs = {f: _check(run, root, "--strict-baseline", "--format", f) for f in FORMATS}

    entry = "no-sockets: app.x -> socket (src/app/x.py)"
    assert outputs["text"] == (
        1,
        "Not counted: 2 in the baseline.\n"
        f"1 baseline entry is fixed: {PRUNE}\n"
        f"  {entry}\n"
        "Rules: 0 kept, 1 baselined, 0 broken. No findings in 4 files (0.00s).\n",
    )
    assert outputs["github"] == (
        1,
        f"::error file=.fitness-baseline.json,title=fitness::1 baseline entry is fixed: {PRUNE}"
        f"%0A{entry}\n"
        "fitness: 0 findings.\n",
    )
    assert outputs["markdown"] == (
        1,
        "## fitness: no findings\n"
        "\n"
        "The check failed. Rules: 0 kept, 1 baselined, 0 broken; 4 files, 4 modules in 0.00s.\n"
        "\n"
        "**Error:** 1 baseline entry is fixed: run \\`fitness baseline --prune\\` "
        "(<code>.fitness-baseline.json</code>)\n"
        "- no-sockets: app.x -\\> socket (src/app/x.py)\n"
        "\n"
        "<details><summary>0 kept rules, 1 baselined</summary>\n"
        "\n"
        "| Rule | Kind | Decision |\n"
        "| --- | --- | --- |\n"
        "| <code>no-sockets</code> (baselined) | forbidden |  |\n"
        "\n"
        "</details>\n"
        "\n"
        "<details><summary>Coverage: what each rule checked</summary>\n"
        "\n"
        "| Rule | Modules matched | Imports examined | Files skipped |\n"
        "| --- | --- | --- | --- |\n"
        "| <code>no-sockets</code> | 3: <code>app.x</code>, <code>app.y</code>, <code>app.z</code> "
        "| 2 | none |\n"
        "\n"
        "</details>\n",
    )
    code, junit = outputs["junit"]
    assert code == 1
    assert junit.endswith(
        '  <testsuite name="fitness" tests="1" failures="1" errors="0" skipped="0" '
        'time="0.000">\n'
        '    <testcase name=".fitness-baseline.json" classname=".fitness-baseline.json" '
        'time="0.000">\n'
        f'      <failure type="fitness" message="1 baseline entry is fixed: {PRUNE}">'
        f"1 baseline entry is fixed: {PRUNE}\n"
        "no-sockets: app.x -&gt; socket (src/app/x.py)</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )
    assert '<testsuites name="fitness" tests="2" failures="1" ' in junit
    code, report = outputs["json"]
    assert (code, json.loads(report)["notices"]) == (
        1,
        [
            {
                "id": "baseline-entries-fixed",
                "severity": "error",
                "message": f"1 baseline entry is fixed: {PRUNE}",
                "path": ".fitness-baseline.json",
                "line": None,
                "details": [entry],
            }
        ],
    )
    code, sarif = outputs["sarif"]
    notified = json.loads(sarif)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert (code, notified) == (
        1,
        [
            {
                "descriptor": {"id": "baseline-entries-fixed"},
                "level": "error",
                "message": {"text": f"1 baseline entry is fixed: {PRUNE}\n{entry}"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": ".fitness-baseline.json",
                                "uriBaseId": "%SRCROOT%",
                            },
                            "region": {"startLine": 1, "startColumn": 1},
                        }
                    }
                ],
            }
        ],
    )


def test_fixed_entries_are_counted_and_only_fail_under_strict_baseline(
    project: Callable[[dict[str, str]], Path], run: Run
) -> None:
    root = project(FILES)
    assert run("baseline", "--no-cache", cwd=root).code == 0
    for fixed in ("x", "y"):
        (root / f"src/app/{fixed}.py").write_text(FIXED, encoding="utf-8")

    strict = _check(run, root, "--strict-baseline", "--format", "github")
    lenient = _check(run, root, "--format", "github")

    assert strict == (
        1,
        f"::error file=.fitness-baseline.json,title=fitness::2 baseline entries are fixed: {PRUNE}"
        "%0Ano-sockets: app.x -> socket (src/app/x.py)"
        "%0Ano-sockets: app.y -> socket (src/app/y.py)\n"
        "fitness: 0 findings.\n",
    )
    assert lenient == (0, strict[1].replace("::error ", "::notice "))


def test_paths_say_how_many_findings_lie_elsewhere_in_every_format(
    project: Callable[[dict[str, str]], Path], run: Run
) -> None:
    root = project(FILES)
    finding = "src/app/x.py:1:1: no-sockets: app.x must not import socket\n"

    text = _check(run, root, "src/app/x.py")
    two_paths = _check(run, root, "src/app/x.py", "src/app/y.py")
    github = _check(run, root, "src/app/x.py", "--format", "github")
    markdown = _check(run, root, "src/app/x.py", "--format", "markdown")
    as_json = _check(run, root, "src/app/x.py", "--format", "json")
    everything = _check(run, root, "--format", "json")

    assert text == (
        1,
        finding + "\n"
        "no-sockets  forbidden  broken  1 finding\n"
        "2 more findings in other files; run without PATH to see them\n"
        "Rules: 0 kept, 1 broken. Found 1 finding (1 error) in 4 files (0.00s).\n",
    )
    assert two_paths[1].splitlines()[-2] == (
        "1 more finding in other files; run without PATH to see them"
    )
    assert github == (
        1,
        "::error file=src/app/x.py,line=1,col=1,endLine=1,endColumn=14,title=no-sockets::"
        "app.x must not import socket%0Aapp.x -> socket (l.1)\n"
        "2 more findings in other files; run without PATH to see them.\n"
        "fitness: 1 finding.\n",
    )
    assert markdown[1].split("\n### ")[0] == (
        "## fitness: 1 finding (1 error)\n"
        "\n"
        "The check failed. Rules: 0 kept, 1 broken; 4 files, 4 modules in 0.00s.\n"
        "\n"
        "2 more findings in other files; run without PATH to see them.\n"
    )
    assert json.loads(as_json[1])["summary"]["outside_paths"] == 2
    assert json.loads(everything[1])["summary"]["outside_paths"] == 0


FORMATS = ("text", "github", "markdown", "junit", "json", "sarif")


def _check(run: Run, root: Path, *args: str) -> tuple[int, str]:
    result = run("check", "--no-cache", *args, cwd=root)
    text = re.sub(r" in \d+\.\d\ds\.", " in 0.00s.", result.out)
    return result.code, re.sub(r'time="\d+\.\d{3}"', 'time="0.000"', text)
