"""The action's step summary on a pull request that grows the baseline.

The base commit has a baseline of one known finding; the pull request adds a
violation and records it with `fitness baseline --allow-growth`. The summary
lists the baseline's changes against the base, calls the growth out, and says
whether the change's own baseline counted (`config-from`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from integrations.action_steps import check, commit
from support import git, write_tree

PROJECT = """[project]
name = "shop"

[tool.fitness]
source_roots = ["src"]

[tool.fitness.rules.domain-is-pure]
kind = "forbidden"
from = ["shop.domain"]
to = ["shop.infra"]
"""
CODE = {
    "src/shop/__init__.py": "",
    "src/shop/domain/__init__.py": "",
    "src/shop/domain/order.py": "from shop.infra import db\n",
    "src/shop/infra/__init__.py": "",
    "src/shop/infra/db.py": "X = 1\n",
    "src/shop/infra/cache.py": "X = 1\n",
}
GROWN = "| grown | domain-is-pure | shop.domain -\\> shop.infra | 1 → 1 | added shop.domain.money -\\> shop.infra.cache |\n"


def _grown_pull_request(tmp_path: Path) -> tuple[Path, str, str]:
    workspace = tmp_path / "checkout"
    write_tree(workspace, {"pyproject.toml": PROJECT, **CODE})
    git(workspace, "init", "-q")
    _fitness(workspace, "baseline")
    base = commit(workspace, "base, with a baseline of one finding")
    write_tree(workspace, {"src/shop/domain/money.py": "from shop.infra import cache\n"})
    _fitness(workspace, "baseline", "--allow-growth")
    head = commit(workspace, "a new import, recorded in the baseline")
    return workspace, base, head


def _fitness(root: Path, *args: str) -> None:
    """Run fitness in-process (this checkout's code), as a developer would before pushing."""
    import contextlib
    import io
    import os

    from fitness import cli, error_handler

    here = Path.cwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            code = error_handler.run(lambda: cli._invoke(list(args)), debug=False)
    finally:
        os.chdir(here)
    assert code == 0, args


def _summary_part(summary: str) -> str:
    return summary.split("### Changes to the baseline\n", 1)[1]


def test_a_pull_request_that_grows_the_baseline_is_judged_by_the_base_and_shows_the_growth(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace, base, head = _grown_pull_request(tmp_path)

    run, summary, _ = check(
        installed, workspace, {"config-from": "base"}, github=_pull_request(base, head)
    )

    assert run.codes["check"] == 1, run.stderr
    assert "title=domain-is-pure::shop.domain must not import shop.infra" in run.stdout["check"]
    assert _summary_part(summary) == (
        f"\n`.fitness-baseline.json` against the base commit `{base}`: 1 entry changed "
        "(1 grown); 1 finding before, 1 finding now.\n"
        "\n"
        "**This change grows the baseline:** the findings of the entries added or grown would be "
        "known, not reported. Review them as a decision.\n"
        "\n"
        "| change | rule | about | findings | imports |\n"
        "|---|---|---|---|---|\n"
        f"{GROWN}"
        "\n"
        "This change was judged by the base commit's baseline (`config-from: base`): its own "
        "edits to the baseline hide none of its findings here; they take effect once it is "
        "merged.\n"
    )


def test_with_config_from_head_the_summary_says_its_own_baseline_hid_the_finding(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace, base, head = _grown_pull_request(tmp_path)

    run, summary, _ = check(
        installed, workspace, {"config-from": "head"}, github=_pull_request(base, head)
    )

    assert run.codes["check"] == 0, run.stderr
    assert _summary_part(summary).endswith(
        f"{GROWN}"
        "\n"
        "This change was judged with its own baseline (`config-from: head`): the entries it "
        "adds hide their findings from this check. `config-from: base` judges a pull request "
        "by its base's baseline.\n"
    )


def test_a_pull_request_that_leaves_the_baseline_alone_says_so(
    installed: dict[str, Any], tmp_path: Path
) -> None:
    workspace = tmp_path / "checkout"
    write_tree(workspace, {"pyproject.toml": PROJECT, **CODE})
    git(workspace, "init", "-q")
    _fitness(workspace, "baseline")
    base = commit(workspace, "base")
    write_tree(workspace, {"src/shop/infra/db.py": "X = 2\n"})
    head = commit(workspace, "an unrelated change")

    run, summary, _ = check(
        installed, workspace, {"config-from": "base"}, github=_pull_request(base, head)
    )

    assert run.codes["check"] == 0, run.stderr
    assert summary.endswith(
        "### Changes to the baseline\n"
        "\n"
        f"`.fitness-baseline.json` against the base commit `{base}`: no changes.\n"
    )


def test_a_push_shows_no_baseline_changes(installed: dict[str, Any], tmp_path: Path) -> None:
    workspace, _, head = _grown_pull_request(tmp_path)

    run, summary, _ = check(installed, workspace, {}, github=_push(head))

    assert run.codes["check"] == 0, run.stderr
    assert "### Changes to the baseline" not in summary


def _push(sha: str) -> dict[str, Any]:
    return {"event_name": "push", "sha": sha, "event": {}}


def _pull_request(base: str, head: str) -> dict[str, Any]:
    event = {"pull_request": {"base": {"sha": base}}}
    return {"event_name": "pull_request", "sha": head, "event": event}
