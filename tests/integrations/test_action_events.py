"""The action's `check` step on the three events of the README's workflow (`config-from: base`).

A push to main (no base: `base` means `head`, with a notice), the pull request that
adds fitness (its base has no configuration), and a pull request that renames one
module the base's rules name and deletes another. Each runs on a scripted git
repository with the whole history, as `fetch-depth: 0` checks it out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from integrations.action_steps import EARLIER, check, commit
from support import git, write_tree

PROJECT = '[project]\nname = "shop"\n'
RULES = """
[tool.fitness]
source_roots = ["src"]

[tool.fitness.rules.no-sockets]
kind = "forbidden"
from = ["shop.legacy", "shop.old"]
to = ["socket"]
"""
CODE = {
    "src/shop/__init__.py": "",
    "src/shop/legacy/__init__.py": "",
    "src/shop/legacy/core.py": "import json\n\nX = 1\n",  # an import: the rule is not vacuous
    "src/shop/old.py": "Y = 2\n",
}
README = {"config-from": "base"}  # the README's workflow: its only input


def test_a_push_is_judged_by_its_own_configuration_with_a_notice(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace = tmp_path / "checkout"
    write_tree(workspace, {"pyproject.toml": PROJECT + RULES, **CODE})
    git(workspace, "init", "-q")
    sha = commit(workspace, "a clean project")

    run, summary, _ = check(installed, workspace, README, github=_push(sha))

    assert run.codes["check"] == 0, run.stderr
    assert run.stdout["check"] == (
        "::notice title=fitness::config-from: base: a push event has no base commit "
        "(and since is not set), so the checked-out configuration judges it, "
        "as with config-from: head.\n"
        "fitness: 0 findings.\n"
    )
    assert run.stderr["check"] == ""
    assert run.outputs["check"]["violations"] == "0"
    assert summary.startswith(EARLIER + "## fitness: no findings\n\nThe check passed. ")
    assert "Changes to the fitness configuration" not in summary

    # The same push with a violation is red, on the finding only.
    (workspace / "src/shop/old.py").write_text("import socket\n", encoding="utf-8")
    sha = commit(workspace, "a violation")
    run, _, _ = check(installed, workspace, README, github=_push(sha))
    assert run.codes["check"] == 1
    assert run.stdout["check"].splitlines()[1:] == [
        "::error file=src/shop/old.py,line=1,col=1,endLine=1,endColumn=14,title=no-sockets::"
        "shop.old must not import socket%0Ashop.old -> socket (l.1)",
        "fitness: 1 finding.",
    ]


def test_the_pull_request_that_adds_fitness_is_judged_by_its_own_configuration(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace = tmp_path / "checkout"
    write_tree(workspace, {"pyproject.toml": PROJECT, **CODE, "src/shop/old.py": "import socket\n"})
    git(workspace, "init", "-q")
    base = commit(workspace, "before fitness")
    write_tree(workspace, {"pyproject.toml": PROJECT + RULES})
    head = commit(workspace, "adopt fitness")

    run, summary, _ = check(installed, workspace, README, github=_pull_request(base, head))

    since = (
        f"--since {base}: pyproject.toml has no fitness configuration at {base}, "
        "so nothing was checked there and every finding is new"
    )
    judged = (
        f"--config-from {base}: pyproject.toml has no fitness configuration at {base}, "
        "so this change is judged by its own pyproject.toml"
    )
    assert run.codes["check"] == 1, run.stderr
    assert run.stdout["check"] == (
        f"::notice title=fitness::{since}\n"
        f"::warning title=fitness::{judged}\n"
        "::error file=src/shop/old.py,line=1,col=1,endLine=1,endColumn=14,title=no-sockets::"
        "shop.old must not import socket%0Ashop.old -> socket (l.1)\n"
        "fitness: 1 finding.\n"
    )
    assert run.stderr["check"] == f"fitness: note: {since}\nfitness: warning: {judged}\n"
    assert run.outputs["check"]["violations"] == "1"
    lines = summary.splitlines()
    assert lines[:2] == [EARLIER.rstrip("\n"), "## fitness: 1 finding (1 error)"]
    assert f"**Note:** {_md(since)}" in lines
    assert f"**Warning:** {_md(judged)}" in lines
    changes = summary.split("### Changes to the fitness configuration\n", 1)[1]
    assert changes.startswith(
        f"\nThe base commit `{base}` has no fitness configuration: this change was judged "
        "by its own. Compared with it: pyproject.toml fitness.toml .fitness-baseline.json and every .gitignore.\n"
        "\n````diff\n"
    )
    assert "+[tool.fitness.rules.no-sockets]\n" in changes


def test_a_pull_request_that_renames_and_deletes_what_the_base_rules_name(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace = tmp_path / "checkout"
    write_tree(workspace, {"pyproject.toml": PROJECT + RULES, **CODE})
    git(workspace, "init", "-q")
    base = commit(workspace, "base")
    git(workspace, "mv", "src/shop/legacy", "src/shop/modern")
    git(workspace, "rm", "-q", "src/shop/old.py")
    write_tree(workspace, {"src/shop/modern/core.py": "import socket\nX = 1\n"})
    head = commit(workspace, "rename shop.legacy, delete shop.old")

    run, summary, _ = check(installed, workspace, README, github=_pull_request(base, head))

    followed = (
        f"--config-from {base}: the configuration names shop.legacy, which this change "
        "renames to shop.modern; its rules check shop.modern"
    )
    removed = (
        f"this change removes shop.old, which rule no-sockets at {base} names; "
        "land the configuration change first"
    )
    assert run.codes["check"] == 1, run.stderr
    assert run.stdout["check"] == (
        f"::notice title=fitness::{followed}\n"
        "::error file=src/shop/modern/core.py,line=1,col=1,endLine=1,endColumn=14,"
        "title=no-sockets::shop.modern must not import socket%0A"
        "shop.modern.core -> socket (l.1)\n"
        f"::error file=pyproject.toml,line=9,col=1,title=rule-target-removed::{removed}\n"
        "fitness: 2 findings.\n"
    )
    assert run.stderr["check"] == f"fitness: note: {followed}\n"
    assert run.outputs["check"]["violations"] == "2"
    lines = summary.splitlines()
    assert lines[1] == "## fitness: 2 findings (2 errors)"
    assert f"**Note:** {_md(followed)}" in lines
    assert summary.endswith(
        "### Changes to the fitness configuration\n"
        "\n"
        f"Judged by the rules of the base commit `{base}`. Compared with it: "
        "pyproject.toml fitness.toml .fitness-baseline.json and every .gitignore.\n"
        "\n"
        "No changes.\n"
    )


def _push(sha: str) -> dict[str, Any]:
    return {"event_name": "push", "sha": sha, "event": {}}


def _pull_request(base: str, head: str) -> dict[str, Any]:
    event = {"pull_request": {"base": {"sha": base}}}
    return {"event_name": "pull_request", "sha": head, "event": event}


def _md(text: str) -> str:
    """`text` as the Markdown report escapes it."""
    return "".join(f"\\{char}" if char in "\\`*_[]<>|#~&" else char for char in text)
