"""An overlay: some files' bytes over another tree, which is left as it is."""

from __future__ import annotations

import os
from pathlib import Path

from fitness.tree import Entry
from fitness.tree.memory import MemoryTree
from fitness.tree.overlay import OverlayTree


def test_replaced_and_added_files_read_as_given_the_rest_as_the_base(tmp_path: Path) -> None:
    root = str(tmp_path)
    base = MemoryTree(root, {"a.toml": b"old\n", "pkg/b.py": b"B\n"})
    overlay = OverlayTree(
        base, {os.path.join(root, "a.toml"): b"new\n", os.path.join(root, "c.md"): b"C\n"}
    )

    assert overlay.read_bytes(os.path.join(root, "a.toml")) == b"new\n"
    assert overlay.read_bytes(os.path.join(root, "pkg", "b.py")) == b"B\n"
    assert overlay.entries(root) == [
        Entry("a.toml", False, True),
        Entry("c.md", False, True),
        Entry("pkg", True, False),
    ]
    assert overlay.is_file(os.path.join(root, "c.md")) is True
    assert overlay.stamp(os.path.join(root, "a.toml")) != base.stamp(os.path.join(root, "a.toml"))
    assert overlay.stamp(os.path.join(root, "pkg", "b.py")) == base.stamp(
        os.path.join(root, "pkg", "b.py")
    )
    assert base.read_bytes(os.path.join(root, "a.toml")) == b"old\n"
