from __future__ import annotations

from typing import Any

import pytest

from integrations import composite
from integrations.action_steps import ACTION, checkout_copy


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The outputs of the action's first steps, which found Python and installed fitness."""
    root = tmp_path_factory.mktemp("action")
    action_path = checkout_copy(root / "action")
    runner_temp = root / "runner"
    runner_temp.mkdir()
    environment = composite.base_environment(root, runner_temp, action_path)
    context: dict[str, Any] = {"inputs": composite.inputs(ACTION, {})}
    run = composite.run_steps(ACTION, ["python", "install"], context, environment, root)
    assert run.codes == {"python": 0, "install": 0}, run.stderr
    assert run.outputs["python"]["path"], "no Python found: setup-python would have run"
    assert run.stdout["install"] == "fitness: fitness, version 0.1.0\n"
    return dict(context["steps"])
