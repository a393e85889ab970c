"""The action's `history` step: off by default; on a push to the default branch it appends
`fitness history --format markdown` to the step summary, reusing the cache the check used."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from history.story import build

from integrations import composite
from integrations.action_steps import ACTION, EARLIER, REPO


def _history(
    installed: dict[str, Any], workspace: Path, given: dict[str, str], github: dict[str, Any]
) -> tuple[composite.Run, str, Path]:
    runner_temp = Path(tempfile.mkdtemp(prefix="runner-", dir=workspace.parent))
    environment = composite.base_environment(workspace, runner_temp, REPO)
    Path(environment["GITHUB_STEP_SUMMARY"]).write_text(EARLIER, encoding="utf-8")
    context: dict[str, Any] = {
        "inputs": composite.inputs(ACTION, given),
        "github": github,
        "runner": {"temp": str(runner_temp), "os": "Linux"},
        "steps": dict(installed),
    }
    run = composite.run_steps(ACTION, ["history"], context, environment, workspace)
    return run, Path(environment["GITHUB_STEP_SUMMARY"]).read_text("utf-8"), runner_temp


def _push(ref: str) -> dict[str, Any]:
    return {
        "event_name": "push",
        "ref": ref,
        "sha": "0" * 40,
        "event": {"repository": {"default_branch": "main"}},
    }


def test_the_history_in_the_step_summary_of_a_push_to_the_default_branch(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace = tmp_path / "checkout"
    shas = build(workspace)
    given = {"history": "true", "history-since": "3.weeks"}

    run, summary, runner_temp = _history(installed, workspace, given, _push("refs/heads/main"))

    assert run.codes["history"] == 0, run.stderr
    assert run.stdout["history"] == ""
    assert run.stderr["history"] == "fitness: history: 4 points, 4 checked, 0 from the cache\n"
    golden = (REPO / "tests" / "golden" / "history" / "story.md").read_text("utf-8")
    assert summary.startswith(EARLIER + "\n## Architecture debt over time\n\nSince 2026-02-02: ")
    assert golden.splitlines()[-1] in summary  # the open finding, as the golden has it
    assert f"| 2026-02-23 | {shas[7][:7]} | ok | 1 |" in summary
    assert list((runner_temp / "fitness-cache").glob("history-*.json"))
    assert not (workspace / ".fitness_cache").exists()


def test_no_history_by_default_nor_off_the_default_branch(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace = tmp_path / "checkout"
    build(workspace)

    off, summary, _ = _history(installed, workspace, {}, _push("refs/heads/main"))
    assert (off.codes["history"], off.stdout["history"], summary) == (0, "", EARLIER)

    branch, summary, _ = _history(
        installed, workspace, {"history": "true"}, _push("refs/heads/feature")
    )
    assert (branch.codes["history"], summary) == (0, EARLIER)
    assert branch.stdout["history"] == (
        "fitness: history: made on pushes to the default branch only "
        "(this is a push event on refs/heads/feature)\n"
    )

    bad, summary, _ = _history(installed, workspace, {"history": "yes"}, _push("refs/heads/main"))
    assert (bad.codes["history"], summary) == (2, EARLIER)
    assert bad.stdout["history"] == "::error title=fitness::input history: expected true or false\n"


def test_a_history_that_cannot_be_made_is_a_warning(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace = tmp_path / "checkout"
    build(workspace)
    given = {"history": "true", "history-since": "lately"}

    run, summary, _ = _history(installed, workspace, given, _push("refs/heads/main"))

    assert (run.codes["history"], summary) == (0, EARLIER)
    assert run.stdout["history"] == (
        "::warning title=fitness history could not run (exit 2)::fitness: --since lately: not a "
        "date (YYYY-MM-DD), a span (90.days, 12.weeks, 6.months, 1.year) nor a revision of the "
        "repository\n"
    )
