"""fitness's banned-api against ruff's TID251 on the same files and the same names.

ruff (a test dependency) is run on a small project with `banned-api` set to the
names a fitness rule bans. fitness must find every use ruff finds, at the same
line and column; what fitness finds beyond ruff is listed here as the expected
difference: getattr / import_module forms and builtins. Like ruff, fitness
reports a from-import and not the calls through the name it binds. Argument conditions (`when`) have no
ruff equivalent: ruff can only ban `subprocess.run` outright, as both do here;
the conditional forms are in tests/cli/test_banned_api_cases.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support import check_project, write_tree

NAMES = ["pickle.loads", "xml.etree.ElementTree.parse", "os.system", "subprocess.run", "eval"]

SOURCE = """\
import pickle
import pickle as p
from pickle import loads
from pickle import loads as ld
import xml.etree.ElementTree as ET
from os import system
import subprocess
import importlib


def handle(data, cmd):
    pickle.loads(data)
    p.loads(data)
    loads(data)
    ld(data)
    ET.parse("x.xml")
    system(cmd)
    getattr(pickle, "loads")(data)
    importlib.import_module("pickle").loads(data)
    subprocess.run(cmd, shell=True)
    reader = pickle.loads
    return eval(cmd), reader


def shadowed(loads, system):
    return loads(b""), system("ls")
"""

# (line, column) of each use fitness reports that ruff does not, and why. The calls
# through from-imports (lines 14, 15, 17) are reported by neither: the import is.
BEYOND_RUFF = {
    (18, 5): "getattr(pickle, 'loads')",
    (19, 5): "importlib.import_module('pickle').loads",
    (22, 12): "eval: a builtin (ruff's banned-api matches imported names only)",
}


def test_fitness_finds_every_use_ruff_finds(tmp_path: Path) -> None:
    apis = ", ".join(json.dumps(name) for name in NAMES)
    root = write_tree(
        tmp_path / "project",
        {
            "pyproject.toml": "[tool.fitness]\n\n[tool.fitness.rules.ban]\n"
            f'kind = "banned-api"\napis = [{apis}]\n',
            "src/app/__init__.py": "",
            "src/app/mod.py": SOURCE,
        },
    )
    ruff_config = tmp_path / "ruff.toml"
    ruff_config.write_text(
        "[lint.flake8-tidy-imports.banned-api]\n"
        + "".join(f'"{name}".msg = "banned"\n' for name in NAMES),
        encoding="utf-8",
    )

    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "ruff"),
            "check",
            "--no-cache",
            "--select",
            "TID251",
            "--output-format",
            "json",
            "--config",
            str(ruff_config),
            "src",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    ruff = {
        (item["location"]["row"], item["location"]["column"]) for item in json.loads(done.stdout)
    }
    fitness = {(f.location.line, f.location.column) for f in check_project(root).findings}

    assert len(ruff) == 8  # both sides count: a ruff that found nothing would prove nothing
    assert ruff <= fitness, sorted(ruff - fitness)
    # Neither reports the shadowed names of `shadowed`.
    assert not any(line >= 25 for line, _ in fitness)
    assert {where: BEYOND_RUFF.get(where) for where in sorted(fitness - ruff)} == BEYOND_RUFF
