"""What discovery leaves out, and why: the files a rule's coverage names as not checked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fitness.parsing.discovery import discover
from fitness.parsing.listing import discover_cached
from fitness.tree.work import WORK
from support import git, write_tree

FILES = {
    "src/shop/__init__.py": "",
    "src/shop/generated/__init__.py": "",
    "src/shop/generated/rows.py": "",
    "src/shop/assets/style.css": "",  # excluded, but no Python: not worth naming
    "src/shop/scratch.py": "",
    "src/shop/kept_scratch.py": "",
    "src/.gitignore": "*scratch.py\nbuild/\n",
    "src/shop/build/out.py": "",
    "scripts/seed.py": "",
    "setup.py": "",
    "docs/index.md": "",  # no Python
    ".venv/pyvenv.cfg": "",  # hidden
}
EXCLUDE = ["**/generated/**", "**/assets/**"]


def test_excluded_gitignored_and_outside_the_roots(tmp_path: Path) -> None:
    write_tree(tmp_path, FILES)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-f", "src/shop/kept_scratch.py")  # tracked: git does not ignore it

    found = discover(tmp_path, ["src"], EXCLUDE)

    assert [f.path for f in found.files] == ["src/shop/__init__.py", "src/shop/kept_scratch.py"]
    assert found.left_out == (
        ("scripts/", "not under a root", "scripts"),
        ("setup.py", "not under a root", "setup"),
        ("src/shop/build/", "gitignored", "shop.build"),
        ("src/shop/generated/", "excluded", "shop.generated"),
        ("src/shop/scratch.py", "gitignored", "shop.scratch"),
    )


def test_a_project_root_that_is_the_source_root_leaves_nothing_outside(tmp_path: Path) -> None:
    write_tree(tmp_path, {"shop/__init__.py": "", "setup.py": ""})

    assert discover(tmp_path, ["."]).left_out == ()


def test_the_stored_listing_keeps_what_it_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, FILES)
    for directory in [tmp_path, *(p for p in tmp_path.rglob("*") if p.is_dir())]:
        os.utime(directory, (1_000_000_000, 1_000_000_000))  # old: no stamp is racy
    cache = tmp_path / ".fitness_cache"
    walked = discover_cached(tmp_path, ["src"], EXCLUDE, True, cache, WORK)

    def walks(*args: object) -> None:
        raise AssertionError("walked again: the stored listing was not used")

    monkeypatch.setattr("fitness.parsing.listing.discover", walks)
    stored = discover_cached(tmp_path, ["src"], EXCLUDE, True, cache, WORK)

    assert walked.left_out and stored.left_out == walked.left_out
