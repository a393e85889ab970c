"""The top-level `exclude` takes paths: a dotted module name there is a mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitness.checks import KINDS
from fitness.config.load import load_config
from fitness.config.paths import check_exclude
from support import write_tree

PARSERS = {name: kind.parse for name, kind in KINDS.items()}
TREE = {
    "src/shop/__init__.py": "",
    "src/shop/legacy/__init__.py": "",
    "src/shop/old.py": "",
    "src/shop/assets/logo.min.js": "",
    "src/shop/docs.build/index.html": "",
}


def problems(tmp_path: Path, exclude: str, roots: tuple[str, ...] = ("src",)) -> list[str]:
    write_tree(tmp_path, TREE)
    path = tmp_path / "fitness.toml"
    path.write_text(f'exclude = ["{exclude}"]\n', encoding="utf-8")
    config, found = load_config(path, PARSERS)
    check_exclude(config, roots, found)
    return [p.text.split(": ", 2)[2] for p in found.found if "exclude[" in p.text]


@pytest.mark.parametrize(
    "pattern",
    [
        "*.py",
        "build",
        "**/migrations/**",
        "setup.py",
        "conftest.py",
        "docs/conf.py",
        "src/shop/legacy/",
        "shop/legacy",
        "logo.min.js",  # a file name with dots
        "docs.build",  # a directory with a dot in its name
        "!shop.keep",
        ".tox",
        "shop",
        "version.txt",
    ],
)
def test_paths_and_globs_are_accepted(tmp_path: Path, pattern: str) -> None:
    assert problems(tmp_path, pattern) == []


@pytest.mark.parametrize(
    ("pattern", "roots", "guess"),
    [
        ("shop.legacy", ("src",), "src/shop/legacy/"),
        ("shop.old", ("src",), "src/shop/old.py"),
        ("shop.gone", ("src",), "src/shop/gone/"),
        ("shop.gone", (".", "src"), "shop/gone/"),
        ("shop.legacy", ("lib/", "src"), "src/shop/legacy/"),
    ],
)
def test_module_names_are_reported_with_their_path(
    tmp_path: Path, pattern: str, roots: tuple[str, ...], guess: str
) -> None:
    (tmp_path / "lib").mkdir()

    assert problems(tmp_path, pattern, roots) == [
        "exclude takes gitignore-style paths, not module names: "
        f"'{pattern}' matches no path (did you mean \"{guess}\"?)"
    ]


def test_a_file_suffix_is_a_module_name_when_that_module_exists(tmp_path: Path) -> None:
    write_tree(tmp_path, {"src/shop/json.py": ""})

    assert problems(tmp_path, "shop.json") == [
        "exclude takes gitignore-style paths, not module names: "
        "'shop.json' matches no path (did you mean \"src/shop/json.py\"?)"
    ]
