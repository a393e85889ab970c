"""examples/plugin installed (not editable) into a fresh virtual environment, used by
examples/shop's fitness-plugin.toml: its findings in text and SARIF, its examples run by
`pytest -p fitness.testing`, and a plugin that raises on import (exit 2, named).

The environment reaches no package index: fitness's dependencies (and setuptools,
to build) come from the environment running the tests, through a `.pth` file, and
both fitness and the plugin are built from copies of their sources and installed
with `--no-deps --no-build-isolation --no-index`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from support import EXAMPLE

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The environment's python, with fitness and the two plugins installed."""
    base = tmp_path_factory.mktemp("plugin-venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(base / "venv")], check=True)
    python = base / "venv" / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    sources = base / "fitness-src"
    sources.mkdir()
    for name in ("fitness", "rules"):
        shutil.copytree(ROOT / name, sources / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, sources / name)
    plugin = base / "plugin"
    shutil.copytree(
        ROOT / "examples" / "plugin", plugin, ignore=shutil.ignore_patterns("build", "*.egg-info")
    )
    broken = base / "broken"
    (broken / "fitness_broken").mkdir(parents=True)
    (broken / "fitness_broken" / "__init__.py").write_text(
        "raise ImportError('the broken plugin')\n"
    )
    (broken / "pyproject.toml").write_text(BROKEN)
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q"]
    flags = ["--no-deps", "--no-build-isolation", "--no-index"]
    subprocess.run([*install, *flags, str(sources), str(plugin), str(broken)], check=True)
    return python


BROKEN = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "fitness-broken"
version = "2.0"

[project.entry-points."fitness.kinds"]
broken = "fitness_broken:Kind"

[tool.setuptools]
packages = ["fitness_broken"]
"""


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "shop", ignore=shutil.ignore_patterns(".fitness_cache"))
    return tmp_path / "shop"


def steady(text: str) -> str:
    """The output without its wall time."""
    return re.sub(r" \(\d+\.\d\ds\)\.", " (0.00s).", text)


def fitness(python: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), "-m", "fitness", *args], cwd=cwd, capture_output=True, text=True, env=_env()
    )


def test_the_plugin_is_installed_not_editable(venv: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            str(venv),
            "-c",
            "import fitness, fitness_tested_modules as p; print(fitness.__file__); print(p.__file__)",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=_env(),
        cwd=tmp_path,
    )
    assert len(done.stdout.splitlines()) == 2
    for line in done.stdout.splitlines():
        assert "site-packages" in line, line


def test_the_shop_uses_the_plugin_kind_in_text(venv: Path, shop: Path) -> None:
    done = fitness(venv, shop, "check", "--config", "fitness-plugin.toml", "--no-cache")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == [
        "src/shop/api/schemas.py:1:1: api-is-tested: shop.api.schemas has no test module: "
        "nothing under tests imports it",
        "src/shop/jobs/nightly.py:8:27: adr-not-accepted: this comment cites ADR-0006 "
        '"Jobs use a task queue", which is proposed, not accepted [warning]',
    ]
    assert "api-is-tested     tested-modules  broken  1 finding" in lines


def test_the_shop_uses_the_plugin_kind_in_sarif(venv: Path, shop: Path) -> None:
    done = fitness(venv, shop, "check", "--config", "fitness-plugin.toml", "--format", "sarif")
    assert done.returncode == 1, done.stderr
    run = json.loads(done.stdout)["runs"][0]
    rule = run["tool"]["driver"]["rules"][0]
    assert (rule["id"], rule["shortDescription"]["text"]) == (
        "api-is-tested",
        "shop.api.* are imported by a test module under tests.",
    )
    assert "tested-modules" in rule["properties"]["tags"]
    results = [r for r in run["results"] if r["ruleId"] == "api-is-tested"]
    assert [
        (
            r["message"]["text"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in results
    ] == [
        (
            "shop.api.schemas has no test module: nothing under tests imports it.",
            "src/shop/api/schemas.py",
            {"startLine": 1, "startColumn": 1},
        )
    ]


def test_the_readme_command_on_the_shop_needs_no_plugin(venv: Path, shop: Path) -> None:
    done = fitness(venv, shop, "check", "--no-cache")
    assert done.returncode == 1
    assert "api-is-tested" not in done.stdout


def test_explain_describes_the_plugin_kind(venv: Path, shop: Path) -> None:
    done = fitness(venv, shop, "explain", "tested-modules")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        "tested-modules: every module the rule names has a test module that imports it"
    )


def test_a_plugin_that_raises_on_import_is_exit_2_naming_its_distribution(
    venv: Path, shop: Path
) -> None:
    (shop / "broken.toml").write_text('source_roots = ["src"]\n\n[rules.bad]\nkind = "broken"\n')
    done = fitness(venv, shop, "check", "--config", "broken.toml")
    assert done.returncode == 2
    assert done.stdout == ""
    assert (
        "broken.toml:4: rules.bad.kind: plugin fitness-broken 2.0 (broken = fitness_broken:Kind) "
        "failed to load: ImportError: the broken plugin"
    ) in done.stderr


def test_pytest_collects_the_plugin_examples(venv: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            str(venv),
            "-m",
            "pytest",
            "-p",
            "fitness.testing",
            "-q",
            "-p",
            "no:cacheprovider",
            "--fitness-kinds=tested-modules",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=_env(),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout.splitlines()[-1]


def _env() -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COV_CORE_SOURCE")}
    env["NO_COLOR"] = "1"
    return env


def test_the_plugin_version_is_part_of_the_reuse_key(venv: Path, shop: Path) -> None:
    """A warm run reuses the plugin's findings; the same files under another version of
    the plugin do not: its rules run again. (Last: it edits the installed plugin.)"""
    site = venv.parents[1] / "lib"
    (module,) = site.glob("python*/site-packages/fitness_tested_modules/__init__.py")
    (metadata,) = site.glob("python*/site-packages/fitness_tested_modules-0.1.0.dist-info/METADATA")
    code, meta = module.read_text(), metadata.read_text()
    args = ("check", "--config", "fitness-plugin.toml")
    try:
        assert "has no test module" in fitness(venv, shop, *args).stdout
        module.write_text(code.replace("has no test module", "is untested"))
        assert "has no test module" in fitness(venv, shop, *args).stdout  # reused
        metadata.write_text(meta.replace("Version: 0.1.0", "Version: 0.1.1"))
        assert "shop.api.schemas is untested" in fitness(venv, shop, *args).stdout
    finally:
        module.write_text(code)
        metadata.write_text(meta)


def test_a_plugin_finding_is_suppressed_and_baselined_as_a_built_in_one(
    venv: Path, shop: Path
) -> None:
    schemas = shop / "src/shop/api/schemas.py"
    original = schemas.read_text(encoding="utf-8")
    first, rest = original.split("\n", 1)
    schemas.write_text(f"{first}  # fitness: ignore[api-is-tested] ADR-0002 no test yet\n{rest}")
    select = ("--config", "fitness-plugin.toml", "--select", "api-is-tested")
    done = fitness(venv, shop, "check", *select)
    assert (done.returncode, steady(done.stdout).splitlines()[-2:]) == (
        0,
        [
            "Not counted: 1 suppressed inline.",
            "Rules: 1 kept, 0 broken. Found 1 finding (1 warning) in 19 files (0.00s).",
        ],
    ), done.stderr
    schemas.write_text(original)
    written = fitness(venv, shop, "baseline", "--config", "fitness-plugin.toml")
    assert written.stdout == "Wrote .fitness-baseline.json: 2 entries for 2 findings.\n"
    done = fitness(venv, shop, "check", *select)
    assert (done.returncode, steady(done.stdout).splitlines()[-2:]) == (
        0,
        [
            "Not counted: 2 in the baseline.",
            "Rules: 0 kept, 1 baselined, 0 broken. No findings in 19 files (0.00s).",
        ],
    ), done.stderr
