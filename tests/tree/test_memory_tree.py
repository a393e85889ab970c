"""The in-memory tree, and the work tree it stands in for, answer alike."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fitness.tree import Entry, read_text
from fitness.tree.memory import MemoryTree
from fitness.tree.work import WORK

FILES = {"pkg/__init__.py": b"", "pkg/a.py": b"import os\n", "top.toml": b"x = 1\n"}


def test_the_memory_tree_lists_reads_and_stamps_its_dict(tmp_path: Path) -> None:
    tree = MemoryTree(str(tmp_path), FILES)
    root = str(tmp_path)

    assert tree.entries(root) == [Entry("pkg", True, False), Entry("top.toml", False, True)]
    assert tree.entries(os.path.join(root, "pkg")) == [
        Entry("__init__.py", False, True),
        Entry("a.py", False, True),
    ]
    assert read_text(tree, os.path.join(root, "top.toml")) == "x = 1\n"
    assert (tree.is_dir(os.path.join(root, "pkg")), tree.is_file(os.path.join(root, "pkg"))) == (
        True,
        False,
    )
    assert tree.stamp(os.path.join(root, "pkg", "a.py")) != tree.stamp(
        os.path.join(root, "pkg", "__init__.py")
    )
    with pytest.raises(OSError):
        tree.read_bytes(os.path.join(root, "missing.py"))
    with pytest.raises(OSError):
        tree.entries(os.path.join(root, "top.toml"))
    assert tree.is_file(str(tmp_path.parent / "top.toml")) is False


def test_the_work_tree_gives_the_same_answers_for_the_same_files(tmp_path: Path) -> None:
    for relative, data in FILES.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes(data)
    memory = MemoryTree(str(tmp_path), FILES)
    root = str(tmp_path)

    for directory in (root, os.path.join(root, "pkg")):
        assert WORK.entries(directory) == memory.entries(directory)
    for relative in FILES:
        path = os.path.join(root, relative)
        assert WORK.read_bytes(path) == memory.read_bytes(path)
    stat = os.stat(os.path.join(root, "pkg", "a.py"))
    assert WORK.stamp(os.path.join(root, "pkg", "a.py")) == (
        stat.st_mtime_ns,
        stat.st_size,
        stat.st_ctime_ns,
        stat.st_ino,
    )
