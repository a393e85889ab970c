"""`--config ci/fitness.toml` checks the repository, not `ci/` (issue 22, item 6).

Without a `root` key, the project root is the configuration file's directory
when it holds pyproject.toml or .git, else the nearest directory above that
does; `root` (relative to the file) says otherwise. The cache follows the root.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support import Result, git, write_tree

Run = Callable[..., Result]

RULES = """
[rules.pure]
kind = "forbidden"
from = ["shop.domain"]
to = ["shop.api"]
"""
REPOSITORY = {
    "pyproject.toml": '[project]\nname = "shop"\n',
    "src/shop/__init__.py": "",
    "src/shop/domain/__init__.py": "",
    "src/shop/domain/order.py": "from shop.api import views\n",
    "src/shop/api/__init__.py": "",
    "src/shop/api/views.py": "",
}
FINDING = "src/shop/domain/order.py:1:1: pure: shop.domain must not import shop.api"


def _repository(root: Path, settings: str) -> Path:
    write_tree(root, {**REPOSITORY, "ci/fitness.toml": settings + RULES})
    git(root, "init", "-q")
    return root


def test_a_configuration_in_a_subdirectory_checks_the_repository(tmp_path: Path, run: Run) -> None:
    root = _repository(tmp_path / "repo", 'source_roots = ["src"]\n')

    result = run("check", "--config", "ci/fitness.toml", cwd=root)

    assert (result.code, result.out.splitlines()[0]) == (1, FINDING)
    assert (root / ".fitness_cache").is_dir()
    assert not (root / "ci" / ".fitness_cache").exists()
    # From elsewhere in the repository too (paths are shown from there), and with the
    # default source roots.
    (root / "ci/fitness.toml").write_text(RULES, encoding="utf-8")
    elsewhere = run("check", "--config", "../ci/fitness.toml", cwd=root / "src")
    assert (elsewhere.code, elsewhere.out.splitlines()[0]) == (1, FINDING[len("src/") :])


def test_the_nearest_pyproject_is_the_root_outside_git(tmp_path: Path, run: Run) -> None:
    root = write_tree(
        tmp_path / "project",
        {**REPOSITORY, "tools/ci/fitness.toml": 'source_roots = ["src"]\n' + RULES},
    )

    result = run("check", "--no-cache", "--config", "tools/ci/fitness.toml", cwd=root)

    assert (result.code, result.out.splitlines()[0]) == (1, FINDING)


def test_a_root_key_says_where_the_project_is(tmp_path: Path, run: Run) -> None:
    root = _repository(tmp_path / "repo", 'root = "."\nsource_roots = ["src"]\n')

    result = run("check", "--no-cache", "--config", "ci/fitness.toml", cwd=root)

    assert result.code == 2
    assert result.err == (
        "ci/fitness.toml:2: source_roots[0]: source root 'src' is not a directory\n"
    )
    (root / "ci/fitness.toml").write_text('root = "nowhere"\n' + RULES, encoding="utf-8")
    missing = run("check", "--no-cache", "--config", "ci/fitness.toml", cwd=root)
    assert missing.code == 2
    assert missing.err.splitlines()[0] == "ci/fitness.toml:1: root: 'nowhere' is not a directory"
    (root / "ci/fitness.toml").write_text('root = ".."\n' + RULES, encoding="utf-8")
    up = run("check", "--no-cache", "--config", "ci/fitness.toml", cwd=root)
    assert (up.code, up.out.splitlines()[0]) == (1, FINDING)
