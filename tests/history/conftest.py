from __future__ import annotations

from pathlib import Path

import pytest
from history.story import build


@pytest.fixture(scope="module")
def story_repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The eight commits of `story`, built once per module; the tests copy it before writing."""
    root = tmp_path_factory.mktemp("story") / "repo"
    return root, build(root)


@pytest.fixture
def story(tmp_path: Path, story_repository: tuple[Path, list[str]]) -> tuple[Path, list[str]]:
    """A fresh copy of the story's repository (its own cache), and the commits' ids."""
    import shutil

    source, shas = story_repository
    root = tmp_path / "repo"
    shutil.copytree(source, root, symlinks=True, ignore=shutil.ignore_patterns(".fitness_cache"))
    return root, shas
