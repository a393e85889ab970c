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


class _Named(MemoryTree):
    """A memory tree that names its version, as a git revision's tree does."""

    def identity(self) -> str | None:
        return "tree-1"


def test_an_overlay_names_its_version_only_when_its_base_does(tmp_path: Path) -> None:
    """Over a git revision (`fitness history` lays the configuration of now over each
    commit), the overlay is a version of its own: its listing is kept under that name,
    never in the work tree's place."""
    root = str(tmp_path)
    config = os.path.join(root, "a.toml")
    assert OverlayTree(MemoryTree(root, {}), {config: b"x"}).identity() is None
    named = _Named(root, {"a.toml": b"old\n"})
    one, same, other = (OverlayTree(named, {config: data}) for data in (b"x", b"x", b"y"))
    assert one.identity() == same.identity()
    assert one.identity() != other.identity()
    assert str(one.identity()).startswith("tree-1+")
