"""`.gitignore` and the skip heuristics apply to what git does not track only (issue 21)."""

from __future__ import annotations

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
