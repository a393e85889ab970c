"""A crafted git tree (`..`, `.git`, paths through a link) is refused when read, never followed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from fitness.tree import Entry
from fitness.tree.entry_paths import refusal
from fitness.tree.git import open_revision
from support import PURE_APP as CONFIG
from support import Result, git, write_tree

Run = Callable[..., Result]


def _crafted(tmp_path: Path) -> tuple[Path, str]:
    """A repository whose second commit's tree holds `..`, `.git`, `.GIT` and `lk/` entries."""
    root = write_tree(tmp_path / "outer" / "repo", {"app/__init__.py": "import json\n\nX = 1\n"})
    (root / "pyproject.toml").write_text(CONFIG)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "one")
    blob = git(root, "hash-object", "-w", "--stdin", input="import sqlite3\n").strip()
    inner = git(root, "mktree", input=f"100644 blob {blob}\tpwned.py\n").strip()
    link = git(root, "hash-object", "-w", "--stdin", input="app").strip()
    listing = git(root, "ls-tree", "HEAD") + "".join(
        f"{mode} {kind} {sha}\t{name}\n"
        for mode, kind, sha, name in [
            ("040000", "tree", inner, ".."),
            ("040000", "tree", inner, ".git"),
            ("040000", "tree", inner, ".GIT"),
            ("120000", "blob", link, "lk"),
            ("040000", "tree", inner, "lk"),
        ]
    )
    tree = git(root, "mktree", input=listing).strip()
    commit = git(root, "commit-tree", tree, "-p", "HEAD", "-m", "crafted").strip()
    return root, commit


def _outside(tmp_path: Path) -> list[tuple[str, int]]:
    """Every path around the repository (not inside it), with its modification time."""
    repo = tmp_path / "outer" / "repo"
    found = [p for p in tmp_path.rglob("*") if p != repo and repo not in p.parents]
    return sorted((p.relative_to(tmp_path).as_posix(), p.stat().st_mtime_ns) for p in found)


def test_the_entries_no_checkout_could_hold_are_not_in_the_tree(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root, commit = _crafted(tmp_path)

    tree = open_revision(root, commit, "--since")

    top = str(root.resolve())
    assert tree.entries(top) == [
        Entry("app", True, False),
        Entry("lk", False, False),  # the link to app/, not walked; lk/pwned.py is not there
        Entry("pyproject.toml", False, True),
    ]
    assert tree.refused == [
        ("../pwned.py", "a '..' name"),
        (".GIT/pwned.py", "a '.git' name"),
        (".git/pwned.py", "a '.git' name"),
        ("lk/pwned.py", "a path through the file 'lk'"),
    ]
    for path in ("../pwned.py", "lk/pwned.py", ".git/pwned.py"):
        assert tree.is_file(os.path.join(top, path)) is False
        with pytest.raises(OSError):
            tree.read_bytes(os.path.join(top, path))
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"{commit}: not reading 4 tree entries that no checkout could hold: '../pwned.py' "
        "(a '..' name), '.GIT/pwned.py' (a '.git' name), '.git/pwned.py' (a '.git' name) "
        "and 1 more"
    ]


@pytest.mark.parametrize("flag", ["--since", "--config-from"])
def test_a_crafted_tree_writes_and_reads_nothing_outside(
    tmp_path: Path, run: Run, flag: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, commit = _crafted(tmp_path)
    (tmp_path / "outer" / "pwned.py").write_text("import sqlite3\n")  # would be found if read
    # Any temporary directory of the run (and of its parse workers) is made beside the
    # repository, so what a '..' entry could write from one is in the listing too.
    (tmp_path / "outer" / "tmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "outer" / "tmp"))
    monkeypatch.setattr(tempfile, "tempdir", None)
    run("check", cwd=root)  # the cache exists before, so only what the crafted run adds shows
    before = _outside(tmp_path)

    result = run("check", flag, commit, cwd=root)

    assert (result.code, result.out.splitlines()[-1]) == (
        0,
        "Rules: 1 kept, 0 broken. No findings in 1 file (0.00s).",
    )
    assert (
        _outside(tmp_path)
        == before
        == [
            ("outer", before[0][1]),
            ("outer/pwned.py", before[1][1]),
            ("outer/tmp", before[2][1]),
        ]
    )


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("a/../b.py", "a '..' name"),
        ("/etc/passwd", "an absolute path"),
        ("a//b.py", "an empty or '.' name"),
        ("./b.py", "an empty or '.' name"),
        ("a/.Git/config", "a '.git' name"),
        ("a/.gitignore", None),
        ("a/..b.py", None),
    ],
)
def test_refusal(path: str, why: str | None) -> None:
    assert refusal(path) == why
