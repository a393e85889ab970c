"""action.yml's `run:` steps, run here as a runner would run them, on real projects.

fitness is installed once for the module by the action's own install step, from a
copy of this repository's files (what the action's checkout would hold), so the
scripts run the fitness they would run on GitHub. The `uses:` steps (setup-python,
the cache) are not run; their pins and conditions are checked instead.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

from integrations import composite
from integrations.action_steps import ACTION, EARLIER, REPO
from integrations.action_steps import check as _check
from integrations.action_steps import commit as _commit
from support import git as _git
from support import write_tree


def test_no_script_holds_an_expression() -> None:
    """Inputs and contexts reach the scripts through `env:` only (no script injection)."""
    scripts = [step for step in composite.steps(ACTION) if "run" in step]
    assert [step["id"] for step in scripts] == ["python", "install", "check", "history"]
    for step in scripts:
        assert "${{" not in step["run"], step["id"]


def test_every_input_reaches_a_step_and_only_through_env() -> None:
    referenced = set()
    for step in composite.steps(ACTION):
        for value in (*step.get("env", {}).values(), *step.get("with", {}).values()):
            referenced |= set(re.findall(r"inputs\.([\w-]+)", str(value)))
    assert referenced == set(ACTION["inputs"])
    assert set(ACTION["inputs"]) == {
        "version",
        "args",
        "working-directory",
        "sarif-file",
        "junit-file",
        "fail-on",
        "annotations",
        "summary",
        "since",
        "config-from",
        "history",
        "history-since",
    }
    assert {name: spec["value"] for name, spec in ACTION["outputs"].items()} == {
        "violations": "${{ steps.check.outputs.violations }}",
        "sarif-file": "${{ steps.check.outputs.sarif-file }}",
        "junit-file": "${{ steps.check.outputs.junit-file }}",
    }


def test_the_actions_it_uses_are_pinned_by_commit() -> None:
    uses = {step["id"]: step["uses"] for step in composite.steps(ACTION) if "uses" in step}
    assert set(uses) == {"setup-python", "restore", "save"}
    for step_id, reference in uses.items():
        assert re.fullmatch(r"actions/[\w./-]+@[0-9a-f]{40}", reference), step_id
    steps = {step["id"]: step for step in composite.steps(ACTION)}
    # Python is set up only when the first step found none.
    assert steps["setup-python"]["if"] == "steps.python.outputs.path == ''"
    # The cache is under the runner's temporary directory, outside the checkout, and the
    # check step is given that directory; pull requests restore it but never save one.
    for step_id in ("restore", "save"):
        assert steps[step_id]["with"]["path"] == "${{ runner.temp }}/fitness-cache"
    assert '--cache-dir "$RUNNER_TEMP/fitness-cache"' in steps["check"]["run"]
    assert steps["restore"]["with"]["restore-keys"] == "fitness-${{ runner.os }}-"
    assert "github.event_name != 'pull_request'" in steps["save"]["if"]


def test_findings_fail_the_step_after_every_output_is_written(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace = _shop(tmp_path)
    run, summary, runner_temp = _check(installed, workspace, {})

    assert run.codes["check"] == 1
    outputs = run.outputs["check"]
    assert outputs["violations"] == "10"
    sarif, junit = Path(outputs["sarif-file"]), Path(outputs["junit-file"])
    assert sarif.parent.parent == runner_temp and sarif.name == "fitness.sarif"
    assert junit.parent == sarif.parent and junit.name == "fitness.xml"
    assert len(json.loads(sarif.read_text("utf-8"))["runs"][0]["results"]) == 10
    suites = ElementTree.parse(junit).getroot()
    # The 3 warnings are below the default --fail-on error: passed test cases.
    assert (suites.tag, suites.get("failures")) == ("testsuites", "7")
    # Annotations on stdout, one per finding; the summary is appended after the earlier one.
    annotations = run.stdout["check"].splitlines()
    assert len([line for line in annotations if line.startswith(("::error ", "::warning "))]) == 10
    # Each broken rule's first finding leads, in rule order: the security pack's rules first.
    assert annotations[0].startswith(
        "::error file=src/shop/infrastructure/cache.py,line=14,col=12,endLine=14,endColumn=28,"
        "title=security-pickle::"
    )
    assert summary.startswith(EARLIER + "## fitness: 10 findings (7 errors, 3 warnings)\n")
    assert "Changes to the fitness configuration" not in summary
    # The cache went to the runner's temporary directory, nothing into the checkout.
    assert list((runner_temp / "fitness-cache").glob("facts-*.marshal"))
    assert _untracked(workspace) == []


def test_inputs_choose_the_files_the_format_and_the_gate(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace = _shop(tmp_path)
    run, summary, _ = _check(
        installed,
        workspace,
        {
            "sarif-file": "reports/out.sarif",
            "junit-file": "reports/junit/out.xml",
            "annotations": "false",
            "summary": "false",
            "fail-on": "never",
            "args": "--select 'layered-architecture' --select domain-is-pure",
        },
        working_directory="shop",
        workspace=tmp_path,
    )

    assert run.codes["check"] == 0, run.stderr
    assert run.outputs["check"] == {
        "violations": "5",  # 4 of the two rules, 1 of the built-in ADR checks
        "sarif-file": f"{tmp_path}/reports/out.sarif",
        "junit-file": f"{tmp_path}/reports/junit/out.xml",
    }
    assert run.stdout["check"].startswith(
        "src/shop/domain/events.py:13:5: domain-is-pure: shop.domain must not import "
        "shop.infrastructure (ADR-0004: The domain is pure)\n"
    )
    assert "::error" not in run.stdout["check"]
    assert summary == EARLIER


def test_config_from_base_judges_a_pull_request_by_the_base_rules(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    """The pull request breaks a layer and deletes the rule in the same change."""
    workspace, base, head = _pull_request(tmp_path)
    event: dict[str, Any] = {"event_name": "pull_request", "sha": head}
    event["event"] = {"pull_request": {"base": {"sha": base}}}

    run, summary, _ = _check(installed, workspace, {"config-from": "base"}, github=event)

    assert run.codes["check"] == 1, run.stderr
    assert run.outputs["check"]["violations"] == "1"
    lines = run.stdout["check"].splitlines()
    assert lines[0].startswith("::error file=src/app/domain/__init__.py,line=1,")
    assert lines[-1] == (
        "::warning title=fitness::This change edits the fitness configuration; it was judged "
        "by the base commit's (the step summary lists the changes)."
    )
    changes = summary.split("### Changes to the fitness configuration\n", 1)[1]
    assert changes.startswith(
        f"\nJudged by the rules of the base commit `{base}`. Compared with it: "
        "pyproject.toml fitness.toml .fitness-baseline.json and every .gitignore.\n\n````diff\n"
    )
    assert "-[tool.fitness.rules.layers]\n" in changes
    assert changes.endswith("````\n")

    # By its own configuration, the same pull request passes: the rule is gone.
    run, summary, _ = _check(installed, workspace, {}, github=event)
    assert (run.codes["check"], run.outputs["check"]["violations"]) == (0, "0")
    assert "Changes to the fitness configuration" not in summary


def test_usage_errors_fail_with_an_annotation(installed: dict[str, Any], tmp_path: Path) -> None:
    workspace = _shop(tmp_path)
    run, _, _ = _check(installed, workspace, {"config-from": "tip"})
    assert (run.codes["check"], run.outputs["check"]) == (2, {})
    assert (
        run.stdout["check"] == "::error title=fitness::input config-from: expected head or base\n"
    )
    run, _, _ = _check(installed, workspace, {"args": "--select 'unclosed"})
    assert run.codes["check"] == 2
    assert run.stdout["check"] == (
        "::error title=fitness::input args: cannot split it (an unclosed quote?)\n"
    )
    run, _, _ = _check(installed, workspace, {"annotations": "yes"})
    assert (run.codes["check"], run.outputs["check"]) == (2, {})
    assert (
        run.stdout["check"] == "::error title=fitness::input annotations: expected true or false\n"
    )


def test_a_version_that_is_not_one_installs_nothing(tmp_path: Path) -> None:
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    environment = composite.base_environment(tmp_path, runner_temp, REPO)
    context: dict[str, Any] = {"inputs": composite.inputs(ACTION, {"version": "1.0 --pre"})}
    context["steps"] = {"python": {"outputs": {"path": sys.executable}}}
    run = composite.run_steps(ACTION, ["install"], context, environment, tmp_path)
    assert (run.codes["install"], run.outputs["install"]) == (2, {})
    assert run.stdout["install"] == (
        "::error title=fitness::input version: expected a version such as 1.2.0\n"
    )
    assert not (runner_temp / "fitness-venv").exists()


def test_a_configuration_error_is_annotated_and_summarised(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace = _shop(tmp_path)
    pyproject = workspace / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text("utf-8").replace("source_roots", "source_rots"), encoding="utf-8"
    )
    run, summary, _ = _check(installed, workspace, {})

    assert (run.codes["check"], run.outputs["check"]) == (2, {})
    reason = run.stderr["check"]
    assert reason == (
        "pyproject.toml:7: tool.fitness: unknown key 'source_rots' (did you mean 'source_roots'?)\n"
    )
    escaped = reason.rstrip("\n").replace("%", "%25").replace("\n", "%0A")
    assert run.stdout["check"] == f"::error title=fitness could not check (exit 2)::{escaped}\n"
    assert summary == (
        f"{EARLIER}## fitness could not check (exit 2)\n\n````\n{reason.rstrip()}\n````\n"
    )


def test_the_error_summary_fence_is_longer_than_any_backticks_it_holds(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    """A key of the pull request's own, quoted in the error, cannot close the fence early."""
    workspace = _shop(tmp_path)
    pyproject = workspace / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text("utf-8").replace("source_roots", '"x``````y\\u001b[2J"'),
        encoding="utf-8",
    )
    run, summary, _ = _check(installed, workspace, {})

    reason = run.stderr["check"]
    assert run.codes["check"] == 2
    assert "'x``````y\\x1b[2J'" in reason and "\x1b" not in reason
    fence = "`" * 7
    assert (
        summary
        == f"{EARLIER}## fitness could not check (exit 2)\n\n{fence}\n{reason.rstrip()}\n{fence}\n"
    )


