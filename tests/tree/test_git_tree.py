"""The git revision tree on a repository scripted in tmp_path: read from objects, never written."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from fitness.errors import UsageError
from fitness.parsing.discovery import discover
from fitness.tree import Entry, prefetch
from fitness.tree import git as git_module
from fitness.tree.git import open_revision
from fitness.tree.overlay import OverlayTree
from fitness.tree.work import WORK
from support import git


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "pkg" / "sub").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("import os\n")
    (root / "pkg" / "sub" / "deep.py").write_text("X = 1\n")
    (root / "pkg" / "with space é.py").write_text("Y = 2\n")
    (root / "README.txt").write_text("not read\n")
    (root / "fitness.toml").write_text("[rules]\n")
    os.symlink("sub/deep.py", root / "pkg" / "inside.py")
    os.symlink("../../outside.py", root / "pkg" / "outside.py")
    os.symlink("/etc/hostname", root / "pkg" / "absolute.py")
    os.symlink("sub", root / "pkg" / "alias")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "one")
    return root


def test_lists_reads_and_stamps_the_revision_without_writing(repository: Path) -> None:
    tree = open_revision(repository, "HEAD", "--since")
    (repository / "pkg" / "__init__.py").write_text("changed in the work tree\n")
    (repository / "pkg" / "sub" / "deep.py").unlink()
    top = str(repository.resolve())
    pkg = os.path.join(top, "pkg")

    assert tree.entries(pkg) == [
        Entry("__init__.py", False, True),
        Entry("alias", False, False),
        Entry("inside.py", False, True),
        Entry("sub", True, False),
        Entry("with space é.py", False, True),
    ]
    assert tree.read_bytes(os.path.join(pkg, "__init__.py")) == b"import os\n"
    assert tree.read_bytes(os.path.join(pkg, "inside.py")) == b"X = 1\n"
    assert tree.read_bytes(os.path.join(pkg, "with space é.py")) == b"Y = 2\n"
    assert tree.read_bytes(os.path.join(top, "README.txt")) == b"not read\n"
    blob = git(repository, "rev-parse", "HEAD:pkg/sub/deep.py").strip()
    assert tree.stamp(os.path.join(pkg, "sub", "deep.py")) == (blob,)
    assert tree.stamp(os.path.join(pkg, "inside.py")) == (blob,)
    assert (tree.is_file(os.path.join(pkg, "outside.py")), tree.is_file(pkg)) == (False, False)
    assert (tree.is_dir(pkg), tree.is_dir(os.path.join(pkg, "alias"))) == (True, True)
    assert tree.is_dir(os.path.join(top, "nowhere")) is False
    assert tree.resolve(os.path.join(pkg, "inside.py")) == os.path.join(pkg, "sub", "deep.py")
    with pytest.raises(OSError):
        tree.read_bytes(os.path.join(pkg, "absolute.py"))
    with pytest.raises(OSError):
        tree.entries(os.path.join(pkg, "__init__.py"))
    assert tree.is_file(os.path.join(str(repository.parent), "elsewhere.py")) is False
    # The work tree was only read: the edit and the deletion are still there.
    assert WORK.read_bytes(os.path.join(pkg, "__init__.py")) == b"changed in the work tree\n"
    assert sorted(os.listdir(repository.parent)) == ["repo"]


def test_a_revision_of_a_subdirectory_project_reads_the_whole_repository(
    repository: Path,
) -> None:
    tree = open_revision(repository / "pkg", "HEAD", "--config-from")

    assert tree.is_file(os.path.join(str(repository.resolve()), "fitness.toml")) is True


def test_errors_name_the_flag_and_never_a_temporary_path(tmp_path: Path, repository: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(UsageError) as not_git:
        open_revision(plain, "HEAD", "--since")
    with pytest.raises(UsageError) as no_revision:
        open_revision(repository, "nope", "--config-from")

    assert str(not_git.value) == f"--since: {plain} is not in a git repository"
    assert str(no_revision.value) == (
        f"--config-from nope: no such revision in the repository at {repository.resolve()}"
    )


def test_without_git_says_so(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(UsageError) as missing:
        open_revision(repository, "HEAD", "--since")

    assert str(missing.value) == "--since needs git, which is not installed (or not on PATH)"


def test_discovery_walks_the_revision_every_file_of_which_is_tracked(repository: Path) -> None:
    # pkg/sub is ignored, but committed: a module (issue 21), named by the link to it
    # that the walk meets first (one module per real file).
    (repository / ".gitignore").write_text("pkg/sub/\n")
    (repository / "pkg" / "ignored_now.py").write_text("")
    git(repository, "add", ".gitignore")
    git(repository, "commit", "-q", "-m", "ignore sub")
    (repository / ".gitignore").write_text("")  # the work tree's ignores nothing
    tree = open_revision(repository, "HEAD", "--since")

    found = discover(repository.resolve(), ["."], tree=tree)

    assert [(f.module, f.path, f.is_package) for f in found.files] == [
        ("pkg", "pkg/__init__.py", True),
        ("pkg.alias.deep", "pkg/alias/deep.py", False),
        ("pkg.inside", "pkg/inside.py", False),
        ("pkg.with space é", "pkg/with space é.py", False),  # import_module can load it
    ]
    assert found.read == ("./", ".gitignore", "pkg/", "pkg/alias/")


def test_the_files_of_a_kind_come_in_one_batch_the_first_time_one_is_read(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batches: list[int] = []
    real = git_module.read_blobs

    def counting(top: str, shas: Sequence[str]) -> dict[str, bytes]:
        batches.append(len(shas))
        return real(top, shas)

    monkeypatch.setattr(git_module, "read_blobs", counting)
    tree = open_revision(repository, "HEAD", "--since")
    pkg = os.path.join(str(repository.resolve()), "pkg")

    for name in ("__init__.py", "with space é.py", "sub/deep.py"):
        tree.read_bytes(os.path.join(pkg, name))
    tree.read_bytes(os.path.join(str(repository.resolve()), "fitness.toml"))

    # Python: the three sources. Then the other kinds: fitness.toml and the four links.
    assert batches == [3, 5]


def test_prefetch_reads_the_files_named_and_no_other(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batches: list[int] = []
    real = git_module.read_blobs

    def counting(top: str, shas: Sequence[str]) -> dict[str, bytes]:
        batches.append(len(shas))
        return real(top, shas)

    monkeypatch.setattr(git_module, "read_blobs", counting)
    tree = open_revision(repository, "HEAD", "--since")
    pkg = os.path.join(str(repository.resolve()), "pkg")
    init, deep = os.path.join(pkg, "__init__.py"), os.path.join(pkg, "sub", "deep.py")
    # Through an overlay: its own file is not read from git; a path git lacks is left out.
    over = OverlayTree(tree, {init: b"import sys\n"})

    prefetch(over, [init, deep, os.path.join(pkg, "missing.py")])
    assert batches == [1]
    assert over.read_bytes(deep) == b"X = 1\n"
    assert over.read_bytes(init) == b"import sys\n"
    assert batches == [1]
    prefetch(over, [deep])  # read already: nothing asked of git
    assert batches == [1]
    # Any other source read still comes with the rest of its kind (the one left).
    assert tree.read_bytes(init) == b"import os\n"
    assert batches[-1] == 2
