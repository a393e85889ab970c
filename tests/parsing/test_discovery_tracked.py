"""`.gitignore` and the skip heuristics apply to what git does not track only (issue 21)."""

from __future__ import annotations

import os
from pathlib import Path

from fitness.parsing.discovery import discover
from fitness.parsing.listing import discover_cached
from fitness.tree.git import open_revision
from support import git, write_tree


def _modules(root: Path, cache: Path | None = None) -> list[str]:
    if cache is None:
        found = discover(root, ["src"])
    else:
        from fitness.tree.work import WORK

        found = discover_cached(root, ["src"], (), True, cache, WORK)
    return sorted(f.module for f in found.files)


def test_a_tracked_file_a_gitignore_matches_is_a_module(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "src/app/__init__.py": "",
            "src/app/.gitignore": "helpers.py\nbuild/\n",
            "src/app/helpers.py": "",
            "src/app/build/__init__.py": "",
            "src/app/build/out.py": "",
            "src/app/build/kept.py": "",
        },
    )
    git(tmp_path, "init", "-q")
    cache = tmp_path / "cache"
    assert _modules(tmp_path) == ["app"]
    assert _modules(tmp_path, cache) == ["app"]
    git(tmp_path, "add", "-f", "src/app/helpers.py", "src/app/build/kept.py")
    assert _modules(tmp_path) == ["app", "app.build.kept", "app.helpers"]
    # Adding to the index changes no directory: the listing cache still sees it.
    assert _modules(tmp_path, cache) == ["app", "app.build.kept", "app.helpers"]


def test_in_a_revision_every_file_is_tracked(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {"src/app/__init__.py": "", "src/app/.gitignore": "helpers.py\n", "src/app/helpers.py": ""},
    )
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "add", "-f", "src/app/helpers.py")
    git(tmp_path, "commit", "-qm", "x")
    tree = open_revision(tmp_path, "HEAD", "--since")
    found = discover(tmp_path, ["src"], tree=tree)
    assert sorted(f.module for f in found.files) == ["app", "app.helpers"]


def test_virtual_environment_and_vendor_heuristics_skip_untracked_directories_only(
    tmp_path: Path,
) -> None:
    write_tree(
        tmp_path,
        {
            "src/app/__init__.py": "",
            "src/app/domain/__init__.py": "",
            "src/app/domain/env/pyvenv.cfg": "",
            "src/app/domain/env/__init__.py": "",
            "src/app/domain/env/leak.py": "import sqlite3\n",
            "src/app/domain/node_modules/__init__.py": "import sqlite3\n",
            "src/app/venv/pyvenv.cfg": "",
            "src/app/venv/lib/python3.12/site-packages/x.py": "",
        },
    )
    git(tmp_path, "init", "-q")
    found = discover(tmp_path, ["src"])
    assert sorted(f.module for f in found.files) == ["app", "app.domain"]
    assert found.skipped == (
        ("src/app/domain/env", "a virtual environment (it holds pyvenv.cfg) git does not track"),
        ("src/app/domain/node_modules", "a vendor directory (node_modules) git does not track"),
    )
    git(tmp_path, "add", "src/app/domain")
    found = discover(tmp_path, ["src"])
    assert sorted(f.module for f in found.files) == [
        "app",
        "app.domain",
        "app.domain.env",
        "app.domain.env.leak",
        "app.domain.node_modules",
    ]
    assert found.skipped == ()


def test_a_skipped_directory_is_a_notice_of_the_report(tmp_path: Path) -> None:
    from support import check_project, config

    write_tree(
        tmp_path,
        {
            "pyproject.toml": config(
                '[tool.fitness.rules.pure]\nkind = "forbidden"\nfrom = ["app"]\nto = ["sqlite3"]\n'
            ),
            "src/app/__init__.py": "",
            "src/app/node_modules/__init__.py": "",
        },
    )
    report = check_project(tmp_path)
    assert [(n.id, n.message, n.path) for n in report.notices] == [
        (
            "directory-skipped",
            "src/app/node_modules is not checked: a vendor directory (node_modules) git does "
            "not track; its Python files are not modules of the project",
            "src/app/node_modules",
        )
    ]


def _linked_project(root: Path) -> None:
    write_tree(
        root,
        {
            "src/app/__init__.py": "",
            "src/app/domain/__init__.py": "",
            "src/impl/__init__.py": "",
            "src/impl/store.py": "import sqlite3\n",
            "outside/pkg/__init__.py": "",
            "outside/pkg/x.py": "",
        },
    )
    os.symlink("../../impl", root / "src/app/domain/sub")
    os.symlink("..", root / "src/app/domain/loop")  # back to app: walked once
    os.symlink("../../../outside/pkg", root / "src/app/domain/far")


def test_directory_links_inside_the_project_are_followed_once(tmp_path: Path) -> None:
    project = tmp_path / "project"
    _linked_project(project)
    (project / "outside").rename(tmp_path / "outside")
    os.unlink(project / "src/app/domain/far")
    os.symlink("../../../../outside/pkg", project / "src/app/domain/far")
    found = discover(project, ["src"])
    assert [(f.module, f.path) for f in found.files] == [
        ("app", "src/app/__init__.py"),
        ("app.domain", "src/app/domain/__init__.py"),
        ("app.domain.sub", "src/app/domain/sub/__init__.py"),
        ("app.domain.sub.store", "src/app/domain/sub/store.py"),
    ]
    assert found.skipped == (("src/app/domain/far", "a link to a directory outside the project"),)


def test_directory_links_in_a_revision_are_followed_once(tmp_path: Path) -> None:
    _linked_project(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "x")
    tree = open_revision(tmp_path, "HEAD", "--since")
    found = discover(tmp_path, ["src"], tree=tree)
    assert [(f.module, f.path) for f in found.files] == [
        ("app", "src/app/__init__.py"),
        ("app.domain", "src/app/domain/__init__.py"),
        ("app.domain.far", "src/app/domain/far/__init__.py"),  # inside the repository here
        ("app.domain.far.x", "src/app/domain/far/x.py"),
        ("app.domain.sub", "src/app/domain/sub/__init__.py"),
        ("app.domain.sub.store", "src/app/domain/sub/store.py"),
    ]
    assert found.unreadable == ()
    assert tree.read_bytes(str(tmp_path / "src/app/domain/sub/store.py")) == b"import sqlite3\n"
