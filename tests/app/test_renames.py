"""What the change did to modules since a revision, read from git's rename detection."""

from __future__ import annotations

from pathlib import Path

from fitness.app.renames import ModuleChanges, changes_of, module_changes, module_of
from support import git, write_tree


def test_files_are_read_as_modules_under_the_source_roots() -> None:
    roots = ("src", ".")
    assert module_of("src/shop/legacy/__init__.py", roots) == "shop.legacy"
    assert module_of("src/shop/api.pyi", roots) == "shop.api"
    assert module_of("tools/run.py", roots) == "tools.run"
    assert module_of("src/shop/data.json", roots) is None
    assert module_of("src/my-shop/api.py", ("src",)) is None
    assert module_of("lib/shop.py", ("src",)) is None


def test_renames_deletions_and_moves_out_of_the_roots() -> None:
    records = [
        ("R", "src/shop/legacy.py", "src/shop/modern.py"),
        ("D", "src/shop/old.py", "src/shop/old.py"),
        ("R", "src/shop/gone.py", "scripts/gone.py"),
        ("M", "src/shop/api.py", "src/shop/api.py"),
        ("A", "src/shop/new.py", "src/shop/new.py"),
    ]
    assert changes_of(records, ("src",)) == ModuleChanges(
        {"shop.legacy": "shop.modern"}, frozenset({"shop.old", "shop.gone"})
    )


def test_a_package_whose_empty_init_git_did_not_pair_moves_with_its_modules() -> None:
    records = [
        ("D", "src/shop/legacy/__init__.py", "src/shop/legacy/__init__.py"),
        ("A", "src/shop/modern/__init__.py", "src/shop/modern/__init__.py"),
        ("R", "src/shop/legacy/core.py", "src/shop/modern/core.py"),
    ]
    assert changes_of(records, ("src",)) == ModuleChanges(
        {"shop.legacy.core": "shop.modern.core", "shop.legacy": "shop.modern"}, frozenset()
    )


def test_git_tells_the_renames_between_a_revision_and_the_working_tree(tmp_path: Path) -> None:
    root = tmp_path / "project"
    write_tree(
        tmp_path,
        {
            "project/src/shop/__init__.py": "",
            "project/src/shop/legacy.py": "LEGACY = 'a module long enough to be paired'\n",
            "project/src/shop/old.py": "OLD = 1\n",
            "README": "the repository's top is above the project\n",
        },
    )
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    git(tmp_path, "mv", "project/src/shop/legacy.py", "project/src/shop/modern.py")
    git(tmp_path, "rm", "-q", "project/src/shop/old.py")

    assert module_changes(root, "HEAD", ("src",)) == ModuleChanges(
        {"shop.legacy": "shop.modern"}, frozenset({"shop.old"})
    )
    assert module_changes(root, "no-such-revision", ("src",)) == ModuleChanges({}, frozenset())
