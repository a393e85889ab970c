"""The built-in rule packs ship in the wheel, so `extends = ["fitness:security"]` works installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fitness.config.packs import built_in_packs

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]


def setuptools_settings() -> dict[str, object]:
    document = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    settings = document["tool"]["setuptools"]
    assert isinstance(settings, dict)
    return settings


def test_the_package_list_names_every_package_and_the_rule_packs() -> None:
    on_disk = sorted(
        ".".join(init.parent.relative_to(REPO).parts)
        for init in REPO.glob("fitness/**/__init__.py")
    )
    settings = setuptools_settings()

    assert sorted(settings["packages"]) == sorted([*on_disk, "fitness.rules"])
    assert settings["package-dir"] == {"fitness.rules": "rules"}
    assert settings["package-data"] == {
        "fitness": ["py.typed"],
        "fitness.rules": ["*.toml"],
        "fitness.config": ["distributions.toml"],
        "fitness.reporters.diagrams": ["page/*.html", "page/*.js", "page/*.css"],
    }


def test_a_checkout_finds_the_packs_in_rules() -> None:
    assert built_in_packs() == {
        "modern-python": REPO / "rules" / "modern-python.toml",
        "security": REPO / "rules" / "security.toml",
    }


@pytest.mark.slow
def test_a_build_holds_the_packs_as_fitness_rules_and_an_install_finds_them(
    tmp_path: Path,
) -> None:
    """setuptools' build_py, which fills the wheel, on a copy of the sources (offline).

    Then fitness imported from that build finds its packs in `fitness/rules/`.
    (`pip wheel --no-deps -w DIR .` and installing the wheel into a fresh
    virtual environment were verified by hand; they need the package index.)
    """
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "fitness", source / "fitness", ignore=ignore)
    shutil.copytree(REPO / "rules", source / "rules", ignore=ignore)
    build = tmp_path / "build"

    subprocess.run(
        [sys.executable, "-c", _SETUP, "-q", "build_py", "--build-lib", str(build)],
        cwd=source,
        check=True,
        capture_output=True,
    )
    found = subprocess.run(
        [sys.executable, "-c", _PRINT_PACKS, str(build)],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    )

    # The dependencies kind's module table ships too, outside rules/ (it is no rule pack).
    assert sorted(p.relative_to(build).as_posix() for p in build.rglob("*.toml")) == [
        "fitness/config/distributions.toml",
        "fitness/rules/modern-python.toml",
        "fitness/rules/security.toml",
    ]
    assert (build / "fitness" / "py.typed").is_file()
    page = build / "fitness" / "reporters" / "diagrams" / "page"
    assert sorted(p.name for p in page.iterdir()) == ["graph.css", "graph.js", "page.html"]
    assert found.stdout.splitlines() == [
        f"modern-python {build / 'fitness' / 'rules' / 'modern-python.toml'}",
        f"security {build / 'fitness' / 'rules' / 'security.toml'}",
    ]


_SETUP = "from setuptools import setup; setup()"
_PRINT_PACKS = """
import sys
sys.path.insert(0, sys.argv[1])
from fitness.config.packs import built_in_packs
for name, path in built_in_packs().items():
    print(name, path)
from fitness.reporters.diagrams.html import render_html
assert 'id="fitness-graph"' in render_html({"roots": ["a"], "depth": 1, "nodes": []})
"""