def _shop(tmp_path: Path) -> Path:
    """examples/shop as a fresh checkout: a git repository with one commit."""
    workspace = tmp_path / "shop"
    shutil.copytree(
        REPO / "examples" / "shop", workspace, ignore=shutil.ignore_patterns(".fitness_cache")
    )
    _git(workspace, "init", "-q")
    _commit(workspace, "the shop")
    return workspace


def _pull_request(tmp_path: Path) -> tuple[Path, str, str]:
    """A shallow checkout of a pull request's head, whose base commit it does not hold.

    The head breaks the `layers` rule and deletes it from the configuration.
    """
    origin = tmp_path / "origin"
    rules = """
        [tool.fitness]
        source_roots = ["src"]

        [tool.fitness.rules.layers]
        kind = "layers"
        layers = ["app.api", "app.domain"]

        [tool.fitness.rules.no-sockets]
        kind = "forbidden"
        from = ["app"]
        to = ["socket"]
    """
    write_tree(
        origin,
        {
            "pyproject.toml": rules,
            "src/app/__init__.py": "",
            "src/app/api/__init__.py": "from app import domain\n",
            "src/app/domain/__init__.py": "",
        },
    )
    _git(origin, "init", "-q")
    _git(origin, "config", "uploadpack.allowAnySHA1InWant", "true")  # as GitHub allows
    base = _commit(origin, "base")
    without = textwrap.dedent(rules).replace(
        '[tool.fitness.rules.layers]\nkind = "layers"\nlayers = ["app.api", "app.domain"]\n\n', ""
    )
    write_tree(
        origin,
        {"pyproject.toml": without, "src/app/domain/__init__.py": "from app import api\n"},
    )
    head = _commit(origin, "break a layer, delete its rule")
    workspace = tmp_path / "checkout"
    _git(tmp_path, "clone", "-q", "--depth=1", f"file://{origin}", str(workspace))
    assert subprocess.run(["git", "-C", str(workspace), "cat-file", "-e", base]).returncode != 0
    return workspace, base, head


def _untracked(repository: Path) -> list[str]:
    return _git(repository, "status", "--porcelain", "--ignored").splitlines()
