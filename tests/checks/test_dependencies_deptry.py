"""deptry as a second oracle of the `dependencies` kind.

deptry runs with the fixture's dependencies installed (a small venv made once per
session, its site-packages on deptry's path); fitness runs without that venv, from
the files alone (and the metadata of its own environment). They must report the
same missing (DEP001), unused (DEP002), transitive (DEP003) and dev-only (DEP004)
sets. Deliberate differences, left out of these fixtures and said in the README:
fitness's *optional* case has no deptry code; fitness calls an undeclared import
transitive only when a declared distribution's installed metadata requires it
(deptry: whenever it is installed), and does not call an undeclared import in a `try` that catches ImportError missing
(deptry does: DIFFERENCES).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fitness import app
from support import write_tree

pytestmark = pytest.mark.slow

# What the venv holds: the fixtures' declared distributions (and what they require), at
# versions every supported Python has (jsonschema 4.26 and iniconfig 2.3 need 3.10).
INSTALLED = ["jsonschema==4.25.1", "six==1.17.0", "iniconfig==2.1.0", "PyYAML==6.0.3"]

# ... installed without resolving (--no-deps, pinned: nothing else comes in).
WITH = [*INSTALLED, "attrs", "referencing", "rpds-py", "jsonschema-specifications"]

PEP621 = {
    "pyproject.toml": """
        [project]
        name = "shop"
        version = "1"
        dependencies = ["jsonschema", "six", "PyYAML"]

        [dependency-groups]
        dev = ["iniconfig"]

        [tool.fitness]
        [tool.fitness.rules.deps]
        kind = "dependencies"
        """,
    "src/shop/__init__.py": "import jsonschema\nimport yaml\n",
    "src/shop/models.py": "import attr\nfrom referencing import Registry\n",
    "src/shop/http.py": "import fancyhttp\nimport iniconfig\n",
    # Read by type checkers only: neither tool calls it missing.
    "src/shop/typed.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import tinyorm\n",
    # Optional by design (in a try that catches ImportError): deptry calls it missing,
    # fitness does not (the one deliberate difference on these fixtures, DIFFERENCES).
    "src/shop/speed.py": "try:\n    import ujson\nexcept ImportError:\n    ujson = None\n",
}

DIFFERENCES = {"pep621": ("DEP001", "ujson")}

POETRY = {
    "pyproject.toml": """
        [tool.poetry]
        name = "shop"
        version = "1"

        [tool.poetry.dependencies]
        python = "^3.9"
        jsonschema = "*"
        six = "*"

        [tool.poetry.group.dev.dependencies]
        iniconfig = "*"
        pyyaml = "*"

        [tool.fitness]
        [tool.fitness.rules.deps]
        kind = "dependencies"
        """,
    "src/shop/__init__.py": "import jsonschema\nimport yaml\nimport rpds\nimport tinyorm\n",
}


@pytest.fixture(scope="session")
def site_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("deptry-venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    (site,) = (venv / "lib").glob("python*/site-packages")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), *WITH],
        check=True,
    )
    return site


@pytest.mark.parametrize("name", ["pep621", "poetry"])
def test_fitness_reports_what_deptry_reports(
    name: str, site_packages: Path, tmp_path: Path
) -> None:
    root = write_tree(tmp_path / "project", PEP621 if name == "pep621" else POETRY)
    found = fitness_sets(root)
    assert sorted(found) == ["DEP001", "DEP002", "DEP003", "DEP004"]  # each case is there
    oracle = deptry_sets(root, site_packages)
    if name in DIFFERENCES:
        code, module = DIFFERENCES[name]
        assert module in oracle[code]  # deptry does report it
        oracle[code].discard(module)
    assert found == oracle


def fitness_sets(root: Path) -> dict[str, set[str]]:
    report = app.check(app.CheckOptions(root, None, "never"), clock=lambda: 0.0)
    codes = {"missing": "DEP001", "unused": "DEP002", "transitive": "DEP003"}
    codes["dev-only"] = "DEP004"
    found: dict[str, set[str]] = {}
    for finding in report.findings:
        args = dict(finding.args)
        what = finding.identity[1]
        name = args["distribution"] if what == "unused" else args["imported"].split(".")[0]
        found.setdefault(codes[what], set()).add(name)
    return found


def deptry_sets(root: Path, site: Path) -> dict[str, set[str]]:
    output = root.parent / "deptry.json"
    environment = {**os.environ, "PYTHONPATH": str(site)}
    command = [sys.executable, "-m", "deptry", ".", "--known-first-party", "shop"]
    done = subprocess.run(
        [*command, "--json-output", str(output)],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 1), done.stderr
    found: dict[str, set[str]] = {}
    for violation in json.loads(output.read_text()):
        code = violation["error"]["code"]
        module = violation["module"]
        found.setdefault(code, set()).add(module.lower() if code == "DEP002" else module)
    return found
