"""`--config-from REV` reads the packs its configuration extends from REV too (issue 21, item 9).

A monorepo's service extends `../ci/team.toml`, outside the project's
directory. The change rewrites that pack to drop the rule it breaks (and, in
a second change, deletes it): judged by REV's rules, the violation stays.
"""

from __future__ import annotations

from pathlib import Path

from fitness import app
from support import git, summarize, write_tree

TEAM = """
[rules.domain-is-pure]
kind = "forbidden"
from = ["app.domain"]
to = ["app.infra", "sqlite3"]
"""
SERVICE = {
    "svc/pyproject.toml": '[tool.fitness]\nsource_roots = ["src"]\nextends = ["../ci/team.toml"]\n',
    "svc/src/app/__init__.py": "",
    "svc/src/app/domain/__init__.py": "",
    "svc/src/app/domain/model.py": "X = 1\n",
    "svc/src/app/infra/__init__.py": "",
    "svc/src/app/infra/db.py": "X = 1\n",
}
VIOLATION = [
    (
        "domain-is-pure",
        "app.domain must not import app.infra",
        "src/app/domain/model.py:1:1",
        ["app.domain.model -> app.infra.db:1"],
    )
]


def _check(service: Path, config_from: str | None) -> list[tuple[str, str, str, list[str]]]:
    options = app.CheckOptions(service, None, "error", cache=False, config_from=config_from)
    return summarize(app.check(options, clock=lambda: 0.0))


def test_a_pack_outside_the_project_is_read_from_the_revision(tmp_path: Path) -> None:
    write_tree(tmp_path, {"ci/team.toml": TEAM, **SERVICE})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    base = git(tmp_path, "rev-parse", "HEAD").strip()
    service = tmp_path / "svc"
    write_tree(
        tmp_path,
        {
            "ci/team.toml": '[rules.other]\nkind = "acyclic"\npackages = ["app"]\n',
            "svc/src/app/domain/model.py": "import app.infra.db\n",
        },
    )
    git(tmp_path, "commit", "-qam", "drop the rule in the shared pack, break it")

    assert _check(service, None) == []  # the change's own rules: nothing to see
    assert _check(service, base) == VIOLATION

    (tmp_path / "ci/team.toml").unlink()
    git(tmp_path, "commit", "-qam", "delete the shared pack")
    assert _check(service, base) == VIOLATION
