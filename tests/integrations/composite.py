"""Run a composite action's `run:` steps here, the way a GitHub runner would.

Only what action.yml uses is modelled: each step's `env:` values may hold
`${{ a.b.c }}` expressions, joined by `||`, over `inputs`, `github`, `runner`
and `steps.<id>.outputs`; scripts run as `shell: bash` runs them (`bash
--noprofile --norc -eo pipefail`), each with a `GITHUB_OUTPUT` file of its own
and the job's `GITHUB_STEP_SUMMARY`. `uses:` steps are not run: the caller says
which it expects to be skipped and what they would have done (nothing, here).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


@dataclass
class Run:
    """What the steps run so far did: each one's outputs, stdout and exit code."""

    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    stdout: dict[str, str] = field(default_factory=dict)
    stderr: dict[str, str] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)


def load(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document


def steps(action: Mapping[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = action["runs"]["steps"]
    return found


def inputs(action: Mapping[str, Any], given: Mapping[str, str]) -> dict[str, str]:
    """The inputs a step sees: `given`, and every other declared input's default."""
    declared = action["inputs"]
    unknown = set(given) - set(declared)
    assert not unknown, f"not inputs of the action: {sorted(unknown)}"
    return {name: str(given.get(name, spec.get("default", ""))) for name, spec in declared.items()}


def evaluate(text: str, context: Mapping[str, Any]) -> str:
    """`text` with each `${{ ... }}` replaced by its value, as the runner would."""
    return EXPRESSION.sub(lambda match: _value(match[1], context), text)


def run_steps(
    action: Mapping[str, Any],
    ids: list[str],
    context: dict[str, Any],
    environment: Mapping[str, str],
    cwd: Path,
    run: Run | None = None,
) -> Run:
    """Run the `run:` steps named by `ids`, in the action's order; `context` gains their outputs.

    A step that fails ends the job, as on GitHub: the steps after it are not run.
    """
    run = run or Run()
    context.setdefault("steps", {})
    by_id = {step.get("id"): step for step in steps(action)}
    for step_id in ids:
        step = by_id[step_id]
        assert "run" in step and step.get("shell") == "bash", f"{step_id}: not a bash run step"
        output = Path(environment["RUNNER_TEMP"]) / f"output-{step_id}"
        output.write_text("", encoding="utf-8")
        env = {
            **environment,
            **{name: evaluate(str(value), context) for name, value in step.get("env", {}).items()},
            "GITHUB_OUTPUT": str(output),
        }
        script = Path(environment["RUNNER_TEMP"]) / f"script-{step_id}.sh"
        script.write_text(step["run"], encoding="utf-8")
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        outputs = dict(
            line.split("=", 1) for line in output.read_text("utf-8").splitlines() if line
        )
        run.outputs[step_id] = outputs
        run.stdout[step_id], run.stderr[step_id] = done.stdout, done.stderr
        run.codes[step_id] = done.returncode
        context["steps"][step_id] = {"outputs": outputs}
        if done.returncode != 0:
            break
    return run


def base_environment(workspace: Path, runner_temp: Path, action_path: Path) -> dict[str, str]:
    """The variables a runner sets for every step (those the action's scripts read)."""
    summary = runner_temp / "step_summary.md"
    summary.touch()
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(runner_temp)),
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(action_path),
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(runner_temp),
        "RUNNER_OS": "Linux",
    }


def _value(expression: str, context: Mapping[str, Any]) -> str:
    """`a.b.c || d.e`: the first operand that is set; only property paths are supported."""
    for operand in expression.split("||"):
        path = operand.strip()
        assert re.fullmatch(r"[A-Za-z_][\w-]*(\.[\w-]+)*", path), f"unsupported: {expression}"
        value: Any = context
        for key in path.split("."):
            value = value.get(key) if isinstance(value, Mapping) else None
        if value:
            return str(value)
    return ""
