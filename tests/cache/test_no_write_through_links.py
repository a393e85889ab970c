"""fitness never writes through a symbolic link: it replaces the link, or refuses to create."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fitness.atomic import create_new, write_atomic


def test_an_atomic_write_replaces_a_link_and_leaves_its_target_alone(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep\n")
    (tmp_path / "project").mkdir()
    link = tmp_path / "project" / "report.sarif"
    os.symlink(outside, link)

    write_atomic(link, "report\n")

    assert (outside.read_text(), link.is_symlink(), link.read_text()) == (
        "keep\n",
        False,
        "report\n",
    )


def test_a_new_file_is_not_created_through_a_dangling_link(tmp_path: Path) -> None:
    link = tmp_path / ".gitignore"
    os.symlink(tmp_path / "elsewhere", link)

    with pytest.raises(FileExistsError):
        create_new(link, "*\n")

    assert sorted(os.listdir(tmp_path)) == [".gitignore"]
